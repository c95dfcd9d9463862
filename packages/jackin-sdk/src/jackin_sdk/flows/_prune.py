"""`prune instances --all` and `prune system`: confirm, then compose the prune steps."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.flows._questions import Answerer, ConfirmPrune
from jackin_sdk.instances import InstanceStore

if TYPE_CHECKING:
    from jackin_sdk.docker import DockerApi
    from jackin_sdk.lifecycle import PruneReport
    from jackin_sdk.paths import JackinPaths

__all__ = ["prune_all_instances", "prune_system"]


def _confirmed(answerer: Answerer, question: ConfirmPrune) -> bool:
    answer = answerer.confirm_prune(question)
    if answer is None:
        raise JackinError(question.refusal)
    return answer


def prune_all_instances(
    connect: Callable[[], DockerApi],
    paths: JackinPaths,
    *,
    all_: bool,
    foreign: bool,
    answerer: Answerer,
) -> PruneReport | None:
    """Purge finished instances; with `all_` (confirmed first) eject and purge every one,
    with `foreign` too other homes' objects. None when the operator said no."""
    from jackin_sdk.lifecycle import prune_instances  # noqa: PLC0415

    if foreign and not all_:
        raise UsageError("--foreign applies only with --all")
    text = "Eject every instance and delete all instance state (isolated work included)?"
    if foreign:
        text = (
            "Eject every instance, delete all instance state (isolated work included), and "
            "remove every other jackin home's containers, sidecars and networks?"
        )
    refusal = "prune instances --all needs --yes without a terminal"
    if all_ and not _confirmed(answerer, ConfirmPrune(text, refusal)):
        return None
    return prune_instances(connect(), InstanceStore(paths), all_=all_, foreign=foreign)


def prune_system(
    connect: Callable[[], DockerApi], paths: JackinPaths, *, all_: bool, answerer: Answerer
) -> list[PruneReport] | None:
    """Confirm, then prune instances (every one with `all_`), images, the role cache and
    the shared cache, in that order; each step's report. None when the operator said no."""
    from jackin_sdk.lifecycle import prune_dir, prune_images, prune_instances  # noqa: PLC0415

    question = ConfirmPrune(
        "Remove all prunable data? (instances, images, role cache, shared cache)",
        "prune system needs --yes without a terminal",
    )
    if not _confirmed(answerer, question):
        return None
    docker = connect()
    return [
        prune_instances(docker, InstanceStore(paths), all_=all_),
        prune_images(docker),
        prune_dir("Role Cache", paths.roles_dir),
        prune_dir("Shared Cache", paths.cache_dir),
    ]
