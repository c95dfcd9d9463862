"""Real git repositories in `tmp_path` standing in for an operator's host checkouts."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from jackin_sdk.isolation import Materialized, materialize
from jackin_sdk.mounts import Isolation, Mount

CONTAINER = "jk-abcd1234-agent"
_INHERITED_GIT_VARS = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_COMMON_DIR",
    "GIT_CONFIG",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
)


def git(cwd: Path, *args: str) -> str:
    """Run git in `cwd` for test setup and return its stdout."""
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=30
    )
    return done.stdout.strip()


def commit(repo: Path, name: str, content: str = "x\n") -> str:
    """Write `name`, commit it and return the new HEAD."""
    (repo / name).write_text(content)
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", f"write {name}")
    return git(repo, "rev-parse", "HEAD")


def branch_exists(repo: Path, branch: str) -> bool:
    done = subprocess.run(
        ["git", "show-ref", "--verify", "--quiet", f"refs/heads/{branch}"], cwd=repo, check=False
    )
    return done.returncode == 0


@dataclass
class Host:
    """A host repository and the state dir of one instance."""

    repo: Path
    state_dir: Path

    def mount(
        self,
        dst: str = "/workspace/proj",
        isolation: Isolation = Isolation.WORKTREE,
        *,
        src: Path | None = None,
        readonly: bool = False,
    ) -> Mount:
        return Mount(str(src or self.repo), dst, readonly=readonly, isolation=isolation)

    def materialize(
        self, *mounts: Mount, container: str = CONTAINER, force: bool = False
    ) -> Materialized:
        return materialize(
            list(mounts or [self.mount()]),
            container=container,
            state_dir=self.state_dir,
            workspace="proj",
            selector_key="agent",
            force=force,
        )


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
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "test@example.invalid")


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[[str], Path]:
    """Create a repository with one commit on `main`."""

    def make(name: str) -> Path:
        repo = tmp_path / "host" / name
        repo.mkdir(parents=True)
        git(repo, "init", "-q", "-b", "main")
        git(repo, "config", "user.name", "Test")
        git(repo, "config", "user.email", "test@example.invalid")
        commit(repo, "README.md", "hello\n")
        return repo

    return make


@pytest.fixture
def host(tmp_path: Path, make_repo: Callable[[str], Path]) -> Host:
    return Host(repo=make_repo("proj"), state_dir=tmp_path / "data" / CONTAINER)
