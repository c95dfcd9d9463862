"""`jackin-capsule runtime-setup`: seeding, credential policy, agent config and git, for real.

Each test runs the capsule in a subprocess with every root moved into a temp dir:
the home, `/jackin/default-home`, the hand-off root `/jackin`, `/jackin/state` and
`/jackin/run`.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from jackin_capsule.contract import LAUNCH_CONFIG, LaunchConfig
from tests.capsule.support import CAPSULE

SECRET = "sk-jackin-test-SECRET-7f3a9c"
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="needs git")


def claude_account(path: Path, *, keep_onboarding: bool = False) -> dict[str, object]:
    """`~/.claude.json` without what runtime-setup adds to make Claude Code ready
    (onboarding done, workspace folders trusted), which other tests check."""
    document: dict[str, object] = json.loads(path.read_text())
    document.pop("projects", None)
    if not keep_onboarding:
        assert document.pop("hasCompletedOnboarding") is True
    return document


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


class Setup:
    """Temporary roots for runtime-setup, and a way to run it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.seed = root / "default-home"
        self.handoff = root / "jackin"
        self.state = root / "state"
        self.run_dir = root / "run"
        self.bin = root / "bin"
        for folder in (self.home, self.seed, self.handoff, self.state, self.run_dir, self.bin):
            folder.mkdir()
        if GIT is not None:
            (self.bin / "git").symlink_to(GIT)
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("JACKIN_", "GIT_", "KIMI_"))
        }
        self.env.update(
            {
                "HOME": str(self.home),
                "PATH": str(self.bin),
                "JACKIN_CAPSULE_DEFAULT_HOME": str(self.seed),
                "JACKIN_CAPSULE_HANDOFF_ROOT": str(self.handoff),
                "JACKIN_CAPSULE_STATE_DIR": str(self.state),
                "JACKIN_CAPSULE_RUN_DIR": str(self.run_dir),
            }
        )

    def config(
        self,
        agents: Sequence[str],
        *,
        workdir: str = "/workspace/app",
        mounts: Sequence[str] = (),
        auth_modes: Mapping[str, str] | None = None,
    ) -> None:
        config = LaunchConfig(
            role="",
            workdir=workdir,
            agents=tuple(agents),
            argv={name: (name,) for name in agents},
            auth_modes=dict(auth_modes or {}),
            mounts=tuple(mounts),
        )
        (self.run_dir / LAUNCH_CONFIG).write_text(config.to_toml())

    def run(
        self, agent: str | None = None, mode: str | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        full = dict(self.env)
        if agent is not None:
            full["JACKIN_AGENT"] = agent
        if mode is not None:
            full["JACKIN_AUTH_MODE"] = mode
        full.update(env)
        done = subprocess.run(
            [*CAPSULE, "runtime-setup"],
            env=full,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert SECRET not in done.stdout + done.stderr
        return done

    def ok(
        self, agent: str | None = None, mode: str | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        done = self.run(agent, mode, **env)
        assert done.returncode == 0, done.stderr
        assert done.stdout == ""
        return done

    def forward(self, relative: str, content: str = f'{{"token": "{SECRET}"}}\n') -> Path:
        """A hand-off file under the hand-off root."""
        path = self.handoff / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
        path.chmod(0o644)
        return path

    def seed_file(self, relative: str, content: str, mode: int = 0o664) -> Path:
        path = self.seed / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
        path.chmod(mode)
        return path

    def git_get(self, key: str) -> list[str]:
        assert GIT is not None
        done = subprocess.run(
            [GIT, "config", "--file", str(self.state / "gitconfig"), "--get-all", key],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout.splitlines()


@pytest.fixture
def setup(tmp_path: Path) -> Setup:
    return Setup(tmp_path)


HINT = "jackin: {}: no credentials forwarded; log in inside the container"


# --- seeding ------------------------------------------------------------------------


def test_empty_or_missing_durable_dirs_are_seeded_with_modes_and_links(setup: Setup) -> None:
    setup.seed_file(".claude/settings.json", '{"theme": "dark"}', 0o640)
    setup.seed_file(".claude/plugins/run.sh", "#!/bin/sh\n", 0o755)
    (setup.seed / ".claude" / "latest").symlink_to("plugins/run.sh")
    (setup.seed / ".claude" / "plugins").chmod(0o750)
    setup.seed_file(".kimi-code/bin/kimi", "#!/bin/sh\necho kimi\n", 0o755)
    setup.seed_file(".local/share/amp/data.json", "{}", 0o600)
    setup.seed_file(".config/amp/settings.json", "{}", 0o644)
    (setup.home / ".claude").mkdir()  # the empty bind mount; kimi's and amp's are missing
    (setup.home / ".claude" / ".jackin-seed.tmp").mkdir()  # left by a crashed earlier run
    setup.config(["claude", "kimi", "amp"])

    setup.ok("claude", "api_key")

    claude = setup.home / ".claude"
    assert (claude / "settings.json").read_text() == '{"theme": "dark"}'
    assert _mode(claude / "settings.json") == 0o640
    assert _mode(claude / "plugins") == 0o750
    assert _mode(claude / "plugins" / "run.sh") == 0o755
    assert (claude / "latest").readlink() == Path("plugins/run.sh")
    assert not (claude / ".jackin-seed.tmp").exists()
    kimi = setup.home / ".kimi-code" / "bin" / "kimi"  # an agent other than the session's
    assert kimi.read_text().startswith("#!/bin/sh")
    assert _mode(kimi) == 0o755
    assert (setup.home / ".local/share/amp/data.json").exists()
    assert (setup.home / ".config/amp/settings.json").exists()
    leftovers = [p.name for p in setup.home.rglob("*") if "jackin" in p.name]
    assert leftovers == []


def test_a_non_empty_durable_dir_is_left_alone(setup: Setup) -> None:
    setup.seed_file(".codex/config.toml", 'model = "seed"\n')
    setup.seed_file(".codex/prompts/a.md", "seed")
    (setup.home / ".codex").mkdir()
    (setup.home / ".codex" / "history.jsonl").write_text("mine\n")
    setup.config(["codex"], workdir="")  # no project to trust: codex config stays untouched

    setup.ok("codex", "api_key")
    assert sorted(p.name for p in (setup.home / ".codex").iterdir()) == ["history.jsonl"]

    # Idempotent: a second start changes nothing; an emptied folder is seeded again.
    setup.ok("codex", "api_key")
    assert sorted(p.name for p in (setup.home / ".codex").iterdir()) == ["history.jsonl"]
    (setup.home / ".codex" / "history.jsonl").unlink()
    setup.ok("codex", "api_key")
    assert (setup.home / ".codex" / "prompts" / "a.md").read_text() == "seed"


@pytest.mark.parametrize("current", [None, "", "{}", " { }\n"])
def test_claude_json_is_seeded_while_missing_or_empty(setup: Setup, current: str | None) -> None:
    setup.seed_file(".claude.json", '{"installMethod": "native"}\n', 0o644)
    target = setup.home / ".claude.json"
    if current is not None:
        target.write_text(current)
    setup.config(["claude"])
    setup.ok("claude", "api_key")
    assert claude_account(target) == {"installMethod": "native"}


def test_a_used_claude_json_is_kept(setup: Setup) -> None:
    setup.seed_file(".claude.json", '{"installMethod": "native"}\n')
    target = setup.home / ".claude.json"
    target.write_text('{"numStartups": 4}')
    setup.config(["claude"])
    setup.ok("claude", "api_key")
    assert claude_account(target) == {"numStartups": 4}


def test_without_a_seed_nothing_is_created(setup: Setup) -> None:
    setup.config(["grok"])
    setup.ok("grok", "api_key")
    assert not (setup.home / ".grok").exists()


def test_runs_without_agent_toml_for_the_session_agent(setup: Setup) -> None:
    setup.seed_file(".grok/bin/grok", "#!/bin/sh\n", 0o755)
    setup.ok("grok", "ignore")
    assert (setup.home / ".grok" / "bin" / "grok").exists()


# --- credentials: sync ----------------------------------------------------------------


def test_claude_sync_copies_once_and_never_clobbers_a_refreshed_token(setup: Setup) -> None:
    setup.seed_file(".claude/settings.json", "{}")
    setup.seed_file(".claude.json", '{"installMethod": "native"}')
    setup.forward("claude/credentials.json")
    setup.forward("claude/account.json", f'{{"oauthAccount": "{SECRET}"}}')
    setup.config(["claude"])
    credentials = setup.home / ".claude" / ".credentials.json"
    account = setup.home / ".claude.json"

    done = setup.ok("claude", "sync")
    assert done.stderr == ""
    assert SECRET in credentials.read_text()
    assert _mode(credentials) == 0o600
    assert SECRET in account.read_text()  # first seed: the host's account wins
    assert _mode(account) == 0o600

    credentials.write_text('{"token": "refreshed"}')
    account.write_text('{"oauthAccount": "refreshed"}')
    setup.ok("claude", "sync")
    assert credentials.read_text() == '{"token": "refreshed"}'
    assert claude_account(account) == {"oauthAccount": "refreshed"}

    credentials.unlink()
    account.write_text("{}")
    setup.ok("claude", "sync")
    assert SECRET in credentials.read_text()
    assert SECRET in account.read_text()


def test_claude_sync_keeps_the_seeded_account_when_the_host_sends_none(setup: Setup) -> None:
    setup.seed_file(".claude.json", '{"installMethod": "native"}')
    setup.forward("claude/credentials.json")
    setup.forward("claude/account.json", "{}")
    setup.config(["claude"])
    setup.ok("claude", "sync")
    assert claude_account(setup.home / ".claude.json") == {"installMethod": "native"}


def test_codex_sync(setup: Setup) -> None:
    setup.forward("codex/auth.json")
    setup.config(["codex"])
    auth = setup.home / ".codex" / "auth.json"
    setup.ok("codex", "sync")
    assert SECRET in auth.read_text()
    assert _mode(auth) == 0o600
    auth.write_text("refreshed")
    setup.ok("codex", "sync")
    assert auth.read_text() == "refreshed"


@pytest.mark.parametrize(
    ("agent", "source", "target"),
    [
        ("amp", "amp/secrets.json", ".local/share/amp/secrets.json"),
        ("opencode", "opencode/auth.json", ".local/share/opencode/auth.json"),
        ("grok", "grok/auth.json", ".grok/auth.json"),
    ],
)
def test_other_agents_sync_their_file(setup: Setup, agent: str, source: str, target: str) -> None:
    setup.forward(source)
    setup.config([agent])
    setup.ok(agent, "sync")
    assert SECRET in (setup.home / target).read_text()
    assert _mode(setup.home / target) == 0o600


def test_kimi_sync_merges_the_forwarded_folder(setup: Setup) -> None:
    setup.seed_file(".kimi-code/bin/kimi", "#!/bin/sh\n", 0o755)
    setup.seed_file(".kimi-code/config.toml", "seed = true\n")
    setup.forward("kimi-code/config.toml", "host = true\n")
    setup.forward("kimi-code/device_id", "device\n")
    setup.forward("kimi-code/credentials/kimi-code.json")
    (setup.handoff / "kimi-code" / "link").symlink_to("/etc/passwd")
    setup.config(["kimi"])
    home = setup.home / ".kimi-code"

    setup.ok("kimi", "sync")
    assert (home / "bin" / "kimi").exists()
    assert (home / "config.toml").read_text() == "host = true\n"
    assert SECRET in (home / "credentials" / "kimi-code.json").read_text()
    assert _mode(home / "credentials" / "kimi-code.json") == 0o600
    assert _mode(home / "credentials") == 0o700
    assert _mode(home / "device_id") == 0o600
    assert not (home / "link").exists()

    (home / "credentials" / "kimi-code.json").write_text("refreshed")
    (home / "device_id").unlink()
    setup.ok("kimi", "sync")
    assert (home / "credentials" / "kimi-code.json").read_text() == "refreshed"
    assert (home / "device_id").read_text() == "device\n"


@pytest.mark.parametrize("agent", ["claude", "codex", "kimi", "grok"])
def test_sync_without_a_hand_off_prints_the_login_hint(setup: Setup, agent: str) -> None:
    setup.config([agent])
    done = setup.ok(agent, "sync")
    assert done.stderr.splitlines() == [HINT.format(agent)]


def test_no_hint_when_the_agent_is_already_logged_in(setup: Setup) -> None:
    setup.config(["codex"])
    (setup.home / ".codex").mkdir()
    (setup.home / ".codex" / "auth.json").write_text("logged in")
    assert setup.ok("codex", "sync").stderr == ""
    assert setup.ok("codex").stderr == ""  # sync is the default


def test_every_listed_agent_gets_its_own_policy_on_its_first_seed(setup: Setup) -> None:
    """A codex session starts first: claude is seeded and synced in the same run."""
    setup.seed_file(".claude.json", '{"installMethod": "native"}')
    setup.forward("claude/credentials.json")
    setup.forward("claude/account.json", '{"userID": "op"}')
    (setup.home / ".grok").mkdir()
    (setup.home / ".grok" / "auth.json").write_text("stale")
    setup.config(["codex", "claude", "grok", "amp"], auth_modes={"grok": "ignore"})

    done = setup.ok("codex", "sync")
    assert done.stderr.splitlines() == [HINT.format("codex")]  # amp's missing login is quiet
    assert SECRET in (setup.home / ".claude" / ".credentials.json").read_text()
    assert claude_account(setup.home / ".claude.json") == {"userID": "op"}
    assert not (setup.home / ".grok" / "auth.json").exists()

    (setup.home / ".claude.json").write_text('{"userID": "op", "numStartups": 1}')
    setup.ok("claude", "sync")
    assert claude_account(setup.home / ".claude.json")["numStartups"] == 1


def test_auth_mode_falls_back_to_agent_toml(setup: Setup) -> None:
    (setup.home / ".codex").mkdir()
    (setup.home / ".codex" / "auth.json").write_text("stale")
    setup.config(["codex"], auth_modes={"codex": "ignore"})
    setup.ok("codex")
    assert not (setup.home / ".codex" / "auth.json").exists()


# --- credentials: api_key, oauth_token, ignore ------------------------------------------


@pytest.mark.parametrize("mode", ["api_key", "ignore"])
@pytest.mark.parametrize(
    ("agent", "credential"),
    [
        ("claude", ".claude/.credentials.json"),
        ("codex", ".codex/auth.json"),
        ("kimi", ".kimi-code/credentials"),
        ("amp", ".local/share/amp/secrets.json"),
        ("opencode", ".local/share/opencode/auth.json"),
        ("grok", ".grok/auth.json"),
    ],
)
def test_non_sync_modes_delete_the_in_home_credential(
    setup: Setup, mode: str, agent: str, credential: str
) -> None:
    target = setup.home / credential
    if agent == "kimi":
        (target / "nested").mkdir(parents=True)
        (target / "nested" / "token.json").write_text(SECRET)
        (setup.home / ".kimi-code" / "config.toml").write_text("kept\n")
    else:
        target.parent.mkdir(parents=True)
        target.write_text(SECRET)
    setup.forward(f"{agent}/unused.json")  # a stale hand-off is not copied either
    setup.config([agent])

    done = setup.ok(agent, mode)
    assert done.stderr == ""
    assert not target.exists()
    if agent == "kimi":
        assert (setup.home / ".kimi-code" / "config.toml").read_text() == "kept\n"


@pytest.mark.parametrize("current", [None, "{}"])
def test_claude_oauth_token_marks_onboarding_done(setup: Setup, current: str | None) -> None:
    credentials = setup.home / ".claude" / ".credentials.json"
    credentials.parent.mkdir()
    credentials.write_text(SECRET)
    account = setup.home / ".claude.json"
    if current is not None:
        account.write_text(current)
    setup.config(["claude"])
    setup.ok("claude", "oauth_token")
    assert not credentials.exists()
    assert claude_account(account, keep_onboarding=True) == {"hasCompletedOnboarding": True}
    assert _mode(account) == 0o600


def test_claude_oauth_token_keeps_the_rest_of_claude_json(setup: Setup) -> None:
    account = setup.home / ".claude.json"
    account.write_text('{"numStartups": 3}')
    setup.config(["claude"])
    setup.ok("claude", "oauth_token")
    assert claude_account(account, keep_onboarding=True) == {
        "numStartups": 3,
        "hasCompletedOnboarding": True,
    }


def test_unknown_auth_mode_fails_in_one_line(setup: Setup) -> None:
    setup.config(["claude"])
    done = setup.run("claude", "keychain")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "jackin-capsule runtime-setup: unknown auth mode 'keychain' for claude"
    ]


def test_an_unreadable_hand_off_fails_without_leaking(setup: Setup) -> None:
    (setup.handoff / "codex" / "auth.json").mkdir(parents=True)
    (setup.handoff / "codex" / "auth.json" / "x").write_text(SECRET)
    setup.config(["codex"])
    done = setup.run("codex", "sync")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("jackin-capsule runtime-setup: cannot read hand-off ")
    assert str(setup.handoff / "codex" / "auth.json") in lines[0]


def test_a_bad_launch_config_fails_in_one_line(setup: Setup) -> None:
    (setup.run_dir / "agent.toml").write_text("agents = [\n")
    done = setup.run("claude", "sync")
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("jackin-capsule runtime-setup: ")
    assert "invalid TOML" in done.stderr


def test_no_credential_content_in_any_output(setup: Setup) -> None:
    """`Setup.run` asserts the secret is absent from stdout and stderr on every run."""
    for relative in (
        "claude/credentials.json",
        "claude/account.json",
        "codex/auth.json",
        "amp/secrets.json",
        "kimi-code/credentials/a.json",
        "opencode/auth.json",
        "grok/auth.json",
    ):
        setup.forward(relative)
    agents = ["claude", "codex", "amp", "kimi", "opencode", "grok"]
    setup.config(agents)
    for agent in agents:
        for mode in ("sync", "api_key", "ignore", "sync"):
            setup.ok(agent, mode, GIT_AUTHOR_NAME="A", KIMI_API_KEY=SECRET)


# --- agent config ---------------------------------------------------------------------


def test_codex_trust_is_merged_and_idempotent(setup: Setup) -> None:
    config = setup.home / ".codex" / "config.toml"
    config.parent.mkdir()
    existing = 'model = "o4"\n\n[projects."/workspace/app"]\ntrust_level = "untrusted"\n'
    config.write_text(existing)
    config.chmod(0o640)
    setup.config(["codex"], mounts=["/workspace/app", '/data/"quoted"', "/data/b"])

    setup.ok("codex", "api_key")
    text = config.read_text()
    assert text.startswith(existing)
    parsed = tomllib.loads(text)
    assert parsed["model"] == "o4"
    assert parsed["projects"] == {
        "/workspace/app": {"trust_level": "untrusted"},  # the user's choice is kept
        '/data/"quoted"': {"trust_level": "trusted"},
        "/data/b": {"trust_level": "trusted"},
    }
    assert _mode(config) == 0o640

    setup.ok("codex", "api_key")
    assert config.read_text() == text


def test_codex_trust_creates_a_private_config(setup: Setup) -> None:
    setup.config(["claude", "codex"], workdir="/workspace/x")  # codex is not the session's
    setup.ok("claude", "api_key")
    config = setup.home / ".codex" / "config.toml"
    assert tomllib.loads(config.read_text()) == {
        "projects": {"/workspace/x": {"trust_level": "trusted"}}
    }
    assert _mode(config) == 0o600


@pytest.mark.parametrize(
    "text",
    ["model = \n", "model = " + "[" * 2000 + "]" * 2000 + "\n"],
    ids=["broken", "nested-too-deeply"],
)
def test_invalid_codex_config_is_left_alone(setup: Setup, text: str) -> None:
    config = setup.home / ".codex" / "config.toml"
    config.parent.mkdir()
    config.write_text(text)
    setup.config(["codex"])
    done = setup.ok("codex", "api_key")
    assert done.stderr.splitlines() == [
        f"jackin: {config} is not valid TOML; not adding the workspace trust entries"
    ]
    assert config.read_text() == text


def test_opencode_config_is_created_private(setup: Setup) -> None:
    setup.config(["opencode"])
    setup.ok("opencode", "api_key")
    config = setup.home / ".config" / "opencode" / "opencode.json"
    assert json.loads(config.read_text()) == {
        "$schema": "https://opencode.ai/config.json",
        "permission": "allow",
    }
    assert _mode(config) == 0o600
    assert _mode(config.parent) == 0o700


def test_opencode_config_merge_keeps_other_keys(setup: Setup) -> None:
    config = setup.home / ".config" / "opencode" / "opencode.json"
    config.parent.mkdir(parents=True)
    config.parent.chmod(0o755)
    config.write_text('{"theme": "tokyonight", "permission": "ask"}')
    setup.config(["opencode"])
    setup.ok("opencode", "api_key")
    assert json.loads(config.read_text()) == {
        "theme": "tokyonight",
        "permission": "allow",
        "$schema": "https://opencode.ai/config.json",
    }
    assert _mode(config.parent) == 0o700


def test_opencode_config_that_is_not_json_is_left_alone(setup: Setup) -> None:
    config = setup.home / ".config" / "opencode" / "opencode.json"
    config.parent.mkdir(parents=True)
    config.write_text("// jsonc\n{}")
    setup.config(["opencode"])
    done = setup.ok("opencode", "api_key")
    assert "is not a plain JSON object" in done.stderr
    assert config.read_text() == "// jsonc\n{}"


# --- git --------------------------------------------------------------------------------


@needs_git
def test_git_config_is_written_once_into_the_state_dir(setup: Setup) -> None:
    setup.config(["claude"])
    identity = {"GIT_AUTHOR_NAME": "Agent Smith", "GIT_AUTHOR_EMAIL": "smith@example.com"}
    setup.ok("claude", "api_key", **identity)

    assert (setup.state / "container-init.done").exists()
    assert setup.git_get("user.name") == ["Agent Smith"]
    assert setup.git_get("user.email") == ["smith@example.com"]
    assert setup.git_get("url.https://github.com/.insteadOf") == [
        "git@github.com:",
        "ssh://git@github.com/",
    ]
    assert setup.git_get("credential.https://github.com.helper") == []  # no gh on PATH
    assert not (setup.home / ".gitconfig").exists()

    # The marker stops a rewrite, so a later identity does not replace the first one.
    setup.ok("claude", "api_key", GIT_AUTHOR_NAME="Someone Else")
    assert setup.git_get("user.name") == ["Agent Smith"]
    assert setup.git_get("url.https://github.com/.insteadOf") == [
        "git@github.com:",
        "ssh://git@github.com/",
    ]

    # A missing file is written again even with the marker there.
    (setup.state / "gitconfig").unlink()
    setup.ok("claude", "api_key", GIT_AUTHOR_NAME="Someone Else")
    assert setup.git_get("user.name") == ["Someone Else"]


@needs_git
def test_git_uses_gh_and_includes_the_images_gitconfig(setup: Setup) -> None:
    gh = setup.bin / "gh"
    gh.write_text("#!/bin/sh\nexit 0\n")
    gh.chmod(0o755)
    (setup.home / ".gitconfig").write_text("[core]\n\teditor = vim\n")
    setup.ok()
    assert setup.git_get("credential.https://github.com.helper") == ["!gh auth git-credential"]
    assert setup.git_get("include.path") == [str(setup.home / ".gitconfig")]
    assert setup.git_get("user.name") == []
    assert GIT is not None
    done = subprocess.run(
        [GIT, "config", "core.editor"],  # includes are followed without a scope
        env={**setup.env, "GIT_CONFIG_GLOBAL": str(setup.state / "gitconfig")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip() == "vim"


def test_without_git_the_git_setup_is_skipped_and_retried(setup: Setup) -> None:
    done = setup.ok(PATH=str(setup.root / "empty"))
    assert done.stderr.splitlines() == ["jackin: git is not installed; skipping the git setup"]
    assert not (setup.state / "gitconfig").exists()
    assert not (setup.state / "container-init.done").exists()


# -- ready for a prompt (what the real Claude Code and Codex binaries ask otherwise) ------


def test_claude_api_key_opens_ready_onboarded_trusted_and_exactly_that_key_approved(
    setup: Setup,
) -> None:
    account = setup.home / ".claude.json"
    account.write_text(
        '{"numStartups": 2, "projects": {"/workspace/app": {"allowedTools": ["Bash"]}},'
        ' "customApiKeyResponses": {"approved": ["old-key-suffix-00000"],'
        f' "rejected": ["{SECRET[-20:]}", "other"]}}}}'
    )
    setup.config(["claude"], mounts=["/workspace/lib"])
    setup.ok("claude", "api_key", ANTHROPIC_API_KEY=f"  {SECRET}\n")
    document = json.loads(account.read_text())
    assert document["hasCompletedOnboarding"] is True
    assert document["numStartups"] == 2
    assert document["projects"] == {
        "/workspace/app": {"allowedTools": ["Bash"], "hasTrustDialogAccepted": True},
        "/workspace/lib": {"hasTrustDialogAccepted": True},
    }
    # Claude Code stores a key as its last 20 characters (`e.trim().slice(-20)`).
    assert document["customApiKeyResponses"] == {"approved": [SECRET[-20:]], "rejected": ["other"]}
    assert SECRET not in account.read_text()


def test_claude_sync_mode_approves_no_key(setup: Setup) -> None:
    setup.config(["claude"])
    setup.ok("claude", "sync", ANTHROPIC_API_KEY=SECRET)
    document = json.loads((setup.home / ".claude.json").read_text())
    assert document["hasCompletedOnboarding"] is True
    assert "customApiKeyResponses" not in document


def test_codex_api_key_mode_logs_in_with_the_forwarded_key(setup: Setup) -> None:
    setup.config(["codex"])
    setup.ok("codex", "api_key", OPENAI_API_KEY=SECRET)
    auth = setup.home / ".codex" / "auth.json"
    assert json.loads(auth.read_text()) == {"auth_mode": "apikey", "OPENAI_API_KEY": SECRET}
    assert _mode(auth) == 0o600
    config = tomllib.loads((setup.home / ".codex" / "config.toml").read_text())
    assert config["projects"]["/workspace/app"] == {"trust_level": "trusted"}


def test_codex_api_key_mode_without_a_key_writes_no_login(setup: Setup) -> None:
    setup.config(["codex"])
    setup.ok("codex", "api_key")
    assert not (setup.home / ".codex" / "auth.json").exists()
