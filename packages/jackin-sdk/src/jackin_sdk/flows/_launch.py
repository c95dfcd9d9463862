"""`jackin load` after parsing, for every front end: gate, launch, attach, finish."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.flows._mounts import confirm_sensitive_mounts
from jackin_sdk.flows._questions import Answerer
from jackin_sdk.flows._session import (
    AttachRunner,
    LaunchView,
    Notify,
    _run_attached,
    attach_session,
    exit_code,
    trust_confirm,
)

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.docker import DockerApi
    from jackin_sdk.launch import LaunchOptions, LaunchTarget

__all__ = ["LaunchEnd", "launch_and_attach"]


@dataclass(frozen=True, slots=True)
class LaunchEnd:
    """How a launch ended: its container, the process's exit code, whether it detached."""

    container: str
    exit_code: int
    detached: bool = False


def launch_and_attach(
    target: LaunchTarget,
    options: LaunchOptions,
    *,
    config: OperatorConfig,
    connect: Callable[[], DockerApi],
    answerer: Answerer,
    view: LaunchView,
    notify: Notify,
    tty: bool,
    home: Path | None = None,
    run: AttachRunner = _run_attached,
    host_alt_screen: bool = False,
) -> LaunchEnd:
    """Launch `target` and, unless `options.detach`, attach until the session ends.

    Sensitive mounts are confirmed before the engine is asked anything (`connect` is
    called after); trust and branch questions go to `answerer` (`options.confirm` is
    replaced); stages show on `view`. The instance's name lock is released when the
    session ends. `host_alt_screen`: the front end holds the alternate screen, so the
    attach client draws in it (`jackin_sdk.lifecycle.attach_argv`).
    """
    from jackin_sdk.launch import LaunchContext, launch  # noqa: PLC0415

    confirm_sensitive_mounts(target.mounts, answerer, home=home)
    docker = connect()
    options = dataclasses.replace(options, confirm=trust_confirm(answerer))
    context = LaunchContext(docker, config, progress=view.stage, image_progress=view.image)
    try:
        result = launch(target, options, context)
    finally:
        view.close()
    if options.detach:
        return LaunchEnd(result.container, 0, detached=True)
    notify(f"attaching to {result.container} ({result.agent.value}) …")
    code = attach_session(
        docker, config, result.container, answerer=answerer, notify=notify, tty=tty,
        launched=result, run=run, host_alt_screen=host_alt_screen,
    )  # fmt: skip
    return LaunchEnd(result.container, exit_code(code))
