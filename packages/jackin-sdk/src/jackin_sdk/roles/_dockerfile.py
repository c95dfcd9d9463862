"""The Dockerfile contract: the last stage builds on a pinned construct image (§4.7)."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CONSTRUCT_REPOSITORY",
    "FromLine",
    "construct_problem",
    "final_from",
    "parse_from_lines",
]

CONSTRUCT_REPOSITORY = "projectjackin/construct"
EXAMPLE_TAG = "0.35-trixie"
_FROM = re.compile(r"^\s*FROM\s+(?P<rest>.+)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FromLine:
    """One `FROM` instruction: its 1-based line, flags, image and stage alias."""

    line: int
    flags: tuple[str, ...]
    image: str
    alias: str | None


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Join backslash continuations; drop comments. Returns (first line number, text)."""
    result: list[tuple[int, str]] = []
    buffer: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not buffer and (not stripped or stripped.startswith("#")):
            continue
        if buffer and stripped.startswith("#"):
            continue
        if not buffer:
            start = number
        if stripped.endswith("\\"):
            buffer.append(stripped[:-1])
            continue
        buffer.append(stripped)
        result.append((start, " ".join(buffer)))
        buffer = []
    if buffer:
        result.append((start, " ".join(buffer)))
    return result


def parse_from_lines(text: str) -> list[FromLine]:
    """Every `FROM` instruction in a Dockerfile, in order."""
    found: list[FromLine] = []
    for number, line in _logical_lines(text):
        match = _FROM.match(line)
        if match is None:
            continue
        words = match["rest"].split()
        flags = tuple(w for w in words if w.startswith("--"))
        rest = [w for w in words if not w.startswith("--")]
        if not rest:
            continue
        alias = rest[2] if len(rest) >= 3 and rest[1].lower() == "as" else None
        found.append(FromLine(number, flags, rest[0], alias))
    return found


def final_from(text: str) -> FromLine | None:
    """The last `FROM` (the stage jackin builds on), if any."""
    lines = parse_from_lines(text)
    return lines[-1] if lines else None


def construct_problem(line: FromLine) -> tuple[str | None, str | None]:
    """(problem, construct version) for the final FROM; exactly one of them is None."""
    pin = f"FROM {CONSTRUCT_REPOSITORY}:<version>-trixie (for example {EXAMPLE_TAG})"
    if any(flag.startswith("--platform") for flag in line.flags):
        return f"the final FROM must not use --platform; use {pin}", None
    image = line.image.split("@", 1)[0]
    repository, _, tag = (
        image.rpartition(":") if ":" in image.rsplit("/", 1)[-1] else (image, "", "")
    )
    if repository != CONSTRUCT_REPOSITORY:
        return (
            f"final Dockerfile stage must use literal {pin}; found `{line.image}`",
            None,
        )
    if not tag or tag in {"trixie", "latest"} or not tag.endswith("-trixie") or tag == "-trixie":
        shown = f":{tag}" if tag else " (no tag)"
        return (
            f"the construct image must be pinned to a version: `{CONSTRUCT_REPOSITORY}{shown}` "
            f"floats; use {pin}",
            None,
        )
    return None, tag
