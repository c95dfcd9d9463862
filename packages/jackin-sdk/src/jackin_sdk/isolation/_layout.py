"""Where isolated checkouts live in an instance's state dir, and where they appear in it.

    <state>/git/worktree/repo/<dst>/<c>/   worktree checkouts
    <state>/git/clone/repo/<dst>/<c>/      clones
    <state>/git/overrides/<dst>/{.git,gitdir}
    <state>/.jackin/isolation.json

`<dst>` is the container path without its leading and trailing slashes.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from jackin_sdk.mounts import Isolation

__all__ = [
    "HOST_DIR",
    "checkout_path",
    "container_git_dir",
    "git_root",
    "normalize_dst",
    "overrides_dir",
    "records_file",
    "scratch_branch",
]

HOST_DIR = "/jackin/host"
"""The container folder under which each worktree's host `.git` is mounted."""


def normalize_dst(dst: str) -> str:
    """`dst` without `.`, `..`, repeated or trailing slashes."""
    normalized = posixpath.normpath(dst)
    return "/" + normalized.lstrip("/") if normalized.startswith("//") else normalized


def _relative(dst: str) -> str:
    return normalize_dst(dst).strip("/")


def git_root(state_dir: Path) -> Path:
    """The folder holding every isolated checkout and override of one instance."""
    return state_dir / "git"


def checkout_path(state_dir: Path, dst: str, container: str, isolation: Isolation) -> Path:
    """Where the worktree or clone for the mount at `dst` lives on the host."""
    kind = "clone" if isolation is Isolation.CLONE else "worktree"
    return git_root(state_dir) / kind / "repo" / _relative(dst) / container


def overrides_dir(state_dir: Path, dst: str) -> Path:
    """The folder of the two git pointer files mounted over a worktree's links."""
    return git_root(state_dir) / "overrides" / _relative(dst)


def container_git_dir(dst: str) -> str:
    """Where a worktree's host `.git` folder is mounted in the container."""
    return f"{HOST_DIR}/{_relative(dst)}/.git"


def scratch_branch(container: str) -> str:
    """The branch a worktree checks out: `jackin/scratch/<c>`."""
    return f"jackin/scratch/{container}"


def records_file(state_dir: Path) -> Path:
    """`<state>/.jackin/isolation.json`."""
    return state_dir / ".jackin" / "isolation.json"
