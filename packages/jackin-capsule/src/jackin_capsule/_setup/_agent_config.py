"""Agent config runtime-setup keeps current, so each agent opens ready for a prompt.

- Claude Code (`~/.claude.json`): onboarding marked complete (an api_key launch otherwise
  stops on "Unable to connect to Anthropic services"), every workspace folder trusted,
  and in `api_key` mode exactly the forwarded key approved (Claude Code keeps approved
  keys as their last 20 characters in `customApiKeyResponses.approved`).
- Codex (`~/.codex`): every workspace folder trusted in `config.toml`; in `api_key` mode
  `auth.json` holds the forwarded key (its TUI ignores `OPENAI_API_KEY` and opens on the
  sign-in screen otherwise).
- OpenCode: `"permission": "allow"`.

Only the instance's own home is written, never the operator's host files.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path

from jackin_capsule._setup._files import is_blank, read_bytes, write_file
from jackin_capsule._setup._paths import SetupError, SetupPaths, note
from jackin_capsule._toml import TomlError, loads, toml_string

__all__ = ["configure_agent"]

_FILE_MODE = 0o600
_DIR_MODE = 0o700
_OPENCODE_SCHEMA = "https://opencode.ai/config.json"


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
        listed = loads(text).get("projects", {})
    except (UnicodeDecodeError, TomlError):
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
        loads(merged)
    except TomlError:
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


def _json_object(path: Path, what: str) -> dict[str, object] | None:
    """The JSON object in `path` ({} when missing or blank), None when it is not one."""
    data = read_bytes(path, what)
    if is_blank(data):
        return {}
    assert data is not None
    try:
        loaded = json.loads(data)
    except ValueError:
        loaded = None
    if not isinstance(loaded, dict):
        note(f"{path} is not a plain JSON object; leaving it as is")
        return None
    return loaded


CLAUDE_KEY_SUFFIX = 20


def _ready_claude(path: Path, projects: Sequence[str], api_key: str | None) -> None:
    """Onboarding done, the folders trusted, and (api_key mode) the key approved."""
    document = _json_object(path, "claude account")
    if document is None:
        return
    before = json.dumps(document, sort_keys=True)
    document["hasCompletedOnboarding"] = True
    listed = document.get("projects")
    projects_table: dict[str, object] = listed if isinstance(listed, dict) else {}
    for project in dict.fromkeys(projects):
        entry = projects_table.get(project)
        entry = entry if isinstance(entry, dict) else {}
        entry["hasTrustDialogAccepted"] = True
        projects_table[project] = entry
    if projects_table:
        document["projects"] = projects_table
    if api_key:
        suffix = api_key.strip()[-CLAUDE_KEY_SUFFIX:]
        old = document.get("customApiKeyResponses")
        rejected = old.get("rejected") if isinstance(old, dict) else None
        kept = [r for r in rejected if r != suffix] if isinstance(rejected, list) else []
        document["customApiKeyResponses"] = {"approved": [suffix], "rejected": kept}
    if json.dumps(document, sort_keys=True) == before and path.exists():
        return
    write_file(path, (json.dumps(document, indent=2) + "\n").encode(), _mode_of(path))


def _codex_api_key(path: Path, api_key: str) -> None:
    """`auth.json` with the forwarded key, as `codex login --with-api-key` writes it."""
    _private_dir(path.parent)
    document = {"auth_mode": "apikey", "OPENAI_API_KEY": api_key}
    current = _json_object(path, "codex auth") if path.exists() else None
    if current == document:
        return
    write_file(path, (json.dumps(document, indent=2) + "\n").encode(), _FILE_MODE)


def configure_agent(
    paths: SetupPaths,
    slug: str,
    projects: Sequence[str],
    *,
    mode: str = "sync",
    env: Mapping[str, str] | None = None,
) -> None:
    """Agent-specific config for `slug` (nothing for agents that need none)."""
    env = env or {}
    if slug == "claude":
        key = env.get("ANTHROPIC_API_KEY") if mode == "api_key" else None
        _ready_claude(paths.home / ".claude.json", projects, key or None)
    elif slug == "codex":
        if projects:
            _trust_codex_projects(paths.home / ".codex" / "config.toml", projects)
        key = env.get("OPENAI_API_KEY")
        if mode == "api_key" and key:
            _codex_api_key(paths.home / ".codex" / "auth.json", key)
    elif slug == "opencode":
        _allow_opencode(paths.home / ".config" / "opencode" / "opencode.json")
