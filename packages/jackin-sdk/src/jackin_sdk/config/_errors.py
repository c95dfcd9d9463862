"""Config errors that name the file, line and dotted field, and what to do."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk._toml_locate import locate_field
from jackin_sdk.errors import JackinError, Location

if TYPE_CHECKING:
    from jackin_sdk.tables import TableError

__all__ = ["ConfigError", "config_error_from_validation"]


class ConfigError(JackinError):
    """An operator config file is malformed, invalid, or cannot be migrated."""

    def __init__(self, message: str, *, location: Location | None = None, hint: str = "") -> None:
        super().__init__(f"{message}\n{hint}" if hint else message, location=location)
        self.hint = hint


def config_error_from_validation(
    exc: TableError, *, file: Path, text: str, what: str
) -> ConfigError:
    """Turn the model's issues into one ConfigError naming each field and its line."""
    lines: list[str] = []
    first: Location | None = None
    for issue in exc.issues:
        loc = [str(part) for part in issue.loc if not isinstance(part, int)]
        dotted = ".".join(loc) or "(top level)"
        line = locate_field(text, loc)
        where = f"line {line}, " if line else ""
        message = issue.message
        if issue.kind == "extra":
            message = "unknown key (check its spelling, or remove it)"
        lines.append(f"{where}`{dotted}`: {message}")
        if first is None:
            first = Location(file=file, line=line, field=dotted)
    unique = list(dict.fromkeys(lines))
    detail = "\n  ".join(unique)
    return ConfigError(
        f"{what} is invalid:\n  {detail}",
        location=Location(file=file),
        hint=f"Fix {file} and run the command again",
    )
