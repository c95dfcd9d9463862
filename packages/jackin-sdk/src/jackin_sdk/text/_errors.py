"""An error as every front end shows it (upstream-cli.md §2.5): the CLI on stderr, the
console in a popup or on the terminal it hands back. Rendering only, no behaviour."""

from __future__ import annotations

from jackin_sdk.errors import CodedError, JackinError
from jackin_sdk.text._printable import printable

__all__ = ["error_chain", "render_error"]


def error_chain(exc: BaseException) -> str:
    """`outer: inner: …` through `__cause__`/`__context__`, as the reference prints it."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        text = str(current).strip() or type(current).__name__
        if not parts or parts[-1] != text:
            parts.append(text)
        current = current.__cause__ or current.__context__
    return ": ".join(parts)


def _lines(text: str) -> list[str]:
    """`text.splitlines()` after escaping (`\n` kept): escaping first, because
    `splitlines` also breaks at `\r`, `\x1c` or U+2028, which would forge a line."""
    lines = printable(text, multiline=True).split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def _indented(text: str, prefix: str) -> list[str]:
    return [f"{prefix}{line}" if line else "" for line in _lines(text)]


def render_error(exc: JackinError, *, debug: bool = False) -> str:
    """The stderr block for an error (upstream-cli.md §2.5), without a trailing newline.

    A coded error is `error: [E0xx] headline`, what to try and more detail; any other is
    a blank line then `  error: <first line>` and the rest verbatim. With `debug` the
    chained cause follows. Messages quote git's stderr, role text and paths: every unsafe
    character is escaped (newlines kept), so an error cannot carry a terminal escape.
    """
    if isinstance(exc, CodedError):
        lines = [f"error: [{exc.code.name}] {exc.code.headline}", "  → what to try:"]
        lines += _indented(exc.hint, "    ")
        detail_lines: list[str] = []
        if exc.location is not None and str(exc.location):
            detail_lines.append(f"at {printable(str(exc.location))}")
        if exc.detail:
            detail_lines += _lines(exc.detail)
        if detail_lines:
            lines.append("  → more detail:")
            lines += _indented("\n".join(detail_lines), "    ")
    else:
        first, *rest = _lines(str(exc)) or [type(exc).__name__]
        lines = ["", f"  error: {first}", *rest]
    if debug:
        lines += ["", *_lines(f"  detail: {error_chain(exc)}")]
    return "\n".join(lines)
