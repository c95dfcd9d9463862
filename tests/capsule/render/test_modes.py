"""ModeReconciler: only transitions of the focused pane's outer modes are emitted."""

from __future__ import annotations

from jackin_capsule.render import ModeReconciler, OuterModes


def test_first_call_asserts_everything() -> None:
    reconciler = ModeReconciler()
    assert reconciler.reconcile(OuterModes()) == b"\x1b[?2004l\x1b[?1l\x1b[0 q\x1b[<u"
    reconciler.reset()
    assert reconciler.reconcile(OuterModes(True, True, 5, 3)) == (
        b"\x1b[?2004h\x1b[?1h\x1b[5 q\x1b[<u\x1b[>3u"
    )


def test_unchanged_modes_emit_nothing() -> None:
    reconciler = ModeReconciler()
    modes = OuterModes(bracketed_paste=True, kitty_flags=1)
    reconciler.reconcile(modes)
    assert reconciler.reconcile(OuterModes(bracketed_paste=True, kitty_flags=1)) == b""


def test_each_transition_alone() -> None:
    reconciler = ModeReconciler()
    reconciler.reconcile(OuterModes())
    assert reconciler.reconcile(OuterModes(bracketed_paste=True)) == b"\x1b[?2004h"
    assert reconciler.reconcile(OuterModes()) == b"\x1b[?2004l"
    assert reconciler.reconcile(OuterModes(application_cursor=True)) == b"\x1b[?1h"
    assert reconciler.reconcile(OuterModes()) == b"\x1b[?1l"
    assert reconciler.reconcile(OuterModes(cursor_style=6)) == b"\x1b[6 q"
    assert reconciler.reconcile(OuterModes(cursor_style=6, kitty_flags=31)) == (b"\x1b[<u\x1b[>31u")
    assert reconciler.reconcile(OuterModes(cursor_style=6, kitty_flags=1)) == b"\x1b[<u\x1b[>1u"
    assert reconciler.reconcile(OuterModes(cursor_style=6)) == b"\x1b[<u"


def test_reset_reasserts_for_a_new_client() -> None:
    reconciler = ModeReconciler()
    modes = OuterModes(application_cursor=True)
    reconciler.reconcile(modes)
    reconciler.reset()
    assert reconciler.reconcile(modes) == b"\x1b[?2004l\x1b[?1h\x1b[0 q\x1b[<u"
