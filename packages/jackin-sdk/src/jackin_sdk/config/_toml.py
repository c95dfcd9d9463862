"""Reading and writing TOML documents with their formatting and comments intact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit import TOMLDocument

from jackin_sdk.config._errors import ConfigError
from jackin_sdk.errors import Location
from jackin_sdk.fs import atomic_write_text

__all__ = ["parse_document", "plain", "read_document", "write_document"]


def parse_document(text: str, *, file: Path) -> TOMLDocument:
    """Parse TOML text, mapping syntax errors to a ConfigError with line and column."""
    try:
        return tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        reason = str(exc).split(" at line ")[0]
        raise ConfigError(
            f"malformed TOML: {reason}",
            location=Location(file=file, line=exc.line, column=exc.col),
            hint="Fix the syntax (see https://toml.io) and run the command again",
        ) from None


def read_document(path: Path) -> tuple[TOMLDocument, str]:
    """Read and parse `path`; returns the document and its original text."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(
            "file is not valid UTF-8", location=Location(file=path), hint="Save it as UTF-8"
        ) from None
    return parse_document(text, file=path), text


def write_document(path: Path, document: TOMLDocument) -> None:
    """Write a document atomically, keeping the file's mode (0600 for new files)."""
    atomic_write_text(path, document.as_string())


def plain(document: TOMLDocument | dict[str, Any]) -> dict[str, Any]:
    """The document as plain Python values, for model validation."""
    unwrapped = document.unwrap() if isinstance(document, TOMLDocument) else document
    assert isinstance(unwrapped, dict)
    return unwrapped
