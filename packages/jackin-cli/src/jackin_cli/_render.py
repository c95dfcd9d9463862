"""Text rendering of errors and reports. Rendering only: no behaviour lives here."""

from __future__ import annotations

from jackin_sdk.errors import CodedError, JackinError

__all__ = ["BRAND_PILL", "error_chain", "render_error"]

BRAND_PILL = "jackin❯"


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


def _indented(text: str, prefix: str) -> list[str]:
    return [f"{prefix}{line}" if line else "" for line in text.splitlines()]


def render_error(exc: JackinError, *, debug: bool = False) -> str:
    """The stderr block for an error (upstream-cli.md §2.5), without a trailing newline."""
    if isinstance(exc, CodedError):
        lines = [f"error: [{exc.code.name}] {exc.code.headline}", "  → what to try:"]
        lines += _indented(exc.hint, "    ")
        detail_lines: list[str] = []
        if exc.location is not None and str(exc.location):
            detail_lines.append(f"at {exc.location}")
        if exc.detail:
            detail_lines += exc.detail.splitlines()
        if detail_lines:
            lines.append("  → more detail:")
            lines += _indented("\n".join(detail_lines), "    ")
    else:
        first, *rest = str(exc).splitlines() or [type(exc).__name__]
        lines = ["", f"  error: {first}", *rest]
    if debug:
        lines += ["", f"  detail: {error_chain(exc)}"]
    return "\n".join(lines)
