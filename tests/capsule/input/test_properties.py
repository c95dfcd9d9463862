"""Property tests: chunking never changes the result, forwarded input is untouched."""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jackin_capsule.input import (
    MAX_SEQUENCE,
    InputConfig,
    InputEvent,
    InputParser,
    Mouse,
    PaneBytes,
    decode_dialog_keys,
)
from tests.capsule.input.support import NOW, coalesce, pane, parse, parse_chunks

_SPECIALS = re.compile(rb"[\x02\x11\x1b\x1c]")
_PASTE_END = b"\x1b[201~"

plain = st.binary(max_size=24).map(lambda b: _SPECIALS.sub(b"", b))
forwarded_keys = st.sampled_from(
    [
        b"\x1b[A",
        b"\x1b[5~",
        b"\x1b[1;3C",
        b"\x1b[1;5D",
        b"\x1bOP",
        b"\x1b[Z",
        b"\x1b[97u",
        b"\x1b[13;2u",
        b"\x1bx",
        b"\x1b[?2026;2$y",
        b"\x1b[12;40R",
    ]
)
special_keys = st.sampled_from(
    [
        b"\x1c",
        b"\x11",
        b"\x02",
        b"\x1b\x1c",
        b"\x1b",
        b"\x1b[",
        b"\x1b]",
        b"\x1b[I",
        b"\x1b[O",
        b"\x1b[27u",
        b"\x1b[92;5u",
        b"\x1b[113;5u",
        b"\x1b[98;5u",
        b"\x1b[99;1:3u",
        b"\x1b[27;5;113~",
        b"\x1b[27;2;13~",
        b"\x1b[1;4A",
        b"\x1b[1;1B",
        b"\x1b[8;24;80t",
        b"\x1b[57441;2u",
    ]
)
sgr_mouse = st.builds(
    lambda b, x, y, f: b"\x1b[<%d;%d;%d%c" % (b, x, y, f),
    st.integers(0, 255),
    st.integers(0, 400),
    st.integers(0, 400),
    st.sampled_from([ord("M"), ord("m")]),
)
x10_mouse = st.binary(min_size=3, max_size=3).map(lambda b: b"\x1b[M" + b)
osc_body = st.binary(max_size=40).map(lambda b: re.sub(rb"[\x07\x1b]", b"", b))
osc = st.builds(
    lambda body, st_end: b"\x1b]" + body + (b"\x1b\\" if st_end else b"\x07"),
    osc_body,
    st.booleans(),
)
dcs = osc_body.map(lambda body: b"\x1bP" + body + b"\x1b\\")
paste_body = st.binary(max_size=60).map(lambda b: b.replace(_PASTE_END, b""))
paste = paste_body.map(lambda body: b"\x1b[200~" + body + _PASTE_END)
any_token = st.one_of(
    plain,
    forwarded_keys,
    special_keys,
    sgr_mouse,
    x10_mouse,
    osc,
    dcs,
    paste,
    st.binary(max_size=8),
)
configs = st.builds(
    InputConfig,
    palette_key=st.sampled_from([0x1C, 0x1D, 0x00, None]),
    prefix_key=st.sampled_from([None, 0x02, 0x01]),
)


def _split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({min(c, len(data)) for c in cuts})
    bounds = [0, *points, len(data)]
    return [data[a:b] for a, b in itertools.pairwise(bounds)]


@st.composite
def chunked(draw: st.DrawFn, tokens: st.SearchStrategy[bytes]) -> tuple[bytes, list[bytes]]:
    data = b"".join(draw(st.lists(tokens, max_size=30)))
    cuts = draw(st.lists(st.integers(0, len(data)), max_size=12))
    return data, _split(data, cuts)


def _run_checked(chunks: list[bytes], config: InputConfig) -> list[InputEvent]:
    parser = InputParser(config)
    events: list[InputEvent] = []
    for chunk in chunks:
        events += parser.feed(chunk, NOW)
        assert parser.buffered <= MAX_SEQUENCE
    events += parser.expire(NOW + 10.0)
    assert parser.deadline() is None
    return events


@settings(max_examples=400)
@given(chunked(any_token), configs)
def test_chunking_does_not_change_events(
    case: tuple[bytes, list[bytes]], config: InputConfig
) -> None:
    data, chunks = case
    whole = coalesce(parse_chunks([data], config))
    assert coalesce(_run_checked(chunks, config)) == whole
    assert coalesce(parse_chunks([bytes([b]) for b in data], config)) == whole


@settings(max_examples=300)
@given(st.binary(max_size=200), st.lists(st.integers(0, 200), max_size=20), configs)
def test_chunking_arbitrary_bytes(data: bytes, cuts: list[int], config: InputConfig) -> None:
    whole = coalesce(parse_chunks([data], config))
    assert coalesce(_run_checked(_split(data, cuts), config)) == whole


@given(chunked(st.one_of(plain, forwarded_keys, osc, dcs, paste)))
def test_uninterpreted_input_is_forwarded_verbatim(case: tuple[bytes, list[bytes]]) -> None:
    data, chunks = case
    events = parse_chunks(chunks)
    assert all(isinstance(e, PaneBytes) for e in events)
    assert pane(events) == data


@given(plain)
def test_plain_text_is_a_single_event(data: bytes) -> None:
    assert parse(data) == ([PaneBytes(data)] if data else [])


@given(
    st.integers(0, 255), st.integers(1, 9999), st.integers(1, 9999), st.sampled_from([b"M", b"m"])
)
def test_sgr_mouse_decodes_consistently(code: int, x: int, y: int, final: bytes) -> None:
    (event,) = parse(b"\x1b[<%d;%d;%d" % (code, x, y) + final)
    assert isinstance(event, Mouse)
    assert (event.row, event.col) == (y - 1, x - 1)
    assert (event.shift, event.alt, event.ctrl) == (bool(code & 4), bool(code & 8), bool(code & 16))
    button = code & 0b1100_0011
    wheel = bool(code & 64) and not code & 128
    motion = 32 if event.kind in ("drag", "move") else 0
    assert event.button == button
    if wheel:
        assert event.kind == f"wheel_{('up', 'down', 'left', 'right')[code & 3]}"
    else:
        assert event.button | motion | (code & 28) == code
        released = not code & 32 and (final == b"m" or button == 3)
        assert (event.kind == "release") == released


@given(st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs"]), max_size=30))
def test_dialog_text_round_trips(text: str) -> None:
    keys = decode_dialog_keys(text.encode())
    assert "".join(k.text for k in keys) == text
    assert all(k.kind == "CHAR" for k in keys)


@given(st.binary(max_size=200))
def test_dialog_decoding_never_fails(data: bytes) -> None:
    for key in decode_dialog_keys(data):
        assert key.kind == "CHAR" or key.text == ""
