"""`jackin-capsule session`: one session outside the multiplexer (scripts and CI)."""

from __future__ import annotations

import os
import signal

from tests.capsule.support import Capsule, finish, wait_for


def _records(capsule: Capsule) -> list[dict[str, str]]:
    """What each session's entrypoint recorded, oldest first."""
    paths = sorted(capsule.root.glob("entry-*.txt"), key=lambda p: p.stat().st_mtime_ns)
    return [dict(line.split("=", 1) for line in p.read_text().splitlines()) for p in paths]


def test_exit_code_env_and_cwd_pass_through(capsule: Capsule) -> None:
    capsule.config({"claude": capsule.script("agent.sh", "exit 7")})
    done = capsule.run("session", "claude")
    assert done.returncode == 7, done.stderr
    (record,) = _records(capsule)
    assert record["argc"] == "2"
    assert record["args"] == f"/bin/sh {capsule.path('agent.sh')}"
    assert record["agent"] == "claude"
    assert record["auth"] == "sync"
    assert record["session"].isdigit(), "the session id is the one-shot's pid"
    assert record["cwd"] == str(capsule.work.resolve())
    assert record["term"] == "xterm-256color"
    assert record["colorterm"] == "truecolor"


def test_default_agent_is_the_first(capsule: Capsule) -> None:
    capsule.config({"codex": ["true"], "claude": ["false"]})
    assert capsule.run("session").returncode == 0
    assert capsule.run("session", "claude").returncode == 1
    assert [r["agent"] for r in _records(capsule)] == ["codex", "claude"]


def test_auth_mode_comes_from_the_config(capsule: Capsule) -> None:
    capsule.config({"claude": ["true"], "codex": ["true"]}, auth_modes={"claude": "oauth_token"})
    assert capsule.run("session", "claude", env={"JACKIN_AUTH_MODE": "ignore"}).returncode == 0
    assert capsule.run("session", "codex").returncode == 0
    assert [r["auth"] for r in _records(capsule)] == ["oauth_token", "sync"]


def test_shell_runs_the_entrypoint_without_arguments(capsule: Capsule) -> None:
    capsule.config({"claude": ["false"]}, auth_modes={"claude": "api_key"})
    leaked = {"JACKIN_AGENT": "leaked", "JACKIN_AUTH_MODE": "leaked", "TERM": "screen"}
    done = capsule.run("session", "--shell", env=leaked)
    assert done.returncode == 0, done.stderr
    (record,) = _records(capsule)
    assert record["argc"] == "0"
    assert record["agent"] == "<unset>"
    assert record["auth"] == "<unset>"
    assert record["term"] == "screen"


def test_missing_workdir_falls_back_to_home(capsule: Capsule) -> None:
    missing = capsule.root / "gone"
    capsule.config({"claude": ["true"]}, workdir=missing)
    done = capsule.run("session")
    assert done.returncode == 0
    assert f"workdir {missing} does not exist" in done.stderr
    assert _records(capsule)[0]["cwd"] == str(capsule.root.resolve())


def test_missing_entrypoint_exits_127(capsule: Capsule) -> None:
    capsule.config({"claude": ["true"]})
    capsule.entrypoint.unlink()
    done = capsule.run("session")
    assert done.returncode == 127
    assert "cannot run" in done.stderr


def test_sighup_is_forwarded(capsule: Capsule) -> None:
    capsule.config({"claude": ["sleep", "30"]})
    session = capsule.start("session")
    wait_for(lambda: bool(_records(capsule)), what="the entrypoint record")
    os.kill(session.pid, signal.SIGHUP)
    code, _, _ = finish(session)
    assert code == 128 + signal.SIGHUP
