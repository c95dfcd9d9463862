"""`jackin-capsule session`: entrypoint, env, cwd, registration and exit code."""

from __future__ import annotations

import json
import os
import re
import signal
import stat

from tests.capsule.support import WAIT_FOR_GO, Capsule, finish, wait_for

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$")


def test_exit_code_env_and_cwd_pass_through(capsule: Capsule) -> None:
    capsule.config({"claude": capsule.script("agent.sh", "exit 7")})
    done = capsule.run("session", "claude")
    assert done.returncode == 7, done.stderr
    record = capsule.record(1)
    assert record["argc"] == "2"
    assert record["args"] == f"/bin/sh {capsule.path('agent.sh')}"
    assert record["agent"] == "claude"
    assert record["auth"] == "sync"
    assert record["session"] == "1"
    assert record["cwd"] == str(capsule.work.resolve())
    assert record["term"] == "xterm-256color"
    assert record["colorterm"] == "truecolor"
    assert capsule.registrations() == {}


def test_default_agent_is_the_first_and_ids_count_up(capsule: Capsule) -> None:
    capsule.config({"codex": ["true"], "claude": ["false"]})
    assert capsule.run("session").returncode == 0
    assert capsule.run("session", "claude").returncode == 1
    assert capsule.record(1)["agent"] == "codex"
    assert capsule.record(2)["agent"] == "claude"


def test_auth_mode_comes_from_the_config(capsule: Capsule) -> None:
    capsule.config({"claude": ["true"], "codex": ["true"]}, auth_modes={"claude": "oauth_token"})
    assert capsule.run("session", "claude", env={"JACKIN_AUTH_MODE": "ignore"}).returncode == 0
    assert capsule.run("session", "codex").returncode == 0
    assert capsule.record(1)["auth"] == "oauth_token"
    assert capsule.record(2)["auth"] == "sync"


def test_shell_runs_the_entrypoint_without_arguments(capsule: Capsule) -> None:
    capsule.config({"claude": ["false"]}, auth_modes={"claude": "api_key"})
    leaked = {"JACKIN_AGENT": "leaked", "JACKIN_AUTH_MODE": "leaked", "TERM": "screen"}
    done = capsule.run("session", "--shell", env=leaked)
    assert done.returncode == 0, done.stderr
    record = capsule.record(1)
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
    assert capsule.record(1)["cwd"] == str(capsule.root.resolve())


def test_missing_entrypoint_exits_127_and_deregisters(capsule: Capsule) -> None:
    capsule.config({"claude": ["true"]})
    capsule.entrypoint.unlink()
    done = capsule.run("session")
    assert done.returncode == 127
    assert "cannot run" in done.stderr
    assert capsule.registrations() == {}


def test_registered_while_running_and_listed_by_status(capsule: Capsule) -> None:
    capsule.config({"claude": capsule.script("agent.sh", WAIT_FOR_GO)})
    session = capsule.start("session", "claude")
    wait_for(capsule.path("ready").exists, what="the agent")

    registrations = capsule.registrations()
    assert list(registrations) == [session.pid]
    entry = registrations[session.pid]
    assert set(entry) == {"id", "agent", "pid", "started", "headless"}
    assert (entry["id"], entry["agent"], entry["pid"], entry["headless"]) == (
        1,
        "claude",
        session.pid,
        False,
    )
    assert ISO.match(entry["started"])
    folder = capsule.run_dir / "sessions"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / f"{session.pid}.json").stat().st_mode) == 0o600

    human = capsule.run("status")
    assert human.returncode == 0
    assert human.stdout == (
        f"Sessions: 1\n[1] claude pid={session.pid} started={entry['started']}\n"
    )
    assert json.loads(capsule.run("status", "--format", "json").stdout) == {
        "schema_version": "v1",
        "sessions": [entry],
    }

    capsule.path("go").touch()
    assert finish(session)[0] == 0
    assert capsule.registrations() == {}
    assert capsule.run("status").stdout == "Sessions: 0\n"


def test_sighup_is_forwarded_and_the_session_deregisters(capsule: Capsule) -> None:
    capsule.config({"claude": ["sleep", "30"]})
    session = capsule.start("session")
    wait_for(lambda: capsule.path("entry-1.txt").exists() and capsule.registrations())
    os.kill(session.pid, signal.SIGHUP)
    code, _, _ = finish(session)
    assert code == 128 + signal.SIGHUP
    assert capsule.registrations() == {}
