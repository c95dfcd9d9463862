"""Every agent × auth mode on the real engine, with stand-in agent CLIs.

Each stand-in prints its argv, the NAMES of the env variables it sees and which
credential files exist in its home. One instance is launched per mode set; every agent
then runs a session in it. Between mode sets the instance is ejected (state kept) and
loaded again, which rebuilds it around its state with the new modes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk.docker import DockerApi
from tests.conftest import TEST_CONSTRUCT_IMAGE, require_image
from tests.integration.launch_support import Home, docker, jackin_sampling_ps, make_home

pytestmark = pytest.mark.docker

AGENTS = ("claude", "codex", "amp", "kimi", "opencode", "grok")
FULL_SPEED = {
    "claude": "--dangerously-skip-permissions",
    "codex": "--dangerously-bypass-approvals-and-sandbox",
    "amp": "--dangerously-allow-all",
    "kimi": "--yolo",
    "opencode": "",
    "grok": "--always-approve",
}
KEYS = {
    "claude": "ANTHROPIC_API_KEY",
    "codex": "OPENAI_API_KEY",
    "amp": "AMP_API_KEY",
    "kimi": "KIMI_API_KEY",
    "opencode": "OPENCODE_API_KEY",
    "grok": "XAI_API_KEY",
}
SECRETS = {key: f"secret-{agent}-0123456789abcdef" for agent, key in KEYS.items()}
OAUTH = "secret-oauth-token-0123456789abcdef"
HOST_FILES = {
    "claude": (".claude/.credentials.json", ".claude/.credentials.json"),
    "codex": (".codex/auth.json", ".codex/auth.json"),
    "amp": (".local/share/amp/secrets.json", ".local/share/amp/secrets.json"),
    "kimi": (".kimi-code/credentials/key.json", ".kimi-code/credentials"),
    "opencode": (".local/share/opencode/auth.json", ".local/share/opencode/auth.json"),
    "grok": (".grok/auth.json", ".grok/auth.json"),
}
ALL_SECRETS = [*SECRETS.values(), OAUTH, "secret-host-credential-file"]


@pytest.fixture
def home(engine: DockerApi, tmp_path: Path) -> Iterator[Home]:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    made = make_home(tmp_path, fixture="all-agents")
    host = made.root / "host-home"
    for agent, (relative, _) in HOST_FILES.items():
        path = host / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'{{"agent": "{agent}", "token": "secret-host-credential-file"}}')
    (host / ".claude.json").write_text('{"userID": "op"}')
    (host / ".kimi-code" / "config.toml").write_text("model = 'k2'\n")
    try:
        yield made
    finally:
        made.cleanup()


def _session(container: str, agent: str) -> str:
    done = docker("exec", "-i", container, "/jackin/runtime/jackin-capsule", "session", agent)
    assert done.returncode == 0, done.stderr
    assert f"done: {agent}" in done.stdout, done.stdout + done.stderr
    for secret in ALL_SECRETS:
        assert secret not in done.stdout + done.stderr
    return done.stdout


def _line(output: str, prefix: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(prefix))


def _launch(home: Home) -> str:
    """`load --detach` while sampling the host process list; returns the container."""
    run, seen = jackin_sampling_ps(
        home, "--debug", "load", "all-agents", "--agent", "claude", "--detach"
    )
    for secret in ALL_SECRETS:
        assert secret not in run.stdout + run.stderr, "secret in the --debug output"
        assert not any(secret in sample for sample in seen), "secret on a host command line"
    return run.stdout.strip().splitlines()[-1]


def _no_secret_in_inspect(container: str) -> None:
    inspected = docker("inspect", container).stdout
    for secret in ALL_SECRETS:
        assert secret not in inspected


def test_every_agent_in_every_mode(home: Home) -> None:
    host = home.root / "host-home"
    before = {p: p.read_bytes() for p in host.rglob("*") if p.is_file()}

    # sync: the host's files reach each agent's home; no key env.
    home.configure(env={}, modes=dict.fromkeys(AGENTS, "sync"))
    c = _launch(home)
    _no_secret_in_inspect(c)
    for agent in AGENTS:
        out = _session(c, agent)
        assert _line(out, "agent:") == f"agent: {agent}"
        assert FULL_SPEED[agent] in _line(out, "argv:")
        assert f"file: {HOST_FILES[agent][1]}" in out, out
        keys = _line(out, "env-keys:").split()
        assert KEYS[agent] not in keys
    claude = _session(c, "claude")
    # The host's ~/.claude.json is carried over; runtime-setup adds what the real binary
    # needs to open ready (onboarding done, the workspace folder trusted).
    carried = json.loads(_line(claude, "claude.json:").removeprefix("claude.json: "))
    assert carried["userID"] == "op"
    assert carried["hasCompletedOnboarding"] is True
    assert "file: .config/opencode/opencode.json" in _session(c, "opencode")
    home.jackin("eject", c)

    # api_key: keys in each agent's env (names only printed), credential files gone.
    home.configure(env=SECRETS, modes=dict.fromkeys(AGENTS, "api_key"))
    assert _launch(home) == c, "the ejected instance is rebuilt around its state"
    _no_secret_in_inspect(c)
    for agent in AGENTS:
        out = _session(c, agent)
        keys = _line(out, "env-keys:").split()
        assert KEYS[agent] in keys
        if agent == "codex":  # jackin's own api-key login (its TUI ignores the env key)
            auth = json.loads((home.data / c / "home" / ".codex" / "auth.json").read_text())
            assert auth == {"auth_mode": "apikey", "OPENAI_API_KEY": SECRETS["OPENAI_API_KEY"]}
        else:
            assert f"file: {HOST_FILES[agent][1]}" not in out
    assert "KIMI_CODE_API_KEY" in _line(_session(c, "kimi"), "env-keys:").split()
    assert "GROK_DEPLOYMENT_KEY" in _line(_session(c, "grok"), "env-keys:").split()
    home.jackin("eject", c)

    # oauth_token for Claude, ignore for the rest: nothing forwarded after the sync above.
    modes = dict.fromkeys(AGENTS, "ignore") | {"claude": "oauth_token"}
    home.configure(env={"CLAUDE_CODE_OAUTH_TOKEN": OAUTH}, modes=modes)
    assert _launch(home) == c
    _no_secret_in_inspect(c)
    claude = _session(c, "claude")
    assert "CLAUDE_CODE_OAUTH_TOKEN" in _line(claude, "env-keys:").split()
    assert "file: .claude/.credentials.json" not in claude
    assert '"hasCompletedOnboarding":true' in claude
    for agent in AGENTS[1:]:
        out = _session(c, agent)
        assert f"file: {HOST_FILES[agent][1]}" not in out
    assert not (home.data / c / "home" / ".codex" / "auth.json").exists()

    after = {p: p.read_bytes() for p in host.rglob("*") if p.is_file()}
    assert after == before, "host credential files are only read"


def test_a_missing_key_fails_before_any_container_without_leaking(home: Home) -> None:
    home.configure(env={"OPENAI_API_KEY": SECRETS["OPENAI_API_KEY"]},
                   modes={"claude": "api_key"})  # fmt: skip
    failed = home.jackin(
        "--debug", "load", "all-agents", "--agent", "claude", "--detach", check=False
    )
    assert failed.returncode == 1
    assert "ANTHROPIC_API_KEY" in failed.stderr
    assert "credentials" in failed.stderr
    for secret in ALL_SECRETS:
        assert secret not in failed.stdout + failed.stderr
    listed = json.loads(home.jackin("status", "--format", "json").stdout)
    states = [i["state"] for ws in listed["workspaces"] for i in ws["instances"]]
    assert states == ["gone"]
