"""Helpers for the input-parser tests."""

from __future__ import annotations

from collections.abc import Iterable

from jackin_capsule.input import InputConfig, InputEvent, InputParser, PaneBytes

NOW = 100.0


def coalesce(events: Iterable[InputEvent]) -> list[InputEvent]:
    """Merge adjacent `PaneBytes`, so chunking differences disappear."""
    merged: list[InputEvent] = []
    for event in events:
        last = merged[-1] if merged else None
        if isinstance(event, PaneBytes) and isinstance(last, PaneBytes):
            merged[-1] = PaneBytes(last.data + event.data)
        else:
            merged.append(event)
    return merged


def parse(data: bytes, config: InputConfig | None = None) -> list[InputEvent]:
    """Events of one feed, without expiring anything."""
    parser = InputParser(config) if config is not None else InputParser()
    return parser.feed(data, NOW)


def parse_chunks(
    chunks: Iterable[bytes], config: InputConfig | None = None, *, flush: bool = True
) -> list[InputEvent]:
    """Events of several feeds at one instant, then (if `flush`) of a late `expire`."""
    parser = InputParser(config) if config is not None else InputParser()
    events: list[InputEvent] = []
    for chunk in chunks:
        events += parser.feed(chunk, NOW)
    if flush:
        events += parser.expire(NOW + 10.0)
    return events


def pane(events: Iterable[InputEvent]) -> bytes:
    """All pane bytes of `events`, concatenated."""
    return b"".join(e.data for e in events if isinstance(e, PaneBytes))
