"""Every attach frame survives encode -> FrameDecoder under any chunking; golden bytes
pin the spec's layouts (tags, big-endian integers, field order)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jackin_capsule.protocol import (
    CLIENT_FRAME_TYPES,
    MAX_BUFFERED,
    SERVER_FRAME_TYPES,
    Bell,
    CapabilityOverrides,
    ClientFrame,
    ClientTerminal,
    Detach,
    FrameDecoder,
    Hello,
    Input,
    Output,
    Resize,
    ServerFrame,
    Shutdown,
    SpawnAgent,
    TelemetryContext,
    Welcome,
    encode,
)
from tests.capsule.protocol.strategies import client_frames, cut_points, server_frames, split

FAST = settings(max_examples=200, deadline=None)


def _decode_client(data: bytes, cuts: list[int]) -> list[ClientFrame]:
    decoder = FrameDecoder("client")
    frames: list[ClientFrame] = []
    for piece in split(data, cuts):
        frames += decoder.feed(piece)
        assert decoder.buffered <= MAX_BUFFERED
    decoder.eof()
    return frames


def _decode_server(data: bytes, cuts: list[int]) -> list[ServerFrame]:
    decoder = FrameDecoder("server")
    frames: list[ServerFrame] = []
    for piece in split(data, cuts):
        frames += decoder.feed(piece)
    decoder.eof()
    return frames


@FAST
@given(client_frames, cut_points)
def test_client_frame_round_trips_under_any_chunking(frame: ClientFrame, cuts: list[int]) -> None:
    assert _decode_client(encode(frame), cuts) == [frame]


@FAST
@given(server_frames, cut_points)
def test_server_frame_round_trips_under_any_chunking(frame: ServerFrame, cuts: list[int]) -> None:
    assert _decode_server(encode(frame), cuts) == [frame]


@FAST
@given(st.lists(client_frames, max_size=8), cut_points)
def test_client_frame_sequences_decode_in_order(frames: list[ClientFrame], cuts: list[int]) -> None:
    assert _decode_client(b"".join(encode(f) for f in frames), cuts) == frames


@FAST
@given(st.lists(server_frames, max_size=8), cut_points)
def test_server_frame_sequences_decode_in_order(frames: list[ServerFrame], cuts: list[int]) -> None:
    assert _decode_server(b"".join(encode(f) for f in frames), cuts) == frames


@FAST
@given(st.lists(client_frames, min_size=1, max_size=6))
def test_byte_at_a_time_feeding(frames: list[ClientFrame]) -> None:
    data = b"".join(encode(f) for f in frames)
    decoder = FrameDecoder("client")
    out: list[ClientFrame] = []
    for i in range(len(data)):
        out += decoder.feed(data[i : i + 1])
    assert out == frames
    assert decoder.buffered == 0


def test_every_implemented_tag_is_covered() -> None:
    """The spec's tags minus the removed ones (see test_removed_frames)."""
    assert sorted(t.TAG for t in CLIENT_FRAME_TYPES) == list(range(0x01, 0x08))
    assert sorted(t.TAG for t in SERVER_FRAME_TYPES) == list(range(0x81, 0x86))
    assert all(t.TAG < 0x80 for t in CLIENT_FRAME_TYPES)
    assert all(t.TAG >= 0x80 for t in SERVER_FRAME_TYPES)


def test_feed_accepts_any_bytes_like_object() -> None:
    data = encode(Input(b"abc"))
    for chunk in (data, bytearray(data), memoryview(data)):
        assert FrameDecoder("client").feed(chunk) == [Input(b"abc")]


# --- golden bytes -----------------------------------------------------------------------


def test_golden_simple_frames() -> None:
    assert encode(Resize(24, 80)) == b"\x02\x00\x00\x00\x04\x00\x18\x00\x50"
    assert encode(Input(b"q")) == b"\x03\x00\x00\x00\x01q"
    assert encode(Detach()) == b"\x05\x00\x00\x00\x00"
    assert encode(Welcome(0x01020304)) == b"\x81\x00\x00\x00\x04\x01\x02\x03\x04"
    assert encode(Output(b"hi")) == b"\x82\x00\x00\x00\x02hi"
    assert encode(Shutdown()) == b"\x84\x00\x00\x00\x00"
    assert encode(Shutdown("")) == b"\x84\x00\x00\x00\x00"
    assert encode(Shutdown("boom")) == b"\x84\x00\x00\x00\x04boom"
    assert encode(Bell()) == b"\x85\x00\x00\x00\x00"


def test_golden_hello_layout() -> None:
    hello = Hello(
        rows=40,
        cols=120,
        spawn=SpawnAgent("claude", "zai"),
        env=(("TZ", "UTC"),),
        focus_session=5,
        terminal=ClientTerminal(
            term="xterm-ghostty",
            term_program=None,
            colorterm="truecolor",
            default_fg=(0xAA, 0xBB, 0xCC),
            default_bg=None,
            overrides=CapabilityOverrides(pointer_shapes=True, osc8=False, image_protocol="kitty"),
        ),
        context=TelemetryContext(),
    )
    payload = (
        b"\x00\x28\x00\x78"  # rows 40, cols 120
        b"\x03"  # spawn kind 3: agent + provider
        b"\x00\x06claude"
        b"\x00\x03zai"
        b"\x00\x01"  # one env entry
        b"\x00\x02\x00\x00\x00\x03TZUTC"  # key_len u16, val_len u32, key, val
        b"\x01" + (5).to_bytes(8, "big") + b"\x00\x0dxterm-ghostty"
        b"\x00\x00"  # TERM_PROGRAM absent
        b"\x00\x09truecolor"
        b"\x01\xaa\xbb\xcc"  # fg present
        b"\x00"  # bg absent
        b"\x02\x00\x00\x01\x00\x02"  # pointer=true, truecolor/sync unset, osc8=false, …, kitty
        b"\x00\x07" + b'{"v":1}'
    )
    assert encode(hello) == b"\x01" + len(payload).to_bytes(4, "big") + payload
    assert FrameDecoder("client").feed(encode(hello)) == [hello]


def test_golden_hello_minimal_has_null_context() -> None:
    payload = b"\x00\x18\x00\x50\x00\x00\x00\x00\x00\x00" + b"\x00\x00" * 3
    payload += b"\x00\x00" + b"\x00" * 6 + b"\x00\x04null"
    assert Hello(24, 80).payload() == payload


def test_empty_terminal_fields_normalise_to_absent() -> None:
    assert ClientTerminal(term="", colorterm="") == ClientTerminal()
    assert Shutdown("") == Shutdown(None)
