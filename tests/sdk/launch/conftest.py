"""A trusted stand-in role in a local git repository, an operator config, a fake engine."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from jackin_sdk.config import OperatorConfig, load_operator_config
from jackin_sdk.launch import LaunchContext
from jackin_sdk.paths import JackinPaths
from jackin_sdk.testing import FakeDocker

FIXTURE = Path(__file__).parents[2] / "fixtures" / "roles" / "stand-in"
CONSTRUCT = "projectjackin/construct:0.35-trixie"
DIND_IMAGE = "jackin-test/dind:fake"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=30
    )
    return done.stdout.strip()


@dataclass
class World:
    """Everything a launch test needs."""

    paths: JackinPaths
    role_repo: Path
    project: Path
    docker: FakeDocker

    def config(self) -> OperatorConfig:
        return load_operator_config(self.paths)

    def context(self, **changes: object) -> LaunchContext:
        values: dict[str, object] = {
            "docker": self.docker,
            "config": self.config(),
            "host_env": {"GIT_AUTHOR_NAME": "Op", "GIT_AUTHOR_EMAIL": "op@example.invalid"},
            "host_uid": 1000,
            "host_home": self.paths.home_dir.parent / "host-home",
            "host_gid": 1000,
        }
        values.update(changes)
        return LaunchContext(**values)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "gitconfig"
    config.write_text(
        "[user]\n\tname = Test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n"
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def role_repository(root: Path) -> Path:
    repo = root / "role-repo"
    shutil.copytree(FIXTURE, repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "stand-in role")
    return repo


def write_config(paths: JackinPaths, repo: Path, *, dind: bool = False, env: str = "") -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text(
        'version = "v1alpha10"\n\n'
        f"[env]\n{env}\n"
        f'[roles.stand-in]\ngit = "{repo.as_uri()}"\ntrusted = true\n\n'
        f'[docker]\ndind = {"true" if dind else "false"}\ndind_image = "{DIND_IMAGE}"\n'
    )


@pytest.fixture
def world(tmp_path: Path, jackin_paths: JackinPaths) -> World:
    repo = role_repository(tmp_path)
    write_config(jackin_paths, repo, env='PLAIN_SETTING = "visible"\nAPI_TOKEN = "tok-123456789"')
    project = tmp_path / "project"
    project.mkdir()
    (project / "README").write_text("hello\n")
    docker = FakeDocker(images=[CONSTRUCT, DIND_IMAGE])
    return World(jackin_paths, repo, project, docker)
