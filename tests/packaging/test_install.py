"""Operators install jackin from its wheels the standard ways, and it works end to end.

The wheels are built once per run with `uv build --all-packages`; every install takes
jackin's own packages from that folder (`--find-links`) and third-party packages from the
registry as usual. Each installed program runs from outside the checkout, with the
checkout's own environment out of its PATH, so only what the install brought is used.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from jackin_sdk.docker import DockerApi
from tests.conftest import REQUIRE_DOCKER, TEST_CONSTRUCT_IMAGE, require_image
from tests.integration.launch_support import FIXTURES, docker, make_home

ROOT = Path(__file__).parents[2]
PACKAGES = ("jackin-sdk", "jackin-cli", "jackin-tui", "jackin-role", "jackin-capsule")


def _uv() -> str:
    found = shutil.which("uv")
    if found is None:
        if REQUIRE_DOCKER:  # CI installs uv first: its absence there is a failure
            pytest.fail("uv is not on PATH")
        pytest.skip("uv is not on PATH")
    return found


def _run(
    argv: list[str], *, env: dict[str, str], cwd: Path, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise AssertionError(
            f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        )
    return done


def _clean_env(root: Path, bin_dir: Path) -> dict[str, str]:
    """The caller's environment without the checkout's venv, and its own empty homes."""
    venv_bin = str(Path(sys.executable).parent)
    path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p and p != venv_bin]
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env |= {
        "PATH": os.pathsep.join([str(bin_dir), *path]),
        "JACKIN_CONFIG_DIR": str(root / "config"),
        "JACKIN_HOME_DIR": str(root / "home"),
        "UV_TOOL_DIR": str(root / "uv-tools"),
        "UV_TOOL_BIN_DIR": str(bin_dir),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    return env


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every package's wheel and sdist, built from this checkout."""
    out = tmp_path_factory.mktemp("dist")
    _run(
        [_uv(), "build", "--all-packages", "--out-dir", str(out), "--quiet"],
        env=dict(os.environ),
        cwd=ROOT,
    )
    return out


@dataclass(frozen=True)
class Installed:
    """An install of jackin outside the checkout."""

    root: Path
    bin_dir: Path
    env: dict[str, str]

    def run(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return _run([str(self.bin_dir / args[0]), *args[1:]], env=self.env, cwd=cwd or self.root)


def _uv_tool(dist: Path, root: Path, package: str) -> Installed:
    bin_dir = root / "bin"
    env = _clean_env(root, bin_dir)
    _run([_uv(), "tool", "install", "--find-links", str(dist), package], env=env, cwd=root)
    return Installed(root, bin_dir, env)


def _pip_venv(dist: Path, root: Path, package: str) -> Installed:
    venv = root / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], env=dict(os.environ), cwd=root)
    bin_dir = venv / "bin"
    env = _clean_env(root, bin_dir)
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "--quiet"]
    _run([*pip, "--find-links", str(dist), package], env=env, cwd=root)
    return Installed(root, bin_dir, env)


def test_every_package_builds_a_wheel_with_registry_metadata(dist: Path) -> None:
    wheels = sorted(p.name for p in dist.glob("*.whl"))
    for package in PACKAGES:
        stem = package.replace("-", "_")
        assert any(w.startswith(f"{stem}-") for w in wheels), (package, wheels)
    _run(
        [
            sys.executable,
            "-m",
            "twine",
            "check",
            "--strict",
            *map(str, sorted(dist.glob("jackin_*"))),
        ],
        env=dict(os.environ),
        cwd=dist,
    )


def test_jackin_role_installs_alone_and_validates_without_an_engine(
    dist: Path, tmp_path: Path
) -> None:
    installed = _uv_tool(dist, tmp_path, "jackin-role")
    installed.env["DOCKER_HOST"] = "unix:///nonexistent/docker.sock"
    version = installed.run("jackin-role", "--version").stdout
    assert version.startswith("jackin-role ")
    role = tmp_path / "role"
    shutil.copytree(FIXTURES / "stand-in", role)
    done = installed.run("jackin-role", "validate", str(role), "--offline", "--format", "json")
    assert json.loads(done.stdout)["data"]["valid"] is True
    tool_env = tmp_path / "uv-tools" / "jackin-role"
    site = next(tool_env.glob("lib/python*/site-packages"))
    assert not (site / "textual").exists(), "the role validator pulled in the console"
    assert not (site / "jackin_cli").exists()


@pytest.fixture(params=["uv-tool", "pip-venv"])
def cli(request: pytest.FixtureRequest, dist: Path, tmp_path: Path) -> Installed:
    install = _uv_tool if request.param == "uv-tool" else _pip_venv
    root = tmp_path / "install"
    root.mkdir()
    return install(dist, root, "jackin-cli")


@pytest.mark.docker
def test_an_installed_cli_launches_an_instance_end_to_end(
    engine: DockerApi, cli: Installed, tmp_path: Path
) -> None:
    require_image(engine, TEST_CONSTRUCT_IMAGE)

    version = cli.run("jackin", "--version").stdout
    assert version.startswith("jackin "), version
    assert "sdk 0.1.0" in version, version
    assert "capsule 0.1.0" in version, version

    home = make_home(tmp_path / f"home-{uuid.uuid4().hex[:6]}")
    env = {**cli.env, **{k: v for k, v in home.env.items() if k.startswith(("JACKIN_", "HOME"))}}
    installed = Installed(cli.root, cli.bin_dir, env)

    doctor = json.loads(installed.run("jackin", "doctor", "--format", "json").stdout)
    checks = {check["name"]: check["status"] for check in doctor["data"]}
    assert checks["docker_daemon"] == "ok", doctor

    role = tmp_path / "role-copy"
    shutil.copytree(FIXTURES / "stand-in", role)
    assert installed.run("jackin", "role", "validate", str(role), "--offline").returncode == 0

    try:
        done = installed.run("jackin", "load", "stand-in", "--detach", cwd=home.project)
        container = done.stdout.strip()
        assert docker("inspect", container).returncode == 0, done.stdout
        installed.run("jackin", "eject", container, "--purge", cwd=home.project)
    finally:
        home.cleanup()


def _screen(session: str) -> str:
    done = subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session],
        capture_output=True, text=True, check=False, timeout=30,
    )  # fmt: skip
    return done.stdout


def test_bare_jackin_on_a_terminal_opens_the_console(dist: Path, tmp_path: Path) -> None:
    if shutil.which("tmux") is None:
        if REQUIRE_DOCKER:  # CI installs tmux
            pytest.fail("tmux is not on PATH")
        pytest.skip("tmux is not on PATH")
    installed = _uv_tool(dist, tmp_path, "jackin-cli")
    session = f"jk-console-{uuid.uuid4().hex[:6]}"
    env = {k: v for k, v in installed.env.items() if k != "CI"} | {"TERM": "xterm-256color"}
    command = " ".join(
        f"{k}={shlex.quote(v)}"
        for k, v in env.items()
        if k.startswith(("PATH", "JACKIN_", "HOME", "TERM"))
    )
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30",
         f"env -u CI {command} {installed.bin_dir / 'jackin'}; sleep 30"],
        check=True, timeout=30,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        # The first screen: the brand pill and the workspace manager's label and first row.
        opened = ("jackin❯", "workspaces", "Current directory")
        while not all(s in _screen(session) for s in opened) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert all(s in _screen(session) for s in opened), _screen(session)
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True, timeout=30)
        while "Current directory" in _screen(session) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "Current directory" not in _screen(session), "q did not quit the console"
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False, timeout=30)
