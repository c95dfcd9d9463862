"""Reading a classic-builder build as it streams: output lines, the failing step, the id."""

from __future__ import annotations

from collections import deque

from jackin_sdk.docker._build import BuildOutput, BuildSpec, ImageBuildError, parse_step
from jackin_sdk.docker._client import EngineClient, text

__all__ = ["stream_build"]

_TAIL_LINES = 30


class _Stream:
    """Splits the builder's `stream` chunks into lines and remembers the current step."""

    def __init__(self, output: BuildOutput | None) -> None:
        self.output = output
        self.tail: deque[str] = deque(maxlen=_TAIL_LINES)
        self.step: str | None = None
        self.pending = ""

    def feed(self, text: str) -> None:
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            self.line(line)

    def line(self, line: str) -> None:
        parsed = parse_step(line)
        if parsed is not None:
            self.step = f"Step {parsed[0]}/{parsed[1]} : {parsed[2]}"
        self.tail.append(line)
        if self.output is not None:
            self.output(line)

    def flush(self) -> None:
        if self.pending:
            self.line(self.pending)
            self.pending = ""


def stream_build(client: EngineClient, spec: BuildSpec, output: BuildOutput | None) -> str:
    """Run the build on `client`, feed `output`, return the image id.

    Transport errors propagate for the caller to translate; builder errors become
    `ImageBuildError`. The stream is read to its end, so no connection is left half-read.
    """
    stream = _Stream(output)
    image_id: str | None = None
    failure: str | None = None
    for chunk in client.build(spec):
        if failure is not None:
            continue
        if "error" in chunk or "errorDetail" in chunk:
            detail = chunk.get("errorDetail")
            message = detail.get("message") if isinstance(detail, dict) else None
            failure = str(message or chunk.get("error") or "unknown error")
            continue
        aux = chunk.get("aux")
        if isinstance(aux, dict) and aux.get("ID"):
            image_id = str(aux["ID"])
        line = chunk.get("stream")
        if isinstance(line, str):
            stream.feed(line)
    stream.flush()
    if failure is not None:
        tail = "\n".join(stream.tail)
        raise ImageBuildError(spec.tag, failure.strip(), step=stream.step, tail=tail)
    return image_id if image_id is not None else text(client.inspect_image(spec.tag), "Id")
