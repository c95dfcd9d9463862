"""Paths a mount cannot have: refused where they enter, as E018, naming the place."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.errors import CodedError, ErrorCode
from jackin_sdk.mounts import (
    GlobalMountEntry,
    Mount,
    MountError,
    MountPathError,
    check_mount_paths,
    parse_mount_option,
    parse_mount_spec,
    resolve_global_mounts,
    validate_global_mounts,
    validate_mount_specs,
)

CWD = Path("/work/project")
HOME = Path("/home/op")


@pytest.mark.parametrize(
    ("mount", "part", "reason"),
    [
        (Mount("/src/a:b", "/w"), "source", "contains `:`"),
        (Mount("/src", "/w:x"), "destination", "contains `:`"),
        (Mount("/src", "/dst:rw"), "destination", "contains `:`"),
        (Mount("/src/a\0b", "/w"), "source", "contains a NUL character"),
        (Mount("/src", "/w\0x"), "destination", "contains a NUL character"),
        (Mount("/src", "/"), "destination", "cannot be `/`"),
        (Mount("/src", "//"), "destination", "cannot be `/`"),
        (Mount("/src", "/proc"), "destination", "lies in /proc"),
        (Mount("/src", "/proc/sys/x"), "destination", "lies in /proc"),
        (Mount("/src", "/jackin"), "destination", "lies in /jackin"),
        (Mount("/src", "/jackin/run/"), "destination", "lies in /jackin"),
        (Mount("/src", "relative"), "destination", "must be an absolute path: relative"),
        (Mount("src", "/w"), "source", "must be absolute: src"),
    ],
)
def test_paths_the_container_cannot_get_are_e018(mount: Mount, part: str, reason: str) -> None:
    with pytest.raises(MountPathError) as caught:
        check_mount_paths(mount)
    error = caught.value
    assert isinstance(error, CodedError)
    assert isinstance(error, MountError)
    assert error.code is ErrorCode.E018
    assert error.part == part
    assert reason in (error.detail or "")
    assert error.hint
    assert error.hint != ErrorCode.E018.hint


@pytest.mark.parametrize(
    "mount",
    [
        Mount("/src/a,b", "/w,x"),  # commas only matter to `docker run --mount`
        Mount("/src/with space", "/with space"),
        Mount("/src/new\nline", "/tab\there"),  # the engine binds these as written
        Mount("/src/ünïcode", "/wé"),
        Mount("/src", "/procfs"),
        Mount("/src", "/jackin-work"),
        Mount("/src", "/dev/shm/x"),
    ],
)
def test_paths_the_engine_binds_as_written_pass(mount: Mount) -> None:
    check_mount_paths(mount)
    validate_mount_specs([mount])


def test_a_colon_in_a_source_suggests_a_symlink() -> None:
    with pytest.raises(MountPathError) as caught:
        check_mount_paths(Mount("/src/a:b", "/w"))
    assert "symlink" in caught.value.hint


def test_rw_suffix_keeps_the_reference_grammar_and_is_refused_with_its_own_hint() -> None:
    # The grammar strips only `:ro`; `/src:/dst:rw` has destination `/dst:rw`.
    assert parse_mount_spec("/src:/dst:rw", cwd=CWD, home=HOME) == Mount("/src", "/dst:rw")
    with pytest.raises(MountPathError) as caught:
        parse_mount_option("/src:/dst:rw", cwd=CWD, home=HOME)
    assert "drop the `:rw`" in caught.value.hint


def test_a_mount_option_error_names_the_option_and_the_value() -> None:
    with pytest.raises(MountPathError) as caught:
        parse_mount_option("/src:/a:b", cwd=CWD, home=HOME)
    assert (caught.value.detail or "").startswith('--mount "/src:/a:b": the mount destination')
    assert str(caught.value).startswith("[E018] Mount path cannot be bound into the container")


def test_a_good_mount_option_parses_as_the_grammar_says() -> None:
    assert parse_mount_option("~/code:/workspace:ro", cwd=CWD, home=HOME) == Mount(
        "/home/op/code", "/workspace", readonly=True
    )


def test_context_added_later_keeps_the_rule() -> None:
    with pytest.raises(MountPathError) as caught:
        check_mount_paths(Mount("/a:b", "/w"))
    located = caught.value.at(origin="somewhere", hint="do this")
    assert (located.part, located.path, located.hint) == ("source", "/a:b", "do this")
    assert located.detail == f"somewhere: {caught.value.reason}"


def test_global_mounts_refuse_the_same_paths_naming_the_mount() -> None:
    entry = GlobalMountEntry("ns/*", "cache", Mount("~/cache:x", "/cache"))
    with pytest.raises(MountPathError) as caught:
        validate_global_mounts([entry])
    assert (caught.value.detail or "").startswith("global mount cache [ns/*]: the mount source")
    with pytest.raises(MountPathError) as resolved:
        resolve_global_mounts([entry], "ns/role", home=HOME)
    assert (resolved.value.detail or "").startswith("validating global mount cache:")


def test_global_mounts_still_accept_tilde_sources() -> None:
    validate_global_mounts([GlobalMountEntry(None, "c", Mount("~/cache", "/cache"))])
