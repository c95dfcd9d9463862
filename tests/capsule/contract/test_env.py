"""The pane environment the capsule sets is the one `runtime-setup` reads (`contract._env`)."""

from __future__ import annotations

from jackin_capsule._launch import session_command
from jackin_capsule._setup._run import _auth_mode
from jackin_capsule.contract import AGENT_ENV, AUTH_MODE_ENV, SESSION_ID_ENV, LaunchConfig


def _config(codex_mode: str = "sync") -> LaunchConfig:
    return LaunchConfig(
        role="acme/web",
        workdir=None,
        agents=("claude", "codex"),
        argv={"claude": ("claude",), "codex": ("codex",)},
        auth_modes={"codex": codex_mode},
        mounts=(),
    )


def test_runtime_setup_reads_the_auth_mode_the_pane_was_started_with() -> None:
    env = session_command(_config("api_key"), "codex", 3, {}).env
    assert env[SESSION_ID_ENV] == "3"
    # Without a launch config runtime-setup has only the pane's env to go by.
    assert _auth_mode(env, None, "codex") == "api_key"
    assert _auth_mode(env, None, "claude") == "sync"


def test_a_shell_pane_carries_no_agent_for_runtime_setup() -> None:
    env = session_command(_config(), None, 4, {AGENT_ENV: "claude", AUTH_MODE_ENV: "x"}).env
    assert AGENT_ENV not in env
    assert AUTH_MODE_ENV not in env
    assert env[SESSION_ID_ENV] == "4"
