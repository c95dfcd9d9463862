"""The error raised when operator env is invalid or cannot be resolved."""

from __future__ import annotations

from collections.abc import Sequence

from jackin_sdk.errors import JackinError

__all__ = ["EnvError"]


class EnvError(JackinError):
    """Operator env is invalid or could not be resolved; one problem per line, no values."""

    def __init__(self, problems: str | Sequence[str]) -> None:
        self.problems: tuple[str, ...] = (
            (problems,) if isinstance(problems, str) else tuple(problems)
        )
        super().__init__("\n".join(self.problems))
