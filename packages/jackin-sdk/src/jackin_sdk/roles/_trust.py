"""The trust gate: nothing from an untrusted role source is built or run unconfirmed.

The launcher clones and validates first (nothing from the repository runs yet), then
calls `require_trust`. An untrusted source needs the operator's yes, which is persisted;
without a way to ask, it fails with the command that grants trust explicitly. A
`--role-branch` always needs confirmation, trusted or not, and it is never persisted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jackin_sdk.config import ConfigEditor, grant_trust
from jackin_sdk.errors import CodedError, ErrorCode
from jackin_sdk.paths import JackinPaths
from jackin_sdk.vocab import RoleSource

__all__ = ["Confirm", "TrustPrompt", "require_branch_confirmation", "require_trust"]


@dataclass(frozen=True, slots=True)
class TrustPrompt:
    """What the operator is asked to confirm."""

    role: str
    git_url: str
    branch: str | None = None

    @property
    def text(self) -> str:
        """The question, with what trusting means; names and URL escaped to one line each."""
        from jackin_sdk.text import printable  # noqa: PLC0415

        what = f"branch '{printable(self.branch)}' of " if self.branch else ""
        return (
            f"Role {printable(self.role)} comes from {what}{printable(self.git_url)}.\n"
            "Its Dockerfile runs on this machine's Docker engine when the image is built,\n"
            "and the agent will see every folder mounted into the workspace.\n"
            "Trust this role source?"
        )


Confirm = Callable[[TrustPrompt], bool | None]
"""Asks the operator: yes, no, or None when nobody can be asked (the same as no `Confirm`)."""


def require_trust(paths: JackinPaths, source: RoleSource, confirm: Confirm | None) -> bool:
    """Pass when `source` is trusted or the operator confirms (then persist the trust).

    Returns whether trust was newly granted. `confirm=None`, or a `confirm` answering
    None, means no one can be asked (no terminal, `--detach`, CI): an untrusted source
    then fails with E006.
    """
    if source.trusted:
        return False
    key = source.selector.key
    hint = f"Trust it with `jackin config trust grant {key}`, or check the role URL"
    answer = None if confirm is None else confirm(TrustPrompt(key, source.git))
    if answer is None:
        raise CodedError(
            ErrorCode.E006,
            hint=hint,
            detail=f"Role: {key} ({source.git})\nNo terminal to ask on; nothing was built or run.",
        )
    if not answer:
        raise CodedError(
            ErrorCode.E006, hint=hint, detail=f"role source {key!r} not trusted — aborting."
        )
    with ConfigEditor(paths) as editor:
        grant_trust(editor, key)
        editor.commit()
    return True


def require_branch_confirmation(source: RoleSource, branch: str, confirm: Confirm | None) -> None:
    """A branch override runs code nobody reviewed as the role: always ask, never persist."""
    prompt = TrustPrompt(source.selector.key, source.git, branch)
    if confirm is None or not confirm(prompt):
        from jackin_sdk.errors import JackinError  # noqa: PLC0415

        raise JackinError(f'branch "{branch}" not confirmed — aborting.')
