"""Every malformed input the spec names is refused with `ProtocolError` and the right
reason, and arbitrary bytes never raise anything else nor grow the buffer unbounded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jackin_capsule.protocol import (
    CLIENT_FRAME_TYPES,
    HEADER_SIZE,
    MAX_BUFFERED,
    MAX_DIMENSION,
    MAX_FRAME_PAYLOAD,
    SERVER_FRAME_TYPES,
    ClientFrame,
    ClientTerminal,
    FocusIn,
    FrameDecoder,
    Hello,
    Input,
    ProtocolError,
    Reason,
    Resize,
    ServerFrame,
    Shutdown,
    SpawnAgent,
    TelemetryContext,
    encode,
)
from tests.capsule.protocol.strategies import client_frames, cut_points, server_frames, split

FAST = settings(max_examples=200, deadline=None)
Source = Literal["client", "server"]


def frame(tag: int, payload: bytes) -> bytes:
    return bytes([tag]) + len(payload).to_bytes(4, "big") + payload


def reject(data: bytes, source: Source = "client") -> Reason:
    decoder = FrameDecoder(source)
    with pytest.raises(ProtocolError) as info:
        decoder.feed(data)
    return info.value.reason


def raw_hello(
    *,
    dims: bytes = b"\x00\x18\x00\x50",
    kind: int = 0,
    agent: bytes = b"",
    provider: bytes | None = None,
    env: bytes = b"\x00\x00",
    focus: bytes = b"\x00",
    terms: tuple[bytes, bytes, bytes] = (b"", b"", b""),
    colours: bytes = b"\x00\x00",
    overrides: bytes = b"\x00" * 6,
    ctx: bytes = b"null",
) -> bytes:
    """A Hello payload built field by field, so any one field can be made invalid."""
    out = dims + bytes([kind]) + len(agent).to_bytes(2, "big") + agent
    if provider is not None:
        out += len(provider).to_bytes(2, "big") + provider
    out += env + focus
    for term in terms:
        out += len(term).to_bytes(2, "big") + term
    return out + colours + overrides + len(ctx).to_bytes(2, "big") + ctx


def env_block(*entries: tuple[bytes, bytes], count: int | None = None) -> bytes:
    out = (len(entries) if count is None else count).to_bytes(2, "big")
    for key, value in entries:
        out += len(key).to_bytes(2, "big") + len(value).to_bytes(4, "big") + key + value
    return out


def test_raw_hello_default_matches_the_encoder() -> None:
    assert raw_hello() == Hello(24, 80).payload()


# --- framing ----------------------------------------------------------------------------


@pytest.mark.parametrize("tag", [0x00, 0x0F, 0x10, 0x7F, 0x80, 0x81, 0x8E, 0xFF])
def test_unknown_client_tag_is_refused_on_its_first_byte(tag: int) -> None:
    assert reject(bytes([tag])) == Reason.UNKNOWN_TAG


@pytest.mark.parametrize("tag", [0x00, 0x01, 0x03, 0x7F, 0x80, 0x8F, 0xFF])
def test_unknown_server_tag_is_refused(tag: int) -> None:
    assert reject(bytes([tag]), "server") == Reason.UNKNOWN_TAG


@pytest.mark.parametrize(
    ("tag", "cap", "source"),
    [
        (0x01, MAX_FRAME_PAYLOAD, "client"),  # Hello
        (0x02, 4, "client"),  # Resize
        (0x03, MAX_FRAME_PAYLOAD, "client"),  # Input
        (0x05, 0, "client"),  # Detach
        (0x81, 4, "server"),
        (0x82, MAX_FRAME_PAYLOAD, "server"),
        (0x85, 0, "server"),
    ],
)
def test_length_over_cap_is_refused_from_the_header_alone(
    tag: int, cap: int, source: Source
) -> None:
    decoder = FrameDecoder(source)
    with pytest.raises(ProtocolError) as info:
        decoder.feed(bytes([tag]) + (cap + 1).to_bytes(4, "big"))
    assert info.value.reason == Reason.FRAME_TOO_LARGE
    assert decoder.buffered == 0


def test_huge_announced_length_buffers_nothing() -> None:
    assert reject(b"\x03\xff\xff\xff\xff") == Reason.FRAME_TOO_LARGE


def test_frames_exactly_at_cap_are_accepted() -> None:
    data = b"x" * MAX_FRAME_PAYLOAD
    assert FrameDecoder("client").feed(encode(Input(data))) == [Input(data)]


def test_buffer_holds_only_the_frame_in_progress() -> None:
    decoder = FrameDecoder("client")
    data = encode(Input(b"i" * MAX_FRAME_PAYLOAD)) + encode(FocusIn())
    seen = []
    for start in range(0, len(data), 300_000):
        seen += decoder.feed(data[start : start + 300_000])
        assert decoder.buffered <= HEADER_SIZE + MAX_FRAME_PAYLOAD
    assert seen == [Input(b"i" * MAX_FRAME_PAYLOAD), FocusIn()]
    assert decoder.buffered == 0


@pytest.mark.parametrize("cut", [1, 2, 3, 4, 5, 7])
def test_eof_inside_a_frame_is_truncation(cut: int) -> None:
    decoder = FrameDecoder("client")
    assert decoder.feed(encode(Input(b"abc"))[:cut]) == []
    with pytest.raises(ProtocolError) as info:
        decoder.eof()
    assert info.value.reason == Reason.TRUNCATED


def test_eof_between_frames_is_clean() -> None:
    decoder = FrameDecoder("client")
    assert decoder.feed(encode(FocusIn()) * 2) == [FocusIn(), FocusIn()]
    decoder.eof()


def test_a_failed_decoder_stays_failed() -> None:
    decoder = FrameDecoder("client")
    with pytest.raises(ProtocolError):
        decoder.feed(b"\x7f")
    assert decoder.failed is not None
    assert decoder.failed.reason == Reason.UNKNOWN_TAG
    for action in (lambda: decoder.feed(encode(FocusIn())), decoder.eof):
        with pytest.raises(ProtocolError) as info:
            action()
        assert info.value.reason == Reason.DECODER_FAILED


def test_protocol_error_is_a_value_error_with_a_reason() -> None:
    with pytest.raises(ValueError, match="unknown_tag"):
        FrameDecoder("client").feed(b"\x99")


def test_bad_source_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="source"):
        FrameDecoder("both")  # type: ignore[call-overload]


# --- payload layouts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (frame(0x02, b"\x00\x18\x00"), Reason.SHORT_PAYLOAD),  # Resize 3 bytes
    ],
)
def test_short_client_payloads(data: bytes, reason: Reason) -> None:
    assert reject(data) == reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (frame(0x81, b"\x00\x00"), Reason.SHORT_PAYLOAD),  # Welcome
    ],
)
def test_short_server_payloads(data: bytes, reason: Reason) -> None:
    assert reject(data, "server") == reason


def test_every_strict_prefix_of_a_hello_is_short() -> None:
    payload = encode(
        Hello(
            30,
            100,
            SpawnAgent("codex", "openai"),
            (("TZ", "UTC"),),
            9,
            ClientTerminal("xterm", "iTerm", "24bit", (1, 2, 3), (4, 5, 6)),
            TelemetryContext(traceparent="t"),
        )
    )[HEADER_SIZE:]
    for cut in range(len(payload)):
        assert reject(frame(0x01, payload[:cut])) == Reason.SHORT_PAYLOAD, cut


def test_trailing_bytes_are_refused() -> None:
    assert reject(frame(0x01, raw_hello() + b"\x00")) == Reason.TRAILING_BYTES


def test_trailing_bytes_on_an_empty_frame_is_over_its_zero_cap() -> None:
    assert reject(frame(0x05, b"x")) == Reason.FRAME_TOO_LARGE
    assert reject(frame(0x85, b"x"), "server") == Reason.FRAME_TOO_LARGE


@pytest.mark.parametrize(
    ("data", "source"),
    [
        (frame(0x84, b"bye \xfe"), "server"),  # Shutdown reason
        (frame(0x01, raw_hello(kind=2, agent=b"cl\xffude")), "client"),
        (frame(0x01, raw_hello(kind=3, agent=b"a", provider=b"\xc0\xaf")), "client"),
        (frame(0x01, raw_hello(env=env_block((b"K\xff", b"v")))), "client"),
        (frame(0x01, raw_hello(env=env_block((b"K", b"\xff")))), "client"),
        (frame(0x01, raw_hello(terms=(b"xterm\xff", b"", b""))), "client"),
        (frame(0x01, raw_hello(ctx=b'"\xff"')), "client"),
    ],
)
def test_bad_utf8_where_text_is_required(data: bytes, source: Source) -> None:
    assert reject(data, source) == Reason.BAD_UTF8


@pytest.mark.parametrize(
    "dims", [(0, 80), (24, 0), (0, 0), (MAX_DIMENSION + 1, 80), (24, MAX_DIMENSION + 1)]
)
def test_invalid_resize_dimensions(dims: tuple[int, int]) -> None:
    payload = dims[0].to_bytes(2, "big") + dims[1].to_bytes(2, "big")
    assert reject(frame(0x02, payload)) == Reason.BAD_DIMENSIONS
    with pytest.raises(ProtocolError) as info:
        Resize(*dims)
    assert info.value.reason == Reason.BAD_DIMENSIONS


def test_resize_bounds_are_inclusive() -> None:
    for dims in [(1, 1), (MAX_DIMENSION, MAX_DIMENSION)]:
        assert FrameDecoder("client").feed(encode(Resize(*dims))) == [Resize(*dims)]


def test_hello_dimensions() -> None:
    over = (MAX_DIMENSION + 1).to_bytes(2, "big")
    assert reject(frame(0x01, raw_hello(dims=over + b"\x00\x50"))) == Reason.BAD_DIMENSIONS
    assert reject(frame(0x01, raw_hello(dims=b"\x00\x18" + over))) == Reason.BAD_DIMENSIONS
    # 0 is "size unknown" in Hello, not an error (the handshake applies the default).
    assert FrameDecoder("client").feed(frame(0x01, raw_hello(dims=bytes(4)))) == [Hello(0, 0)]


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (raw_hello(kind=4), Reason.BAD_VALUE),
        (raw_hello(kind=0, agent=b"claude"), Reason.BAD_VALUE),
        (raw_hello(kind=1, agent=b"claude"), Reason.BAD_VALUE),
        (raw_hello(kind=2, agent=b""), Reason.BAD_VALUE),
        (raw_hello(kind=3, agent=b"", provider=b"zai"), Reason.BAD_VALUE),
        (raw_hello(kind=3, agent=b"claude", provider=b""), Reason.BAD_LENGTH),
        (raw_hello(kind=3, agent=b"claude", provider=b"p" * 65), Reason.BAD_LENGTH),
        (raw_hello(env=env_block(count=65)), Reason.BAD_LENGTH),
        (raw_hello(env=env_block((b"K" * 1025, b"v"))), Reason.BAD_LENGTH),
        (raw_hello(env=env_block((b"K", b"v" * 8193))), Reason.BAD_LENGTH),
        (raw_hello(focus=b"\x02"), Reason.BAD_VALUE),
        (raw_hello(terms=(b"t" * 1025, b"", b"")), Reason.BAD_LENGTH),
        (raw_hello(terms=(b"", b"", b"c" * 1025)), Reason.BAD_LENGTH),
        (raw_hello(colours=b"\x02\x00"), Reason.BAD_VALUE),
        (raw_hello(colours=b"\x00\x02"), Reason.BAD_VALUE),
        (raw_hello(overrides=b"\x03" + bytes(5)), Reason.BAD_VALUE),
        (raw_hello(overrides=bytes(5) + b"\x03"), Reason.BAD_VALUE),
        (raw_hello(ctx=b""), Reason.BAD_CONTEXT),
        (raw_hello(ctx=b"{"), Reason.BAD_CONTEXT),
        (raw_hello(ctx=b"[]"), Reason.BAD_CONTEXT),
        (raw_hello(ctx=b"1"), Reason.BAD_CONTEXT),
        (raw_hello(ctx=b"{}"), Reason.BAD_CONTEXT),
        (raw_hello(ctx=b'{"v":"1"}'), Reason.BAD_CONTEXT),
        (raw_hello(ctx=b'{"v":true}'), Reason.BAD_CONTEXT),
        (raw_hello(ctx=b'{"v":70000}'), Reason.BAD_CONTEXT),
        (raw_hello(ctx=b'{"v":1,"baggage":"x"}'), Reason.BAD_CONTEXT),
        (raw_hello(ctx=b'{"v":1,"job_id":7}'), Reason.BAD_CONTEXT),
        (raw_hello(ctx=b'{"v":1,"v":1}'), Reason.BAD_CONTEXT),
        (raw_hello(ctx=b'{"v":NaN}'), Reason.BAD_CONTEXT),
        (raw_hello(ctx=b"[" * 60000), Reason.BAD_CONTEXT),
    ],
)
def test_invalid_hello_fields(payload: bytes, reason: Reason) -> None:
    assert reject(frame(0x01, payload)) == reason


def test_hello_without_override_bytes_is_short() -> None:
    """§E14: the override bytes are always required (the context length follows them)."""
    full = raw_hello()
    without = full[: -(6 + 2 + 4)] + full[-(2 + 4) :]
    # The ctx length/JSON bytes are read as override bytes: 0x04 is no override value.
    assert reject(frame(0x01, without)) == Reason.BAD_VALUE
    assert reject(frame(0x01, full[: -(6 + 2 + 4)])) == Reason.SHORT_PAYLOAD


def test_constructors_enforce_the_same_rules() -> None:
    cases: list[tuple[Callable[[], object], Reason]] = [
        (lambda: SpawnAgent(""), Reason.BAD_VALUE),
        (lambda: SpawnAgent("a", "p" * 65), Reason.BAD_LENGTH),
        (lambda: Hello(24, 80, env=(("K", "v"),) * 65), Reason.BAD_LENGTH),
        (lambda: Hello(24, 80, focus_session=-1), Reason.BAD_VALUE),
        (lambda: Hello(24, 80, terminal=ClientTerminal(default_fg=(0, 0, 256))), Reason.BAD_VALUE),
        (lambda: Input(b"x" * (MAX_FRAME_PAYLOAD + 1)), Reason.FRAME_TOO_LARGE),
        (lambda: Shutdown("\ud800"), Reason.BAD_UTF8),
        (lambda: TelemetryContext(v=-1), Reason.BAD_CONTEXT),
    ]
    for build, reason in cases:
        with pytest.raises(ProtocolError) as info:
            build()
        assert info.value.reason == reason


# --- fuzz -------------------------------------------------------------------------------


def _feed_all(
    decoder: FrameDecoder[ClientFrame] | FrameDecoder[ServerFrame], pieces: list[bytes]
) -> None:
    for piece in pieces:
        try:
            decoder.feed(piece)
        except ProtocolError:
            with pytest.raises(ProtocolError):
                decoder.feed(b"\x00")
            return
        finally:
            assert decoder.buffered <= MAX_BUFFERED
        # Memory stays bounded by the frame in progress, never by what was fed.
        assert decoder.buffered <= HEADER_SIZE + MAX_FRAME_PAYLOAD


@FAST
@given(st.binary(max_size=512), cut_points, st.sampled_from(["client", "server"]))
def test_arbitrary_bytes_yield_frames_or_protocol_error(
    data: bytes, cuts: list[int], source: Source
) -> None:
    _feed_all(FrameDecoder(source), split(data, cuts))


_ALL_TAGS = [t.TAG for t in CLIENT_FRAME_TYPES] + [t.TAG for t in SERVER_FRAME_TYPES]


@FAST
@given(st.sampled_from(_ALL_TAGS), st.binary(max_size=200), st.sampled_from(["client", "server"]))
def test_arbitrary_payload_under_a_valid_header(tag: int, payload: bytes, source: Source) -> None:
    """Random payloads reach every payload decoder; a frame that decodes re-encodes to a
    frame that decodes to itself."""
    decoder = FrameDecoder(source)
    try:
        frames = decoder.feed(frame(tag, payload))
    except ProtocolError:
        return
    for decoded in frames:
        assert FrameDecoder(source).feed(encode(decoded)) == [decoded]


@FAST
@given(
    st.lists(client_frames, min_size=1, max_size=4),
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=4),
    cut_points,
)
def test_mutated_valid_client_streams(
    frames: list[object], flips: list[tuple[int, int]], cuts: list[int]
) -> None:
    data = bytearray(b"".join(encode(f) for f in frames))  # type: ignore[arg-type]
    for index, value in flips:
        data[index % len(data)] = value
    _feed_all(FrameDecoder("client"), split(bytes(data), cuts))


@FAST
@given(st.lists(server_frames, min_size=1, max_size=4), st.integers(0, 10_000), cut_points)
def test_truncated_or_extended_server_streams(
    frames: list[object], cut: int, cuts: list[int]
) -> None:
    data = b"".join(encode(f) for f in frames)  # type: ignore[arg-type]
    mangled = data[: cut % len(data)] + data[cut % len(data) + 1 :] + b"\x85\x00"
    _feed_all(FrameDecoder("server"), split(mangled, cuts))
