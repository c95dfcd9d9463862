"""Name the host user inside the container (spec runtime §2.11).

The container runs as the operator's uid and gid, which the image's `/etc/passwd`
usually does not know: `whoami`, `ssh` and `getpwuid` would fail. The construct
consults `/var/lib/extrausers` after its own files (libnss-extrausers), and jackin
bind-mounts one row each there: the uid is `agent`, the gid `agent-host`. The files are
shared by every instance in `~/.jackin/extrausers/` and rewritten only when their bytes
change, so a running container's read-only single-file bind keeps its inode.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jackin_sdk.docker import Bind
from jackin_sdk.fs import atomic_write_if_changed

__all__ = ["GROUP_TARGET", "PASSWD_TARGET", "ExtraUsers", "extrausers_binds", "write_extrausers"]

PASSWD_TARGET = "/var/lib/extrausers/passwd"  # noqa: S105 - a path, not a password
GROUP_TARGET = "/var/lib/extrausers/group"


@dataclass(frozen=True, slots=True)
class ExtraUsers:
    """The two files to mount."""

    passwd: Path
    group: Path


def write_extrausers(folder: Path, uid: int, gid: int) -> ExtraUsers | None:
    """Write the rows for `uid`:`gid` into `folder`; None for root, which every image knows."""
    if uid == 0:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    files = ExtraUsers(folder / "passwd", folder / "group")
    passwd = f"agent:x:{uid}:{gid}:agent:/home/agent:/bin/zsh\n"
    atomic_write_if_changed(files.passwd, passwd.encode(), mode=0o644)
    atomic_write_if_changed(files.group, f"agent-host:x:{gid}:agent\n".encode(), mode=0o644)
    return files


def extrausers_binds(files: ExtraUsers | None) -> list[Bind]:
    """The read-only binds of `files` (none without them)."""
    if files is None:
        return []
    return [
        Bind(str(files.passwd), PASSWD_TARGET, read_only=True),
        Bind(str(files.group), GROUP_TARGET, read_only=True),
    ]
