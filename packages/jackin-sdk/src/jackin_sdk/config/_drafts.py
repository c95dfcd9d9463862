"""Editing drafts: a workspace or the global settings as an operator edits them in a form.

A draft holds the edited values in memory. Every edit is a method that checks the new
value with the rules (and messages) the CLI's commands use, and refuses a bad one
without changing the draft: a `DraftError` names the `field` it concerns (for a form to
show the message next to that row) and carries the SDK's message. `save()` writes through
the CLI's one save path (`ConfigEditor`: locked, the whole tree validated before any file
is written, atomic, comments kept) and writes nothing when anything is refused.

Env values never appear in a draft's repr or in its errors; rows show a value masked when
its key or shape says it is a secret, or when it was entered as one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tomlkit import TOMLDocument

from jackin_sdk.config._document import remove_path, set_path
from jackin_sdk.config._editor import ConfigEditor
from jackin_sdk.config._global_mount_ops import (
    _check_scope,
    add_global_mount,
    remove_global_mount,
)
from jackin_sdk.config._models import (
    AppConfig,
    KeepAwakeConfig,
    MountConfig,
    WorkspaceConfig,
)
from jackin_sdk.config._operations import (
    EnvScope,
    GitFlag,
    grant_trust,
    revoke_trust,
    set_env,
    set_git_flag,
    set_global_auth,
    unset_env,
    validate_env_key,
)
from jackin_sdk.config._semantics import global_mount_entries, workspace_mounts
from jackin_sdk.config._store import OperatorConfig
from jackin_sdk.config._workspace_ops import WorkspacePlan, apply_workspace_plan
from jackin_sdk.debug import is_secret_name, looks_secret_value
from jackin_sdk.env import EnvValue, ExtendedValue, OpRef
from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.mounts import (
    GlobalMountEntry,
    Isolation,
    Mount,
    MountError,
    SensitiveHit,
    SensitiveMountsNotConfirmed,
    check_mount_paths,
    find_sensitive,
    normalize,
    parse_mount_option,
    parse_mount_spec,
    plan_mount_additions,
    resolve_host_path,
    validate_global_mounts,
    validate_isolation_layout,
    validate_mount_specs,
    validate_workspace_mounts,
    validate_workspace_name,
)
from jackin_sdk.vocab import (
    BUILTIN_ROLES,
    Agent,
    AuthForwardMode,
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
    "SettingsDraft",
    "TrustRow",
    "WorkspaceDraft",
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


def _describe(value: EnvValue) -> str:
    if isinstance(value, OpRef):
        text = value.op + (f" (account {value.account})" if value.account else "")
        return text + (" (on demand)" if value.on_demand else "")
    if isinstance(value, ExtendedValue):
        return value.value + (" (on demand)" if value.on_demand else "")
    return value


def _looks_secret(key: str, value: EnvValue) -> bool:
    if isinstance(value, OpRef):
        return False
    text = value.value if isinstance(value, ExtendedValue) else value
    return is_secret_name(key) or looks_secret_value(text)


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
            if _looks_secret(key, value)
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
                _MASK if (role, key) in self._masked else _describe(value),
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
        if secret or _looks_secret(key, value):
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


# ── the workspace draft ──────────────────────────────────────────────────────────────────


def _mount_field(message: str) -> str:
    """The field a whole-workspace rule's message concerns."""
    if "default_role" in message:
        return "roles"
    if "workdir" in message:
        return "workdir"
    if "workspace name" in message:
        return "name"
    return "mounts"


class WorkspaceDraft(_EnvAndAuth):
    """A saved workspace being edited (`WorkspaceDraft.edit`) or a new one (`.create`)."""

    def __init__(
        self,
        config: OperatorConfig,
        name: str | None,
        *,
        home: Path,
        cwd: Path,
    ) -> None:
        self._config = config
        self._home = home
        self._cwd = cwd
        self._original = name
        base = config.workspace(name) if name is not None else None
        self._base = base
        self._load(base, name)

    @classmethod
    def edit(cls, config: OperatorConfig, name: str, *, home: Path, cwd: Path) -> WorkspaceDraft:
        """A draft of saved workspace `name` (E007 when there is none)."""
        return cls(config, name, home=home, cwd=cwd)

    @classmethod
    def create(
        cls, config: OperatorConfig, *, home: Path, cwd: Path, directory: Path | None = None
    ) -> WorkspaceDraft:
        """A draft of a new workspace: empty, or for `directory` (mounted at its own path,
        the workdir, and named after it when that name is valid and free)."""
        draft = cls(config, None, home=home, cwd=cwd)
        if directory is not None:
            draft.add_mount(str(directory))
            try:
                draft.set_name(Path(draft.workdir).name)
            except DraftError:
                draft.name = ""
        return draft

    def _load(self, base: WorkspaceConfig | None, name: str | None) -> None:
        self.name = name or ""
        self.workdir = base.workdir if base else ""
        self._mounts = workspace_mounts(base) if base else []
        self._base_mounts = list(self._mounts)
        self.allowed_roles: list[str] = list(base.allowed_roles) if base else []
        self.default_role: str | None = base.default_role if base else None
        self.keep_awake = bool(base and base.keep_awake and base.keep_awake.enabled)
        self.git_pull = bool(base and base.git_pull_on_entry)
        self._init_env_auth(
            base.env if base else {},
            {key: role.env for key, role in base.roles.items() if role.env} if base else {},
            base,
        )

    def __repr__(self) -> str:
        return (
            f"WorkspaceDraft(name={self.name!r}, workdir={self.workdir!r}, "
            f"mounts={[m.dst for m in self._mounts]!r}, roles={self.allowed_roles!r}, "
            f"env={self._env_repr()}, changes={self.changes})"
        )

    @property
    def creating(self) -> bool:
        """True for a new workspace."""
        return self._original is None

    @property
    def original_name(self) -> str | None:
        """The saved name (None for a new workspace)."""
        return self._original

    def _inherited_auth(self, target: str) -> str:
        return _auth_of(self._config.app, target) or "sync"

    def _env_command(self) -> str:
        return f"jackin workspace env set {self.name or '<name>'}"

    # checks
    def _check(self, *, mounts: list[Mount], workdir: str, allowed: list[str],
               default: str | None) -> None:  # fmt: skip
        """The whole-workspace rules, once there is something to check them on."""
        validate_mount_specs(mounts)
        validate_isolation_layout(mounts)
        if self.creating and not mounts:
            return  # a new workspace gets its first mount (and workdir) next
        validate_workspace_mounts(
            self.name or "(new)", workdir, mounts, allowed_roles=allowed, default_role=default
        )

    def _try(self, field: str, **changes: object) -> None:
        """Check the draft as it would be with `changes`; apply them only if it passes."""
        state: dict[str, object] = {
            "mounts": self._mounts,
            "workdir": self.workdir,
            "allowed": self.allowed_roles,
            "default": self.default_role,
        }
        state.update(changes)
        with _field(field):
            self._check(**state)  # type: ignore[arg-type]
        self._mounts = list(state["mounts"])  # type: ignore[call-overload]
        self.workdir = str(state["workdir"])
        self.allowed_roles = list(state["allowed"])  # type: ignore[call-overload]
        default = state["default"]
        self.default_role = default if isinstance(default, str) else None

    # general
    def set_name(self, name: str) -> None:
        """Name (or rename) the workspace: the CLI's name rules, and no clash."""
        name = name.strip()
        with _field("name"):
            validate_workspace_name(name)
            if name != self._original and name in self._config.workspaces:
                raise JackinError(
                    f'workspace "{name}" already exists; use `jackin workspace edit {name}`'
                )
        self.name = name

    def set_workdir(self, workdir: str) -> None:
        """The container working directory: absolute, inside (or above) a mount."""
        workdir = workdir.strip()
        with _field("workdir"):
            if not workdir.startswith("/"):
                raise MountError(
                    f'workspace "{self.name or "(new)"}" workdir must be an absolute container path'
                )
        self._try("workdir", workdir=normalize(workdir))

    def workdir_choices(self) -> list[str]:
        """The container paths the workdir may be picked from: the mount destinations."""
        return sorted({m.dst for m in self._mounts})

    def toggle_keep_awake(self) -> None:
        """Keep the host awake while an agent of this workspace runs (macOS only)."""
        self.keep_awake = not self.keep_awake

    def toggle_git_pull(self) -> None:
        """Pull the workspace's repositories when an agent starts."""
        self.git_pull = not self.git_pull

    # mounts
    def mount_rows(self) -> list[MountRow]:
        """The mounts in order."""
        return [MountRow(m.dst, m.src, m.readonly, m.isolation) for m in self._mounts]

    def _plan_mount(self, spec: str) -> tuple[Mount, list[Mount], tuple[str, ...]]:
        with _field("mounts"):
            mount = parse_mount_option(spec, cwd=self._cwd, home=self._home, option="mount")
            plan = plan_mount_additions(self._mounts, [mount])
        return mount, list(plan.mounts), tuple(r.child.src for r in plan.collapsed)

    def mount_collapses(self, spec: str) -> tuple[str, ...]:
        """The sources of the mounts adding `spec` would subsume (the CLI asks before it
        collapses them); refuses a bad spec as `add_mount` does, changing nothing."""
        return self._plan_mount(spec)[2]

    def add_mount(self, spec: str) -> tuple[str, ...]:
        """Add (or replace at its destination) a mount from `src[:dst][:ro]`, as `--mount`.

        Mounts the new one covers collapse into it (their sources are returned). A new
        workspace's first mount also becomes its workdir when none is set.
        """
        mount, mounts, collapsed = self._plan_mount(spec)
        workdir = self.workdir or (mount.dst if self.creating else "")
        self._try("mounts", mounts=mounts, workdir=workdir)
        return collapsed

    def _index(self, dst: str) -> int:
        for index, mount in enumerate(self._mounts):
            if mount.dst == dst:
                return index
        raise DraftError("mounts", MountError(f"unknown workspace mount destination: {dst}"))

    def remove_mount(self, dst: str) -> None:
        """Remove the mount at `dst` (refused if the workdir would be left outside)."""
        index = self._index(dst)
        mounts = [m for i, m in enumerate(self._mounts) if i != index]
        self._try("mounts", mounts=mounts)

    def toggle_readonly(self, dst: str) -> None:
        """Switch the mount at `dst` between read-write and read-only."""
        index = self._index(dst)
        mounts = list(self._mounts)
        old = mounts[index]
        mounts[index] = Mount(old.src, old.dst, not old.readonly, old.isolation)
        self._try("mounts", mounts=mounts)

    def cycle_isolation(self, dst: str) -> Isolation:
        """shared → worktree → clone → shared (refused where two isolated mounts share a
        host repository)."""
        index = self._index(dst)
        mounts = list(self._mounts)
        old = mounts[index]
        position = _ISOLATION_CYCLE.index(old.isolation)
        following = _ISOLATION_CYCLE[(position + 1) % len(_ISOLATION_CYCLE)]
        mounts[index] = Mount(old.src, old.dst, old.readonly, following)
        self._try("mounts", mounts=mounts)
        return following

    def sensitive(self) -> list[SensitiveHit]:
        """Sources of mounts new in this draft that need the operator's confirmation."""
        before = {(m.src, m.dst) for m in self._base_mounts}
        added = [m for m in self._mounts if (m.src, m.dst) not in before]
        return find_sensitive(added, home=self._home, cwd=self._cwd)

    # roles
    def add_role(self, selector: str) -> str:
        """Allow the role named by `selector` (`name` or `namespace/name`); returns its key."""
        with _field("roles"):
            key = RoleSelector.parse(selector).key
        if key not in self.allowed_roles:
            self._try("roles", allowed=[*self.allowed_roles, key])
        return key

    def toggle_role(self, key: str) -> None:
        """Allow or disallow `key` (disallowing the default role is refused)."""
        allowed = list(self.allowed_roles)
        if key in allowed:
            allowed.remove(key)
        else:
            allowed.append(key)
        self._try("roles", allowed=allowed)

    def toggle_default_role(self, key: str) -> None:
        """Make `key` the default role, or clear it when it is already."""
        self._try("roles", default=None if self.default_role == key else key)

    def role_choices(self) -> list[str]:
        """Roles to show: allowed ones, then configured and built-in ones not yet allowed."""
        known = sorted(self._config.app.roles)
        return [*self.allowed_roles, *(k for k in known if k not in self.allowed_roles)]

    # the result
    def _mount_configs(self) -> list[MountConfig]:
        return [
            MountConfig(src=m.src, dst=m.dst, readonly=m.readonly, isolation=m.isolation)
            for m in self._mounts
        ]

    def _workspace(self) -> WorkspaceConfig:
        """The workspace as saving would write it (env and auth of an edit applied per key
        on the document, so they keep their comments)."""
        update: dict[str, object] = {
            "workdir": self.workdir,
            "mounts": self._mount_configs(),
            "allowed_roles": list(self.allowed_roles),
            "default_role": self.default_role,
            "git_pull_on_entry": self.git_pull,
            "keep_awake": KeepAwakeConfig(enabled=True) if self.keep_awake else None,
        }
        if self._base is not None:
            if bool(self._base.keep_awake and self._base.keep_awake.enabled) == self.keep_awake:
                update["keep_awake"] = self._base.keep_awake
            return self._base.model_copy(update=update)
        tables: dict[str, object] = {}
        for target, mode in self._auth.items():
            if mode is not None:
                tables[target] = {"auth_forward": mode}
        roles = {
            role: {"env": dict(values)} for role, values in self._envs.items() if role and values
        }
        return WorkspaceConfig.model_validate(
            {**update, "env": dict(self._env), "roles": roles, **tables}
        )

    @property
    def changes(self) -> int:
        """How many changes are not saved yet (the footer's count)."""
        return len(self.describe_changes())

    def describe_changes(self) -> tuple[str, ...]:
        """One line per unsaved change (never a value)."""
        lines: list[str] = []
        if self.creating:
            lines.append("new workspace")
        elif self.name != self._original:
            lines.append(f"rename → {self.name}")
        base = self._base
        if self.workdir != (base.workdir if base else ""):
            lines.append(f"workdir → {self.workdir}")
        old = {m.dst: m for m in self._base_mounts}
        new = {m.dst: m for m in self._mounts}
        lines += [f"removed mount {dst}" for dst in old if dst not in new]
        for dst, mount in new.items():
            if dst not in old:
                lines.append(f"added mount {dst}")
            elif old[dst] != mount:
                lines.append(f"changed mount {dst}")
        base_roles = list(base.allowed_roles) if base else []
        lines += [f"allowed role {r}" for r in self.allowed_roles if r not in base_roles]
        lines += [f"removed role {r}" for r in base_roles if r not in self.allowed_roles]
        if self.default_role != (base.default_role if base else None):
            lines.append(f"default role → {self.default_role or 'none'}")
        if self.keep_awake != bool(base and base.keep_awake and base.keep_awake.enabled):
            lines.append(f"keep-awake → {'enabled' if self.keep_awake else 'disabled'}")
        if self.git_pull != bool(base and base.git_pull_on_entry):
            lines.append(f"git-pull-on-entry → {'enabled' if self.git_pull else 'disabled'}")
        lines += self._env_and_auth_changes()
        return tuple(lines)

    def validate(self) -> WorkspaceConfig:
        """Every rule `jackin workspace create/edit` applies; the workspace as it would be."""
        with _field("name"):
            validate_workspace_name(self.name)
            if self.name != self._original and self.name in self._config.workspaces:
                raise JackinError(
                    f'workspace "{self.name}" already exists; use `jackin workspace edit '
                    f"{self.name}`"
                )
        for number, mount in enumerate(self._mounts, start=1):
            with _field("mounts"):
                try:
                    check_mount_paths(mount)
                except MountError as error:
                    raise MountError(f"mount {number} ({mount.dst}): {error.message}") from None
        try:
            validate_workspace_mounts(
                self.name,
                self.workdir,
                self._mounts,
                allowed_roles=self.allowed_roles,
                default_role=self.default_role,
            )
        except MountError as error:
            raise DraftError(_mount_field(error.message), error) from error
        return self._workspace()

    def save(self, *, confirmed_sensitive: bool = False) -> OperatorConfig:
        """Write the workspace through `ConfigEditor` (the CLI's save path).

        New sensitive mount sources need `confirmed_sensitive` (else E020, nothing
        written). On success the draft starts over from what was saved.
        """
        workspace = self.validate()
        hits = self.sensitive()
        if hits and not confirmed_sensitive:
            raise DraftError("mounts", SensitiveMountsNotConfirmed(hits))
        with _field("general"):
            try:
                saved = self._write(workspace)
            except MountError as error:
                raise DraftError(_mount_field(error.message), error) from error
        self._config = saved
        self._original = self.name
        self._base = saved.workspace(self.name)
        self._load(self._base, self.name)
        return saved

    def _write(self, workspace: WorkspaceConfig) -> OperatorConfig:
        with ConfigEditor(self._config.paths) as editor:
            if self._original is None:
                apply_workspace_plan(editor, WorkspacePlan(self.name, workspace, created=True))
                return editor.commit()
            name = self._original
            apply_workspace_plan(editor, WorkspacePlan(name, workspace))
            self._write_env(editor, name)
            document = editor.workspace(name)
            for target in AUTH_TARGETS:
                if self._auth[target] != self._base_auth[target]:
                    _write_auth(document, target, self._auth[target])
            if self.name != name:
                editor.rename_workspace(name, self.name)
            return editor.commit()

    def discard(self) -> None:
        """Drop every unsaved change."""
        self._load(self._base, self._original)


# ── the settings draft ───────────────────────────────────────────────────────────────────


class SettingsDraft(_EnvAndAuth):
    """config.toml's global mounts, env, auth forwarding, role trust and git trailers."""

    def __init__(self, config: OperatorConfig, *, home: Path, cwd: Path) -> None:
        self._config = config
        self._home = home
        self._cwd = cwd
        self._load(config.app)

    def _load(self, app: AppConfig) -> None:
        self._entries = global_mount_entries(app)
        self._base_entries = list(self._entries)
        self._trust = {key: source.trusted for key, source in sorted(app.roles.items())}
        self._base_trust = dict(self._trust)
        self._git = {
            GitFlag.COAUTHOR_TRAILER: bool(app.git and app.git.coauthor_trailer),
            GitFlag.DCO: bool(app.git and app.git.dco),
        }
        self._base_git = dict(self._git)
        self._init_env_auth(
            app.env, {key: source.env for key, source in app.roles.items() if source.env}, app
        )

    def _check_env_role(self, key: str) -> None:
        if key not in self._config.app.roles:
            raise JackinError(
                f'role "{key}" is not configured in config.toml; trust it first with '
                f"`jackin config trust grant {key}`"
            )

    def __repr__(self) -> str:
        return (
            f"SettingsDraft(mounts={[r.key for r in self.mount_rows()]!r}, "
            f"env={self._env_repr()}, changes={self.changes})"
        )

    # general
    def git_flag(self, flag: GitFlag) -> bool:
        """Whether the trailer `flag` is on."""
        return self._git[flag]

    def toggle_git_flag(self, flag: GitFlag) -> None:
        """Turn a commit trailer on or off."""
        self._git[flag] = not self._git[flag]

    # mounts
    def mount_rows(self) -> list[GlobalMountRow]:
        """Global mounts, unscoped first (as `config mount list`)."""
        entries = sorted(self._entries, key=lambda e: (e.scope is not None, e.scope or ""))
        return [
            GlobalMountRow(e.name, e.scope, e.mount.src, e.mount.dst, e.mount.readonly)
            for e in entries
        ]

    def add_mount(
        self, name: str, src: str, dst: str, *, readonly: bool = False, scope: str | None = None
    ) -> None:
        """Add or replace a global mount, with `jackin config mount add`'s checks."""
        with _field("mounts"):
            if not src.strip():
                raise UsageError("mount source cannot be empty")
            resolved = resolve_host_path(src.strip(), cwd=self._cwd, home=self._home)
        name = name.strip()
        same = next((e for e in self._entries if e.name == name and e.scope == scope), None)
        entry = GlobalMountEntry(scope, name, Mount(resolved, dst.strip(), readonly))
        self._entries = self._checked(entry, replacing=same)

    def _checked(
        self, entry: GlobalMountEntry, *, replacing: GlobalMountEntry | None
    ) -> list[GlobalMountEntry]:
        """The mounts with `entry` in place of `replacing` (or added), checked whole."""
        with _field("mounts"):
            if not entry.name:
                raise JackinError("mount name cannot be empty")
            if entry.scope is not None:
                _check_scope(entry.scope)
            validate_global_mounts([entry])
            if replacing is None:
                candidate = [*self._entries, entry]
            else:
                candidate = [entry if e is replacing else e for e in self._entries]
            validate_global_mounts(candidate)
        return candidate

    def edit_mount(
        self,
        key: str,
        *,
        name: str | None = None,
        src: str | None = None,
        dst: str | None = None,
        scope: str | None = None,
        unscoped: bool = False,
    ) -> str:
        """Rename a global mount or change its source, destination or scope (`unscoped`:
        every role); the same checks as adding. Returns the row's new key."""
        entry = self._find(key)
        mount = entry.mount
        if src is not None:
            with _field("mounts"):
                if not src.strip():
                    raise UsageError("mount source cannot be empty")
                new_src = resolve_host_path(src.strip(), cwd=self._cwd, home=self._home)
            mount = Mount(new_src, mount.dst, mount.readonly)
        if dst is not None:
            mount = Mount(mount.src, dst.strip(), mount.readonly)
        new_scope = None if unscoped else (scope.strip() if scope is not None else entry.scope)
        new_name = name.strip() if name is not None else entry.name
        if (new_scope, new_name) != (entry.scope, entry.name) and any(
            e.scope == new_scope and e.name == new_name for e in self._entries
        ):
            raise DraftError(
                "mounts",
                MountError(f"duplicate global mount entry: {new_name} [{new_scope or 'global'}]"),
            )
        updated = GlobalMountEntry(new_scope, new_name, mount)
        self._entries = self._checked(updated, replacing=entry)
        return new_name if new_scope is None else f"{new_scope}:{new_name}"

    def add_mount_spec(self, name: str, spec: str, *, scope: str | None = None) -> None:
        """`add_mount` from `src[:dst][:ro]` (the `--mount` grammar; no dst: same path)."""
        with _field("mounts"):
            if not name.strip():
                raise JackinError("mount name cannot be empty")
            mount = parse_mount_spec(spec, cwd=self._cwd, home=self._home)
        self.add_mount(name, mount.src, mount.dst, readonly=mount.readonly, scope=scope)

    def _find(self, key: str) -> GlobalMountEntry:
        for entry in self._entries:
            if (entry.name if entry.scope is None else f"{entry.scope}:{entry.name}") == key:
                return entry
        raise DraftError("mounts", JackinError(f'Mount "{key}" not found.'))

    def remove_mount(self, key: str) -> None:
        """Remove the global mount with row key `key`."""
        entry = self._find(key)
        self._entries = [e for e in self._entries if e is not entry]

    def toggle_readonly(self, key: str) -> None:
        """Switch a global mount between read-write and read-only."""
        entry = self._find(key)
        mount = Mount(entry.mount.src, entry.mount.dst, not entry.mount.readonly)
        self._entries = [
            GlobalMountEntry(e.scope, e.name, mount) if e is entry else e for e in self._entries
        ]

    def sensitive(self) -> list[SensitiveHit]:
        """Sources of global mounts new in this draft that need confirmation."""
        before = {(e.mount.src, e.mount.dst) for e in self._base_entries}
        added = [e.mount for e in self._entries if (e.mount.src, e.mount.dst) not in before]
        return find_sensitive(added, home=self._home, cwd=self._cwd)

    # trust
    def trust_rows(self) -> list[TrustRow]:
        """Every configured role source (built-ins included)."""
        app = self._config.app
        return [
            TrustRow(key, app.roles[key].git, trusted, key in BUILTIN_ROLES)
            for key, trusted in self._trust.items()
        ]

    def toggle_trust(self, key: str) -> bool:
        """Trust or stop trusting `key` (built-in roles are always trusted)."""
        with _field(f"trust.{key}"):
            if key in BUILTIN_ROLES:
                raise JackinError(f"{key} is a built-in role and is always trusted.")
            if key not in self._trust:
                raise JackinError(f'role "{key}" is not configured in config.toml')
        self._trust[key] = not self._trust[key]
        return self._trust[key]

    # the result
    @property
    def changes(self) -> int:
        """How many changes are not saved yet (the footer's count)."""
        return len(self.describe_changes())

    def describe_changes(self) -> tuple[str, ...]:
        """One line per unsaved change (never a value)."""
        lines: list[str] = []
        old = {(e.scope, e.name): e.mount for e in self._base_entries}
        new = {(e.scope, e.name): e.mount for e in self._entries}
        lines += [f"removed mount {name}" for (scope, name) in old if (scope, name) not in new]
        for (scope, name), mount in new.items():
            if (scope, name) not in old:
                lines.append(f"added mount {name}")
            elif old[(scope, name)] != mount:
                lines.append(f"changed mount {name}")
        lines += self._env_and_auth_changes()
        for key, trusted in self._trust.items():
            if trusted != self._base_trust.get(key):
                lines.append(f"{'trusted' if trusted else 'untrusted'} {key}")
        for flag, enabled in self._git.items():
            if enabled != self._base_git[flag]:
                lines.append(f"{flag.value} → {'enabled' if enabled else 'disabled'}")
        return tuple(lines)

    def save(self, *, confirmed_sensitive: bool = False) -> OperatorConfig:
        """Write config.toml through `ConfigEditor`, each change with the function the CLI's
        command uses; nothing is written when any is refused."""
        hits = self.sensitive()
        if hits and not confirmed_sensitive:
            raise DraftError("mounts", SensitiveMountsNotConfirmed(hits))
        with _field("general"):
            saved = self._write()
        self._config = saved
        self._load(saved.app)
        return saved

    def _write(self) -> OperatorConfig:
        with ConfigEditor(self._config.paths) as editor:
            self._write_mounts(editor)
            self._write_env(editor, None)
            for target in AUTH_TARGETS:
                mode = self._auth[target]
                if mode == self._base_auth[target]:
                    continue
                with _field(f"auth.{target}"):
                    if mode is not None and target != "github":
                        set_global_auth(editor, Agent(target), AuthForwardMode(mode))
                    else:
                        _write_auth(editor.config, target, mode)
            for key, trusted in self._trust.items():
                if trusted != self._base_trust.get(key):
                    with _field(f"trust.{key}"):
                        (grant_trust if trusted else revoke_trust)(editor, key)
            for flag, enabled in self._git.items():
                if enabled != self._base_git[flag]:
                    set_git_flag(editor, flag, enabled)
            return editor.commit()

    def _write_mounts(self, editor: ConfigEditor) -> None:
        old = {(e.scope, e.name): e.mount for e in self._base_entries}
        new = {(e.scope, e.name): e.mount for e in self._entries}
        with _field("mounts"):
            for scope, name in old.keys() - new.keys():
                remove_global_mount(editor, name, scope=scope)
            for (scope, name), mount in new.items():
                if old.get((scope, name)) != mount:
                    add_global_mount(editor, name, mount, scope=scope)

    def discard(self) -> None:
        """Drop every unsaved change."""
        self._load(self._config.app)


def sensitive_declined() -> DraftError:
    """The error a form shows when the operator declines the sensitive-mount question
    (the CLI's message)."""
    return DraftError("mounts", JackinError(_SENSITIVE_DECLINED))
