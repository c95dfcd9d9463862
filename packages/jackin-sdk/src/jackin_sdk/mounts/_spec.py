"""The `--mount` grammar: `src[:dst][:ro]`."""

from __future__ import annotations

from pathlib import Path

from jackin_sdk.mounts._errors import MountError, MountPathError, quoted
from jackin_sdk.mounts._mount import Mount
from jackin_sdk.mounts._paths import resolve_host_path
from jackin_sdk.mounts._validate import check_mount_paths

__all__ = ["parse_mount_option", "parse_mount_spec"]

_READONLY_SUFFIX = ":ro"


def parse_mount_spec(spec: str, *, cwd: Path, home: Path) -> Mount:
    """Parse `src[:dst][:ro]` into a shared `Mount`.

    A trailing `:ro` is stripped first (read-only), then the rest splits at the first
    `:`. `src` is tilde-expanded against `home`, made absolute against `cwd` and
    normalised (no symlink resolution); without `dst`, or with `dst` spelled exactly as
    `src` (`~/x:~/x`), the mount lands at the resolved `src`. Any other `dst` is kept as
    written: `validate_mount_specs` judges it.
    """
    if not spec.strip():
        raise MountError("mount spec cannot be empty")
    readonly = spec.endswith(_READONLY_SUFFIX)
    src, sep, dst = spec.removesuffix(_READONLY_SUFFIX).partition(":")
    if not src.strip():
        raise MountError(f"mount spec `{spec}` has an empty source")
    if sep and not dst:
        raise MountError(f"mount spec `{spec}` has an empty destination")
    resolved = resolve_host_path(src, cwd=cwd, home=home)
    return Mount(src=resolved, dst=dst if sep and dst != src else resolved, readonly=readonly)


def parse_mount_option(spec: str, *, cwd: Path, home: Path, option: str = "--mount") -> Mount:
    """`parse_mount_spec`, then `check_mount_paths`: a path the container cannot get is
    refused here (E018), naming the option and the value as typed.

    The grammar is unchanged: `/src:/dst:rw` still means destination `/dst:rw`, which is
    then refused because Docker's bind syntax cannot carry the `:`.
    """
    mount = parse_mount_spec(spec, cwd=cwd, home=home)
    try:
        check_mount_paths(mount)
    except MountPathError as error:
        raise error.at(origin=f"{option} {quoted(spec)}") from None
    return mount
