"""The flows every front end shares (CLI, console): launch then attach, attach then finish,
hardline's reconnect, the prune compositions, the sensitive-mount gate and the image
prewarm; and the terminal answerer and progress lines both use on a plain terminal.

A flow never prompts or prints: it puts typed questions to the front end's `Answerer`
and shows progress and messages through the callbacks it is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jackin_sdk._lazy import lazy_exports

if TYPE_CHECKING:
    from jackin_sdk.flows._inspect import inspect_instance
    from jackin_sdk.flows._launch import LaunchEnd, launch_and_attach
    from jackin_sdk.flows._mounts import confirm_sensitive_mounts
    from jackin_sdk.flows._prewarm import PrewarmedImage, PrewarmReport, prewarm_images
    from jackin_sdk.flows._progress import PlainLaunchView
    from jackin_sdk.flows._prune import prune_all_instances, prune_system
    from jackin_sdk.flows._questions import (
        Answerer,
        ConfirmCollapse,
        ConfirmPrune,
        ConfirmSensitiveMounts,
        DirtyExit,
        ExitChoice,
        NonInteractive,
        TrustRole,
    )
    from jackin_sdk.flows._session import (
        AttachRunner,
        LaunchView,
        Notify,
        attach_session,
        exit_code,
        reconnect,
        trust_confirm,
    )
    from jackin_sdk.flows._terminal import TerminalAnswerer
    from jackin_sdk.flows._workspace import (
        confirm_workspace_collapse,
        confirm_workspace_plan,
        confirm_workspace_prune,
    )

_EXPORTS: dict[str, str] = {
    "Answerer": "jackin_sdk.flows._questions",
    "AttachRunner": "jackin_sdk.flows._session",
    "ConfirmCollapse": "jackin_sdk.flows._questions",
    "ConfirmPrune": "jackin_sdk.flows._questions",
    "ConfirmSensitiveMounts": "jackin_sdk.flows._questions",
    "DirtyExit": "jackin_sdk.flows._questions",
    "ExitChoice": "jackin_sdk.flows._questions",
    "LaunchEnd": "jackin_sdk.flows._launch",
    "LaunchView": "jackin_sdk.flows._session",
    "NonInteractive": "jackin_sdk.flows._questions",
    "PlainLaunchView": "jackin_sdk.flows._progress",
    "PrewarmReport": "jackin_sdk.flows._prewarm",
    "PrewarmedImage": "jackin_sdk.flows._prewarm",
    "Notify": "jackin_sdk.flows._session",
    "TerminalAnswerer": "jackin_sdk.flows._terminal",
    "TrustRole": "jackin_sdk.flows._questions",
    "attach_session": "jackin_sdk.flows._session",
    "confirm_sensitive_mounts": "jackin_sdk.flows._mounts",
    "confirm_workspace_collapse": "jackin_sdk.flows._workspace",
    "confirm_workspace_plan": "jackin_sdk.flows._workspace",
    "confirm_workspace_prune": "jackin_sdk.flows._workspace",
    "exit_code": "jackin_sdk.flows._session",
    "inspect_instance": "jackin_sdk.flows._inspect",
    "launch_and_attach": "jackin_sdk.flows._launch",
    "prewarm_images": "jackin_sdk.flows._prewarm",
    "prune_all_instances": "jackin_sdk.flows._prune",
    "prune_system": "jackin_sdk.flows._prune",
    "reconnect": "jackin_sdk.flows._session",
    "trust_confirm": "jackin_sdk.flows._session",
}

__all__ = [
    "Answerer",
    "AttachRunner",
    "ConfirmCollapse",
    "ConfirmPrune",
    "ConfirmSensitiveMounts",
    "DirtyExit",
    "ExitChoice",
    "LaunchEnd",
    "LaunchView",
    "NonInteractive",
    "Notify",
    "PlainLaunchView",
    "PrewarmReport",
    "PrewarmedImage",
    "TerminalAnswerer",
    "TrustRole",
    "attach_session",
    "confirm_sensitive_mounts",
    "confirm_workspace_collapse",
    "confirm_workspace_plan",
    "confirm_workspace_prune",
    "exit_code",
    "inspect_instance",
    "launch_and_attach",
    "prewarm_images",
    "prune_all_instances",
    "prune_system",
    "reconnect",
    "trust_confirm",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
