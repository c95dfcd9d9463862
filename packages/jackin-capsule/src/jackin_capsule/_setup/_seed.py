"""Seed each durable agent folder from the image's `/jackin/default-home` while it is empty.

At build time the overlay moves every agent's durable home paths into
`/jackin/default-home/` (`jackin_sdk.images._overlay`); at run time the host mounts an
empty-at-first folder over each. The rule is "empty ⇒ seed", so it is idempotent.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from jackin_capsule._setup._files import (
    copy_tree_into,
    is_blank_json,
    is_empty_dir,
    read_bytes,
    write_file,
)
from jackin_capsule._setup._paths import SetupError, SetupPaths
from jackin_capsule.contract import AgentHome

__all__ = ["Seeded", "seed_agent"]


@dataclass(frozen=True, slots=True)
class Seeded:
    """What seeding found: the agent's first start, and the durable files that were blank."""

    first: bool
    """The agent's first durable folder was empty (or missing): its first seed."""
    blank_files: frozenset[str]
    """Durable files (home-relative) that were missing, empty or `{}` before seeding."""


def _seed_dir(home: Path, seed_root: Path, relative: str) -> bool:
    """Seed one folder; True when it was empty (or missing) before."""
    target = home / relative
    if not is_empty_dir(target):
        return False
    seed = seed_root / relative
    if seed.is_dir() and not seed.is_symlink():
        copy_tree_into(seed, target)
    return True


def _seed_file(home: Path, seed_root: Path, relative: str) -> bool:
    """Seed one file; True when it was missing, empty or `{}` before."""
    target = home / relative
    if target.is_dir() or not is_blank_json(read_bytes(target, "durable file")):
        return False
    _copy_seed_file(target, seed_root / relative)
    return True


def _copy_seed_file(target: Path, seed: Path) -> None:
    try:
        info = seed.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SetupError(f"cannot read seed {seed}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        return
    data = read_bytes(seed, "seed")
    if data is not None:
        write_file(target, data, stat.S_IMODE(info.st_mode))


def seed_agent(paths: SetupPaths, agent: AgentHome) -> Seeded:
    """Seed `agent`'s durable folders and files that are empty."""
    first = False
    for index, relative in enumerate(agent.home_dirs):
        was_empty = _seed_dir(paths.home, paths.default_home, relative)
        first = first or (index == 0 and was_empty)
    blank = [f for f in agent.home_files if _seed_file(paths.home, paths.default_home, f)]
    return Seeded(first=first, blank_files=frozenset(blank))
