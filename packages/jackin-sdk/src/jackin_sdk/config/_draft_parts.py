"""Editing drafts, the parts a workspace draft and the settings draft share: the
`DraftError` an edit raises, the rows a form shows, and the env values and auth modes of
one layer (`_EnvAndAuth`).

A draft holds the edited values in memory. Every edit is a method that checks the new
value with the rules (and messages) the CLI's commands use, and refuses a bad one
without changing the draft: a `DraftError` names the `field` it concerns (for a form to
show the message next to that row) and carries the SDK's message. `save()` writes through
the CLI's one save path (`ConfigEditor`: locked, the whole tree validated before any file
is written, atomic, comments kept) and writes nothing when anything is refused.

Env values never appear in a draft's repr or in its errors; rows show a value masked when
it is a literal that looks like a secret (`jackin_sdk.env.is_secret_literal`, the rule
`config env list` masks by), or when it was entered as one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from tomlkit import TOMLDocument

from jackin_sdk.config._document import remove_path, set_path
from jackin_sdk.config._editor import ConfigEditor
from jackin_sdk.config._operations import (
    EnvScope,
    set_env,
    unset_env,
    validate_env_key,
)
from jackin_sdk.env import EnvValue, describe_env_value, is_secret_literal
from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.mounts import (
    Isolation,
)
from jackin_sdk.vocab import (
    Agent,
    GithubAuthMode,
    RoleSelector,
    supported_modes,
)

__all__ = [
    "AUTH_TARGETS",
    "AuthRow",
    "DraftError",
    "EnvRow",
    "GlobalMountRow",
    "MountRow",
    "TrustRow",
    "auth_modes",
    "sensitive_declined",
]

#: The auth rows of the editor and Settings: every agent, then the GitHub CLI.
AUTH_TARGETS: tuple[str, ...] = (*(agent.value for agent in Agent), "github")

_AUTH_LABELS = {
    "claude": "Claude Code",
    "codex": "Codex",
    "amp": "Amp",
    "kimi": "Kimi",
    "opencode": "OpenCode",
    "grok": "Grok",
    "github": "GitHub CLI",
}
_MASK = "••••••••"
_ISOLATION_CYCLE = (Isolation.SHARED, Isolation.WORKTREE, Isolation.CLONE)
_SENSITIVE_DECLINED = "aborted — sensitive mount paths were not confirmed"


class DraftError(JackinError):
    """An edit or save the rules refused; `field` names the row, `cause` the SDK error."""

    def __init__(self, field: str, cause: JackinError) -> None:
        super().__init__(str(cause))
        self.field = field
        self.cause = cause
        self.exit_code = cause.exit_code


@contextmanager
def _field(name: str) -> Iterator[None]:
    """Turn an SDK error raised inside into a `DraftError` for `name`."""
    try:
        yield
    except DraftError:
        raise
    except JackinError as exc:
        raise DraftError(name, exc) from exc


# ── rows (what a form shows) ─────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class MountRow:
    """One workspace mount as shown: destination, host source, mode, isolation."""

    dst: str
    src: str
    readonly: bool
    isolation: Isolation

    @property
    def mode(self) -> str:
        """`ro` or `rw`."""
        return "ro" if self.readonly else "rw"


@dataclass(frozen=True, slots=True)
class GlobalMountRow:
    """One global mount: its name, scope (None = every role) and mount."""

    name: str
    scope: str | None
    src: str
    dst: str
    readonly: bool

    @property
    def key(self) -> str:
        """`scope/name`-style key that names the row (`name` when unscoped)."""
        return self.name if self.scope is None else f"{self.scope}:{self.name}"

    @property
    def scope_label(self) -> str:
        """The scope as operators see it (`global` when unscoped)."""
        return self.scope if self.scope is not None else "global"

    @property
    def mode(self) -> str:
        """`ro` or `rw`."""
        return "ro" if self.readonly else "rw"


@dataclass(frozen=True, slots=True)
class EnvRow:
    """One env key and how its value is shown (masked, or as written; never resolved)."""

    key: str
    shown: str
    masked: bool


@dataclass(frozen=True, slots=True)
class AuthRow:
    """One agent's (or the GitHub CLI's) auth forwarding at this layer."""

    target: str
    label: str
    mode: str | None
    """The mode set at this layer; None when it inherits."""
    inherited: str
    """The mode it gets when this layer sets none."""
    modes: tuple[str, ...]

    @property
    def shown(self) -> str:
        """`api_key`, or `inherit (sync)`."""
        return self.mode if self.mode is not None else f"inherit ({self.inherited})"


@dataclass(frozen=True, slots=True)
class TrustRow:
    """One configured role source and whether it is trusted."""

    key: str
    git: str
    trusted: bool
    builtin: bool


# ── shared parts: env and auth ───────────────────────────────────────────────────────────


def auth_modes(target: str) -> tuple[str, ...]:
    """The modes `target` (an agent name or `github`) accepts, in cycle order."""
    if target == "github":
        return tuple(mode.value for mode in GithubAuthMode)
    return tuple(mode.value for mode in supported_modes(Agent(target)))


def _check_auth(target: str, mode: str) -> None:
    """The CLI's message (`config auth set`) for a mode the agent does not take."""
    if target not in AUTH_TARGETS:
        raise UsageError(f"unknown agent {target}; expected one of {', '.join(AUTH_TARGETS)}")
    allowed = auth_modes(target)
    if mode not in allowed:
        raise UsageError(
            f"auth_forward {mode} is not supported for {target}; supported modes: "
            f"[{', '.join(allowed)}]"
        )


def _auth_of(tables: object, target: str) -> str | None:
    table = getattr(tables, target, None)
    mode = getattr(table, "auth_forward", None)
    return None if mode is None else str(mode.value)


class _EnvAndAuth:
    """Env values and auth modes of one layer, its env per role too; the same rows in the
    editor and Settings. An env section is the layer's own (`role` None) or a role's."""

    _envs: dict[str | None, dict[str, EnvValue]]
    _base_envs: dict[str | None, dict[str, EnvValue]]
    _masked: set[tuple[str | None, str]]
    _auth: dict[str, str | None]
    _base_auth: dict[str, str | None]

    def _init_env_auth(
        self,
        env: Mapping[str, EnvValue],
        role_envs: Mapping[str, Mapping[str, EnvValue]],
        tables: object,
    ) -> None:
        self._base_envs = {None: dict(env)}
        self._base_envs.update({role: dict(values) for role, values in role_envs.items()})
        self._envs = {section: dict(values) for section, values in self._base_envs.items()}
        self._masked = {
            (section, key)
            for section, values in self._envs.items()
            for key, value in values.items()
            if is_secret_literal(key, value)
        }
        self._base_auth = {target: _auth_of(tables, target) for target in AUTH_TARGETS}
        self._auth = dict(self._base_auth)

    def _env_command(self) -> str:
        """How the CLI sets an env value of this layer."""
        return "jackin config env set"

    def _check_env_role(self, key: str) -> None:
        """Refuse a role that cannot hold env at this layer."""

    def _inherited_auth(self, target: str) -> str:
        return "sync"

    # env
    @property
    def _env(self) -> dict[str, EnvValue]:
        return self._envs[None]

    def env_sections(self) -> list[str]:
        """The roles with an env section here, sorted."""
        return sorted(section for section in self._envs if section is not None)

    def add_env_section(self, selector: str) -> str:
        """Open an env section for the role `selector` names; returns its key."""
        with _field("env-roles"):
            key = RoleSelector.parse(selector).key
            self._check_env_role(key)
        self._envs.setdefault(key, {})
        return key

    def env_rows(self, role: str | None = None) -> list[EnvRow]:
        """The keys of a section in order, masked values shown as dots."""
        return [
            EnvRow(
                key,
                _MASK
                if (role, key) in self._masked
                else describe_env_value(key, value, show_values=True),
                (role, key) in self._masked,
            )
            for key, value in sorted(self._envs.get(role, {}).items())
        ]

    def env_value(self, key: str, role: str | None = None) -> EnvValue | None:
        """The stored value of `key` (for pre-filling an edit box); None when unset."""
        return self._envs.get(role, {}).get(key)

    @staticmethod
    def env_field(key: str, role: str | None = None) -> str:
        """The `DraftError.field` of an env key (`env.KEY`, `env[role].KEY`)."""
        section = "env" if role is None else f"env[{role}]"
        return f"{section}.{key}" if key else section

    def check_env_key(self, key: str, role: str | None = None) -> None:
        """Refuse a key `set_env` would refuse (asked before its value is)."""
        with _field(self.env_field(key, role)):
            validate_env_key(key)

    def set_env(
        self, key: str, value: str, *, secret: bool = False, role: str | None = None
    ) -> None:
        """Set `key` (the CLI's key rules: not empty, not reserved); `secret` masks it.

        An `op://` reference is refused: the CLI checks one with 1Password before storing
        it as a reference table, and a bare `op://` string would be stored as a literal.
        """
        self.check_env_key(key, role)
        with _field(self.env_field(key, role)):
            if any(c in value for c in "\n\r\0"):
                raise UsageError(
                    f"the value of {key} spans several lines (or holds a NUL); an env value is "
                    "one line"
                )
            if value.startswith("op://"):
                command = self._env_command() + (f" --role {role}" if role else "")
                raise UsageError(
                    f"{key}: a 1Password reference is checked with `op` before it is stored; "
                    f"set it with `{command} {key}` (the console has no 1Password picker yet)"
                )
            if role is not None:
                self._check_env_role(role)
        self._envs.setdefault(role, {})[key] = value
        if secret or is_secret_literal(key, value):
            self._masked.add((role, key))

    def unset_env(self, key: str, role: str | None = None) -> None:
        """Remove `key` (E: not set)."""
        with _field(self.env_field(key, role)):
            if key not in self._envs.get(role, {}):
                raise UsageError(f"{key} not set.")
        del self._envs[role][key]
        self._masked.discard((role, key))

    def toggle_mask(self, key: str, role: str | None = None) -> None:
        """Show or hide the value of `key`."""
        if (role, key) in self._masked:
            self._masked.discard((role, key))
        elif key in self._envs.get(role, {}):
            self._masked.add((role, key))

    # auth
    def auth_rows(self) -> list[AuthRow]:
        """One row per agent and the GitHub CLI."""
        return [
            AuthRow(
                target,
                _AUTH_LABELS[target],
                self._auth[target],
                self._inherited_auth(target),
                auth_modes(target),
            )
            for target in AUTH_TARGETS
        ]

    def set_auth(self, target: str, mode: str | None) -> None:
        """Set the mode of `target` at this layer (None: inherit), with the CLI's checks."""
        if mode is not None:
            with _field(f"auth.{target}"):
                _check_auth(target, mode)
        self._auth[target] = mode

    def cycle_auth(self, target: str) -> str:
        """Move `target` to its next mode (after the last: back to inherit)."""
        modes = auth_modes(target)
        current = self._auth[target]
        index = modes.index(current) + 1 if current in modes else 0
        following = modes[index] if index < len(modes) else None
        self.set_auth(target, following)
        return following or "inherit"

    def _env_and_auth_changes(self) -> list[str]:
        lines: list[str] = []
        for section in [None, *sorted(k for k in self._envs.keys() | self._base_envs.keys() if k)]:
            where = f" (role {section})" if section else ""
            base, now = self._base_envs.get(section, {}), self._envs.get(section, {})
            for key in sorted(base.keys() | now.keys()):
                if key not in now:
                    lines.append(f"removed env {key}{where}")
                elif key not in base:
                    lines.append(f"added env {key}{where}")
                elif now[key] != base[key]:
                    lines.append(f"changed env {key}{where}")
        for target in AUTH_TARGETS:
            if self._auth[target] != self._base_auth[target]:
                lines.append(f"auth {target} → {self._auth[target] or 'inherit'}")
        return lines

    def _write_env(self, editor: ConfigEditor, workspace: str | None) -> None:
        """Each changed key with the CLI's `env set` / `env unset` functions."""
        for section in [None, *sorted(k for k in self._envs.keys() | self._base_envs.keys() if k)]:
            scope = EnvScope(workspace=workspace, role=section)
            base, now = self._base_envs.get(section, {}), self._envs.get(section, {})
            for key in sorted(base.keys() - now.keys()):
                with _field(self.env_field(key, section)):
                    unset_env(editor, key, scope)
            for key, value in now.items():
                if base.get(key) != value:
                    with _field(self.env_field(key, section)):
                        set_env(editor, key, value, scope)

    def _env_repr(self) -> str:
        keys = [
            f"{section}:{key}" if section else key
            for section, values in self._envs.items()
            for key in values
        ]
        return "[" + ", ".join(sorted(keys)) + "]"


def _write_auth(document: TOMLDocument, target: str, mode: str | None) -> None:
    """Set (or, for None, remove) `[<target>] auth_forward` in `document`."""
    path = [target, "auth_forward"]
    if mode is None:
        remove_path(document, path)
    else:
        set_path(document, path, mode)


def sensitive_declined() -> DraftError:
    """The error a form shows when the operator declines the sensitive-mount question
    (the CLI's message)."""
    return DraftError("mounts", JackinError(_SENSITIVE_DECLINED))
