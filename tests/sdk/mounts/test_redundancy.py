from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jackin_sdk.mounts import (
    Mount,
    MountError,
    MountPlan,
    Redundancy,
    covers,
    find_redundant,
    plan_mount_additions,
    plan_prune,
)

REPO = Mount("/home/op/repo", "/workspace/repo")
REPO_SRC = Mount("/home/op/repo/src", "/workspace/repo/src")
REPO_SRC_LIB = Mount("/home/op/repo/src/lib", "/workspace/repo/src/lib")
ROOT = Mount("/", "/host")


@pytest.mark.parametrize(
    ("parent", "child", "expected"),
    [
        (REPO, REPO_SRC, True),
        (REPO, REPO_SRC_LIB, True),
        (REPO, Mount("/home/op/repo/src/", "/workspace/repo/src/"), True),
        (Mount("/home/op/repo", "/"), Mount("/home/op/repo/x", "/x"), True),
        (ROOT, Mount("/etc", "/host/etc"), True),
        (REPO, Mount("/home/op/repo/src", "/workspace/repo/source"), False),
        (REPO, Mount("/home/op/repo/src", "/elsewhere/src"), False),
        (REPO, Mount("/home/op/repository", "/workspace/repository"), False),
        (REPO, Mount("/home/op/repo", "/workspace/repo/again"), False),
        (REPO, Mount("/home/op/repo", "/workspace/repo"), False),
        (REPO, Mount("/home/op", "/workspace"), False),
        (REPO_SRC, REPO, False),
        (REPO, Mount("/home/op/repo/src", "/workspace/repo/src", readonly=True), True),
    ],
)
def test_covers(parent: Mount, child: Mount, expected: bool) -> None:
    assert covers(parent, child) is expected


def test_find_redundant_names_the_outermost_parent_in_list_order() -> None:
    mounts = [REPO_SRC_LIB, REPO_SRC, Mount("/other", "/other"), REPO]
    assert find_redundant(mounts) == [
        Redundancy(child=REPO_SRC_LIB, parent=REPO),
        Redundancy(child=REPO_SRC, parent=REPO),
    ]


def test_find_redundant_prefers_the_root_over_a_top_level_parent() -> None:
    top = Mount("/etc", "/host/etc")
    child = Mount("/etc/ssl", "/host/etc/ssl")
    assert find_redundant([top, child, ROOT])[1] == Redundancy(child=child, parent=ROOT)


def test_find_redundant_ignores_readonly_but_flags_the_mismatch() -> None:
    child = Mount(REPO_SRC.src, REPO_SRC.dst, readonly=True)
    [found] = find_redundant([REPO, child])
    assert found == Redundancy(child=child, parent=REPO)
    assert found.readonly_mismatch


def test_plan_prune_drops_covered_mounts() -> None:
    other = Mount("/other", "/other")
    plan = plan_prune([REPO_SRC, REPO, other, REPO_SRC_LIB])
    assert plan == MountPlan(
        mounts=[REPO, other],
        collapsed=[
            Redundancy(child=REPO_SRC, parent=REPO),
            Redundancy(child=REPO_SRC_LIB, parent=REPO),
        ],
    )


def test_plan_prune_without_redundancy_keeps_everything() -> None:
    assert plan_prune([REPO, Mount("/other", "/other")]) == MountPlan(
        mounts=[REPO, Mount("/other", "/other")], collapsed=[]
    )


def test_plan_prune_refuses_a_readonly_mismatch() -> None:
    with pytest.raises(MountError) as caught:
        plan_prune([Mount(REPO.src, REPO.dst, readonly=True), REPO_SRC])
    assert str(caught.value) == (
        "mount /home/op/repo (ro) would subsume /home/op/repo/src (rw), but the readonly "
        "flag differs. Match the flag or remove the child first."
    )


def test_create_collapses_redundant_children_among_new_mounts() -> None:
    plan = plan_mount_additions([], [REPO_SRC, REPO, REPO_SRC_LIB])
    assert plan.mounts == [REPO]
    assert plan.collapsed == [
        Redundancy(child=REPO_SRC, parent=REPO),
        Redundancy(child=REPO_SRC_LIB, parent=REPO),
    ]


def test_adding_a_parent_subsumes_existing_children() -> None:
    other = Mount("/other", "/other")
    plan = plan_mount_additions([REPO_SRC, other, REPO_SRC_LIB], [REPO])
    assert plan.mounts == [other, REPO]
    assert plan.collapsed == [
        Redundancy(child=REPO_SRC, parent=REPO),
        Redundancy(child=REPO_SRC_LIB, parent=REPO),
    ]


def test_adding_a_child_of_an_existing_parent_is_an_error() -> None:
    with pytest.raises(MountError) as caught:
        plan_mount_additions([REPO], [REPO_SRC])
    assert str(caught.value) == (
        "mount /home/op/repo/src is already covered by existing mount /home/op/repo. "
        "Nothing to add."
    )


def test_existing_parent_being_subsumed_does_not_block_its_children() -> None:
    top = Mount("/home/op", "/workspace")
    plan = plan_mount_additions([REPO], [top, REPO_SRC])
    assert plan.mounts == [top]
    assert plan.collapsed == [
        Redundancy(child=REPO, parent=top),
        Redundancy(child=REPO_SRC, parent=top),
    ]


@pytest.mark.parametrize(
    ("existing", "added", "message"),
    [
        (
            [REPO],
            [Mount(REPO_SRC.src, REPO_SRC.dst, readonly=True)],
            "mount /home/op/repo (rw) would subsume /home/op/repo/src (ro), but the "
            "readonly flag differs. Match the flag or remove the child first.",
        ),
        (
            [REPO_SRC],
            [Mount(REPO.src, REPO.dst, readonly=True)],
            "mount /home/op/repo (ro) would subsume /home/op/repo/src (rw), but the "
            "readonly flag differs. Match the flag or remove the child first.",
        ),
        (
            [],
            [REPO, Mount(REPO_SRC.src, REPO_SRC.dst, readonly=True)],
            "mount /home/op/repo (rw) would subsume /home/op/repo/src (ro), but the "
            "readonly flag differs. Match the flag or remove the child first.",
        ),
        (
            [],
            [Mount("/a", "/x"), Mount("/b", "/x/")],
            "duplicate workspace edit mount destination: /x/",
        ),
    ],
)
def test_plan_mount_additions_errors(
    existing: list[Mount], added: list[Mount], message: str
) -> None:
    with pytest.raises(MountError) as caught:
        plan_mount_additions(existing, added)
    assert str(caught.value) == message


def test_same_destination_replaces_in_place() -> None:
    other = Mount("/other", "/other")
    moved = Mount("/home/op/repo-v2", "/workspace/repo", readonly=True)
    plan = plan_mount_additions([REPO, other], [moved])
    assert plan == MountPlan(mounts=[moved, other], collapsed=[])


def test_replacing_the_parent_can_uncover_a_child() -> None:
    moved = Mount("/home/op/elsewhere", "/workspace/repo")
    plan = plan_mount_additions([REPO, REPO_SRC], [moved])
    assert plan == MountPlan(mounts=[moved, REPO_SRC], collapsed=[])
    assert find_redundant(plan.mounts) == []


def test_pre_existing_redundancy_is_left_alone() -> None:
    other = Mount("/other", "/other")
    plan = plan_mount_additions([REPO, REPO_SRC], [other])
    assert plan == MountPlan(mounts=[REPO, REPO_SRC, other], collapsed=[])
    assert find_redundant(plan.mounts) == [Redundancy(child=REPO_SRC, parent=REPO)]


def test_inputs_are_not_modified() -> None:
    existing = [REPO_SRC]
    added = [REPO]
    plan_mount_additions(existing, added)
    assert existing == [REPO_SRC]
    assert added == [REPO]


_segment = st.sampled_from(["a", "b", "src", "lib"])
_path = st.lists(_segment, min_size=0, max_size=3).map(lambda parts: "/" + "/".join(parts))
_mount = st.builds(Mount, src=_path, dst=_path, readonly=st.booleans())


@given(mount=_mount)
def test_a_mount_never_covers_itself(mount: Mount) -> None:
    assert not covers(mount, mount)
    assert find_redundant([mount]) == []
    assert find_redundant([mount, mount]) == []


@given(mounts=st.lists(_mount, max_size=5))
def test_prune_leaves_nothing_redundant(mounts: list[Mount]) -> None:
    try:
        plan = plan_prune(mounts)
    except MountError:
        assert any(found.readonly_mismatch for found in find_redundant(mounts))
        return
    assert find_redundant(plan.mounts) == []
    assert len(plan.mounts) + len(plan.collapsed) == len(mounts)
    assert all(not covers(found.parent, found.parent) for found in plan.collapsed)
    assert all(found.parent in plan.mounts for found in plan.collapsed)
