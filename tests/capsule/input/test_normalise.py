"""CSI normalisation (spec A11): focus, kitty keys, modifyOtherKeys, arrows, mouse."""

from __future__ import annotations

import pytest

from jackin_capsule.input import (
    InputConfig,
    InputEvent,
    Mouse,
    MouseKind,
    OuterFocus,
    PaneBytes,
    RequestExit,
    ResizePane,
    TogglePalette,
)
from tests.capsule.input.support import parse


def test_focus_reports_become_events() -> None:
    assert parse(b"a\x1b[Ib\x1b[O") == [
        PaneBytes(b"a"),
        OuterFocus(focused=True),
        PaneBytes(b"b"),
        OuterFocus(focused=False),
    ]


@pytest.mark.parametrize(
    "report",
    [
        b"\x1b[97;1:3u",
        b"\x1b[113;5:3u",
        b"\x1b[27;1:3u",
        b"\x1b[1;1:3A",
        b"\x1b[1;4:3D",
        b"\x1b[2;1:3~",
        b"\x1b[1;5:3H",
    ],
)
def test_kitty_release_events_are_dropped(report: bytes) -> None:
    assert parse(report) == []


@pytest.mark.parametrize(
    "report", [b"\x1b[8;24;80t", b"\x1b[4;600;800t", b"\x1b[3;1;1t", b"\x1b[?1;2t"]
)
def test_window_reports_are_dropped(report: bytes) -> None:
    assert parse(b"a" + report + b"b") == [PaneBytes(b"ab")]


@pytest.mark.parametrize("esc", [b"\x1b[27u", b"\x1b[27;1u", b"\x1b[27;1:1u", b"\x1b[27;65u"])
def test_kitty_esc_becomes_a_lone_esc(esc: bytes) -> None:
    assert parse(b"a" + esc + b"b") == [PaneBytes(b"a"), PaneBytes(b"\x1b"), PaneBytes(b"b")]


@pytest.mark.parametrize(
    ("report", "byte"),
    [
        (b"\x1b[97;5u", 0x01),
        (b"\x1b[122;5u", 0x1A),
        (b"\x1b[99;5:1u", 0x03),
        (b"\x1b[108;5:2u", 0x0C),
        (b"\x1b[93;5u", 0x1D),
        (b"\x1b[94;5u", 0x1E),
        (b"\x1b[95;5u", 0x1F),
        (b"\x1b[64;5u", 0x00),
        (b"\x1b[32;5u", 0x00),
        (b"\x1b[99;69u", 0x03),  # ctrl + caps lock
        (b"\x1b[27;5;99~", 0x03),
        (b"\x1b[27;5;108~", 0x0C),
    ],
)
def test_ctrl_keys_become_control_bytes(report: bytes, byte: int) -> None:
    assert parse(report) == [PaneBytes(bytes([byte]))]


@pytest.mark.parametrize("report", [b"\x1b[92;5u", b"\x1b[27;5;92~", b"\x1b[92;5:1u"])
def test_kitty_ctrl_backslash_toggles_palette(report: bytes) -> None:
    assert parse(report) == [TogglePalette()]


@pytest.mark.parametrize("report", [b"\x1b[113;5u", b"\x1b[27;5;113~", b"\x1b[81;5u"])
def test_kitty_ctrl_q_requests_exit(report: bytes) -> None:
    assert parse(report) == [RequestExit()]


@pytest.mark.parametrize(
    "report",
    [
        b"\x1b[97;6u",  # ctrl+shift+a
        b"\x1b[97;3u",  # alt+a
        b"\x1b[49;5u",  # ctrl+1 has no control byte
        b"\x1b[27;3;97~",
        b"\x1b[27;5;49~",
        b"\x1b[57399;5u",
        b"\x1b[1;5u",
    ],
)
def test_other_modified_keys_are_forwarded(report: bytes) -> None:
    assert parse(report) == [PaneBytes(report)]


def test_modify_other_keys_shift_enter_becomes_csi_u() -> None:
    assert parse(b"\x1b[27;2;13~") == [PaneBytes(b"\x1b[13;2u")]


@pytest.mark.parametrize(
    ("report", "direction"),
    [
        (b"\x1b[1;4A", "up"),
        (b"\x1b[1;4B", "down"),
        (b"\x1b[1;4C", "right"),
        (b"\x1b[1;4D", "left"),
        (b"\x1b[1;4:1A", "up"),
        (b"\x1b[1;4:2C", "right"),
    ],
)
def test_alt_shift_arrow_resizes(report: bytes, direction: str) -> None:
    assert parse(report) == [ResizePane(direction)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("report", "forwarded"),
    [
        (b"\x1b[1;1A", b"\x1b[A"),
        (b"\x1b[1;1:1B", b"\x1b[B"),
        (b"\x1b[1;1:2C", b"\x1b[C"),
        (b"\x1b[1;D", b"\x1b[D"),
        (b"\x1b[1;2A", b"\x1b[1;2A"),
        (b"\x1b[1;3B", b"\x1b[1;3B"),
        (b"\x1b[1;5C", b"\x1b[1;5C"),
        (b"\x1b[1;8D", b"\x1b[1;8D"),
        (b"\x1b[A", b"\x1b[A"),
        (b"\x1b[2;4A", b"\x1b[2;4A"),
    ],
)
def test_other_arrows(report: bytes, forwarded: bytes) -> None:
    assert parse(report) == [PaneBytes(forwarded)]


def test_ctrl_q_under_kitty_still_wins_with_prefix_configured() -> None:
    config = InputConfig(prefix_key=0x02)
    assert parse(b"\x1b[113;5u", config) == [RequestExit()]


# -- mouse ---------------------------------------------------------------------------


def _mouse(kind: MouseKind, button: int, row: int, col: int, **mods: bool) -> Mouse:
    return Mouse(kind, button, row, col, **mods)


@pytest.mark.parametrize(
    ("report", "event"),
    [
        (b"\x1b[<0;1;1M", _mouse("press", 0, 0, 0)),
        (b"\x1b[<0;10;5m", _mouse("release", 0, 4, 9)),
        (b"\x1b[<2;80;24M", _mouse("press", 2, 23, 79)),
        (b"\x1b[<1;3;3m", _mouse("release", 1, 2, 2)),
        (b"\x1b[<32;4;2M", _mouse("drag", 0, 1, 3)),
        (b"\x1b[<35;4;2M", _mouse("move", 3, 1, 3)),
        (b"\x1b[<64;7;8M", _mouse("wheel_up", 64, 7, 6)),
        (b"\x1b[<65;7;8M", _mouse("wheel_down", 65, 7, 6)),
        (b"\x1b[<66;7;8M", _mouse("wheel_left", 66, 7, 6)),
        (b"\x1b[<67;7;8M", _mouse("wheel_right", 67, 7, 6)),
        (b"\x1b[<128;2;2M", _mouse("press", 128, 1, 1)),
        (b"\x1b[<4;1;1M", _mouse("press", 0, 0, 0, shift=True)),
        (b"\x1b[<8;1;1M", _mouse("press", 0, 0, 0, alt=True)),
        (b"\x1b[<16;1;1M", _mouse("press", 0, 0, 0, ctrl=True)),
        (b"\x1b[<92;1;1M", _mouse("wheel_up", 64, 0, 0, shift=True, alt=True, ctrl=True)),
        (b"\x1b[<0;300;1000M", _mouse("press", 0, 999, 299)),
        (b"\x1b[<0;0;0M", _mouse("press", 0, 0, 0)),
        (b"\x1b[M !!", _mouse("press", 0, 0, 0)),
        (b"\x1b[M#*%", _mouse("release", 3, 4, 9)),
        (b"\x1b[M`++", _mouse("wheel_up", 64, 10, 10)),
        (b"\x1b[MC++", _mouse("move", 3, 10, 10)),
        (b"\x1b[M0!!", _mouse("press", 0, 0, 0, ctrl=True)),
    ],
)
def test_mouse_reports(report: bytes, event: InputEvent) -> None:
    assert parse(b"a" + report + b"b") == [PaneBytes(b"a"), event, PaneBytes(b"b")]


@pytest.mark.parametrize("report", [b"\x1b[<M", b"\x1b[<1;2M", b"\x1b[<1;2;3;4m", b"\x1b[<a;1;1M"])
def test_malformed_sgr_mouse_is_dropped(report: bytes) -> None:
    # `a` is not a CSI parameter byte, so that report aborts and is typed instead.
    events = parse(report)
    assert all(not isinstance(e, Mouse) for e in events)
    if b"a" not in report:
        assert events == []


def test_x10_mouse_bytes_are_raw() -> None:
    # X10 report bytes may be anything, including the palette key and 8-bit values.
    assert parse(b"\x1b[M\x1c\xff\x7fz") == [_mouse("press", 0, 94, 222), PaneBytes(b"z")]
    assert parse(b"\x1b[M \x1b\x11") == [_mouse("press", 0, 0, 0)]
