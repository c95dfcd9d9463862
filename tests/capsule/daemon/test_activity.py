"""Pane states from output activity, and the tab roll-up (spec A5)."""

from __future__ import annotations

from jackin_capsule.daemon._activity import QUIET_AFTER, PaneActivity, roll_up


def test_a_pane_that_never_printed_is_unknown() -> None:
    assert PaneActivity().state(100.0) == "unknown"


def test_output_is_working_then_done_until_seen_then_idle() -> None:
    activity = PaneActivity()
    activity.printed(10.0, watched=False)
    assert activity.state(10.0 + QUIET_AFTER / 2) == "working"
    assert activity.state(10.0 + QUIET_AFTER) == "done"
    activity.seen()
    assert activity.state(10.0 + QUIET_AFTER) == "idle"


def test_output_the_operator_watched_goes_idle_not_done() -> None:
    activity = PaneActivity()
    activity.printed(10.0, watched=True)
    assert activity.state(10.0 + QUIET_AFTER + 1) == "idle"


def test_roll_up_precedence() -> None:
    assert roll_up(["idle", "working", "done"]) == "done"
    assert roll_up(["idle", "working"]) == "working"
    assert roll_up(["unknown", "idle"]) == "idle"
    assert roll_up(["blocked", "done"]) == "blocked"
    assert roll_up([]) == "unknown"
