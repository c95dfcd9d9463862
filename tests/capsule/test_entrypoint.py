"""The image's per-session `entrypoint.sh`, run from a copy whose `/jackin/` paths point
into a temp dir: git config location, key aliases, runtime-setup before the hooks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import jackin_sdk

ENTRYPOINT = Path(jackin_sdk.__file__).parent / "images" / "payload" / "entrypoint.sh"
REAL_CAPSULE = f'#!/bin/sh\nexec "{sys.executable}" -m jackin_capsule "$@"\n'
PRINT_ENV = (
    "for n in GIT_CONFIG_GLOBAL KIMI_API_KEY KIMI_CODE_API_KEY XAI_API_KEY GROK_DEPLOYMENT_KEY; "
    'do eval "echo $n=\\${$n-<unset>}"; done'
)

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


class Image:
    """`<root>/jackin/…` standing in for `/jackin/…`, and a home."""

    def __init__(self, root: Path, capsule: str = REAL_CAPSULE) -> None:
        self.jackin = root / "jackin"
        self.home = root / "home"
        self.entrypoint = root / "entrypoint.sh"
        text = ENTRYPOINT.read_text()
        copy = text.replace("/jackin/", f"{self.jackin}/")
        assert "/jackin/" in text
        assert not re.search(r"(?<![\w.-])/jackin/", copy.replace(str(self.jackin), "")), copy
        self.entrypoint.write_text(copy)
        self.entrypoint.chmod(0o755)
        for folder in ("runtime/hooks", "state", "run", "secrets", "default-home"):
            (self.jackin / folder).mkdir(parents=True)
        self.home.mkdir()
        self.hook("../jackin-capsule", capsule)
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("JACKIN_", "GIT_", "KIMI_", "XAI_", "GROK_"))
        }
        self.env.update(
            {
                "HOME": str(self.home),
                "JACKIN_AGENT": "claude",
                "JACKIN_AUTH_MODE": "api_key",
                "JACKIN_CAPSULE_DEFAULT_HOME": str(self.jackin / "default-home"),
                "JACKIN_CAPSULE_HANDOFF_ROOT": str(self.jackin),
                "JACKIN_CAPSULE_STATE_DIR": str(self.jackin / "state"),
                "JACKIN_CAPSULE_RUN_DIR": str(self.jackin / "run"),
            }
        )

    def hook(self, name: str, body: str) -> Path:
        path = self.jackin / "runtime" / "hooks" / name
        path.write_text(body)
        path.chmod(0o755)
        return path

    def secrets(self, **values: str) -> None:
        lines = [f"export {key}='{value}'\n" for key, value in values.items()]
        (self.jackin / "secrets" / "agent.env").write_text("".join(lines))

    def run(self, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
        full = {**self.env, **env}
        for key in [k for k, v in full.items() if v == "<unset>"]:
            del full[key]
        return subprocess.run(
            [str(self.entrypoint), *argv],
            env=full,
            cwd=self.home,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )

    def printed_env(self, *argv: str, **env: str) -> dict[str, str]:
        done = self.run(*(argv or ("sh", "-c", PRINT_ENV)), **env)
        assert done.returncode == 0, done.stderr
        return dict(line.split("=", 1) for line in done.stdout.splitlines())


@pytest.fixture
def image(tmp_path: Path) -> Image:
    return Image(tmp_path)


def test_git_config_global_points_into_the_state_dir(image: Image) -> None:
    assert image.printed_env()["GIT_CONFIG_GLOBAL"] == f"{image.jackin}/state/gitconfig"
    assert image.printed_env(GIT_CONFIG_GLOBAL="/tmp/mine")["GIT_CONFIG_GLOBAL"] == "/tmp/mine"


@pytest.mark.parametrize(
    ("secrets", "expected"),
    [
        ({"KIMI_API_KEY": "k1"}, {"KIMI_API_KEY": "k1", "KIMI_CODE_API_KEY": "k1"}),
        ({"KIMI_CODE_API_KEY": "k2"}, {"KIMI_API_KEY": "k2", "KIMI_CODE_API_KEY": "k2"}),
        (
            {"KIMI_API_KEY": "a", "KIMI_CODE_API_KEY": "b"},
            {"KIMI_API_KEY": "a", "KIMI_CODE_API_KEY": "b"},
        ),
        ({}, {"KIMI_API_KEY": "<unset>", "KIMI_CODE_API_KEY": "<unset>"}),
        ({"XAI_API_KEY": "x"}, {"XAI_API_KEY": "x", "GROK_DEPLOYMENT_KEY": "x"}),
        (
            {"XAI_API_KEY": "x", "GROK_DEPLOYMENT_KEY": "g"},
            {"XAI_API_KEY": "x", "GROK_DEPLOYMENT_KEY": "g"},
        ),
        ({"GROK_DEPLOYMENT_KEY": "g"}, {"XAI_API_KEY": "<unset>", "GROK_DEPLOYMENT_KEY": "g"}),
    ],
)
def test_key_aliases_after_the_secrets_file(
    image: Image, secrets: dict[str, str], expected: dict[str, str]
) -> None:
    image.secrets(**secrets)
    printed = image.printed_env()
    assert {key: printed[key] for key in expected} == expected


def test_runtime_setup_runs_before_the_hooks(image: Image) -> None:
    seed = image.jackin / "default-home" / ".claude" / "settings.json"
    seed.parent.mkdir(parents=True)
    seed.write_text("{}")
    check = (
        '#!/bin/sh\ntest -f "$HOME/.claude/settings.json" || exit 9\n'
        'git config --global --get-all url.https://github.com/.insteadOf > "$HOME/hook.out"\n'
    )
    image.hook("preflight.sh", check)
    done = image.run("sh", "-c", "echo agent ran")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "agent ran\n"
    if shutil.which("git"):
        assert (image.home / "hook.out").read_text().splitlines() == [
            "git@github.com:",
            "ssh://git@github.com/",
        ]
        assert (image.jackin / "state" / "container-init.done").exists()


def _failing(root: Path) -> Image:
    record = root / "capsule-args"
    return Image(root, capsule=f'#!/bin/sh\necho "$@" > "{record}"\nexit 3\n')


def test_a_failing_runtime_setup_stops_an_agent_session(tmp_path: Path) -> None:
    image = _failing(tmp_path)
    image.hook("preflight.sh", f'#!/bin/sh\ntouch "{tmp_path}/hook-ran"\n')
    done = image.run("sh", "-c", "echo agent ran")
    assert done.returncode == 3
    assert done.stdout == ""
    assert done.stderr.splitlines() == ["[entrypoint] runtime-setup failed (exit 3)"]
    assert (tmp_path / "capsule-args").read_text() == "runtime-setup\n"
    assert not (tmp_path / "hook-ran").exists()


def test_a_shell_session_goes_on_after_a_failing_runtime_setup(tmp_path: Path) -> None:
    image = _failing(tmp_path)
    done = image.run("sh", "-c", "echo shell ran", JACKIN_AGENT="<unset>")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "shell ran\n"
    assert done.stderr.splitlines() == [
        "[entrypoint] runtime-setup failed (exit 3); starting the shell anyway"
    ]


PRINT_PROVIDER = (
    "for n in ANTHROPIC_AUTH_TOKEN ANTHROPIC_BASE_URL ANTHROPIC_DEFAULT_OPUS_MODEL "
    "API_TIMEOUT_MS CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC; "
    'do eval "echo $n=\\${$n-<unset>}"; done'
)


def test_a_provider_points_claude_at_it_with_its_key(tmp_path: Path) -> None:
    image = Image(tmp_path)
    image.secrets(ZAI_API_KEY="zai-key-0123456789")
    done = image.run("sh", "-c", PRINT_PROVIDER, JACKIN_PROVIDER="zai")
    assert done.returncode == 0, done.stderr
    assert "ANTHROPIC_AUTH_TOKEN=zai-key-0123456789" in done.stdout
    assert "ANTHROPIC_BASE_URL=https://api.z.ai/api/anthropic" in done.stdout
    assert "ANTHROPIC_DEFAULT_OPUS_MODEL=glm-5.1" in done.stdout
    assert "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1" in done.stdout
    plain = image.run("sh", "-c", PRINT_PROVIDER)
    assert "ANTHROPIC_BASE_URL=<unset>" in plain.stdout


def test_a_provider_without_its_key_or_unknown_stops_the_session(tmp_path: Path) -> None:
    image = Image(tmp_path)
    missing = image.run("true", JACKIN_PROVIDER="minimax")
    assert missing.returncode == 2
    assert "needs MINIMAX_API_KEY" in missing.stderr
    unknown = image.run("true", JACKIN_PROVIDER="acme")
    assert unknown.returncode == 2
    assert "unknown provider 'acme'" in unknown.stderr
