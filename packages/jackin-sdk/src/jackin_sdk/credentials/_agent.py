"""Per-agent hand-off: what each auth mode leaves in `<state>/<slot>/` (upstream-config §7.3).

The host is only read, never written. `sync` copies the host's credential files into the
instance's slot (0600, unchanged files left alone, an earlier in-container login kept
when the host has none); `api_key` and `oauth_token` take a key from the operator env;
`ignore` forwards nothing. Keys reach the agent through the secrets file, never the
container's configured environment.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jackin_sdk.auth import Agent, AgentAuth, AuthForwardMode
from jackin_sdk.credentials._errors import CredentialMissing
from jackin_sdk.credentials._slots import HANDOFF_SLOTS, HandoffSlot
from jackin_sdk.debug import register_secret
from jackin_sdk.docker import Bind
from jackin_sdk.errors import JackinError
from jackin_sdk.fs import atomic_write_bytes, atomic_write_if_changed

__all__ = ["AgentCredentials", "KeychainReader", "prepare_agent_credentials"]

KeychainReader = Callable[[str], bytes | None]
"""Reads a macOS Keychain generic password by service name; None when absent."""

_ONBOARDED = b'{"hasCompletedOnboarding":true}\n'


@dataclass(frozen=True, slots=True)
class AgentCredentials:
    """What one agent gets: read-only binds of its slot, secret env, notes for the operator."""

    agent: Agent
    mode: AuthForwardMode
    binds: tuple[Bind, ...] = ()
    secret_env: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def _reject_symlink(path: Path) -> None:
    if path.is_symlink():
        raise JackinError(f"{path} is a symlink; jackin does not follow links in hand-off slots")


def _write_if_changed(target: Path, data: bytes) -> None:
    _reject_symlink(target)
    atomic_write_if_changed(target, data, mode=0o600)


def _read_credential(path: Path) -> bytes | None:
    """The file's bytes, or None when it is missing, a link, or only whitespace."""
    if path.is_symlink() or not path.is_file():
        return None
    data = path.read_bytes()
    return data if data.strip() else None


def _copy_tree(source: Path, target: Path) -> None:
    _reject_symlink(target)
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    target.chmod(0o700)
    for item in sorted(source.iterdir()):
        if item.is_symlink():
            continue
        if item.is_dir():
            _copy_tree(item, target / item.name)
        elif item.is_file():
            _write_if_changed(target / item.name, item.read_bytes())


def _clear(slot_dir: Path, names: Sequence[str]) -> None:
    for name in names:
        path = slot_dir / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def _keychain_service(source_dir: str | None) -> str:
    if source_dir is None:
        return "Claude Code-credentials"
    digest = hashlib.sha256(str(Path(source_dir).expanduser()).encode()).hexdigest()[:8]
    return f"Claude Code-credentials-{digest}"


def _sync(
    slot: HandoffSlot, slot_dir: Path, source: Path, auth: AgentAuth,
    keychain: KeychainReader | None,
) -> list[str]:  # fmt: skip
    notes: list[str] = []
    slot_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    slot_dir.chmod(0o700)
    found_any = False
    for file in slot.files:
        name = file.name
        data = _read_credential(source / file.home_path)
        if data is None and keychain is not None and name == "credentials.json":
            data = keychain(_keychain_service(auth.sync_source_dir))
        target = slot_dir / name
        if data is not None:
            register_secret(data.decode("utf-8", "replace"))
            _write_if_changed(target, data)
            found_any = True
        elif target.is_file():
            _reject_symlink(target)
            target.chmod(0o600)  # keep an earlier in-container login
    for relative in slot.trees:
        tree = source / relative
        if tree.is_dir() and not tree.is_symlink():
            _copy_tree(tree, slot_dir / Path(relative).name)
            found_any = True
    if slot.name == "claude" and not (slot_dir / "account.json").exists():
        atomic_write_bytes(slot_dir / "account.json", b"{}\n", mode=0o600)
    if not found_any:
        notes.append(
            f"{auth.agent.value}: no credentials found under {source}; log in inside the "
            "container (the login is kept for this instance)"
        )
    return notes


def _key(
    auth: AgentAuth, env_values: Mapping[str, str], presence: Sequence[tuple[str, bool]], what: str
) -> tuple[str, str]:
    key = auth.env_key
    assert key is not None
    value = env_values.get(key, "")
    if not value.strip():
        trace = [(label, mode.value if mode else None) for label, mode in auth.trace]
        raise CredentialMissing(what, auth.mode.value, key, trace, presence)
    register_secret(value)
    return key, value


def prepare_agent_credentials(
    state_dir: Path,
    auth: AgentAuth,
    *,
    env_values: Mapping[str, str],
    presence: Sequence[tuple[str, bool]] = (),
    host_home: Path,
    keychain: KeychainReader | None = None,
) -> AgentCredentials:
    """Fill (or empty) the agent's slot for its mode; raise `CredentialMissing` for keys."""
    slot = HANDOFF_SLOTS[auth.agent]
    slot_dir = state_dir / slot.name
    _reject_symlink(slot_dir)
    names = slot.entries
    what = f"agent {auth.agent.value}"
    mode = auth.mode
    if mode is AuthForwardMode.SYNC:
        source = Path(auth.sync_source_dir).expanduser() if auth.sync_source_dir else host_home
        if keychain is None and sys.platform == "darwin" and auth.agent is Agent.CLAUDE:
            keychain = _macos_keychain
        notes = _sync(slot, slot_dir, source, auth, keychain)
        bind = Bind(str(slot_dir), slot.target, read_only=True)
        return AgentCredentials(auth.agent, mode, (bind,), {}, tuple(notes))
    if mode is AuthForwardMode.IGNORE:
        _clear(slot_dir, names)
        return AgentCredentials(auth.agent, mode)
    key, value = _key(auth, env_values, presence, what)
    if mode is AuthForwardMode.OAUTH_TOKEN:
        _clear(slot_dir, ["credentials.json"])
        slot_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        _write_if_changed(slot_dir / "account.json", _ONBOARDED)
        bind = Bind(str(slot_dir), slot.target, read_only=True)
        return AgentCredentials(auth.agent, mode, (bind,), {key: value})
    _clear(slot_dir, names)
    return AgentCredentials(auth.agent, mode, (), {key: value})


def _macos_keychain(service: str) -> bytes | None:
    from jackin_sdk.process import run_command  # noqa: PLC0415

    try:
        result = run_command(
            ["security", "find-generic-password", "-s", service, "-w"], check=False, timeout=10,
            describe=f"read the Keychain entry {service}",
        )  # fmt: skip
    except JackinError:
        return None
    text = result.stdout.strip()
    return text.encode() + b"\n" if result.returncode == 0 and text else None
