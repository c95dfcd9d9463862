"""Frames jackin removed (jackin#16 item 7) are unknown tags: an old or hostile peer that
sends one gets a protocol error from the tag byte alone, never a decoded frame.

Removed because nothing in the client or the daemon acted on them, and the daemon ->
client ones would make the operator's host act for the container: open a URL, reveal or
open a path, write an exported file, or read the host clipboard. The payloads below are
the old, once-valid layouts (spec A6), so each case would decode on the old codec.
"""

from __future__ import annotations

from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jackin_capsule.protocol import (
    CLIENT_FRAME_TYPES,
    SERVER_FRAME_TYPES,
    FrameDecoder,
    Output,
    ProtocolError,
    Reason,
    encode,
)
from tests.capsule.protocol.strategies import cut_points, server_frames, split

Source = Literal["client", "server"]


def frame(tag: int, payload: bytes) -> bytes:
    return bytes([tag]) + len(payload).to_bytes(4, "big") + payload


def _u64(value: int) -> bytes:
    return value.to_bytes(8, "big")


REMOVED: list[tuple[int, str, bytes]] = [
    # Client -> daemon: clipboard images (whole and chunked), notices, AttachControl.
    (0x08, "ClipboardImage", b"\x01\x89PNG"),
    (0x09, "ClipboardImageStart", _u64(1) + b"\x01" + _u64(4)),
    (0x0A, "ClipboardImageChunk", _u64(1) + _u64(0) + b"\x89PNG"),
    (0x0B, "ClipboardImageEnd", _u64(1) + bytes(32)),
    (0x0C, "ClipboardImageError", b"no image"),
    (0x0D, "HostNotice", b"hello from the host"),
    (0x0E, "AttachControl", b"\x01" + _u64(1) + b"\x00\x07" + b'{"v":1}'),
    # Daemon -> client: everything that asked the operator's host to act.
    (0x86, "HostOpenUrl", b"https://example.com/"),
    (
        0x87,
        "FileExportStart",
        _u64(1) + _u64(3) + b"\x00\x0b\x00\x05\x01\x01" + b"/etc/passwdx.txt",
    ),
    (0x88, "FileExportChunk", _u64(1) + _u64(0) + b"abc"),
    (0x89, "FileExportEnd", _u64(1) + bytes(32)),
    (0x8A, "HostStageImageFromClipboardPath", b""),
    (0x8B, "HostPasteImageFromClipboard", b""),
    (0x8C, "HostStageImageFromClipboard", b""),
    (0x8D, "HostRevealPath", b"/home/operator/.ssh"),
    (0x8E, "AttachControlResponse", _u64(1) + b"\x00"),
]


def _source(tag: int) -> Source:
    return "server" if tag & 0x80 else "client"


def test_the_kept_frames_are_exactly_the_wired_ones() -> None:
    client = {t.TAG: t.__name__ for t in CLIENT_FRAME_TYPES}
    server = {t.TAG: t.__name__ for t in SERVER_FRAME_TYPES}
    assert client == {
        0x01: "Hello",
        0x02: "Resize",
        0x03: "Input",
        0x04: "Command",
        0x05: "Detach",
        0x06: "FocusIn",
        0x07: "FocusOut",
    }
    assert server == {
        0x81: "Welcome",
        0x82: "Output",
        0x83: "SessionList",
        0x84: "Shutdown",
        0x85: "Bell",
    }


@pytest.mark.parametrize(("tag", "name", "payload"), REMOVED, ids=[r[1] for r in REMOVED])
def test_a_removed_frame_is_an_unknown_tag(tag: int, name: str, payload: bytes) -> None:
    decoder = FrameDecoder(_source(tag))
    with pytest.raises(ProtocolError) as info:
        decoder.feed(frame(tag, payload))
    assert info.value.reason == Reason.UNKNOWN_TAG, name
    assert f"{tag:#04x}" in str(info.value)
    assert decoder.buffered == 0, "refused from the tag byte, nothing buffered"
    with pytest.raises(ProtocolError) as again:
        decoder.feed(encode(Output(b"later")) if tag & 0x80 else b"\x05\x00\x00\x00\x00")
    assert again.value.reason == Reason.DECODER_FAILED, "the connection is done"


@pytest.mark.parametrize(("tag", "name", "payload"), REMOVED, ids=[r[1] for r in REMOVED])
def test_a_removed_frame_is_refused_on_its_tag_byte_alone(
    tag: int, name: str, payload: bytes
) -> None:
    del name, payload
    with pytest.raises(ProtocolError) as info:
        FrameDecoder(_source(tag)).feed(bytes([tag]))
    assert info.value.reason == Reason.UNKNOWN_TAG


@settings(max_examples=200, deadline=None)
@given(
    st.lists(server_frames, max_size=4),
    st.sampled_from([r for r in REMOVED if r[0] & 0x80]),
    st.lists(server_frames, max_size=4),
    cut_points,
)
def test_nothing_after_a_removed_server_frame_is_ever_delivered(
    before: list[object],
    removed: tuple[int, str, bytes],
    after: list[object],
    cuts: list[int],
) -> None:
    """A hostile daemon cannot slip a host-acting frame between good ones: the client's
    decoder yields the frames before it and fails on it; nothing after it is decoded."""
    tag, _, payload = removed
    head = b"".join(encode(f) for f in before)  # type: ignore[arg-type]
    tail = b"".join(encode(f) for f in after)  # type: ignore[arg-type]
    decoder = FrameDecoder("server")
    seen: list[object] = []
    error: ProtocolError | None = None
    for piece in split(head + frame(tag, payload) + tail, cuts):
        try:
            seen += decoder.feed(piece)
        except ProtocolError as exc:
            error = exc
            break
    assert error is not None
    assert error.reason == Reason.UNKNOWN_TAG
    assert len(seen) <= len(before)
    assert seen == before[: len(seen)]
