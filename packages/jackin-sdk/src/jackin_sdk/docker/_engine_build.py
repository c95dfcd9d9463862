"""Streaming a classic-builder build through docker-py's low-level API."""

from __future__ import annotations

from collections import deque
from typing import Any

from jackin_sdk.docker._build import BuildOutput, BuildSpec, ImageBuildError, parse_step

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


def stream_build(api: Any, spec: BuildSpec, output: BuildOutput | None) -> str:
    """Run the build on `api` (an `APIClient`), feed `output`, return the image id.

    Transport errors propagate for the caller to translate; builder errors become
    `ImageBuildError`. The response is always read to its end, so no connection leaks.
    """
    stream = _Stream(output)
    image_id: str | None = None
    failure: str | None = None
    chunks = api.build(
        path=str(spec.context),
        dockerfile=str(spec.dockerfile),
        tag=spec.tag,
        labels=dict(spec.labels) or None,
        buildargs=dict(spec.build_args) or None,
        nocache=spec.no_cache,
        rm=True,
        forcerm=True,
        decode=True,
    )
    try:
        for chunk in chunks:
            if failure is not None:
                continue
            if "error" in chunk or "errorDetail" in chunk:
                detail = chunk.get("errorDetail") or {}
                failure = str(detail.get("message") or chunk.get("error") or "unknown error")
                continue
            aux = chunk.get("aux")
            if isinstance(aux, dict) and aux.get("ID"):
                image_id = str(aux["ID"])
            text = chunk.get("stream")
            if isinstance(text, str):
                stream.feed(text)
    finally:
        chunks.close()
    stream.flush()
    if failure is not None:
        tail = "\n".join(stream.tail)
        raise ImageBuildError(spec.tag, failure.strip(), step=stream.step, tail=tail)
    if image_id is None:
        inspected: dict[str, Any] = api.inspect_image(spec.tag)
        image_id = str(inspected["Id"])
    return image_id
