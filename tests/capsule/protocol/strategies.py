"""Hypothesis strategies for every attach frame, and a byte-stream splitter."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from jackin_capsule.protocol import (
    MAX_DIMENSION,
    Bell,
    CapabilityOverrides,
    ClientFrame,
    ClientTerminal,
    Command,
    Detach,
    FocusIn,
    FocusOut,
    Hello,
    Input,
    Output,
    Resize,
    ServerFrame,
    SessionList,
    Shutdown,
    SpawnAgent,
    SpawnShell,
    TelemetryContext,
    Welcome,
)

U64 = st.integers(0, 2**64 - 1)
# Each char is at most 4 UTF-8 bytes, so `max_size` chars stay under a byte cap of 4x.
SHORT_TEXT = st.text(max_size=12)
WORD = st.text(min_size=1, max_size=12)
SMALL_BYTES = st.binary(max_size=48)
TRISTATE = st.sampled_from([None, False, True])

contexts = st.builds(
    TelemetryContext,
    v=st.just(1),
    traceparent=st.none() | SHORT_TEXT,
    tracestate=st.none() | SHORT_TEXT,
    invocation_id=st.none() | SHORT_TEXT,
    session_id=st.none() | SHORT_TEXT,
    job_id=st.none() | SHORT_TEXT,
)
rgb = st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))
overrides = st.builds(
    CapabilityOverrides,
    pointer_shapes=TRISTATE,
    truecolor=TRISTATE,
    sync_output=TRISTATE,
    osc8=TRISTATE,
    underline_style=TRISTATE,
    image_protocol=st.sampled_from([None, "none", "kitty"]),
)
terminals = st.builds(
    ClientTerminal,
    term=st.none() | WORD,
    term_program=st.none() | WORD,
    colorterm=st.none() | WORD,
    default_fg=st.none() | rgb,
    default_bg=st.none() | rgb,
    overrides=overrides,
)
spawns = st.none() | st.just(SpawnShell()) | st.builds(SpawnAgent, WORD, st.none() | WORD)
hellos = st.builds(
    Hello,
    rows=st.integers(0, MAX_DIMENSION),
    cols=st.integers(0, MAX_DIMENSION),
    spawn=spawns,
    env=st.lists(st.tuples(SHORT_TEXT, SHORT_TEXT), max_size=4).map(tuple),
    focus_session=st.none() | U64,
    terminal=terminals,
    context=st.none() | contexts,
)
client_frames: st.SearchStrategy[ClientFrame] = st.one_of(
    hellos,
    st.builds(Resize, st.integers(1, MAX_DIMENSION), st.integers(1, MAX_DIMENSION)),
    st.builds(Input, SMALL_BYTES),
    st.builds(Command, SMALL_BYTES),
    st.builds(Detach),
    st.builds(FocusIn),
    st.builds(FocusOut),
)
server_frames: st.SearchStrategy[ServerFrame] = st.one_of(
    st.builds(Welcome, st.integers(0, 2**32 - 1)),
    st.builds(Output, SMALL_BYTES),
    st.builds(SessionList, SMALL_BYTES),
    st.builds(Shutdown, st.none() | WORD),
    st.builds(Bell),
)
cut_points = st.lists(st.integers(min_value=0, max_value=10_000), max_size=24)


def split(data: bytes, cuts: Sequence[int]) -> list[bytes]:
    """`data` cut at `cuts` (taken modulo its length + 1); empty pieces included."""
    points = sorted(c % (len(data) + 1) for c in cuts)
    pieces, start = [], 0
    for point in [*points, len(data)]:
        pieces.append(data[start:point])
        start = point
    return pieces
