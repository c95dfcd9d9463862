"""The workspace draft: a saved workspace being edited, or a new one (the editor's form,
B7), checked and saved with the rules of `jackin workspace create`/`edit`
(`jackin_sdk.config._draft_parts` holds what it shares with the settings draft)."""

from __future__ import annotations

from pathlib import Path

from jackin_sdk.config._draft_parts import (
    _ISOLATION_CYCLE,
    AUTH_TARGETS,
    DraftError,
    MountRow,
    _auth_of,
    _EnvAndAuth,
    _field,
    _write_auth,
)
from jackin_sdk.config._editor import ConfigEditor
from jackin_sdk.config._models import (
    KeepAwakeConfig,
    MountConfig,
    WorkspaceConfig,
)
from jackin_sdk.config._semantics import workspace_mounts
from jackin_sdk.config._store import OperatorConfig
from jackin_sdk.config._workspace_ops import WorkspacePlan, apply_workspace_plan
from jackin_sdk.errors import JackinError
from jackin_sdk.mounts import (
    Isolation,
    Mount,
    MountError,
    SensitiveHit,
    SensitiveMountsNotConfirmed,
    check_mount_paths,
    find_sensitive,
    normalize,
    parse_mount_option,
    plan_mount_additions,
    validate_isolation_layout,
    validate_mount_specs,
    validate_workspace_mounts,
    validate_workspace_name,
)
from jackin_sdk.vocab import (
    RoleSelector,
)

__all__ = ["WorkspaceDraft"]


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
