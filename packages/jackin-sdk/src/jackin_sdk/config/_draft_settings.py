"""The settings draft: config.toml's global mounts, env, auth forwarding, role trust and
git trailers as the Settings form edits them, saved with the rules of the `jackin config`
commands (`jackin_sdk.config._draft_parts` holds what it shares with the workspace draft)."""

from __future__ import annotations

from pathlib import Path

from jackin_sdk.config._draft_parts import (
    AUTH_TARGETS,
    DraftError,
    GlobalMountRow,
    TrustRow,
    _EnvAndAuth,
    _field,
    _write_auth,
)
from jackin_sdk.config._editor import ConfigEditor
from jackin_sdk.config._global_mount_ops import (
    _check_scope,
    add_global_mount,
    remove_global_mount,
)
from jackin_sdk.config._models import (
    AppConfig,
)
from jackin_sdk.config._operations import (
    GitFlag,
    grant_trust,
    revoke_trust,
    set_git_flag,
    set_global_auth,
)
from jackin_sdk.config._semantics import global_mount_entries
from jackin_sdk.config._store import OperatorConfig
from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.mounts import (
    GlobalMountEntry,
    Mount,
    MountError,
    SensitiveHit,
    SensitiveMountsNotConfirmed,
    find_sensitive,
    parse_mount_spec,
    resolve_host_path,
    validate_global_mounts,
)
from jackin_sdk.vocab import (
    BUILTIN_ROLES,
    Agent,
    AuthForwardMode,
)

__all__ = ["SettingsDraft"]


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
