from __future__ import annotations

from jackin_sdk.instances import InstanceStatus as S


def test_values_are_the_reference_snake_case_names() -> None:
    assert [s.value for s in S] == [
        "active",
        "running",
        "clean_exited",
        "crashed",
        "preserved_dirty",
        "preserved_unpushed",
        "restore_available",
        "superseded",
        "purged",
        "failed_setup",
    ]
    assert S("preserved_dirty") is S.PRESERVED_DIRTY


def test_candidate_sets() -> None:
    assert {s for s in S if s.is_restore_candidate} == {
        S.ACTIVE,
        S.RUNNING,
        S.CRASHED,
        S.PRESERVED_DIRTY,
        S.PRESERVED_UNPUSHED,
        S.RESTORE_AVAILABLE,
        S.FAILED_SETUP,
    }
    assert {s for s in S if s.is_launch_candidate} == {
        S.CRASHED,
        S.PRESERVED_DIRTY,
        S.PRESERVED_UNPUSHED,
        S.RESTORE_AVAILABLE,
        S.FAILED_SETUP,
    }
    assert {s for s in S if s.is_prunable} == {
        S.CLEAN_EXITED,
        S.SUPERSEDED,
        S.FAILED_SETUP,
        S.PURGED,
    }
    assert {s for s in S if s.is_live} == {S.ACTIVE, S.RUNNING}
