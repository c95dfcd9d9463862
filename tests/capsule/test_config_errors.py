"""Bad launch configs and bad arguments: one line on stderr, exit code 2."""

from __future__ import annotations

import pytest

from jackin_capsule import __version__
from tests.capsule.support import Capsule


def _one_line_error(stderr: str, *needles: str) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("jackin-capsule: ")
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize("args", [("session",), ("session", "--shell"), ("daemon",)])
def test_missing_launch_config(capsule: Capsule, args: tuple[str, ...]) -> None:
    done = capsule.run(*args)
    assert done.returncode == 2
    _one_line_error(done.stderr, "launch config", str(capsule.run_dir / "agent.toml"), "not found")
    assert not (capsule.run_dir / "jackin.sock").exists()


@pytest.mark.parametrize(
    "args", [("session", "codex"), ("daemon", "codex")], ids=["session", "daemon"]
)
def test_agent_not_in_the_allowlist(capsule: Capsule, args: tuple[str, ...]) -> None:
    capsule.config({"claude": ["true"]})
    done = capsule.run(*args)
    assert done.returncode == 2
    _one_line_error(done.stderr, "'codex'", "not enabled", "claude")
    assert not (capsule.run_dir / "jackin.sock").exists()


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("agents = [", "invalid TOML"),
        ("agents = " + "[" * 2000 + "]" * 2000, "invalid TOML: nested too deeply"),
        ("agents = " + "{a = " * 2000 + "1" + "}" * 2000, "invalid TOML: nested too deeply"),
        ('agents = "claude"', "`agents` must be a list of strings"),
        ('agents = ["claude"]\nargv = 1', "`argv` must be a table"),
        ('agents = ["claude"]\n[argv]\nclaude = "claude"', "`argv.claude` must be a list"),
        ('agents = ["claude"]', "no [argv] entry for agent 'claude'"),
        ("agents = []", "lists no agents"),
        ('workdir = 3\nagents = ["claude"]', "`workdir` must be a string"),
        ('agents = ["claude"]\nauth_modes = 1', "`auth_modes` must be a table of strings"),
        ('agents = ["claude"]\n[auth_modes]\nclaude = 1', "`auth_modes` must be a table"),
        ('agents = ["claude"]\nmounts = "/w"', "`mounts` must be a list of strings"),
    ],
)
def test_malformed_launch_config(capsule: Capsule, text: str, needle: str) -> None:
    (capsule.run_dir / "agent.toml").write_text(text + "\n")
    done = capsule.run("session")
    assert done.returncode == 2
    _one_line_error(done.stderr, needle)


def test_agent_and_shell_together_is_a_usage_error(capsule: Capsule) -> None:
    capsule.config({"claude": ["true"]})
    done = capsule.run("session", "claude", "--shell")
    assert done.returncode == 2
    assert "not both" in done.stderr


def test_version_and_help_still_work(capsule: Capsule) -> None:
    assert capsule.run("--version").stdout == f"jackin-capsule {__version__}\n"
    helped = capsule.run("--help")
    assert helped.returncode == 0
    for command in ("daemon", "new", "session", "status", "snapshot", "agents"):
        assert command in helped.stdout


def test_attaching_without_a_running_capsule_says_where_it_looked(capsule: Capsule) -> None:
    done = capsule.run()
    assert done.returncode == 1
    _one_line_error(done.stderr, "cannot reach the capsule", str(capsule.run_dir / "jackin.sock"))
