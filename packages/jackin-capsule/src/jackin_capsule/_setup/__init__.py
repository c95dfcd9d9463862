"""`jackin-capsule runtime-setup` (spec runtime §4.4): durable homes, credentials, git."""

from jackin_capsule._setup._run import run_runtime_setup

__all__ = ["run_runtime_setup"]
