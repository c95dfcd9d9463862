"""Keeping the host awake while an agent runs: shared by the launch and the lifecycle."""

from jackin_sdk.keepawake._inhibitor import (
    keep_awake_pid_file,
    release_keep_awake,
    start_keep_awake,
)

__all__ = ["keep_awake_pid_file", "release_keep_awake", "start_keep_awake"]
