from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.mounts import (
    GlobalMountEntry,
    Isolation,
    Mount,
    MountError,
    MountPathError,
    resolve_global_mount_entries,
    resolve_global_mounts,
    validate_global_mounts,
)


def _message(exc: BaseException) -> str:
    """A path error's reference wording (its E018 detail), else the message."""
    return (exc.detail or "") if isinstance(exc, MountPathError) else str(exc)


HOME = Path("/home/op")


def entry(
    scope: str | None, name: str, src: str, dst: str, readonly: bool = False
) -> GlobalMountEntry:
    return GlobalMountEntry(scope=scope, name=name, mount=Mount(src, dst, readonly))


ENTRIES = [
    entry(None, "gradle", "~/.gradle", "/home/agent/.gradle"),
    entry(None, "notes", "/srv/notes", "/notes", readonly=True),
    entry("chainargos/*", "gradle", "/srv/ca-gradle", "/home/agent/.gradle"),
    entry("chainargos/*", "creds", "~/ca/creds", "/creds", readonly=True),
    entry("chainargos/indexer", "creds", "~/ca/indexer-creds", "/creds"),
    entry("agent-smith", "smith", "/srv/smith", "/smith"),
    entry("other/*", "other", "/srv/other", "/other"),
]


def test_the_example_set_is_valid() -> None:
    validate_global_mounts(ENTRIES)


@pytest.mark.parametrize(
    ("role_key", "expected"),
    [
        (
            "chainargos/indexer",
            [
                ("creds", "chainargos/indexer", Mount("/home/op/ca/indexer-creds", "/creds")),
                ("gradle", "chainargos/*", Mount("/srv/ca-gradle", "/home/agent/.gradle")),
                ("notes", None, Mount("/srv/notes", "/notes", readonly=True)),
            ],
        ),
        (
            "chainargos/api",
            [
                ("creds", "chainargos/*", Mount("/home/op/ca/creds", "/creds", readonly=True)),
                ("gradle", "chainargos/*", Mount("/srv/ca-gradle", "/home/agent/.gradle")),
                ("notes", None, Mount("/srv/notes", "/notes", readonly=True)),
            ],
        ),
        (
            "agent-smith",
            [
                ("gradle", None, Mount("/home/op/.gradle", "/home/agent/.gradle")),
                ("notes", None, Mount("/srv/notes", "/notes", readonly=True)),
                ("smith", "agent-smith", Mount("/srv/smith", "/smith")),
            ],
        ),
        (
            "someone/agent-smith",
            [
                ("gradle", None, Mount("/home/op/.gradle", "/home/agent/.gradle")),
                ("notes", None, Mount("/srv/notes", "/notes", readonly=True)),
            ],
        ),
    ],
)
def test_resolution_unions_by_name_in_scope_order(
    role_key: str, expected: list[tuple[str, str | None, Mount]]
) -> None:
    resolved = resolve_global_mount_entries(ENTRIES, role_key, home=HOME)
    assert [(e.name, e.scope, e.mount) for e in resolved] == expected
    assert resolve_global_mounts(ENTRIES, role_key, home=HOME) == [m for _, _, m in expected]


def test_resolution_of_an_empty_set() -> None:
    assert resolve_global_mounts([], "any", home=HOME) == []


def test_resolved_mounts_are_always_shared() -> None:
    isolated = GlobalMountEntry(None, "x", Mount("/a", "/a", isolation=Isolation.CLONE))
    [mount] = resolve_global_mounts([isolated], "r", home=HOME)
    assert mount.isolation is Isolation.SHARED


@pytest.mark.parametrize(
    ("entries", "role_key", "message"),
    [
        (
            [entry(None, "bad", "relative", "/x")],
            "r",
            "validating global mount bad: mount source must be absolute: relative",
        ),
        (
            [entry("r", "bad", "/a", "x")],
            "r",
            "validating global mount bad: mount destination must be an absolute path: x",
        ),
        (
            [entry(None, "a", "/a", "/x"), entry("r", "b", "/b", "/x")],
            "r",
            "duplicate mount destination: /x",
        ),
        ([], "", "role key cannot be empty"),
    ],
)
def test_resolution_errors(entries: list[GlobalMountEntry], role_key: str, message: str) -> None:
    with pytest.raises(MountError) as caught:
        resolve_global_mounts(entries, role_key, home=HOME)
    assert _message(caught.value) == message


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([entry(None, "", "/a", "/a")], "global mount name cannot be empty"),
        ([entry(None, "  ", "/a", "/a")], "global mount name cannot be empty"),
        (
            [entry("ns/*", "a", "/a", "/a"), entry("ns/*", "a", "/b", "/b")],
            "duplicate global mount entry: a [ns/*]",
        ),
        (
            [entry(None, "a", "/a", "/a"), entry(None, "a", "/b", "/b")],
            "duplicate global mount entry: a [global]",
        ),
        ([entry("", "a", "/a", "/a")], "global mount a has an empty scope"),
        (
            [GlobalMountEntry(None, "w", Mount("/a", "/a", isolation=Isolation.WORKTREE))],
            "global mount w cannot use isolation worktree; global mounts are always shared",
        ),
        (
            [entry(None, "a", "cache", "/a")],
            "global mount a [global]: mount source must be absolute: cache",
        ),
        (
            [entry("ns/x", "a", "/a", "a")],
            "global mount a [ns/x]: mount destination must be an absolute path: a",
        ),
        (
            [entry(None, "a", "~/../a", "/a")],
            "global mount a [global]: mount source must not contain `.` or `..` components: ~/../a",
        ),
        (
            [entry(None, "a", "/a", "/x/../a")],
            "global mount a [global]: mount destination must not contain `.` or `..` "
            "components: /x/../a",
        ),
    ],
)
def test_validation_errors(entries: list[GlobalMountEntry], message: str) -> None:
    with pytest.raises(MountError) as caught:
        validate_global_mounts(entries)
    assert _message(caught.value) == message


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (None, None),
        (None, "ns/*"),
        (None, "ns/x"),
        ("ns/*", None),
        ("ns/*", "ns/*"),
        ("ns/*", "ns/x"),
        ("ns/x", "ns/*"),
        ("ns/x", "ns/x"),
        ("name", "name"),
    ],
)
def test_same_destination_in_overlapping_scopes_is_rejected(
    left: str | None, right: str | None
) -> None:
    entries = [entry(left, "a", "/a", "/x"), entry(right, "b", "/b", "/x/")]
    with pytest.raises(MountError) as caught:
        validate_global_mounts(entries)
    assert _message(caught.value) == (
        "duplicate global mount destination in overlapping scope: /x "
        f"(a [{left or 'global'}] and b [{right or 'global'}])"
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("ns/*", "other/*"),
        ("ns/*", "other/x"),
        ("ns/*", "nsx/y"),
        ("ns/x", "ns/y"),
        ("ns/*", "ns"),
        ("name", "other"),
    ],
)
def test_same_destination_in_disjoint_scopes_is_allowed(left: str, right: str) -> None:
    validate_global_mounts([entry(left, "a", "/a", "/x"), entry(right, "b", "/b", "/x")])


def test_one_name_may_be_overridden_at_the_same_destination() -> None:
    validate_global_mounts([entry(None, "a", "/a", "/x"), entry("ns/*", "a", "/b", "/x")])


def test_tilde_sources_are_accepted_before_expansion() -> None:
    validate_global_mounts([entry(None, "home", "~", "/h"), entry(None, "c", "~/c", "/c")])
