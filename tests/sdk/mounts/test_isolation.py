from __future__ import annotations

import pytest

from jackin_sdk.mounts import (
    Isolation,
    Mount,
    MountError,
    apply_isolation_overrides,
    parse_isolation,
    parse_isolation_override,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/workspace/app=shared", ("/workspace/app", Isolation.SHARED)),
        ("/workspace/app=worktree", ("/workspace/app", Isolation.WORKTREE)),
        ("/workspace/app=clone", ("/workspace/app", Isolation.CLONE)),
        ("/odd=name=clone", ("/odd=name", Isolation.CLONE)),
    ],
)
def test_parse_isolation_override(text: str, expected: tuple[str, Isolation]) -> None:
    assert parse_isolation_override(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("/workspace/app", "expected DST=TYPE, got `/workspace/app`"),
        ("", "expected DST=TYPE, got ``"),
        ("=worktree", "mount destination cannot be empty in `=worktree`"),
        (
            "/app=isolated",
            "invalid isolation `isolated`; expected one of: shared, worktree, clone",
        ),
        ("/app=", "invalid isolation ``; expected one of: shared, worktree, clone"),
        ("/app=Worktree", "invalid isolation `Worktree`; expected one of: shared, worktree, clone"),
    ],
)
def test_parse_isolation_override_errors(text: str, message: str) -> None:
    with pytest.raises(MountError) as caught:
        parse_isolation_override(text)
    assert str(caught.value) == message


def test_parse_isolation_names_every_kind() -> None:
    assert [parse_isolation(kind.value) for kind in Isolation] == list(Isolation)


def test_apply_isolation_overrides_sets_the_matching_mount() -> None:
    mounts = [Mount("/h/a", "/a"), Mount("/h/b", "/b", readonly=True)]
    result = apply_isolation_overrides(mounts, [("/b", Isolation.CLONE)])
    assert result == [Mount("/h/a", "/a"), Mount("/h/b", "/b", True, Isolation.CLONE)]
    assert mounts[1].isolation is Isolation.SHARED


def test_apply_isolation_overrides_normalises_and_last_wins() -> None:
    mounts = [Mount("/h/a", "/a")]
    overrides = [("/a/", Isolation.WORKTREE), ("/a", Isolation.CLONE)]
    assert apply_isolation_overrides(mounts, overrides) == [
        Mount("/h/a", "/a", isolation=Isolation.CLONE)
    ]


def test_apply_isolation_overrides_without_overrides_copies() -> None:
    mounts = [Mount("/h/a", "/a")]
    assert apply_isolation_overrides(mounts, []) == mounts


def test_apply_isolation_overrides_rejects_unknown_destination() -> None:
    with pytest.raises(MountError) as caught:
        apply_isolation_overrides([Mount("/h/a", "/a")], [("/missing", Isolation.WORKTREE)])
    assert str(caught.value) == (
        "--mount-isolation references unknown destination `/missing`; "
        "it must match a mount in the final plan"
    )
