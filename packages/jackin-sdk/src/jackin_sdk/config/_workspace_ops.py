"""Creating, editing, pruning and removing saved workspaces (upstream-cli.md §3.9).

Edits are planned on the typed model first (`plan_*`), so a caller can show and confirm
collapses before anything is written; `apply_*` then syncs the plan into the
format-preserving document, keeping comments on everything that did not change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import tomlkit
from tomlkit import TOMLDocument

from jackin_sdk.config._document import remove_path, set_path
from jackin_sdk.config._dump import prune
from jackin_sdk.config._editor import ConfigEditor
from jackin_sdk.config._models import KeepAwakeConfig, MountConfig, WorkspaceConfig
from jackin_sdk.config._semantics import workspace_mounts
from jackin_sdk.errors import JackinError
from jackin_sdk.mounts import (
    Isolation,
    Mount,
    MountError,
    Redundancy,
    apply_isolation_overrides,
    find_redundant,
    normalize,
    plan_mount_additions,
    plan_prune,
    validate_workspace_mounts,
    validate_workspace_name,
)
from jackin_sdk.tables import validate_table
from jackin_sdk.vocab import Agent

__all__ = [
    "WorkspaceEdit",
    "WorkspacePlan",
    "apply_workspace_plan",
    "plan_workspace_create",
    "plan_workspace_edit",
    "plan_workspace_prune",
]


@dataclass(frozen=True, slots=True)
class WorkspacePlan:
    """A workspace as it will be, the change lines to report, and what collapsed."""

    name: str
    workspace: WorkspaceConfig
    changes: tuple[str, ...] = ()
    collapsed: tuple[Redundancy, ...] = ()
    pruned: tuple[Redundancy, ...] = ()
    created: bool = False


@dataclass(frozen=True, slots=True)
class WorkspaceEdit:
    """Everything `jackin workspace edit` can change; None/empty means unchanged."""

    workdir: str | None = None
    add_mounts: Sequence[Mount] = ()
    remove_destinations: Sequence[str] = ()
    remove_workdir_mount: bool = False
    add_allowed_roles: Sequence[str] = ()
    remove_allowed_roles: Sequence[str] = ()
    default_role: str | None = None
    clear_default_role: bool = False
    default_agent: Agent | None = None
    clear_default_agent: bool = False
    isolation: Sequence[tuple[str, Isolation]] = field(default_factory=tuple)
    keep_awake: bool | None = None
    git_pull: bool | None = None
    prune: bool = False


def _mount_configs(mounts: Sequence[Mount]) -> list[MountConfig]:
    return [
        MountConfig(src=m.src, dst=m.dst, readonly=m.readonly, isolation=m.isolation)
        for m in mounts
    ]


def _validated(name: str, workspace: WorkspaceConfig) -> WorkspaceConfig:
    validate_workspace_mounts(
        name,
        workspace.workdir,
        workspace_mounts(workspace),
        allowed_roles=workspace.allowed_roles,
        default_role=workspace.default_role,
    )
    return workspace


def _dedup(values: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(values))


def plan_workspace_create(
    name: str,
    *,
    workdir: str,
    mounts: Sequence[Mount],
    allowed_roles: Sequence[str] = (),
    default_role: str | None = None,
    default_agent: Agent | None = None,
    isolation: Sequence[tuple[str, Isolation]] = (),
    keep_awake: bool = False,
    git_pull: bool = False,
) -> WorkspacePlan:
    """Plan a new workspace: collapse redundant mounts, apply isolation, validate."""
    validate_workspace_name(name)
    plan = plan_mount_additions([], mounts)
    final = apply_isolation_overrides(plan.mounts, isolation)
    workspace = WorkspaceConfig(
        workdir=workdir,
        mounts=_mount_configs(final),
        allowed_roles=_dedup(allowed_roles),
        default_role=default_role,
        default_agent=default_agent,
        keep_awake=KeepAwakeConfig(enabled=True) if keep_awake else None,
        git_pull_on_entry=git_pull,
    )
    return WorkspacePlan(
        name, _validated(name, workspace), collapsed=tuple(plan.collapsed), created=True
    )


def _describe(mount: Mount) -> str:
    return (
        mount.src if normalize(mount.src) == normalize(mount.dst) else f"{mount.src} → {mount.dst}"
    )


@dataclass
class _Draft:
    """Mutable working state of one edit."""

    mounts: list[Mount]
    changes: list[str] = field(default_factory=list)
    collapsed: list[Redundancy] = field(default_factory=list)
    pruned: list[Redundancy] = field(default_factory=list)


def _edit_mounts(name: str, current: WorkspaceConfig, edit: WorkspaceEdit) -> _Draft:
    draft = _Draft(workspace_mounts(current))
    existing_redundant = find_redundant(draft.mounts)
    if existing_redundant and not edit.prune:
        lines = "\n".join(
            f"  - {r.child.src} covered by {r.parent.src}" for r in existing_redundant
        )
        raise MountError(
            f'workspace "{name}" already contains redundant mounts:\n{lines}\n'
            f"run `jackin workspace prune {name}` to clean up, or pass --prune to this edit"
        )
    if existing_redundant:
        pruned_plan = plan_prune(draft.mounts)
        draft.mounts = pruned_plan.mounts
        draft.pruned = list(pruned_plan.collapsed)
    if edit.remove_workdir_mount:
        target = normalize(current.workdir)
        kept = [m for m in draft.mounts if not (normalize(m.src) == target == normalize(m.dst))]
        if len(kept) == len(draft.mounts):
            raise MountError(f'workspace "{name}" has no mount of its workdir {current.workdir}')
        draft.mounts = kept
        draft.changes.append("removed workdir auto-mount")
    for destination in edit.remove_destinations:
        kept = [m for m in draft.mounts if normalize(m.dst) != normalize(destination)]
        if len(kept) == len(draft.mounts):
            raise MountError(f"unknown workspace mount destination: {destination}")
        draft.mounts = kept
        draft.changes.append(f"removed mount {destination}")
    if edit.add_mounts:
        plan = plan_mount_additions(draft.mounts, edit.add_mounts)
        draft.mounts = plan.mounts
        draft.collapsed = list(plan.collapsed)
        draft.changes += [f"added mount {_describe(m)}" for m in edit.add_mounts]
        draft.changes += [f"collapsed {r.child.src} under {r.parent.src}" for r in plan.collapsed]
    if edit.isolation:
        draft.mounts = apply_isolation_overrides(draft.mounts, edit.isolation)
        draft.changes += [f"isolation {dst} → {kind}" for dst, kind in edit.isolation]
    draft.changes += [f"pruned {r.child.src} (covered by {r.parent.src})" for r in draft.pruned]
    return draft


def _edit_roles(
    current: WorkspaceConfig, edit: WorkspaceEdit, changes: list[str]
) -> dict[str, object]:
    if edit.default_role is not None and edit.clear_default_role:
        raise JackinError("--default-role and --clear-default-role cannot be used together")
    allowed = list(current.allowed_roles)
    for role in edit.add_allowed_roles:
        if role not in allowed:
            allowed.append(role)
            changes.append(f"allowed role {role}")
    for role in edit.remove_allowed_roles:
        if role in allowed:
            allowed.remove(role)
            changes.append(f"removed role {role}")
    default_role = current.default_role
    if edit.clear_default_role:
        default_role = None
        changes.append("cleared default role")
    elif edit.default_role is not None:
        default_role = edit.default_role
        changes.append(f"default role → {default_role}")
    return {"allowed_roles": allowed, "default_role": default_role}


def _edit_settings(
    current: WorkspaceConfig, edit: WorkspaceEdit, changes: list[str]
) -> dict[str, object]:
    if edit.default_agent is not None and edit.clear_default_agent:
        raise JackinError("--default-agent and --clear-default-agent cannot be used together")
    update: dict[str, object] = {}
    if edit.clear_default_agent:
        update["default_agent"] = None
        changes.append("cleared default agent")
    elif edit.default_agent is not None:
        update["default_agent"] = edit.default_agent
        changes.append(f"default agent → {edit.default_agent}")
    if edit.keep_awake is not None:
        update["keep_awake"] = KeepAwakeConfig(enabled=True) if edit.keep_awake else None
        changes.append(f"keep-awake → {'enabled' if edit.keep_awake else 'disabled'}")
    if edit.git_pull is not None:
        update["git_pull_on_entry"] = edit.git_pull
        changes.append(f"git-pull-on-entry → {'enabled' if edit.git_pull else 'disabled'}")
    return update


def plan_workspace_edit(name: str, current: WorkspaceConfig, edit: WorkspaceEdit) -> WorkspacePlan:
    """Plan an edit; raises on pre-existing redundancy (unless `prune`) and bad input."""
    changes: list[str] = []
    update: dict[str, object] = {}
    if edit.workdir is not None and edit.workdir != current.workdir:
        update["workdir"] = edit.workdir
        changes.append(f"workdir → {edit.workdir}")
    draft = _edit_mounts(name, current, edit)
    changes += draft.changes
    update |= _edit_roles(current, edit, changes)
    update |= _edit_settings(current, edit, changes)
    update["mounts"] = _mount_configs(draft.mounts)
    workspace = current.model_copy(update=update)
    return WorkspacePlan(
        name,
        _validated(name, workspace),
        changes=tuple(changes),
        collapsed=tuple(draft.collapsed),
        pruned=tuple(draft.pruned),
    )


def plan_workspace_prune(name: str, current: WorkspaceConfig) -> WorkspacePlan:
    """Plan removing every rule-C redundant mount."""
    plan = plan_prune(workspace_mounts(current))
    workspace = current.model_copy(update={"mounts": _mount_configs(plan.mounts)})
    return WorkspacePlan(name, _validated(name, workspace), pruned=tuple(plan.collapsed))


def _mounts_array(document: TOMLDocument, mounts: Sequence[MountConfig]) -> object:
    """A `[[mounts]]` array that reuses the existing table of every unchanged mount."""
    existing = document.get("mounts")
    reusable = []
    if existing is not None:
        for table in existing:
            try:
                reusable.append((validate_table(MountConfig, table.unwrap()), table))
            except ValueError:
                continue
    array = tomlkit.aot()
    for mount in mounts:
        match = next((t for m, t in reusable if m == mount), None)
        if match is None:
            match = tomlkit.table()
            match.update(mount.model_dump(mode="json"))
        else:
            match["readonly"] = mount.readonly
            match["isolation"] = mount.isolation.value
        array.append(match)
    return array


def _sync(document: TOMLDocument, old: WorkspaceConfig, new: WorkspaceConfig) -> None:
    for name in WorkspaceConfig.model_fields:
        if name == "version":
            continue
        before = getattr(old, name)
        after = getattr(new, name)
        if before == after:
            continue
        if name == "mounts":
            document["mounts"] = _mounts_array(document, new.mounts)
            continue
        value = prune(new.model_dump(mode="json", include={name})).get(name)
        if value is None:
            remove_path(document, [name])
        else:
            set_path(document, [name], value)


def apply_workspace_plan(editor: ConfigEditor, plan: WorkspacePlan) -> None:
    """Write a plan into the editor's documents (commit separately)."""
    if plan.created:
        editor.create_workspace(plan.name, plan.workspace)
        return
    current = editor.loaded.workspaces.get(plan.name)
    document = editor.workspace(plan.name)
    if current is None:
        raise JackinError(f'workspace "{plan.name}" changed on disk; run the command again')
    _sync(document, current, plan.workspace)
