"""The control channel's JSON and the attach handshake, fuzzed with structured input:
every request body, reply body or frame sequence either decodes or raises
`ProtocolError`, never another exception (random bytes are covered by test_control and
test_malformed; these reach the field checks behind a well-formed envelope)."""

from __future__ import annotations

import contextlib
import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jackin_capsule.protocol import (
    ControlData,
    FrameDecoder,
    Handshake,
    HandshakeAccepted,
    ProtocolError,
    build_reply,
    decode_reply,
    encode,
    parse_request,
    respond,
)
from tests.capsule.protocol.strategies import client_frames, split

#: `JACKIN_FUZZ_EXAMPLES=5000` searches harder locally; CI keeps the default.
FUZZ = settings(
    max_examples=int(os.environ.get("JACKIN_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

_NAMES = [
    "ctx", "msg", "type", "v", "traceparent", "tracestate", "invocation_id", "session_id",
    "job_id", "baggage", "status", "snapshot", "agents", "report_runtime_event",
    "source_id", "runtime", "event", "payload", "session_list", "sessions", "tabs",
    "active_tab", "agent_registry", "records", "ack", "unknown", "id", "agent", "state",
    "title", "panes", "name", "focused", "agent_status_report", "raw_state", "confidence",
    "source", "kind", "working", "blocked", "done", "idle", "visible_screen", "strong",
]  # fmt: skip
_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(_NAMES)
    | st.text(max_size=10)
)
json_values = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(_NAMES) | st.text(max_size=5), children, max_size=5)
    ),
    max_leaves=20,
)
_texts = st.none() | st.text(max_size=10)
_well_formed_contexts = st.fixed_dictionaries(
    {"v": st.sampled_from([1, 1, 1, 0, 2, -1, 2**64, True, "1"])},
    optional=dict.fromkeys(
        ("traceparent", "tracestate", "invocation_id", "session_id", "job_id"), _texts
    ),
)
_contexts = st.integers(0, 3).flatmap(lambda n: _well_formed_contexts if n else json_values)
_event_fields = {
    "session_id": st.integers(-1, 2**64) | _scalars,
    "source_id": _texts,
    "runtime": _texts,
    "event": _texts,
    "payload": _texts,
}
_known_messages = st.fixed_dictionaries(
    {"type": st.sampled_from(["status", "snapshot", "agents", "report_runtime_event", "x"])},
    optional=_event_fields,
)
_messages = st.integers(0, 3).flatmap(lambda n: _known_messages if n else json_values)
_envelopes = st.fixed_dictionaries(
    {"ctx": _contexts, "msg": _messages}, optional={"x": json_values}
)
# Mostly well-formed envelopes (one_of would flatten json_values' many branches and
# drown them); any JSON value now and then.
requests = st.integers(0, 3).flatmap(lambda n: _envelopes if n else json_values)


def _body(value: object) -> bytes:
    return json.dumps(value).encode()


@FUZZ
@given(requests)
def test_a_request_body_parses_or_is_a_protocol_error(value: object) -> None:
    body = _body(value)
    try:
        request = parse_request(body)
    except ProtocolError:
        return
    build_reply(request.msg, ControlData())
    assert decode_reply(respond(body, ControlData())[4:]) is not None


_replies = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"type": st.sampled_from(["session_list", "snapshot", "agent_registry", "ack", "x"])},
        optional={
            "sessions": st.lists(json_values, max_size=3),
            "tabs": st.lists(json_values, max_size=3),
            "records": st.lists(json_values, max_size=3),
            "active_tab": _scalars,
        },
    ),
)


@FUZZ
@given(_replies)
def test_a_reply_body_decodes_or_is_a_protocol_error(value: object) -> None:
    with contextlib.suppress(ProtocolError):
        decode_reply(_body(value))


@FUZZ
@given(
    st.lists(client_frames, min_size=1, max_size=5),
    st.sampled_from([None, ("claude",), ("claude", "codex")]),
)
def test_the_handshake_accepts_or_refuses_any_frame_sequence(
    frames: list[object], agents: tuple[str, ...] | None
) -> None:
    handshake = Handshake(agents=agents)
    decoder = FrameDecoder("client")
    stream = b"".join(encode(f) for f in frames)  # type: ignore[arg-type]
    for piece in split(stream, [7, 64]):
        for frame in decoder.feed(piece):
            try:
                result = handshake.receive(frame)
            except ProtocolError:
                assert handshake.state == "failed"
                return
            if isinstance(result, HandshakeAccepted):
                assert result.welcome(0) is not None
