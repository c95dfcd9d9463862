"""Control channel: envelope, request types, replies, caps and drop-without-reply."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jackin_capsule.protocol import (
    CONTROL_MAX_BODY,
    AckReply,
    AgentRecord,
    AgentRegistryReply,
    AgentsRequest,
    AgentStatusReport,
    ControlData,
    ControlFrameDecoder,
    ControlReply,
    PaneSnapshot,
    ProtocolError,
    Reason,
    ReportedSource,
    ReportRuntimeEvent,
    SessionInfo,
    SessionListReply,
    SnapshotReply,
    SnapshotRequest,
    StatusRequest,
    TabSnapshot,
    TelemetryContext,
    UnknownReply,
    UnknownRequest,
    build_reply,
    decode_reply,
    encode_reply,
    encode_request,
    format_status,
    frame_control,
    parse_request,
    respond,
)
from tests.capsule.protocol.strategies import cut_points, split

SESSIONS = (
    SessionInfo(1, "Claude", "claude", "working", True),
    SessionInfo(2, "Shell", None, "idle", False),
)
REPORT = AgentStatusReport(
    raw_state="blocked",
    source=ReportedSource("hook-claude-1"),
    confidence="authoritative",
    detected_agent="claude",
    foreground_pgid=42,
    visible_blocker=True,
    subagents_active=2,
    revision=9,
)
TABS = (
    TabSnapshot(
        "Claude",
        1,
        (
            PaneSnapshot(1, "claude", "claude", "blocked", REPORT),
            PaneSnapshot(3, "Shell", None, "done"),
        ),
    ),
    TabSnapshot("Shell", 2, (PaneSnapshot(2, "Shell", None, "idle"),)),
)
AGENTS = (
    AgentRecord("badger", "claude", "anthropic", "2026-01-01T00:00:00Z", None, "active", True),
    AgentRecord("crane", None, None, "2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z", "exited"),
)
DATA = ControlData(sessions=SESSIONS, tabs=TABS, active_tab=1, agents=AGENTS)


def body(value: object) -> bytes:
    return json.dumps(value).encode()


def request(msg: object, ctx: object = None) -> bytes:
    return body({"ctx": {"v": 1} if ctx is None else ctx, "msg": msg})


def answer(raw: bytes) -> dict[str, object]:
    framed = respond(raw, DATA)
    assert int.from_bytes(framed[:4], "big") == len(framed) - 4
    result = json.loads(framed[4:])
    assert isinstance(result, dict)
    return result


def dropped(raw: bytes) -> Reason:
    with pytest.raises(ProtocolError) as info:
        respond(raw, DATA)
    return info.value.reason


def test_status_reply() -> None:
    assert answer(request({"type": "status"})) == {
        "type": "session_list",
        "sessions": [
            {"id": 1, "label": "Claude", "agent": "claude", "state": "working", "active": True},
            {"id": 2, "label": "Shell", "agent": None, "state": "idle", "active": False},
        ],
    }


def test_snapshot_reply() -> None:
    reply = answer(request({"type": "snapshot"}))
    assert reply["type"] == "snapshot"
    assert reply["active_tab"] == 1
    tabs = reply["tabs"]
    assert isinstance(tabs, list)
    assert tabs[1] == {
        "label": "Shell",
        "focused_pane": 2,
        "panes": [{"session_id": 2, "label": "Shell", "agent": None, "state": "idle"}],
    }
    report = tabs[0]["panes"][0]["agent_status_report"]
    assert report == {
        "raw_state": "blocked",
        "source": {"reported": {"source_id": "hook-claude-1"}},
        "confidence": "authoritative",
        "detected_agent": "claude",
        "foreground_pgid": 42,
        "visible_blocker": True,
        "visible_idle": False,
        "visible_working": False,
        "process_exited": False,
        "foreground_returned_to_shell": False,
        "stale_report": False,
        "subagents_active": 2,
        "revision": 9,
    }
    assert "agent_status_report" not in tabs[0]["panes"][1]


def test_agents_reply() -> None:
    assert answer(request({"type": "agents"})) == {
        "type": "agent_registry",
        "records": [
            {
                "codename": "badger",
                "agent": "claude",
                "provider": "anthropic",
                "started_at": "2026-01-01T00:00:00Z",
                "exited_at": None,
                "status": "active",
                "is_self": True,
            },
            {
                "codename": "crane",
                "agent": None,
                "provider": None,
                "started_at": "2026-01-01T00:01:00Z",
                "exited_at": "2026-01-01T00:02:00Z",
                "status": "exited",
                "is_self": False,
            },
        ],
    }


def test_report_runtime_event_is_acked_even_for_unknown_sessions() -> None:
    msg = {"type": "report_runtime_event", "session_id": 999, "source_id": "s", "runtime": "claude"}
    parsed = parse_request(request({**msg, "event": "Stop", "payload": "{}"}))
    assert parsed.msg == ReportRuntimeEvent(999, "s", "claude", "Stop", "{}")
    assert answer(request({**msg, "event": "Stop"})) == {"type": "ack"}
    assert dropped(request(msg)) == Reason.BAD_REQUEST  # `event` missing
    assert dropped(request({**msg, "event": "x", "session_id": -1})) == Reason.BAD_REQUEST
    assert dropped(request({**msg, "event": "x", "session_id": True})) == Reason.BAD_REQUEST


@pytest.mark.parametrize(
    "kind", ["future_query", "status_capture", "exec_command", "token_usage", "telemetry_health"]
)
def test_unknown_type_gets_unknown_reply(kind: str) -> None:
    assert parse_request(request({"type": kind})).msg == UnknownRequest(kind)
    assert answer(request({"type": kind})) == {"type": "unknown"}


def test_extra_msg_and_top_level_fields_are_ignored() -> None:
    raw = body({"ctx": {"v": 1}, "msg": {"type": "status", "extra": 1}, "later": True})
    assert answer(raw)["type"] == "session_list"


def test_envelope_fields_are_parsed() -> None:
    ctx = {
        "v": 1,
        "traceparent": "00-abc-def-01",
        "tracestate": "k=v",
        "invocation_id": "inv",
        "session_id": "sess",
        "job_id": None,
    }
    parsed = parse_request(request({"type": "status"}, ctx))
    assert parsed.ctx == TelemetryContext(1, "00-abc-def-01", "k=v", "inv", "sess", None)
    assert parsed.msg == StatusRequest()


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", Reason.INVALID_JSON),
        (b"{not json", Reason.INVALID_JSON),
        (b'{"ctx":{"v":1},"msg":{"type":"status"}} x', Reason.INVALID_JSON),
        (b'{"ctx":{"v":1},"ctx":{"v":1},"msg":{"type":"status"}}', Reason.INVALID_JSON),
        (b'{"ctx":{"v":NaN},"msg":{"type":"status"}}', Reason.INVALID_JSON),
        (b"[" * 100_000, Reason.INVALID_JSON),
        (b'{"ctx":{"v":1},"msg":{"type":"st\xffatus"}}', Reason.BAD_UTF8),
        ('{"ctx":{"v":1},"msg":{"type":"status"}}'.encode("utf-16"), Reason.BAD_UTF8),
        (b'"status"', Reason.BAD_ENVELOPE),
        (b'{"type":"status"}', Reason.BAD_ENVELOPE),  # §E1: the documented bare form
        (b'{"msg":{"type":"status"}}', Reason.BAD_ENVELOPE),
        (b'{"ctx":{"v":1}}', Reason.BAD_ENVELOPE),
        (b'{"ctx":null,"msg":{"type":"status"}}', Reason.BAD_CONTEXT),
        (b'{"ctx":{},"msg":{"type":"status"}}', Reason.BAD_CONTEXT),
        (b'{"ctx":{"v":1,"baggage":"x"},"msg":{"type":"status"}}', Reason.BAD_CONTEXT),
        (b'{"ctx":{"v":1.0},"msg":{"type":"status"}}', Reason.BAD_CONTEXT),
        (b'{"ctx":{"v":1,"traceparent":5},"msg":{"type":"status"}}', Reason.BAD_CONTEXT),
        (b'{"ctx":{"v":2},"msg":{"type":"status"}}', Reason.BAD_VERSION),
        (b'{"ctx":{"v":0},"msg":{"type":"status"}}', Reason.BAD_VERSION),
        (b'{"ctx":{"v":1},"msg":"status"}', Reason.BAD_REQUEST),
        (b'{"ctx":{"v":1},"msg":{}}', Reason.BAD_REQUEST),
        (b'{"ctx":{"v":1},"msg":{"type":42}}', Reason.BAD_REQUEST),
    ],
)
def test_malformed_requests_are_dropped_without_reply(raw: bytes, reason: Reason) -> None:
    assert dropped(raw) == reason


def test_oversize_request_body_is_refused() -> None:
    assert dropped(b" " * (CONTROL_MAX_BODY + 1)) == Reason.FRAME_TOO_LARGE
    decoder = ControlFrameDecoder()
    with pytest.raises(ProtocolError) as info:
        decoder.feed((CONTROL_MAX_BODY + 1).to_bytes(4, "big"))
    assert info.value.reason == Reason.FRAME_TOO_LARGE
    assert decoder.buffered == 0
    with pytest.raises(ProtocolError) as info:
        decoder.feed(b"{}")
    assert info.value.reason == Reason.DECODER_FAILED


def test_max_size_request_is_read() -> None:
    raw = request({"type": "status", "pad": "x" * (CONTROL_MAX_BODY - 60)})
    assert len(raw) <= CONTROL_MAX_BODY
    decoder = ControlFrameDecoder()
    assert decoder.feed(frame_control(raw)) == raw
    assert answer(raw)["type"] == "session_list"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([StatusRequest(), SnapshotRequest(), AgentsRequest()]), cut_points)
def test_control_frames_reassemble_under_any_chunking(msg: object, cuts: list[int]) -> None:
    framed = encode_request(msg)  # type: ignore[arg-type]
    decoder = ControlFrameDecoder()
    bodies = [
        b for piece in split(framed + b"ignored trailing", cuts) if (b := decoder.feed(piece))
    ]
    assert bodies == [framed[4:]]
    assert decoder.done
    assert parse_request(bodies[0]).msg == msg
    decoder.eof()


@pytest.mark.parametrize("cut", [0, 1, 3, 4, 10])
def test_eof_before_a_whole_body_is_truncation(cut: int) -> None:
    decoder = ControlFrameDecoder()
    decoder.feed(encode_request(StatusRequest())[:cut])
    with pytest.raises(ProtocolError) as info:
        decoder.eof()
    assert info.value.reason == Reason.TRUNCATED


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), cut_points)
def test_arbitrary_control_bytes_never_raise_anything_else(data: bytes, cuts: list[int]) -> None:
    decoder = ControlFrameDecoder()
    try:
        for piece in split(data, cuts):
            if (got := decoder.feed(piece)) is not None:
                respond(got, DATA)
        decoder.eof()
    except ProtocolError:
        pass
    assert decoder.buffered <= 4 + CONTROL_MAX_BODY


def test_encode_request_uses_the_envelope() -> None:
    framed = encode_request(StatusRequest())
    assert framed == frame_control(b'{"ctx":{"v":1},"msg":{"type":"status"}}')
    event = ReportRuntimeEvent(3, "hook-codex-3", "codex", "turn.done")
    parsed = parse_request(encode_request(event, TelemetryContext(job_id="j"))[4:])
    assert (parsed.msg, parsed.ctx.job_id) == (event, "j")


@pytest.mark.parametrize(
    "reply",
    [
        SessionListReply(SESSIONS),
        SnapshotReply(TABS, 1),
        AgentRegistryReply(AGENTS),
        AckReply(),
        UnknownReply(),
    ],
)
def test_replies_round_trip(reply: ControlReply) -> None:
    framed = encode_reply(reply)
    assert decode_reply(framed[4:]) == reply


def test_build_reply_per_request() -> None:
    assert build_reply(StatusRequest(), DATA) == SessionListReply(SESSIONS)
    assert build_reply(SnapshotRequest(), DATA) == SnapshotReply(TABS, 1)
    assert build_reply(AgentsRequest(), DATA) == AgentRegistryReply(AGENTS)
    assert build_reply(UnknownRequest("x"), DATA) == UnknownReply()


def test_decode_reply_edge_cases() -> None:
    assert decode_reply(b'{"type":"exec_result","exit_code":0}') == UnknownReply()
    assert decode_reply(
        b'{"type":"agent_registry","records":[{"codename":"a","started_at":"t","status":"active"}]}'
    ) == AgentRegistryReply((AgentRecord("a", None, None, "t", None, "active", False),))
    for raw in [b'{"type":"session_list"}', b'{"type":"snapshot","tabs":[]}', b"{}", b"[]"]:
        with pytest.raises(ProtocolError):
            decode_reply(raw)


def test_invalid_shapes_cannot_be_built() -> None:
    with pytest.raises(ProtocolError):
        SessionInfo(1, "x", None, "sleeping", True)  # type: ignore[arg-type]
    with pytest.raises(ProtocolError):
        ControlData(active_tab=-1)
    with pytest.raises(ProtocolError):
        AgentStatusReport(source="telepathy")  # type: ignore[arg-type]


def test_format_status() -> None:
    assert format_status(SESSIONS) == (
        "Sessions: 2\n"
        "  [1] Claude (claude) state=working active=true\n"
        "  [2] Shell (shell) state=idle active=false\n"
    )
    assert format_status(()) == "Sessions: 0\n"
