"""A jackin home with the stand-in role, driven through the real `jackin` command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parents[1] / "fixtures" / "roles"
FIXTURE = FIXTURES / "stand-in"
JACKIN = str(Path(sys.executable).with_name("jackin"))


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=cwd, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return done.stdout.strip()


def docker(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["docker", *args], capture_output=True, text=True, check=check, timeout=120
    )


@dataclass
class Home:
    """Config and data roots, the role repository and a project folder."""

    root: Path
    project: Path
    commit: str
    role: str = "stand-in"
    role_url: str = ""

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "JACKIN_CONFIG_DIR": str(self.root / "config"),
            "JACKIN_HOME_DIR": str(self.root / "home"),
            "HOME": str(self.root / "host-home"),
            "GIT_AUTHOR_NAME": "Op Erator",
            "GIT_AUTHOR_EMAIL": "op@example.invalid",
        }

    @property
    def data(self) -> Path:
        return self.root / "home" / "data"

    def jackin(
        self, *args: str, cwd: Path | None = None, stdin: str | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [JACKIN, *args], cwd=cwd or self.project, env=self.env, input=stdin,
            capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        if check and done.returncode != 0:
            raise AssertionError(f"jackin {' '.join(args)} failed ({done.returncode}):\n"
                                 f"{done.stdout}\n{done.stderr}")  # fmt: skip
        return done

    def status(self) -> list[dict[str, Any]]:
        data = json.loads(self.jackin("status", "--format", "json").stdout)
        return [i for ws in data["workspaces"] for i in ws["instances"]]

    def records(self, container: str) -> list[str]:
        folder = self.data / container / "state" / "stand-in"
        return [p.read_text() for p in sorted(folder.glob("*.txt"))] if folder.exists() else []

    def wait_records(self, container: str, count: int, timeout: float = 60.0) -> list[str]:
        """The stand-in agent's records once there are `count`, each written in full (the
        agent starts asynchronously and writes its record line by line)."""
        deadline = time.monotonic() + timeout
        previous: list[str] = []
        while True:
            found = self.records(container)
            complete = len(found) >= count and all("\nmount: " in r for r in found)
            if complete and found == previous:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"{count} agent record(s) expected, found {len(found)}")
            previous = found
            time.sleep(0.2)

    def configure(
        self, *, env: dict[str, str], modes: dict[str, str], github: str = "ignore"
    ) -> None:
        """Rewrite config.toml with these env values and auth modes (role and DinD kept)."""
        lines = ['version = "v1alpha10"', "", "[env]"]
        lines += [f'{key} = "{value}"' for key, value in env.items()]
        lines += ["", f"[roles.{self.role}]", f'git = "{self.role_url}"', "trusted = true", ""]
        lines += ["[docker]", "dind = false", ""]
        for agent, mode in modes.items():
            lines += [f"[{agent}]", f'auth_forward = "{mode}"', ""]
        lines += ["[github]", f'auth_forward = "{github}"', ""]
        (self.root / "config" / "config.toml").write_text("\n".join(lines))

    def cleanup(self) -> None:
        names = docker(
            "ps", "-a", "--format", "{{.Names}}", "--filter", "label=jackin.managed=true"
        ).stdout.split()
        mine = [n for n in names if (self.data / n).exists() or (self.data / n[:-5]).exists()]
        if mine:
            docker("rm", "-f", *mine)
        for name in docker("network", "ls", "--format", "{{.Name}}").stdout.split():
            if (self.data / name.removesuffix("-net")).exists():
                docker("network", "rm", name)
        tag = self.commit[:7]
        docker("rmi", f"jk_{self.role}:{tag}", f"jk_{self.role}__base:{tag}")


def make_home(root: Path, *, dind: bool = False, fixture: str = "stand-in") -> Home:
    role = root / "role"
    shutil.copytree(FIXTURES / fixture, role)
    git(role, "init", "-q", "-b", "main")
    git(role, "add", "-A")
    git(role, "commit", "-q", "-m", "stand-in role")
    config = root / "config"
    config.mkdir()
    (config / "config.toml").write_text(
        'version = "v1alpha10"\n\n[env]\nPLAIN_SETTING = "visible"\n'
        'SERVICE_TOKEN = "tok-secret-0123456789"\n\n'
        f'[roles.{fixture}]\ngit = "{role.as_uri()}"\ntrusted = true\n\n'
        f"[docker]\ndind = {'true' if dind else 'false'}\n"
        f'dind_image = "{os.environ.get("JACKIN_DIND_IMAGE", "jackin-test/dind:bookworm")}"\n'
    )
    (root / "host-home").mkdir()
    project = root / "project"
    project.mkdir()
    (project / "README.md").write_text("project\n")
    return Home(root, project, git(role, "rev-parse", "HEAD"), fixture, role.as_uri())


def jackin_sampling_ps(
    home: Home, *args: str
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run `jackin ARGS` while sampling the host's process list every 50 ms.

    Returns the run and every `ps -eo args` sample, so a test can prove a secret never
    appeared on any host command line while the command ran.
    """
    seen: list[str] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=False)
            seen.append(ps.stdout)
            stop.wait(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        run = home.jackin(*args)
    finally:
        stop.set()
        sampler.join()
    return run, seen


def tmux_home(engine: Any, tmp_path: Path) -> Iterator[Home]:
    """A temp jackin home for a test driving jackin in tmux on the real engine: the test
    construct must be there, and tmux missing is a failure where CI expects Docker."""
    import pytest  # noqa: PLC0415

    from tests.conftest import REQUIRE_DOCKER, TEST_CONSTRUCT_IMAGE, require_image  # noqa: PLC0415

    require_image(engine, TEST_CONSTRUCT_IMAGE)
    if shutil.which("tmux") is None:
        message = "tmux is not installed (.ci/run installs it)"
        if REQUIRE_DOCKER:
            pytest.fail(message)
        pytest.skip(message)
    made = make_home(tmp_path)
    try:
        yield made
    finally:
        made.cleanup()
