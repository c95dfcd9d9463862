"""Stand-ins of the model APIs real agents call, for end-to-end tests without a provider.

One small HTTP server speaks the two wire formats the agents jackin runs use:

- the Anthropic Messages API (`POST /v1/messages`, streamed SSE or plain JSON), which
  Claude Code calls when `ANTHROPIC_BASE_URL` points at it;
- the OpenAI Responses API (`POST /v1/responses`, streamed SSE), which Codex calls when
  its provider's base URL points at it; plus `POST /v1/chat/completions` for agents that
  speak the older Chat Completions format.

Each test scripts one exchange: the first turn of the main conversation answers with a
tool call that writes `content` to `path` (Claude Code's `Write` tool; Codex's
`apply_patch`, `shell` or `exec_command`, whichever the request offers), and once the
agent sends the tool's result back, a text answer ends the turn. Side requests (titles,
quota probes, anything without tools) get a short text. Every request is recorded with
its path, model and the sha256 of the credential it carried, never the credential.

The module is standard library only, so it also runs as a script inside a role container
(`python3 _model_api.py --record FILE --write PATH --content TEXT --answer TEXT`), where
the agent reaches it on loopback. It binds the loopback address unless told otherwise:
run it on 127.0.0.1 in the container, or in a container of its own on the instance's
network, never anywhere else.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shlex
import threading
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

__all__ = [
    "ModelExchange",
    "ModelStandIn",
    "RecordedRequest",
    "credential_sha256",
    "read_records",
]

LOOPBACK = "127.0.0.1"


def credential_sha256(secret: str) -> str:
    """The hex sha256 the stand-in records for a credential (what tests compare)."""
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ModelExchange:
    """The scripted turn: write `content` to `path` with a tool call, then say `answer`."""

    path: str
    content: str
    answer: str = "Done: the file is written."


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One request the stand-in answered (the credential only as its sha256)."""

    method: str
    path: str
    api: str
    """`anthropic`, `openai-responses`, `openai-chat` or `other`."""
    model: str | None
    credential_sha256: str | None
    stream: bool
    reply: str
    """`tool_call`, `answer`, `side` (a request without the tool) or `none`."""
    tools: tuple[str, ...] = ()


@dataclass
class _State:
    exchange: ModelExchange
    record: Path | None
    requests: list[RecordedRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, request: RecordedRequest) -> None:
        with self.lock:
            self.requests.append(request)
            if self.record is not None:
                with self.record.open("a", encoding="utf-8") as out:
                    out.write(json.dumps(asdict(request)) + "\n")


def _credential(headers: Mapping[str, str]) -> str | None:
    value = headers.get("x-api-key")
    if not value:
        auth = headers.get("authorization") or ""
        value = auth[7:] if auth.lower().startswith("bearer ") else auth
    return credential_sha256(value) if value else None


def _sse(event: str, data: Mapping[str, Any]) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()


def _tool_names(body: Mapping[str, Any]) -> tuple[str, ...]:
    names = []
    for tool in body.get("tools") or ():
        if isinstance(tool, dict):
            name = tool.get("name") or (tool.get("function") or {}).get("name")
            if isinstance(name, str):
                names.append(name)
    return tuple(names)


# -- Anthropic Messages ----------------------------------------------------------------


def _anthropic_has_result(body: Mapping[str, Any]) -> bool:
    for message in body.get("messages") or ():
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, list) and any(
            isinstance(b, dict) and b.get("type") == "tool_result" for b in content
        ):
            return True
    return False


def _anthropic_blocks(exchange: ModelExchange, reply: str) -> list[dict[str, Any]]:
    if reply == "tool_call":
        return [
            {
                "type": "tool_use",
                "id": f"toolu_{uuid.uuid4().hex[:20]}",
                "name": "Write",
                "input": {"file_path": exchange.path, "content": exchange.content},
            }
        ]
    text = exchange.answer if reply == "answer" else "OK"
    return [{"type": "text", "text": text}]


def _anthropic_stream(model: str, blocks: list[dict[str, Any]]) -> Iterator[bytes]:
    usage = {"input_tokens": 10, "output_tokens": 1}
    message: dict[str, Any] = {
        "id": f"msg_{uuid.uuid4().hex[:20]}", "type": "message", "role": "assistant",
        "model": model, "content": [], "stop_reason": None, "stop_sequence": None,
        "usage": usage,
    }  # fmt: skip
    yield _sse("message_start", {"type": "message_start", "message": message})
    for index, block in enumerate(blocks):
        if block["type"] == "tool_use":
            start = {**block, "input": {}}
            delta = {"type": "input_json_delta", "partial_json": json.dumps(block["input"])}
        else:
            start = {"type": "text", "text": ""}
            delta = {"type": "text_delta", "text": block["text"]}
        yield _sse(
            "content_block_start",
            {"type": "content_block_start", "index": index, "content_block": start},
        )
        yield _sse(
            "content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta}
        )
        yield _sse("content_block_stop", {"type": "content_block_stop", "index": index})
    stop = "tool_use" if any(b["type"] == "tool_use" for b in blocks) else "end_turn"
    yield _sse("message_delta", {"type": "message_delta",
               "delta": {"stop_reason": stop, "stop_sequence": None},
               "usage": {"output_tokens": 5}})  # fmt: skip
    yield _sse("message_stop", {"type": "message_stop"})


# -- OpenAI Responses / Chat Completions -------------------------------------------------


def _openai_has_result(body: Mapping[str, Any]) -> bool:
    items = body.get("input") if isinstance(body.get("input"), list) else body.get("messages")
    for item in items or ():
        if isinstance(item, dict) and (
            str(item.get("type", "")).endswith("_call_output") or item.get("role") == "tool"
        ):
            return True
    return False


def _patch(exchange: ModelExchange) -> str:
    lines = exchange.content.splitlines() or [""]
    body = "\n".join(f"+{line}" for line in lines)
    return f"*** Begin Patch\n*** Add File: {exchange.path}\n{body}\n*** End Patch\n"


def _shell_line(exchange: ModelExchange) -> str:
    return f"printf %s {shlex.quote(exchange.content)} > {shlex.quote(exchange.path)}"


def _offered_tools(body: Mapping[str, Any]) -> dict[str, str]:
    """`{name: type}` of every tool a Responses request offers, nested ones included
    (Codex sends its tools inside `additional_tools` input items, in namespaces)."""
    found: dict[str, str] = {}

    def walk(tools: object) -> None:
        for tool in tools if isinstance(tools, list) else ():
            if not isinstance(tool, dict):
                continue
            if isinstance(tool.get("name"), str) and tool.get("type") != "namespace":
                found.setdefault(tool["name"], str(tool.get("type")))
            walk(tool.get("tools"))

    walk(body.get("tools"))
    items = body.get("input")
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict):
            walk(item.get("tools"))
    return found


def _openai_tool_item(exchange: ModelExchange, body: Mapping[str, Any]) -> dict[str, Any] | None:
    """The Responses output item that writes the file with a tool this request offers:
    `apply_patch` (freeform or function), a shell function, or Codex's code-mode `exec`
    (JavaScript that calls the nested `apply_patch`)."""
    tools = _offered_tools(body)
    call_id = f"call_{uuid.uuid4().hex[:20]}"
    patch = _patch(exchange)

    def custom(name: str, text: str) -> dict[str, Any]:
        return {"type": "custom_tool_call", "id": f"ctc_{call_id}", "call_id": call_id,
                "name": name, "input": text, "status": "completed"}  # fmt: skip

    def function(name: str, arguments: Mapping[str, Any]) -> dict[str, Any]:
        text = json.dumps(arguments)
        return {"type": "function_call", "id": f"fc_{call_id}", "call_id": call_id,
                "name": name, "arguments": text, "status": "completed"}  # fmt: skip

    kind = tools.get("apply_patch")
    if kind == "custom":
        return custom("apply_patch", patch)
    if kind == "function":
        return function("apply_patch", {"input": patch})
    line = _shell_line(exchange)
    shells: dict[str, dict[str, Any]] = {
        "shell": {"command": ["bash", "-lc", line]},
        "exec_command": {"cmd": line},
        "shell_command": {"command": line},
    }
    for name, arguments in shells.items():
        if name in tools:
            return function(name, arguments)
    if tools.get("exec") == "custom":
        script = f"const result = await tools.apply_patch({json.dumps(patch)});\ntext(result);\n"
        return custom("exec", script)
    return None


def _responses_stream(model: str, items: list[dict[str, Any]]) -> Iterator[bytes]:
    rid = f"resp_{uuid.uuid4().hex[:20]}"
    response: dict[str, Any] = {"id": rid, "object": "response", "model": model,
                                "status": "in_progress", "output": []}  # fmt: skip
    yield _sse("response.created", {"type": "response.created", "response": response})
    for index, item in enumerate(items):
        yield _sse(
            "response.output_item.added",
            {"type": "response.output_item.added", "output_index": index, "item": item},
        )
        if item["type"] == "message":
            text = item["content"][0]["text"]
            yield _sse("response.output_text.delta",
                       {"type": "response.output_text.delta", "item_id": item["id"],
                        "output_index": index, "content_index": 0, "delta": text})  # fmt: skip
        yield _sse(
            "response.output_item.done",
            {"type": "response.output_item.done", "output_index": index, "item": item},
        )
    usage = {"input_tokens": 10, "input_tokens_details": {"cached_tokens": 0},
             "output_tokens": 5, "output_tokens_details": {"reasoning_tokens": 0},
             "total_tokens": 15}  # fmt: skip
    done = {**response, "status": "completed", "output": items, "usage": usage}
    yield _sse("response.completed", {"type": "response.completed", "response": done})


def _message_item(text: str) -> dict[str, Any]:
    return {"type": "message", "id": f"msg_{uuid.uuid4().hex[:20]}", "role": "assistant",
            "status": "completed",
            "content": [{"type": "output_text", "text": text, "annotations": []}]}  # fmt: skip


def _chat_stream(model: str, exchange: ModelExchange, reply: str) -> Iterator[bytes]:
    cid = f"chatcmpl-{uuid.uuid4().hex[:20]}"
    if reply == "tool_call":
        call = {"index": 0, "id": f"call_{uuid.uuid4().hex[:20]}", "type": "function",
                "function": {"name": "write", "arguments": json.dumps(
                    {"filePath": exchange.path, "content": exchange.content})}}  # fmt: skip
        delta: dict[str, Any] = {"role": "assistant", "tool_calls": [call]}
        finish = "tool_calls"
    else:
        text = exchange.answer if reply == "answer" else "OK"
        delta, finish = {"role": "assistant", "content": text}, "stop"
    for choice in ({"index": 0, "delta": delta, "finish_reason": None},
                   {"index": 0, "delta": {}, "finish_reason": finish}):  # fmt: skip
        chunk = {"id": cid, "object": "chat.completion.chunk", "model": model,
                 "choices": [choice]}  # fmt: skip
        yield f"data: {json.dumps(chunk)}\n\n".encode()
    yield b"data: [DONE]\n\n"


class _Handler(BaseHTTPRequestHandler):
    server_version = "jackin-model-stand-in/1"
    protocol_version = "HTTP/1.1"
    state: _State

    def log_message(self, format: str, *args: object) -> None:
        del format, args

    def _send(self, status: int, payload: Mapping[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, chunks: Iterator[bytes]) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("connection", "close")
        self.end_headers()
        for chunk in chunks:
            self.wfile.write(chunk)
            self.wfile.flush()
        self.close_connection = True

    def _record(
        self, api: str, body: Mapping[str, Any], reply: str, tools: tuple[str, ...] | None = None
    ) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        model = body.get("model")
        self.state.add(
            RecordedRequest(
                method=self.command, path=self.path.split("?", 1)[0], api=api,
                model=model if isinstance(model, str) else None,
                credential_sha256=_credential(headers), stream=bool(body.get("stream")),
                reply=reply, tools=_tool_names(body) if tools is None else tools,
            )
        )  # fmt: skip

    def do_GET(self) -> None:
        self._record("other", {}, "none")
        if self.path.split("?", 1)[0].rstrip("/").endswith("/models"):
            self._send(200, {"object": "list", "data": [], "models": []})
        else:
            self._send(404, {"error": {"type": "not_found", "message": self.path}})

    def do_HEAD(self) -> None:
        self._record("other", {}, "none")
        self.send_response(200)
        self.end_headers()

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        path = self.path.split("?", 1)[0].rstrip("/")
        model = body.get("model") if isinstance(body.get("model"), str) else "stand-in"
        exchange = self.state.exchange
        if path.endswith("/messages/count_tokens"):
            self._record("anthropic", body, "none")
            self._send(200, {"input_tokens": 10})
        elif path.endswith("/messages"):
            self._anthropic(body, str(model), exchange)
        elif path.endswith("/responses"):
            self._responses(body, str(model), exchange)
        elif path.endswith("/chat/completions"):
            tools = _tool_names(body)
            reply = "answer" if _openai_has_result(body) else "tool_call" if tools else "side"
            self._record("openai-chat", body, reply)
            self._stream(_chat_stream(str(model), exchange, reply))
        else:
            self._record("other", body, "none")
            self._send(404, {"error": {"type": "not_found", "message": path}})

    def _anthropic(self, body: Mapping[str, Any], model: str, exchange: ModelExchange) -> None:
        if _anthropic_has_result(body):
            reply = "answer"
        elif "Write" in _tool_names(body):
            reply = "tool_call"
        else:
            reply = "side"
        self._record("anthropic", body, reply)
        blocks = _anthropic_blocks(exchange, reply)
        if body.get("stream"):
            self._stream(_anthropic_stream(model, blocks))
            return
        stop = "tool_use" if reply == "tool_call" else "end_turn"
        self._send(200, {
            "id": f"msg_{uuid.uuid4().hex[:20]}", "type": "message", "role": "assistant",
            "model": model, "content": blocks, "stop_reason": stop, "stop_sequence": None,
            "usage": {"input_tokens": 10, "output_tokens": 5},
        })  # fmt: skip

    def _responses(self, body: Mapping[str, Any], model: str, exchange: ModelExchange) -> None:
        item = None if _openai_has_result(body) else _openai_tool_item(exchange, body)
        if item is not None:
            reply, items = "tool_call", [item]
        else:
            reply = "answer" if _openai_has_result(body) else "side"
            items = [_message_item(exchange.answer if reply == "answer" else "OK")]
        self._record("openai-responses", body, reply, tuple(_offered_tools(body)))
        self._stream(_responses_stream(model, items))


class ModelStandIn:
    """A loopback model API serving one scripted exchange; use it as a context manager.

    `base_url` is what the agent's base-URL setting takes (Claude Code appends
    `/v1/messages`; Codex's provider `base_url` is `<base_url>/v1`).
    """

    def __init__(
        self,
        exchange: ModelExchange,
        *,
        host: str = LOOPBACK,
        port: int = 0,
        record: Path | None = None,
    ) -> None:
        self._state = _State(exchange, record)
        handler = type("Handler", (_Handler,), {"state": self._state})
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """`http://<host>:<port>`."""
        host = str(self._server.server_address[0])
        return f"http://{host}:{self.port}"

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request answered so far, in order."""
        with self._state.lock:
            return list(self._state.requests)

    def start(self) -> ModelStandIn:
        """Serve on a background thread."""
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="jackin-model-stand-in", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve on this thread (the script form)."""
        self._server.serve_forever()

    def close(self) -> None:
        """Stop serving and release the port."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> ModelStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_records(path: Path) -> list[RecordedRequest]:
    """The requests a stand-in running elsewhere (`--record`) wrote to `path`."""
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            data["tools"] = tuple(data.get("tools") or ())
            records.append(RecordedRequest(**data))
    return records


def main(argv: list[str] | None = None) -> int:
    """`python3 _model_api.py …`: serve one exchange until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=LOOPBACK)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--record", type=Path, required=True)
    parser.add_argument("--write", required=True, help="the file the tool call writes")
    parser.add_argument("--content", default="written by the model stand-in\n")
    parser.add_argument("--answer", default="Done: the file is written.")
    args = parser.parse_args(argv)
    exchange = ModelExchange(args.write, args.content, args.answer)
    ModelStandIn(exchange, host=args.host, port=args.port, record=args.record).serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
