from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from jackin_sdk.mounts import (
    Isolation,
    Mount,
    MountError,
    MountPathError,
    validate_isolation_layout,
    validate_mount_specs,
    validate_workspace_mounts,
    validate_workspace_name,
)


def _message(exc: BaseException) -> str:
    """A path error's reference wording (its E018 detail), else the message."""
    return (exc.detail or "") if isinstance(exc, MountPathError) else str(exc)


WT, CLONE = Isolation.WORKTREE, Isolation.CLONE
APP = Mount("/home/op/app", "/workspace/app")


@pytest.mark.parametrize("name", ["app", "my app", "ünïcode", "a.b", "...", "-x"])
def test_valid_workspace_names(name: str) -> None:
    validate_workspace_name(name)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "workspace name cannot be empty"),
        (".", 'workspace name "." is reserved'),
        ("..", 'workspace name ".." is reserved'),
        ("a/b", 'workspace name "a/b" cannot contain path separators'),
        ("a\\b", 'workspace name "a\\\\b" cannot contain path separators'),
    ],
)
def test_invalid_workspace_names(name: str, message: str) -> None:
    with pytest.raises(MountError) as caught:
        validate_workspace_name(name)
    assert _message(caught.value) == message


@pytest.mark.parametrize(
    ("mounts", "message"),
    [
        ([Mount("~/app", "/app")], "mount source must be absolute: ~/app"),
        ([Mount("app", "/app")], "mount source must be absolute: app"),
        ([Mount("", "/app")], "mount source must be absolute: "),
        ([Mount("/app", "app")], "mount destination must be an absolute path: app"),
        (
            [Mount("/a/../b", "/b")],
            "mount source must not contain `.` or `..` components: /a/../b",
        ),
        (
            [Mount("/a", "/x/./a")],
            "mount destination must not contain `.` or `..` components: /x/./a",
        ),
        (
            [Mount("/a", "/x\\..\\a")],
            "mount destination must not contain `.` or `..` components: /x\\..\\a",
        ),
        ([Mount("/a", "/x"), Mount("/b", "/x")], "duplicate mount destination: /x"),
        ([Mount("/a", "/x"), Mount("/b", "/x/")], "duplicate mount destination: /x/"),
    ],
)
def test_mount_spec_errors(mounts: list[Mount], message: str) -> None:
    with pytest.raises(MountError) as caught:
        validate_mount_specs(mounts)
    assert _message(caught.value) == message


def test_mount_specs_accept_missing_sources_and_dotted_names() -> None:
    validate_mount_specs([Mount("/does/not/exist", "/x"), Mount("/a/.hidden", "/y/..z")])


@pytest.mark.parametrize(
    ("mounts", "message"),
    [
        (
            [Mount("/h/a", "/w", isolation=WT), Mount("/h/b", "/w/sub", isolation=CLONE)],
            "isolated mount `/w/sub` cannot be nested inside isolated mount `/w`; either "
            "make the inner mount `shared` or move the inner mount outside the parent's path",
        ),
        (
            [Mount("/h/b", "/w/sub", isolation=CLONE), Mount("/h/a", "/w/", isolation=WT)],
            "isolated mount `/w/sub` cannot be nested inside isolated mount `/w/`; either "
            "make the inner mount `shared` or move the inner mount outside the parent's path",
        ),
        (
            [Mount("/h/repo", "/a", isolation=WT), Mount("/h/repo/", "/b", isolation=WT)],
            "isolated mounts `/a` and `/b` cannot share the same host repository "
            "`/h/repo`; remove one of them or change one to `shared`",
        ),
    ],
)
def test_isolation_layout_errors(mounts: list[Mount], message: str) -> None:
    with pytest.raises(MountError) as caught:
        validate_isolation_layout(mounts)
    assert _message(caught.value) == message


@pytest.mark.parametrize(
    "mounts",
    [
        [Mount("/h/a", "/w", isolation=WT), Mount("/h/b", "/w/sub")],
        [Mount("/h/a", "/w", isolation=WT), Mount("/h/b", "/wx", isolation=WT)],
        [Mount("/h/repo", "/a", isolation=WT), Mount("/h/repo", "/b", isolation=CLONE)],
        [Mount("/h/repo", "/a", isolation=CLONE), Mount("/h/repo", "/b", isolation=CLONE)],
        [Mount("/h/repo", "/a"), Mount("/h/repo", "/b")],
    ],
)
def test_isolation_layouts_allowed(mounts: list[Mount]) -> None:
    validate_isolation_layout(mounts)


def test_worktrees_of_one_repo_through_a_symlink_are_rejected(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    alias = tmp_path / "alias"
    alias.symlink_to(repo)
    mounts = [
        Mount(str(repo), "/a", isolation=WT),
        Mount(str(alias), "/b", isolation=WT),
    ]
    with pytest.raises(MountError, match="cannot share the same host repository"):
        validate_isolation_layout(mounts)


def _validate(
    workdir: str,
    mounts: Sequence[Mount],
    *,
    allowed_roles: Sequence[str] = (),
    default_role: str | None = None,
) -> None:
    validate_workspace_mounts(
        "my-app", workdir, mounts, allowed_roles=allowed_roles, default_role=default_role
    )


@pytest.mark.parametrize(
    ("workdir", "mounts", "roles", "default", "message"),
    [
        ("", [], (), None, 'workspace "my-app" must define workdir'),
        ("", [Mount("a", "b")], (), None, 'workspace "my-app" must define workdir'),
        (
            "workspace",
            [],
            (),
            None,
            'workspace "my-app" workdir must be an absolute container path',
        ),
        ("/workspace", [], (), None, 'workspace "my-app" must define at least one mount'),
        ("/workspace", [Mount("rel", "/x")], (), None, "mount source must be absolute: rel"),
        (
            "/workspace/app",
            [APP, Mount("/h/b", "/workspace/app")],
            (),
            None,
            "duplicate mount destination: /workspace/app",
        ),
        (
            "/workspace/app",
            [Mount("/h/a", "/w", isolation=WT), Mount("/h/b", "/w/x", isolation=WT)],
            (),
            None,
            "isolated mount `/w/x` cannot be nested inside isolated mount `/w`; either "
            "make the inner mount `shared` or move the inner mount outside the parent's path",
        ),
        (
            "/srv",
            [APP],
            (),
            None,
            'workspace "my-app" workdir must be equal to, inside, or a parent of one of '
            "the workspace mount destinations",
        ),
        (
            "/workspace/application",
            [APP],
            (),
            None,
            'workspace "my-app" workdir must be equal to, inside, or a parent of one of '
            "the workspace mount destinations",
        ),
        (
            "/workspace/app",
            [APP],
            ("a/one", "two"),
            "three",
            'workspace "my-app" default_role "three" must be a member of allowed_roles '
            "(a/one, two) when allowed_roles is set",
        ),
    ],
)
def test_workspace_errors_first_failure_wins(
    workdir: str,
    mounts: list[Mount],
    roles: tuple[str, ...],
    default: str | None,
    message: str,
) -> None:
    with pytest.raises(MountError) as caught:
        _validate(workdir, mounts, allowed_roles=roles, default_role=default)
    assert _message(caught.value) == message


def test_workspace_name_is_interpolated_with_quotes_escaped() -> None:
    with pytest.raises(MountError) as caught:
        validate_workspace_mounts('say "hi"', "", [])
    assert _message(caught.value) == 'workspace "say \\"hi\\"" must define workdir'


@pytest.mark.parametrize(
    "workdir", ["/workspace/app", "/workspace/app/", "/workspace/app/src/deep", "/workspace", "/"]
)
def test_workdir_may_equal_sit_inside_or_contain_a_destination(workdir: str) -> None:
    _validate(workdir, [APP])


@pytest.mark.parametrize(
    ("roles", "default"),
    [((), None), ((), "anything"), (("a", "b"), None), (("a", "b"), "b")],
)
def test_default_role_accepted(roles: tuple[str, ...], default: str | None) -> None:
    _validate("/workspace/app", [APP], allowed_roles=roles, default_role=default)


def test_sources_need_not_exist_for_validation() -> None:
    _validate("/w", [Mount("/nowhere/at/all", "/w")])
