"""Control channel: one framed JSON request, one framed JSON reply, close (spec A5, §E).

Frame (both ways): `u32 BE length` + UTF-8 JSON body, body at most 4 MiB.

Request envelope (code truth, §E1): `{"ctx": {"v": 1, …}, "msg": {"type": …, …}}`.
Replies are bare messages (`{"type": "session_list", …}`), not enveloped.

Choices (the spec leaves these open or contradicts itself):
- Every refusal raises `ProtocolError` and the server closes **without a reply**: the
  spec's "error reply" for malformed JSON is exactly that (A5: "connection dropped, no
  reply"). This covers invalid JSON / UTF-8 (INVALID_JSON, BAD_UTF8), a body that is
  not an object or lacks `ctx`/`msg` — including the documented-but-wrong bare
  `{"type": "status"}` (BAD_ENVELOPE) — a malformed `ctx` (BAD_CONTEXT), a `ctx.v`
  other than 1 (BAD_VERSION), a `msg` without a string `type` or a known type with
  bad fields (BAD_REQUEST), and a length over 4 MiB (FRAME_TOO_LARGE).
- JSON is parsed as strictly as serde_json: duplicate keys, NaN/Infinity, lone
  surrogates and runaway nesting are refused. Extra top-level and `msg` fields are
  ignored (serde's default); only `ctx` refuses unknown fields.
- Implemented types: `status`, `snapshot`, `agents`, `report_runtime_event` (always
  `ack`). Every other type — including ones upstream implements (`status_capture`,
  `exec_command`, `usage_*`, `token_usage`, `telemetry_health`) — is answered
  `{"type": "unknown"}`, so the peer never hangs waiting.
- Optional reply fields are written as `null` (serde's `Option` without skip), except
  `PaneSnapshot.agent_status_report`, which is omitted when unset (upstream skips it).
- Bytes after the request body are never read (`ControlFrameDecoder` stops at the
  body); a zero-length body is invalid JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from jackin_capsule.protocol._context import TelemetryContext
from jackin_capsule.protocol._errors import ProtocolError, Reason
from jackin_capsule.protocol._json_fields import (
    JsonObject,
    as_object,
    get_bool,
    get_choice,
    get_int,
    get_list,
    get_str,
    opt_int,
    opt_str,
)
from jackin_capsule.protocol._limits import CONTROL_MAX_BODY
from jackin_capsule.protocol._wire import U32_MAX, U64_MAX, check_uint, dump_json, load_json, u32

__all__ = [
    "CONTROL_HEADER_SIZE",
    "AckReply",
    "AgentRecord",
    "AgentRegistryReply",
    "AgentState",
    "AgentStatusReport",
    "AgentsRequest",
    "ControlData",
    "ControlFrameDecoder",
    "ControlMsg",
    "ControlReply",
    "ControlRequest",
    "PaneSnapshot",
    "ReportRuntimeEvent",
    "ReportedSource",
    "SessionInfo",
    "SessionListReply",
    "SnapshotReply",
    "SnapshotRequest",
    "StatusRequest",
    "TabSnapshot",
    "UnknownReply",
    "UnknownRequest",
    "build_reply",
    "decode_reply",
    "encode_reply",
    "encode_request",
    "format_status",
    "frame_control",
    "parse_request",
    "reply_to_json",
    "request_to_json",
    "respond",
]

CONTROL_HEADER_SIZE = 4

AgentState = Literal["working", "blocked", "done", "idle", "unknown"]
RawState = Literal["unknown", "working", "blocked", "idle"]
Confidence = Literal["unknown", "weak", "strong", "authoritative"]
SourceKind = Literal["none", "visible_screen", "shell_integration", "foreground_process"]
_AGENT_STATES: tuple[str, ...] = get_args(AgentState)
_RAW_STATES: tuple[str, ...] = get_args(RawState)
_CONFIDENCES: tuple[str, ...] = get_args(Confidence)
_SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)


def _check_choice(value: str, choices: tuple[str, ...], name: str) -> None:
    if value not in choices:
        raise ProtocolError(Reason.BAD_VALUE, f"{name} {value!r} is not one of {choices}")


# --------------------------------------------------------------------------- shapes


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """One row of the `status` reply."""

    id: int
    label: str
    agent: str | None
    state: AgentState
    active: bool

    def __post_init__(self) -> None:
        check_uint(self.id, U64_MAX, "session id")
        _check_choice(self.state, _AGENT_STATES, "state")

    def to_json(self) -> JsonObject:
        return {
            "id": self.id,
            "label": self.label,
            "agent": self.agent,
            "state": self.state,
            "active": self.active,
        }

    @classmethod
    def from_json(cls, value: object) -> SessionInfo:
        o = as_object(value, "session", Reason.BAD_REPLY)
        return cls(
            id=get_int(o, "id", U64_MAX, Reason.BAD_REPLY),
            label=get_str(o, "label", Reason.BAD_REPLY),
            agent=opt_str(o, "agent", Reason.BAD_REPLY),
            state=get_choice(o, "state", _AGENT_STATES, Reason.BAD_REPLY),  # type: ignore[arg-type]
            active=get_bool(o, "active", Reason.BAD_REPLY),
        )


@dataclass(frozen=True, slots=True)
class ReportedSource:
    """`AgentStatusReport.source` when a hook/reporter won: `{"reported": {…}}`."""

    source_id: str


@dataclass(frozen=True, slots=True)
class AgentStatusReport:
    """The evidence-arbitration report attached to a pane snapshot."""

    raw_state: RawState = "unknown"
    source: SourceKind | ReportedSource = "none"
    confidence: Confidence = "unknown"
    detected_agent: str | None = None
    foreground_pgid: int | None = None
    visible_blocker: bool = False
    visible_idle: bool = False
    visible_working: bool = False
    process_exited: bool = False
    foreground_returned_to_shell: bool = False
    stale_report: bool = False
    subagents_active: int = 0
    revision: int = 0

    _FLAGS = (
        "visible_blocker",
        "visible_idle",
        "visible_working",
        "process_exited",
        "foreground_returned_to_shell",
        "stale_report",
    )

    def __post_init__(self) -> None:
        _check_choice(self.raw_state, _RAW_STATES, "raw_state")
        _check_choice(self.confidence, _CONFIDENCES, "confidence")
        if not isinstance(self.source, ReportedSource):
            _check_choice(self.source, _SOURCE_KINDS, "source")
        if self.foreground_pgid is not None:
            check_uint(self.foreground_pgid, U32_MAX, "foreground_pgid")
        check_uint(self.subagents_active, U32_MAX, "subagents_active")
        check_uint(self.revision, U64_MAX, "revision")

    def to_json(self) -> JsonObject:
        source: object = (
            {"reported": {"source_id": self.source.source_id}}
            if isinstance(self.source, ReportedSource)
            else self.source
        )
        out: JsonObject = {
            "raw_state": self.raw_state,
            "source": source,
            "confidence": self.confidence,
            "detected_agent": self.detected_agent,
            "foreground_pgid": self.foreground_pgid,
        }
        for name in self._FLAGS:
            out[name] = getattr(self, name)
        out["subagents_active"] = self.subagents_active
        out["revision"] = self.revision
        return out

    @classmethod
    def from_json(cls, value: object) -> AgentStatusReport:
        bad = Reason.BAD_REPLY
        o = as_object(value, "agent_status_report", bad)
        raw_source = o.get("source")
        source: SourceKind | ReportedSource
        if isinstance(raw_source, dict):
            reported = as_object(raw_source.get("reported"), "source.reported", bad)
            if set(raw_source) != {"reported"}:
                raise ProtocolError(bad, "source object must only hold `reported`")
            source = ReportedSource(get_str(reported, "source_id", bad))
        else:
            source = get_choice(o, "source", _SOURCE_KINDS, bad)  # type: ignore[assignment]
        return cls(
            raw_state=get_choice(o, "raw_state", _RAW_STATES, bad),  # type: ignore[arg-type]
            source=source,
            confidence=get_choice(o, "confidence", _CONFIDENCES, bad),  # type: ignore[arg-type]
            detected_agent=opt_str(o, "detected_agent", bad),
            foreground_pgid=opt_int(o, "foreground_pgid", U32_MAX, bad),
            visible_blocker=get_bool(o, "visible_blocker", bad),
            visible_idle=get_bool(o, "visible_idle", bad),
            visible_working=get_bool(o, "visible_working", bad),
            process_exited=get_bool(o, "process_exited", bad),
            foreground_returned_to_shell=get_bool(o, "foreground_returned_to_shell", bad),
            stale_report=get_bool(o, "stale_report", bad),
            subagents_active=get_int(o, "subagents_active", U32_MAX, bad),
            revision=get_int(o, "revision", U64_MAX, bad),
        )


@dataclass(frozen=True, slots=True)
class PaneSnapshot:
    """One pane of a tab in the `snapshot` reply."""

    session_id: int
    label: str
    agent: str | None
    state: AgentState
    agent_status_report: AgentStatusReport | None = None

    def __post_init__(self) -> None:
        check_uint(self.session_id, U64_MAX, "session_id")
        _check_choice(self.state, _AGENT_STATES, "state")

    def to_json(self) -> JsonObject:
        out: JsonObject = {
            "session_id": self.session_id,
            "label": self.label,
            "agent": self.agent,
            "state": self.state,
        }
        if self.agent_status_report is not None:
            out["agent_status_report"] = self.agent_status_report.to_json()
        return out

    @classmethod
    def from_json(cls, value: object) -> PaneSnapshot:
        bad = Reason.BAD_REPLY
        o = as_object(value, "pane", bad)
        report = o.get("agent_status_report")
        return cls(
            session_id=get_int(o, "session_id", U64_MAX, bad),
            label=get_str(o, "label", bad),
            agent=opt_str(o, "agent", bad),
            state=get_choice(o, "state", _AGENT_STATES, bad),  # type: ignore[arg-type]
            agent_status_report=None if report is None else AgentStatusReport.from_json(report),
        )


@dataclass(frozen=True, slots=True)
class TabSnapshot:
    """One tab in the `snapshot` reply; `panes` in render order."""

    label: str
    focused_pane: int
    panes: tuple[PaneSnapshot, ...] = ()

    def __post_init__(self) -> None:
        check_uint(self.focused_pane, U64_MAX, "focused_pane")

    def to_json(self) -> JsonObject:
        return {
            "label": self.label,
            "focused_pane": self.focused_pane,
            "panes": [pane.to_json() for pane in self.panes],
        }

    @classmethod
    def from_json(cls, value: object) -> TabSnapshot:
        bad = Reason.BAD_REPLY
        o = as_object(value, "tab", bad)
        return cls(
            label=get_str(o, "label", bad),
            focused_pane=get_int(o, "focused_pane", U64_MAX, bad),
            panes=tuple(PaneSnapshot.from_json(p) for p in get_list(o, "panes", bad)),
        )


@dataclass(frozen=True, slots=True)
class AgentRecord:
    """One entry of the `agents` reply (every tab opened in this container's life)."""

    codename: str
    agent: str | None
    provider: str | None
    started_at: str
    exited_at: str | None
    status: str
    is_self: bool = False

    def to_json(self) -> JsonObject:
        return {
            "codename": self.codename,
            "agent": self.agent,
            "provider": self.provider,
            "started_at": self.started_at,
            "exited_at": self.exited_at,
            "status": self.status,
            "is_self": self.is_self,
        }

    @classmethod
    def from_json(cls, value: object) -> AgentRecord:
        bad = Reason.BAD_REPLY
        o = as_object(value, "agent record", bad)
        return cls(
            codename=get_str(o, "codename", bad),
            agent=opt_str(o, "agent", bad),
            provider=opt_str(o, "provider", bad),
            started_at=get_str(o, "started_at", bad),
            exited_at=opt_str(o, "exited_at", bad),
            status=get_str(o, "status", bad),
            is_self=get_bool(o, "is_self", bad) if "is_self" in o else False,
        )


@dataclass(frozen=True, slots=True)
class ControlData:
    """What the daemon knows right now; the server fills it, `build_reply` reads it."""

    sessions: tuple[SessionInfo, ...] = ()
    tabs: tuple[TabSnapshot, ...] = ()
    active_tab: int = 0
    agents: tuple[AgentRecord, ...] = ()

    def __post_init__(self) -> None:
        check_uint(self.active_tab, U32_MAX, "active_tab")


# --------------------------------------------------------------------------- requests


@dataclass(frozen=True, slots=True)
class StatusRequest:
    TYPE = "status"


@dataclass(frozen=True, slots=True)
class SnapshotRequest:
    TYPE = "snapshot"


@dataclass(frozen=True, slots=True)
class AgentsRequest:
    TYPE = "agents"


@dataclass(frozen=True, slots=True)
class ReportRuntimeEvent:
    """A hook reporter's event for a session; always acknowledged."""

    session_id: int
    source_id: str
    runtime: str
    event: str
    payload: str | None = None

    TYPE = "report_runtime_event"

    def __post_init__(self) -> None:
        check_uint(self.session_id, U64_MAX, "session_id")


@dataclass(frozen=True, slots=True)
class UnknownRequest:
    """Any `msg.type` this capsule does not implement; answered `{"type":"unknown"}`."""

    type: str


ControlMsg = StatusRequest | SnapshotRequest | AgentsRequest | ReportRuntimeEvent | UnknownRequest


@dataclass(frozen=True, slots=True)
class ControlRequest:
    """A parsed request: its context envelope and message."""

    ctx: TelemetryContext
    msg: ControlMsg


def _msg_from_json(value: object) -> ControlMsg:
    bad = Reason.BAD_REQUEST
    o = as_object(value, "msg", bad)
    kind = o.get("type")
    if not isinstance(kind, str):
        raise ProtocolError(bad, "msg.type must be a string")
    if kind == StatusRequest.TYPE:
        return StatusRequest()
    if kind == SnapshotRequest.TYPE:
        return SnapshotRequest()
    if kind == AgentsRequest.TYPE:
        return AgentsRequest()
    if kind == ReportRuntimeEvent.TYPE:
        return ReportRuntimeEvent(
            session_id=get_int(o, "session_id", U64_MAX, bad),
            source_id=get_str(o, "source_id", bad),
            runtime=get_str(o, "runtime", bad),
            event=get_str(o, "event", bad),
            payload=opt_str(o, "payload", bad),
        )
    return UnknownRequest(kind)


def parse_request(body: bytes) -> ControlRequest:
    """Parse one request body (without its length prefix); raise to drop the peer."""
    if len(body) > CONTROL_MAX_BODY:
        raise ProtocolError(Reason.FRAME_TOO_LARGE, f"control body is {len(body)} bytes")
    top = as_object(load_json(body, "control request"), "control request", Reason.BAD_ENVELOPE)
    if "ctx" not in top or "msg" not in top:
        raise ProtocolError(
            Reason.BAD_ENVELOPE, 'control request must be {"ctx": {...}, "msg": {...}}'
        )
    ctx = TelemetryContext.from_json(top["ctx"])
    ctx.require_supported()
    return ControlRequest(ctx, _msg_from_json(top["msg"]))


def request_to_json(request: ControlRequest) -> JsonObject:
    """The request as its JSON object (envelope included)."""
    msg = request.msg
    body: JsonObject
    match msg:
        case UnknownRequest(type=kind):
            body = {"type": kind}
        case ReportRuntimeEvent():
            body = {
                "type": msg.TYPE,
                "session_id": msg.session_id,
                "source_id": msg.source_id,
                "runtime": msg.runtime,
                "event": msg.event,
            }
            if msg.payload is not None:
                body["payload"] = msg.payload
        case _:
            body = {"type": msg.TYPE}
    return {"ctx": request.ctx.to_json(), "msg": body}


def encode_request(msg: ControlMsg, ctx: TelemetryContext | None = None) -> bytes:
    """A complete framed request (client side), `ctx` defaulting to `{"v": 1}`."""
    request = ControlRequest(TelemetryContext() if ctx is None else ctx, msg)
    return frame_control(dump_json(request_to_json(request)))


# --------------------------------------------------------------------------- replies


@dataclass(frozen=True, slots=True)
class SessionListReply:
    sessions: tuple[SessionInfo, ...]

    TYPE = "session_list"


@dataclass(frozen=True, slots=True)
class SnapshotReply:
    tabs: tuple[TabSnapshot, ...]
    active_tab: int

    TYPE = "snapshot"

    def __post_init__(self) -> None:
        check_uint(self.active_tab, U32_MAX, "active_tab")


@dataclass(frozen=True, slots=True)
class AgentRegistryReply:
    records: tuple[AgentRecord, ...]

    TYPE = "agent_registry"


@dataclass(frozen=True, slots=True)
class AckReply:
    TYPE = "ack"


@dataclass(frozen=True, slots=True)
class UnknownReply:
    TYPE = "unknown"


ControlReply = SessionListReply | SnapshotReply | AgentRegistryReply | AckReply | UnknownReply


def build_reply(msg: ControlMsg, data: ControlData) -> ControlReply:
    """The reply to `msg` given the daemon's current `data`."""
    match msg:
        case StatusRequest():
            return SessionListReply(data.sessions)
        case SnapshotRequest():
            return SnapshotReply(data.tabs, data.active_tab)
        case AgentsRequest():
            return AgentRegistryReply(data.agents)
        case ReportRuntimeEvent():
            return AckReply()
        case UnknownRequest():
            return UnknownReply()


def reply_to_json(reply: ControlReply) -> JsonObject:
    """The reply as its JSON object (`type` first, like serde's internal tag)."""
    out: JsonObject = {"type": reply.TYPE}
    match reply:
        case SessionListReply(sessions=sessions):
            out["sessions"] = [s.to_json() for s in sessions]
        case SnapshotReply(tabs=tabs, active_tab=active):
            out["tabs"] = [t.to_json() for t in tabs]
            out["active_tab"] = active
        case AgentRegistryReply(records=records):
            out["records"] = [r.to_json() for r in records]
        case AckReply() | UnknownReply():
            pass
    return out


def encode_reply(reply: ControlReply) -> bytes:
    """A complete framed reply."""
    return frame_control(dump_json(reply_to_json(reply)))


def decode_reply(body: bytes) -> ControlReply:
    """Parse a reply body (client side); an unrecognised `type` is `UnknownReply`."""
    bad = Reason.BAD_REPLY
    if len(body) > CONTROL_MAX_BODY:
        raise ProtocolError(Reason.FRAME_TOO_LARGE, f"control body is {len(body)} bytes")
    o = as_object(load_json(body, "control reply"), "control reply", bad)
    kind = o.get("type")
    if not isinstance(kind, str):
        raise ProtocolError(bad, "reply type must be a string")
    if kind == SessionListReply.TYPE:
        return SessionListReply(
            tuple(SessionInfo.from_json(s) for s in get_list(o, "sessions", bad))
        )
    if kind == SnapshotReply.TYPE:
        return SnapshotReply(
            tuple(TabSnapshot.from_json(t) for t in get_list(o, "tabs", bad)),
            get_int(o, "active_tab", U32_MAX, bad),
        )
    if kind == AgentRegistryReply.TYPE:
        return AgentRegistryReply(
            tuple(AgentRecord.from_json(r) for r in get_list(o, "records", bad))
        )
    if kind == AckReply.TYPE:
        return AckReply()
    return UnknownReply()


def respond(body: bytes, data: ControlData) -> bytes:
    """Server convenience: parse `body`, answer it from `data`, frame the reply.

    Raises `ProtocolError` when the request must be dropped without a reply.
    """
    return encode_reply(build_reply(parse_request(body).msg, data))


def format_status(sessions: Sequence[SessionInfo]) -> str:
    """`jackin-capsule status` output: `Sessions: N` then one line per session."""
    lines = [f"Sessions: {len(sessions)}"]
    for s in sessions:
        kind = s.agent if s.agent is not None else "shell"
        lines.append(
            f"  [{s.id}] {s.label} ({kind}) state={s.state} active={str(s.active).lower()}"
        )
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- framing


def frame_control(body: bytes) -> bytes:
    """`u32 BE length` + `body`; a body over 4 MiB is FRAME_TOO_LARGE."""
    if len(body) > CONTROL_MAX_BODY:
        raise ProtocolError(
            Reason.FRAME_TOO_LARGE, f"control body is {len(body)} bytes, cap {CONTROL_MAX_BODY}"
        )
    return u32(len(body)) + body


class ControlFrameDecoder:
    """Collects one length-prefixed control body (request or reply) from a stream.

    `feed` returns the body once complete (then `done`), else `None`; the length is
    checked as soon as its 4 bytes arrive, so at most 4 + 4 MiB bytes are ever held.
    Bytes after the body are ignored: the channel is one message per direction.
    """

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._length = -1
        self._body: bytes | None = None
        self._error: ProtocolError | None = None

    @property
    def done(self) -> bool:
        return self._body is not None

    @property
    def buffered(self) -> int:
        return len(self._buffer)

    def feed(self, data: bytes | bytearray | memoryview) -> bytes | None:
        if self._error is not None:
            raise ProtocolError(Reason.DECODER_FAILED, f"decoder already failed: {self._error}")
        if self._body is not None:
            return None
        view = memoryview(data).cast("B")
        if self._length < 0:
            take = min(CONTROL_HEADER_SIZE - len(self._buffer), len(view))
            self._buffer += view[:take]
            view = view[take:]
            if len(self._buffer) < CONTROL_HEADER_SIZE:
                return None
            length = int.from_bytes(self._buffer, "big")
            self._buffer = bytearray()
            if length > CONTROL_MAX_BODY:
                self._error = ProtocolError(
                    Reason.FRAME_TOO_LARGE,
                    f"control length {length} exceeds {CONTROL_MAX_BODY}",
                )
                raise self._error
            self._length = length
        self._buffer += view[: self._length - len(self._buffer)]
        if len(self._buffer) < self._length:
            return None
        self._body = bytes(self._buffer)
        self._buffer = bytearray()
        return self._body

    def eof(self) -> None:
        """The peer closed; raise TRUNCATED unless a whole body arrived."""
        if self._error is not None:
            raise ProtocolError(Reason.DECODER_FAILED, f"decoder already failed: {self._error}")
        if self._body is None:
            self._error = ProtocolError(Reason.TRUNCATED, "stream ended before a whole message")
            raise self._error
