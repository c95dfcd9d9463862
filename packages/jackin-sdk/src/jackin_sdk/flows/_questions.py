"""The questions a flow puts to the operator, and who answers them (CLI, console, script).

A flow never prompts: it builds a typed question and hands it to the front end's
`Answerer`, one method per question type, so a type checker sees every front end answer
every question with the right type. Each answer may be None: nobody can be asked here
(no terminal and no acknowledgement flag). The flow, not the front end, then refuses with
the coded error the operator needs (E020, E006, …), so every front end refuses alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from jackin_sdk.mounts import Redundancy, SensitiveHit
    from jackin_sdk.roles import TrustPrompt

__all__ = [
    "Answerer",
    "ConfirmCollapse",
    "ConfirmPrune",
    "ConfirmSensitiveMounts",
    "DirtyExit",
    "ExitChoice",
    "NonInteractive",
    "TrustRole",
]

ExitChoice = Literal["keep", "discard", "ask"]
"""What happens to dirty or unpushed isolated work after a clean exit: `ask` means the
operator was asked inside the capsule, whose choice (`exit-action.json`) decides."""


@dataclass(frozen=True, slots=True)
class ConfirmSensitiveMounts:
    """Mount these sensitive host paths (home, credential stores, the engine's socket)?"""

    hits: tuple[SensitiveHit, ...]
    text: str = "Continue with these mounts?"


@dataclass(frozen=True, slots=True)
class TrustRole:
    """Trust this role source (or run this unreviewed branch of it)?

    `prompt.text` is the question with what trusting means, already escaped.
    """

    prompt: TrustPrompt


@dataclass(frozen=True, slots=True)
class DirtyExit:
    """How to treat `container`'s dirty or unpushed isolated work once its session ended
    cleanly, when the configured `dirty_exit_policy` is `ask`."""

    container: str


@dataclass(frozen=True, slots=True)
class ConfirmPrune:
    """A destructive prune: `text` is the question; `refusal` is the error given when
    nobody can be asked (it names the flag that acknowledges non-interactively)."""

    text: str
    refusal: str


@dataclass(frozen=True, slots=True)
class ConfirmCollapse:
    """Remove these mounts from a workspace? `collapsed` are existing mounts the added
    ones subsume, `pruned` redundant mounts it already had (`workspace edit --prune`);
    `refusal` is the error given when nobody can be asked."""

    collapsed: tuple[Redundancy, ...]
    pruned: tuple[Redundancy, ...] = ()
    text: str = "Proceed?"
    refusal: str = (
        "refusing to collapse mounts without confirmation; pass --yes to proceed non-interactively"
    )


class Answerer(Protocol):
    """A front end's answers; None means nobody can be asked, and the flow refuses."""

    def confirm_sensitive_mounts(self, question: ConfirmSensitiveMounts) -> bool | None:
        """Yes to mount them, no to abort."""
        ...

    def trust_role(self, question: TrustRole) -> bool | None:
        """Yes to trust (persisted for a source, never for a branch), no to abort."""
        ...

    def dirty_exit(self, question: DirtyExit) -> ExitChoice | None:
        """`ask` when the operator chose inside the capsule; `keep`/`discard` when the
        front end asked itself; None (nobody to ask) keeps the work."""
        ...

    def confirm_prune(self, question: ConfirmPrune) -> bool | None:
        """Yes to prune, no to stop without pruning."""
        ...

    def confirm_collapse(self, question: ConfirmCollapse) -> bool | None:
        """Yes to remove the subsumed (and pruned) mounts, no to abort."""
        ...


@dataclass(frozen=True, slots=True)
class NonInteractive:
    """The answers of a run nobody watches: `yes` (`--yes`) acknowledges every
    confirmation; without it nothing can be asked and each flow refuses with its coded
    error. Dirty work after a clean exit is always kept."""

    yes: bool = False

    def confirm_sensitive_mounts(self, question: ConfirmSensitiveMounts) -> bool | None:
        """`--yes` acknowledges; otherwise nobody can be asked."""
        del question
        return True if self.yes else None

    def trust_role(self, question: TrustRole) -> bool | None:
        """`--yes` acknowledges; otherwise nobody can be asked."""
        del question
        return True if self.yes else None

    def dirty_exit(self, question: DirtyExit) -> ExitChoice | None:
        """Nobody chose: the work is kept."""
        del question
        return None

    def confirm_prune(self, question: ConfirmPrune) -> bool | None:
        """`--yes` acknowledges; otherwise nobody can be asked."""
        del question
        return True if self.yes else None

    def confirm_collapse(self, question: ConfirmCollapse) -> bool | None:
        """`--yes` acknowledges; otherwise nobody can be asked."""
        del question
        return True if self.yes else None
