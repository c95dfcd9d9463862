"""Each agent's credential policy, by auth mode (spec runtime §4.4, config §7.3).

* `sync`: copy each forwarded hand-off (`/jackin/<agent>/…`, read-only, maybe absent)
  into the home at 0600 when the target is missing or on the agent's first seed; never
  clobber a target that exists otherwise (the agent may have refreshed its token).
  Claude's `account.json` is copied again while `~/.claude.json` is still `{}`.
* `api_key`, `oauth_token`: delete the in-home credential; the key comes from the env.
  Claude `oauth_token` also marks onboarding done in `~/.claude.json`.
* `ignore`: delete the in-home credential.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from jackin_capsule._setup._files import (
    is_blank,
    is_blank_json,
    read_bytes,
    remove,
    write_file,
)
from jackin_capsule._setup._paths import SetupError, SetupPaths, note
from jackin_capsule._setup._seed import Seeded
from jackin_capsule.contract import AgentHome, Handoff

__all__ = ["apply_credentials"]

_FILE_MODE = 0o600
_DIR_MODE = 0o700
_ONBOARDED = "hasCompletedOnboarding"


def _sync_file(paths: SetupPaths, handoff: Handoff, seeded: Seeded) -> bool:
    """Copy one forwarded file if the rule says so; True when a hand-off was there.

    A `refill_blank` target that was blank before seeding counts as blank: the host's
    account beats the image's default.
    """
    source = paths.handoff_root / handoff.source
    data = read_bytes(source, "hand-off")
    if is_blank_json(data):
        return False
    assert data is not None
    target = paths.home / handoff.target
    current = read_bytes(target, "credential file")
    if handoff.refill_blank:
        blank = handoff.target in seeded.blank_files or is_blank_json(current)
    else:
        blank = is_blank(current)
    if seeded.first or blank:
        write_file(target, data, _FILE_MODE)
    return True


def _handoff_files(root: Path) -> list[Path]:
    """Regular files under `root`, relative to it (symlinks and special files skipped)."""
    found: list[Path] = []

    def fail(exc: OSError) -> None:
        raise SetupError(f"cannot read hand-off {exc.filename}: {exc.strerror or exc}")

    for folder, dirs, files in os.walk(root, onerror=fail):
        base = Path(folder)
        dirs[:] = sorted(d for d in dirs if not (base / d).is_symlink())
        for name in sorted(files):
            entry = base / name
            if stat.S_ISREG(entry.lstat().st_mode):
                found.append(entry.relative_to(root))
    return found


def _private_dirs(target_root: Path, relative: Path) -> None:
    """Create the folders between `target_root` (mode kept if it exists) and the file, 0700."""
    folder = target_root
    try:
        folder.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
        for part in relative.parent.parts:
            folder = folder / part
            folder.mkdir(mode=_DIR_MODE, exist_ok=True)
            folder.chmod(_DIR_MODE)
    except OSError as exc:
        raise SetupError(f"cannot create {folder}: {exc.strerror or exc}") from None


def _sync_tree(paths: SetupPaths, handoff: Handoff, seeded: Seeded) -> bool:
    """Merge a forwarded folder (Kimi) file by file; True when it held any file."""
    source_root = paths.handoff_root / handoff.source
    if not source_root.is_dir():
        return False
    target_root = paths.home / handoff.target
    files = _handoff_files(source_root)
    for relative in files:
        target = target_root / relative
        if not seeded.first and target.exists():
            continue
        data = read_bytes(source_root / relative, "hand-off")
        if data is None:
            continue
        _private_dirs(target_root, relative)
        write_file(target, data, _FILE_MODE)
    return bool(files)


def _has_credential(path: Path) -> bool:
    if path.is_dir():
        return any(path.iterdir())
    return not is_blank(read_bytes(path, "credential file"))


def _sync(paths: SetupPaths, agent: AgentHome, seeded: Seeded, *, hint: bool) -> None:
    forwarded = False
    for handoff in agent.handoffs:
        sync = _sync_tree if handoff.tree else _sync_file
        present = sync(paths, handoff, seeded)
        forwarded = forwarded or (present and handoff.credential)
    if hint and not forwarded and not _has_credential(paths.home / agent.credential):
        note(f"{agent.slug}: no credentials forwarded; log in inside the container")


def _mark_onboarded(path: Path) -> None:
    """Claude `oauth_token`: make sure `~/.claude.json` says onboarding is done."""
    data = read_bytes(path, "account file")
    document: dict[str, object] = {}
    if not is_blank_json(data):
        assert data is not None
        try:
            loaded = json.loads(data)
        except ValueError:
            loaded = None
        if not isinstance(loaded, dict):
            note(f"{path} is not a JSON object; leaving it as is")
            return
        if loaded.get(_ONBOARDED) is True:
            return
        document = loaded
    document[_ONBOARDED] = True
    write_file(path, (json.dumps(document, indent=2) + "\n").encode(), _FILE_MODE)


def apply_credentials(
    paths: SetupPaths, agent: AgentHome, mode: str, seeded: Seeded, *, hint: bool
) -> None:
    """Apply `mode` to `agent`'s credentials in the home (`seeded`: what seeding found).

    `hint`: print the login hint when `sync` finds no credential (the session's agent).
    """
    if mode == "sync":
        _sync(paths, agent, seeded, hint=hint)
        return
    remove(paths.home / agent.credential)
    if mode == "oauth_token" and agent.slug == "claude":
        _mark_onboarded(paths.home / ".claude.json")
