"""Adding and removing global mounts in `[docker.mounts]` (upstream-cli.md §3.10)."""

from __future__ import annotations

from jackin_sdk.config._document import get_path, remove_path, set_path
from jackin_sdk.config._editor import ConfigEditor
from jackin_sdk.config._semantics import global_mount_entries
from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.mounts import GlobalMountEntry, Mount, validate_global_mounts
from jackin_sdk.vocab import RoleSelector

__all__ = ["add_global_mount", "remove_global_mount"]


def _path(name: str, scope: str | None) -> list[str]:
    return ["docker", "mounts", name] if scope is None else ["docker", "mounts", scope, name]


def _check_scope(scope: str) -> None:
    """A scope is `<ns>/*` or a role key (`name` or `ns/name`)."""
    base = scope.removesuffix("/*") if scope.endswith("/*") else scope
    try:
        parsed = RoleSelector.parse(base)
    except UsageError:
        parsed = None
    if parsed is None or parsed.key != base or (scope.endswith("/*") and "/" in base):
        raise UsageError(
            f"invalid mount scope `{scope}`: use `<namespace>/*` or a role key "
            "(`name` or `namespace/name`, lowercase)"
        )


def add_global_mount(
    editor: ConfigEditor, name: str, mount: Mount, *, scope: str | None = None
) -> Mount | None:
    """Add (or replace) a global mount; returns the mount it replaced, if any."""
    if not name:
        raise JackinError("mount name cannot be empty")
    if scope is not None:
        _check_scope(scope)
    entries = global_mount_entries(editor.loaded.app)
    replaced = next((e.mount for e in entries if e.name == name and e.scope == scope), None)
    clash = get_path(editor.config, ["docker", "mounts", scope if scope is not None else name])
    if scope is None and clash is not None and "src" not in clash:
        raise JackinError(f'"{name}" already names a mount scope in [docker.mounts]')
    if scope is not None and clash is not None and "src" in clash:
        raise JackinError(f'"{scope}" already names an unscoped mount in [docker.mounts]')
    candidate = [e for e in entries if not (e.name == name and e.scope == scope)]
    candidate.append(GlobalMountEntry(scope, name, mount))
    validate_global_mounts(candidate)
    value: dict[str, object] = {"src": mount.src, "dst": mount.dst}
    if mount.readonly:
        value["readonly"] = True
    set_path(editor.config, _path(name, scope), value)
    return replaced


def remove_global_mount(editor: ConfigEditor, name: str, *, scope: str | None = None) -> bool:
    """Remove a global mount; False when there was none by that name and scope."""
    return remove_path(editor.config, _path(name, scope))
