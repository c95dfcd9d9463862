"""Local git repositories standing in for role remotes."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import RoleCache

_INHERITED_GIT_VARS = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_ASKPASS",
    "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS",
)


def git(cwd: Path, *args: str) -> str:
    """Run git in `cwd` for test setup and return its stdout."""
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=30
    )
    return done.stdout.strip()


@dataclass
class Upstream:
    """A non-bare repository playing the role's remote."""

    path: Path

    @property
    def file_url(self) -> str:
        return self.path.as_uri()

    def commit(self, name: str, content: str, *, branch: str = "main") -> str:
        """Commit `name` with `content` on `branch` (created from main when new)."""
        if git(self.path, "branch", "--show-current") != branch:
            exists = git(self.path, "branch", "--list", branch)
            git(self.path, "checkout", "-q", *([] if exists else ["-b"]), branch)
        (self.path / name).write_text(content)
        git(self.path, "add", name)
        git(self.path, "commit", "-q", "-m", f"write {name}")
        head = git(self.path, "rev-parse", "HEAD")
        git(self.path, "checkout", "-q", "main")
        return head

    def head(self, ref: str = "main") -> str:
        return git(self.path, "rev-parse", ref)


class Clock:
    """A settable `now` for the cache, starting at the real time."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


@pytest.fixture(autouse=True)
def _isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _INHERITED_GIT_VARS:
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "gitconfig"
    config.write_text(
        "[user]\n\tname = Test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n"
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture
def make_upstream(tmp_path: Path) -> Callable[[str], Upstream]:
    """Create an upstream repository with one commit on `main`."""

    def make(name: str = "upstream") -> Upstream:
        path = tmp_path / name
        path.mkdir()
        git(path, "init", "-q", "-b", "main")
        upstream = Upstream(path)
        upstream.commit("jackin.role.toml", 'version = "v1alpha6"\n')
        return upstream

    return make


@pytest.fixture
def upstream(make_upstream: Callable[[str], Upstream]) -> Upstream:
    return make_upstream("upstream")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def cache(tmp_path: Path, clock: Clock) -> RoleCache:
    paths = JackinPaths(config_dir=tmp_path / "config", home_dir=tmp_path / "home")
    return RoleCache(paths, now=clock)
