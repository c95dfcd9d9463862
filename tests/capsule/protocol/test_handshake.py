"""The daemon-side Hello/Welcome handshake and the first-byte dispatch."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from jackin_capsule.protocol import (
    CapabilityOverrides,
    ClientTerminal,
    Detach,
    FocusIn,
    FrameDecoder,
    Handshake,
    HandshakeAccepted,
    Hello,
    Input,
    ProtocolError,
    Reason,
    Resize,
    Shutdown,
    SpawnAgent,
    SpawnShell,
    TelemetryContext,
    Welcome,
    classify_first_byte,
    derive_capabilities,
    encode,
    farewell,
)
from tests.capsule.protocol.strategies import hellos


def accepted(handshake: Handshake, hello: Hello) -> HandshakeAccepted:
    result = handshake.receive(hello)
    assert isinstance(result, HandshakeAccepted)
    return result


def refused(handshake: Handshake, frame: object) -> Reason:
    with pytest.raises(ProtocolError) as info:
        handshake.receive(frame)  # type: ignore[arg-type]
    return info.value.reason


def test_accepts_a_hello_and_builds_the_welcome() -> None:
    handshake = Handshake(agents=["claude", "codex"])
    initial = handshake.state
    hello = Hello(40, 120, SpawnAgent("codex"), context=TelemetryContext())
    result = accepted(handshake, hello)
    assert (initial, handshake.state) == ("awaiting_hello", "attached")
    assert (result.hello, result.rows, result.cols, result.spawn_error) == (hello, 40, 120, None)
    assert result.welcome(2) == Welcome(2)
    assert encode(result.welcome(2)) == b"\x81\x00\x00\x00\x04\x00\x00\x00\x02"


def test_accepts_a_null_context() -> None:
    assert accepted(Handshake(), Hello(24, 80, context=None)).hello.context is None


def test_later_frames_pass_through_unchanged() -> None:
    handshake = Handshake()
    accepted(handshake, Hello(24, 80))
    for frame in (Input(b"ls\r"), Resize(30, 90), Detach()):
        assert handshake.receive(frame) is frame


@pytest.mark.parametrize("version", [0, 2, 65535])
def test_wrong_context_version_is_refused(version: int) -> None:
    handshake = Handshake()
    hello = Hello(24, 80, context=TelemetryContext(v=version))
    assert refused(handshake, hello) == Reason.BAD_VERSION
    assert handshake.state == "failed"


def test_wrong_version_on_the_wire_reaches_the_handshake() -> None:
    payload = Hello(24, 80).payload()[:-6] + b"\x00\x07" + b'{"v":2}'
    data = b"\x01" + len(payload).to_bytes(4, "big") + payload
    [hello] = FrameDecoder("client").feed(data)
    assert refused(Handshake(), hello) == Reason.BAD_VERSION


def test_duplicate_hello_is_refused() -> None:
    handshake = Handshake()
    accepted(handshake, Hello(24, 80))
    assert refused(handshake, Hello(24, 80)) == Reason.DUPLICATE_HELLO
    assert handshake.state == "failed"


@pytest.mark.parametrize("first", [Input(b"x"), Resize(24, 80), Detach(), FocusIn()])
def test_data_before_hello_is_refused(first: object) -> None:
    handshake = Handshake()
    assert refused(handshake, first) == Reason.NOT_HELLO
    # Once failed, it stays failed with the same reason.
    assert refused(handshake, Hello(24, 80)) == Reason.NOT_HELLO


def test_zero_size_means_default_size() -> None:
    result = accepted(Handshake(), Hello(0, 0))
    assert (result.rows, result.cols) == (24, 80)
    result = accepted(Handshake(default_size=(50, 200)), Hello(0, 132))
    assert (result.rows, result.cols) == (50, 132)


def test_spawn_allowlist_is_a_verdict_not_a_protocol_error() -> None:
    handshake = Handshake(agents=["claude"])
    result = accepted(handshake, Hello(24, 80, SpawnAgent("grok", "xai")))
    assert result.spawn_error is not None
    assert "grok" in result.spawn_error
    assert accepted(Handshake(agents=["claude"]), Hello(24, 80, SpawnShell())).spawn_error is None
    assert accepted(Handshake(), Hello(24, 80, SpawnAgent("any"))).spawn_error is None


def test_session_env_keeps_only_allowlisted_keys() -> None:
    env = (("GH_TOKEN", "a"), ("LD_PRELOAD", "/evil.so"), ("TZ", "UTC"), ("GH_TOKEN", "b"))
    result = accepted(Handshake(), Hello(24, 80, SpawnShell(), env))
    assert result.session_env == (("GH_TOKEN", "b"), ("TZ", "UTC"))


@pytest.mark.parametrize(
    ("term", "program", "expected"),
    [
        (None, None, False),
        ("dumb", "iTerm.app", False),
        ("linux", None, False),
        ("xterm-256color", None, False),
        ("xterm-256color", "iTerm.app", True),
        ("xterm-256color", "WarpTerminal", False),
        ("xterm-ghostty", None, True),
        ("xterm-kitty", None, True),
        ("foot", None, True),
    ],
)
def test_pointer_shape_rule(term: str | None, program: str | None, expected: bool) -> None:
    assert derive_capabilities(ClientTerminal(term, program)).pointer_shapes is expected


def test_overrides_win_over_detection() -> None:
    terminal = ClientTerminal(
        "xterm-kitty",
        None,
        "truecolor",
        overrides=CapabilityOverrides(
            pointer_shapes=False, truecolor=False, osc8=False, image_protocol="none"
        ),
    )
    caps = derive_capabilities(terminal)
    assert (caps.pointer_shapes, caps.truecolor, caps.osc8, caps.image_protocol) == (
        False,
        False,
        False,
        "none",
    )
    detected = derive_capabilities(ClientTerminal("xterm-kitty", None, "24bit"))
    assert (detected.truecolor, detected.image_protocol, detected.underline_style) == (
        True,
        "kitty",
        True,
    )


@settings(max_examples=200, deadline=None)
@given(hellos)
def test_any_valid_v1_hello_is_accepted(hello: Hello) -> None:
    if hello.context is not None and hello.context.v != 1:
        return
    result = accepted(Handshake(agents=["claude"]), hello)
    assert result.rows >= 1
    assert result.cols >= 1
    sent = {key for key, _ in hello.env}
    assert all(key in sent for key, _ in result.session_env)


def test_farewell_names_the_error() -> None:
    error = ProtocolError(Reason.NOT_HELLO, "first frame was Input")
    frame = farewell(error)
    assert isinstance(frame, Shutdown)
    assert frame.reason is not None
    assert "not_hello" in frame.reason


# --- first-byte dispatch (A4) -----------------------------------------------------------


def test_classify_first_byte() -> None:
    assert classify_first_byte(0x00) == "control"
    assert classify_first_byte(0x01) == "attach"
    for byte in [0x02, 0x03, 0x0E, 0x7F, 0x80, 0x81, 0xFF]:
        assert classify_first_byte(byte) == "reject"


@pytest.mark.parametrize("bad", [-1, 256, True])
def test_classify_first_byte_needs_a_byte(bad: int) -> None:
    with pytest.raises(ValueError, match="byte"):
        classify_first_byte(bad)


def test_every_byte_classifies() -> None:
    assert [classify_first_byte(b) for b in range(256)].count("reject") == 254
