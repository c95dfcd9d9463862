"""Reading and writing TOML documents with their formatting and comments intact."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit import TOMLDocument

from jackin_sdk.config._errors import ConfigError
from jackin_sdk.errors import Location
from jackin_sdk.fs import UnreadableFile, atomic_write_text, read_bounded_text

__all__ = ["parse_document", "plain", "read_config_text", "read_document", "write_document"]

_TOMLLIB_WHERE = re.compile(
    r"^(?P<reason>.*?)\s*\(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$", re.S
)
_PARSE_HINT = "Fix the syntax (see https://toml.io) and run the command again"


def _malformed(reason: str, file: Path, line: int | None, column: int | None) -> ConfigError:
    return ConfigError(
        f"malformed TOML: {reason}",
        location=Location(file=file, line=line, column=column),
        hint=_PARSE_HINT,
    )


def _strict_problem(text: str) -> tuple[str, int | None, int | None] | None:
    """What the standard library's strict TOML 1.0 parser refuses in `text`, and where;
    None when it accepts it."""
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOMLLIB_WHERE.match(str(exc))
        if match is None:
            return str(exc), None, None
        line, col = match["line"], match["col"]
        return match["reason"], int(line) if line else None, int(col) if col else None
    except RecursionError:
        return "values nested too deeply", None, None
    return None


def parse_document(text: str, *, file: Path) -> TOMLDocument:
    """Parse TOML text into a format-preserving document; every parser failure becomes a
    ConfigError naming the file, line and column.

    tomlkit keeps the comments and layout; the standard library's `tomllib` (strict
    TOML 1.0, as the reference's parser) then refuses what tomlkit lets through, such as
    a table declared twice, and gives the position tomlkit does not have for errors like
    a key defined twice inside a table.
    """
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        reason = str(exc).split(" at line ")[0]
        raise _malformed(reason, file, exc.line, exc.col + 1) from None  # tomlkit's is 0-based
    except (tomlkit.exceptions.TOMLKitError, ValueError, RecursionError) as exc:
        reason = str(exc).rstrip(".") or type(exc).__name__
        strict = _strict_problem(text)
        line, column = (strict[1], strict[2]) if strict else (None, None)
        raise _malformed(reason, file, line, column) from None
    strict = _strict_problem(text)
    if strict is not None:
        reason, line, column = strict
        raise _malformed(reason, file, line, column)
    return document


def read_config_text(path: Path) -> str:
    """The text of a config or workspace file: a regular file (or a symlink to one) of
    at most 1 MiB, in UTF-8; anything else is a ConfigError naming the file (and the
    line and column of a byte that is not UTF-8)."""
    try:
        return read_bounded_text(path)
    except UnreadableFile as exc:
        raise ConfigError(exc.message, location=exc.location, hint=exc.hint) from None


def read_document(path: Path) -> tuple[TOMLDocument, str]:
    """Read (see `read_config_text`) and parse `path`; returns the document and its text."""
    text = read_config_text(path)
    return parse_document(text, file=path), text


def write_document(path: Path, document: TOMLDocument) -> None:
    """Write a document atomically, keeping the file's mode (0600 for new files).

    A symlinked file (config kept in a dotfiles repository) stays a symlink: its target
    is replaced."""
    atomic_write_text(path, document.as_string(), follow_symlinks=True)


def plain(document: TOMLDocument | dict[str, Any]) -> dict[str, Any]:
    """The document as plain Python values, for model validation."""
    unwrapped = document.unwrap() if isinstance(document, TOMLDocument) else document
    assert isinstance(unwrapped, dict)
    return unwrapped
