"""The error of a credential the chosen auth mode needs but nobody provided."""

from __future__ import annotations

from collections.abc import Sequence

from jackin_sdk.errors import JackinError

__all__ = ["CredentialMissing"]


class CredentialMissing(JackinError):
    """An auth mode needs an env key that no operator env layer sets (values never shown)."""

    def __init__(
        self,
        what: str,
        mode: str,
        key: str,
        trace: Sequence[tuple[str, str | None]],
        presence: Sequence[tuple[str, bool]],
    ) -> None:
        lines = [f"{what} uses auth mode {mode}, which needs {key}, but it is not set."]
        lines.append("Mode chosen by (most specific first):")
        lines += [f"  {label}: {value or '(not set)'}" for label, value in trace]
        lines.append(f"{key} per env layer:")
        lines += [f"  {label}: {'set' if found else 'missing'}" for label, found in presence]
        lines.append(
            f"Set it with `jackin config env set {key} op://…` (or a workspace env), or choose "
            "another mode with `jackin config auth set`."
        )
        super().__init__("\n".join(lines))
        self.key = key
