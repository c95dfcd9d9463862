"""Which workspace and role a `jackin load` means (spec cli §3.2 "Resolution" 2–4).

`resolve_target` turns the positional arguments, the current directory and the saved
workspaces into a `LaunchTarget`: the workspace (saved or ad-hoc), its workdir, the
final mount list (workspace + ad-hoc + global mounts for the role, isolation overrides
applied) and the role. It reads no Docker state and writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.config import global_mount_entries, workspace_mounts
from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.mounts import (
    Isolation,
    Mount,
    MountPathError,
    apply_isolation_overrides,
    check_mount_paths,
    parse_mount_option,
    resolve_global_mounts,
    validate_isolation_layout,
    validate_mount_specs,
)
from jackin_sdk.roles import RoleSelector

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig, WorkspaceConfig

__all__ = ["LaunchTarget", "resolve_target"]


@dataclass(frozen=True, slots=True)
class LaunchTarget:
    """A resolved workspace and role, ready to plan a launch from."""

    role: RoleSelector
    workspace_name: str | None
    """The saved workspace's name; None for an ad-hoc (current-directory) launch."""
    workspace_label: str
    """The saved name, or the host directory for ad-hoc launches."""
    workdir: str
    mounts: tuple[Mount, ...]
    workspace: WorkspaceConfig | None = None

    @property
    def is_adhoc(self) -> bool:
        """Whether no saved workspace is involved."""
        return self.workspace_name is None


def _looks_like_path(text: str) -> bool:
    return "/" in text or text.startswith((".", "~"))


def _split_target(text: str) -> tuple[str, str | None]:
    """`src:dst` splits at the first `:` whose right side starts with `/`."""
    index = text.find(":/")
    if index > 0:
        return text[:index], text[index + 1 :]
    return text, None


def _adhoc_dir(text: str, *, cwd: Path, home: Path) -> tuple[str, str]:
    src, dst = _split_target(text)
    expanded = str(home) + src[1:] if src == "~" or src.startswith("~/") else src
    path = Path(expanded) if Path(expanded).is_absolute() else cwd / expanded
    try:
        resolved = path.resolve(strict=True)
    except OSError as exc:
        raise JackinError(f"cannot resolve path {src}: {exc.strerror or exc}") from None
    if not resolved.is_dir():
        raise JackinError(f"cannot resolve path {src}: not a directory")
    mount = Mount(str(resolved), dst or str(resolved))
    try:
        check_mount_paths(mount)
    except MountPathError as error:
        where = "the current directory" if text == "." else f"the load target {text}"
        hint = _ADHOC_HINT.format(src=mount.src) if ":" in mount.src else None
        raise error.at(origin=where, hint=hint) from None
    return mount.src, mount.dst


_ADHOC_HINT = (
    "Rename the folder, or save a workspace that mounts it through a symlink without `:`: "
    "`ln -s '{src}' ~/link && jackin workspace create NAME --workdir /workspace "
    "--mount ~/link:/workspace`"
)


def _saved_for_cwd(config: OperatorConfig, cwd: Path) -> str | None:
    """The saved workspace whose workdir is cwd or whose mount src contains cwd (deepest)."""
    here = str(cwd.resolve())
    best: tuple[int, str] | None = None
    for name, workspace in sorted(config.workspaces.items()):
        for mount in workspace.mounts:
            src = mount.src.rstrip("/") or "/"
            if here == src or here.startswith(src.rstrip("/") + "/"):
                depth = len(Path(src).parts)
                if best is None or depth > best[0]:
                    best = (depth, name)
    return best[1] if best else None


def _eligible_roles(config: OperatorConfig, workspace: WorkspaceConfig) -> list[str]:
    return list(workspace.allowed_roles) or sorted(config.app.roles)


def _role_for_workspace(config: OperatorConfig, name: str) -> RoleSelector:
    workspace = config.workspaces[name]
    eligible = _eligible_roles(config, workspace)
    if not eligible:
        raise JackinError("no roles configured; add one with `jackin load <role>`")
    for candidate in (workspace.last_role, workspace.default_role):
        if candidate and candidate in eligible:
            return RoleSelector.parse(candidate)
    if len(eligible) == 1:
        return RoleSelector.parse(eligible[0])
    raise UsageError(
        f'workspace "{name}" allows several roles ({", ".join(eligible)}); '
        "name one: `jackin load <role>`"
    )


def _check_sources(mounts: Sequence[Mount]) -> None:
    for mount in mounts:
        if not Path(mount.src).exists():
            raise JackinError(
                f"mount source {mount.src} (for {mount.dst}) does not exist; create it or "
                "fix the workspace"
            )


def _named_target(
    config: OperatorConfig, target: str | None, cwd: Path
) -> tuple[str | None, str | None]:
    """(saved workspace name, directory target) for `jackin load <role> [TARGET]`."""
    if target is None or _looks_like_path(target):
        return None, target
    saved = target in config.workspaces
    local = (cwd / target).is_dir()
    if saved and local:
        raise UsageError(
            f'"{target}" matches both a saved workspace and a directory; pass '
            f"`./{target}` for the directory"
        )
    if not saved and not local:
        names = ", ".join(sorted(config.workspaces)) or "(none)"
        raise UsageError(
            f'"{target}" is neither a saved workspace nor a directory; saved '
            f"workspaces: {names}. For a directory, write `./{target}`"
        )
    return (target, None) if saved else (None, f"./{target}")


def _role_and_workspace(
    config: OperatorConfig, selector: str | None, target: str | None, cwd: Path
) -> tuple[RoleSelector, str | None, str | None]:
    if selector is not None:
        role = RoleSelector.parse(selector)
        name, directory = _named_target(config, target, cwd)
        return role, name, directory
    if target is not None:
        raise UsageError("a TARGET needs a role: `jackin load <role> <target>`")
    name = _saved_for_cwd(config, cwd)
    if name is None:
        raise JackinError(
            "no saved workspace matches the current directory.\n"
            "Run `jackin load <role>` to launch a role here, or `jackin console` to pick one"
        )
    return _role_for_workspace(config, name), name, None


def _final_mounts(
    config: OperatorConfig,
    role: RoleSelector,
    *,
    base: list[Mount],
    extra: list[Mount],
    isolation: Sequence[tuple[str, Isolation]],
    home: Path,
) -> list[Mount]:
    taken = {m.dst for m in base}
    for mount in extra:
        if mount.dst in taken:
            raise JackinError(
                f"ad-hoc mount destination conflicts with workspace mount destination: {mount.dst}"
            )
    combined = [*base, *extra]
    combined = apply_isolation_overrides(combined, isolation) if isolation else combined
    global_mounts = resolve_global_mounts(global_mount_entries(config.app), role.key, home=home)
    taken = {m.dst for m in combined}
    for mount in global_mounts:
        if mount.dst in taken:
            raise JackinError(
                f"global mount destination conflicts with workspace destination: {mount.dst}"
            )
    final = [*combined, *global_mounts]
    validate_mount_specs(final)
    validate_isolation_layout(final)
    _check_sources(final)
    return sorted(final, key=lambda m: (len(m.dst.rstrip("/")), m.dst))


def resolve_target(
    config: OperatorConfig,
    *,
    selector: str | None,
    target: str | None = None,
    mounts: Sequence[str] = (),
    isolation: Sequence[tuple[str, Isolation]] = (),
    cwd: Path | None = None,
    home: Path | None = None,
    saved_workspace: str | None = None,
) -> LaunchTarget:
    """Resolve `jackin load [SELECTOR] [TARGET] [--mount …] [--mount-isolation …]`.

    `saved_workspace` names a saved workspace outright (the console's pick; E007 when there
    is none), instead of a `target` that could also be a directory.
    """
    cwd = Path.cwd() if cwd is None else cwd
    home = Path.home() if home is None else home
    workspace_name: str | None
    directory: str | None
    if saved_workspace is not None:
        if target is not None:
            raise UsageError("give a target or a saved workspace, not both")
        config.workspace(saved_workspace)
        role = (
            RoleSelector.parse(selector)
            if selector is not None
            else _role_for_workspace(config, saved_workspace)
        )
        workspace_name, directory = saved_workspace, None
    else:
        role, workspace_name, directory = _role_and_workspace(config, selector, target, cwd)
    workspace = None
    if workspace_name is not None:
        workspace = config.workspaces[workspace_name]
        if workspace.allowed_roles and role.key not in workspace.allowed_roles:
            raise JackinError(f"role {role.key} is not allowed by workspace {workspace_name}")
        base = workspace_mounts(workspace)
        workdir, label = workspace.workdir, workspace_name
    else:
        src, dst = _adhoc_dir(directory or ".", cwd=cwd, home=home)
        base = [Mount(src, dst)]
        workdir, label = dst, src
    extra = [parse_mount_option(spec, cwd=cwd, home=home) for spec in mounts]
    final = _final_mounts(config, role, base=base, extra=extra, isolation=isolation, home=home)
    return LaunchTarget(
        role=role,
        workspace_name=workspace_name,
        workspace_label=label,
        workdir=workdir,
        mounts=tuple(final),
        workspace=workspace,
    )
