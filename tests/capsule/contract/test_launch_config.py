"""`agent.toml` through its one record: what is written reads back, hostile files fail cleanly."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jackin_capsule.contract import LAUNCH_CONFIG, LaunchConfig, LaunchConfigError

_text = st.text(max_size=30)
_argv = st.lists(_text, min_size=1, max_size=4).map(tuple)


@st.composite
def _configs(draw: st.DrawFn) -> LaunchConfig:
    names = draw(st.lists(_text, max_size=4, unique=True))
    return LaunchConfig(
        role=draw(_text),
        workdir=draw(st.none() | _text),
        agents=tuple(names),
        argv={name: draw(_argv) for name in names},
        auth_modes={name: draw(_text) for name in draw(st.lists(_text, max_size=3))},
        mounts=tuple(draw(st.lists(_text, max_size=3))),
    )


@given(_configs())
def test_any_record_reads_back_unchanged(config: LaunchConfig) -> None:
    text = config.to_toml()
    tomllib.loads(text)  # valid TOML for any reader, not only ours
    assert LaunchConfig.parse(text, Path(LAUNCH_CONFIG)) == config


def test_the_file_round_trips_and_names_each_part(tmp_path: Path) -> None:
    config = LaunchConfig(
        role="acme/web",
        workdir="/workspace/app",
        agents=("claude", "codex"),
        argv={"claude": ("claude", "--model", 'a"b\\c'), "codex": ("codex",)},
        auth_modes={"claude": "api_key"},
        mounts=("/workspace/app", "/workspace/lib\n\x7f"),
    )
    (tmp_path / LAUNCH_CONFIG).write_text(config.to_toml())
    assert LaunchConfig.read(tmp_path) == config
    data = tomllib.loads(config.to_toml())
    assert data["argv"]["claude"][-1] == 'a"b\\c'
    assert config.resolve_agent(None) == "claude"
    assert config.auth_mode("claude") == "api_key"
    assert config.auth_mode("codex") == "sync"
    assert config.agent_argv("codex") == ("codex",)


def test_an_empty_workdir_is_none_on_both_sides() -> None:
    config = LaunchConfig("r", "", ("claude",), {"claude": ("claude",)})
    assert config.workdir is None
    assert LaunchConfig.parse(config.to_toml(), Path(LAUNCH_CONFIG)) == config


def test_keys_a_newer_host_adds_are_ignored() -> None:
    text = 'agents = ["claude"]\nfuture = 1\n[argv]\nclaude = ["claude"]\n[future_table]\nx = 2\n'
    config = LaunchConfig.parse(text, Path(LAUNCH_CONFIG))
    assert config == LaunchConfig("", None, ("claude",), {"claude": ("claude",)})


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("a = " + "[" * 2000 + "]" * 2000, "invalid TOML: nested too deeply"),
        ("a = " + "{b = " * 2000 + "1" + "}" * 2000, "invalid TOML: nested too deeply"),
        ("agents = [\x00]", "invalid TOML"),
        ('role = ["x"]', "`role` must be a string"),
        ('agents = ["claude", 1]', "`agents` must be a list of strings"),
        ('[argv]\n"a.b" = "x"', '`argv."a.b"` must be a list of strings'),
        ("[auth_modes]\nclaude = {}", "`auth_modes` must be a table of strings"),
        ("mounts = [[]]", "`mounts` must be a list of strings"),
    ],
)
def test_a_hostile_file_is_one_line_naming_the_file(text: str, needle: str) -> None:
    path = Path("/jackin/run") / LAUNCH_CONFIG
    with pytest.raises(LaunchConfigError) as caught:
        LaunchConfig.parse(text, path)
    message = str(caught.value)
    assert needle in message
    assert message.startswith(f"{path}: ")
    assert "\n" not in message


def test_an_unreadable_file_is_a_launch_config_error(tmp_path: Path) -> None:
    with pytest.raises(LaunchConfigError, match="not found"):
        LaunchConfig.read(tmp_path)
    (tmp_path / LAUNCH_CONFIG).write_bytes(b'role = "\xff"\n')
    with pytest.raises(LaunchConfigError, match="cannot read launch config"):
        LaunchConfig.read(tmp_path)
    (tmp_path / LAUNCH_CONFIG).unlink()
    (tmp_path / LAUNCH_CONFIG).mkdir()
    with pytest.raises(LaunchConfigError, match="cannot read launch config"):
        LaunchConfig.read(tmp_path)
