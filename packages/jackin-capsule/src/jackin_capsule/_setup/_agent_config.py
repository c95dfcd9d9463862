"""Agent config runtime-setup keeps current: Codex project trust, OpenCode permissions."""

from __future__ import annotations

import json
import os
import stat
import tomllib
from collections.abc import Sequence
from pathlib import Path

from jackin_capsule._setup._files import is_blank, read_bytes, write_file
from jackin_capsule._setup._paths import SetupError, SetupPaths, note

__all__ = ["configure_agent", "toml_string"]

_FILE_MODE = 0o600
_DIR_MODE = 0o700
_OPENCODE_SCHEMA = "https://opencode.ai/config.json"
_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n"}
_TOML_ESCAPES |= {"\f": "\\f", "\r": "\\r"}


def toml_string(text: str) -> str:
    """`text` as a TOML basic string."""
    out = []
    for char in text:
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _mode_of(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return _FILE_MODE


def _trust_codex_projects(path: Path, projects: Sequence[str]) -> None:
    """Append `[projects."<p>"] trust_level = "trusted"` for each project not yet listed."""
    data = read_bytes(path, "codex config")
    try:
        text = data.decode() if data is not None else ""
        listed = tomllib.loads(text).get("projects", {})
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        note(f"{path} is not valid TOML; not adding the workspace trust entries")
        return
    if not isinstance(listed, dict):
        note(f"{path}: `projects` is not a table; not adding the workspace trust entries")
        return
    missing = [p for p in dict.fromkeys(projects) if p not in listed]
    if not missing:
        return
    blocks = [f'[projects.{toml_string(p)}]\ntrust_level = "trusted"\n' for p in missing]
    head = text if not text or text.endswith("\n") else text + "\n"
    merged = head + ("\n" if head else "") + "\n".join(blocks)
    try:
        tomllib.loads(merged)
    except tomllib.TOMLDecodeError:
        note(f"{path}: cannot append the workspace trust entries to it; leaving it as is")
        return
    write_file(path, merged.encode(), _mode_of(path))


def _private_dir(folder: Path) -> None:
    try:
        folder.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
        if folder.stat().st_uid == os.getuid():
            folder.chmod(_DIR_MODE)
    except OSError as exc:
        raise SetupError(f"cannot create {folder}: {exc.strerror or exc}") from None


def _allow_opencode(path: Path) -> None:
    """Merge `$schema` and `"permission": "allow"` into `opencode.json`."""
    _private_dir(path.parent)
    data = read_bytes(path, "opencode config")
    document: dict[str, object] = {}
    if not is_blank(data):
        assert data is not None
        try:
            loaded = json.loads(data)
        except ValueError:
            loaded = None
        if not isinstance(loaded, dict):
            note(f"{path} is not a plain JSON object; leaving it as is")
            return
        document = loaded
    wanted = {"$schema": document.get("$schema", _OPENCODE_SCHEMA), "permission": "allow"}
    if data is not None and all(document.get(k) == v for k, v in wanted.items()):
        return
    document.update(wanted)
    write_file(path, (json.dumps(document, indent=2) + "\n").encode(), _FILE_MODE)


def configure_agent(paths: SetupPaths, slug: str, projects: Sequence[str]) -> None:
    """Agent-specific config for `slug` (nothing for agents that need none)."""
    if slug == "codex":
        if projects:
            _trust_codex_projects(paths.home / ".codex" / "config.toml", projects)
    elif slug == "opencode":
        _allow_opencode(paths.home / ".config" / "opencode" / "opencode.json")
