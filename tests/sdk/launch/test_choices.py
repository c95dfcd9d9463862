"""What the console's launch pickers offer: roles, agents, providers (capsule-tui B5).

The rules are `jackin load`'s, read from the config and the role cache only: the tests
cache fixture roles from local git repositories, then delete those repositories, so any
fetch would fail.
"""

from __future__ import annotations

import re
import shutil
from importlib.resources import files
from pathlib import Path

import pytest

from jackin_sdk.auth import Agent
from jackin_sdk.config import OperatorConfig, load_operator_config
from jackin_sdk.errors import CodedError, ErrorCode, UsageError
from jackin_sdk.launch import (
    PROVIDER_KEYS,
    AgentOption,
    ProviderOption,
    RoleOption,
    agent_choices,
    provider_choices,
    resolve_target,
    role_choices,
)
from jackin_sdk.launch._last_agent import remember_agent, workspace_key
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import RoleCache, RoleSelector
from jackin_sdk.vocab import BUILTIN_ROLES, PROVIDERS
from tests.sdk.launch.conftest import git

FIXTURES = Path(__file__).parents[2] / "fixtures" / "roles"


def _repo(root: Path, fixture: str) -> Path:
    repo = root / f"{fixture}-repo"
    shutil.copytree(FIXTURES / fixture, repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", fixture)
    return repo


def _config(paths: JackinPaths, roles: dict[str, Path], env: str = "") -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    tables = "".join(
        f'[roles.{key}]\ngit = "{repo.as_uri()}"\ntrusted = true\n\n' for key, repo in roles.items()
    )
    paths.config_file.write_text(f'version = "v1alpha10"\n\n[env]\n{env}\n\n{tables}')


def _workspace(paths: JackinPaths, name: str, src: Path, body: str = "") -> None:
    paths.workspaces_dir.mkdir(parents=True, exist_ok=True)
    paths.workspace_file(name).write_text(
        f'version = "v1alpha8"\nworkdir = "/workspace"\n{body}\n'
        f'[[mounts]]\nsrc = "{src}"\ndst = "/workspace"\n'
    )


@pytest.fixture
def home(tmp_path: Path, jackin_paths: JackinPaths) -> JackinPaths:
    """`solo` (claude only) and `multi` (every agent) configured and cached, their
    repositories gone; `later` configured but never cloned; workspaces `ws` and `open`."""
    solo, multi = _repo(tmp_path, "stand-in"), _repo(tmp_path, "all-agents")
    _config(jackin_paths, {"solo": solo, "multi": multi, "later": tmp_path / "nowhere"})
    cache = RoleCache(jackin_paths)
    for key, repo in (("solo", solo), ("multi", multi)):
        cache.ensure(RoleSelector.parse(key), repo.as_uri())
        shutil.rmtree(repo)
    project = tmp_path / "project"
    project.mkdir()
    _workspace(
        jackin_paths, "ws", project,
        'allowed_roles = ["multi", "solo", "later"]\ndefault_role = "solo"\n',
    )  # fmt: skip
    _workspace(jackin_paths, "open", project)
    return jackin_paths


def _set(paths: JackinPaths, workspace: str, line: str) -> None:
    file = paths.workspace_file(workspace)
    file.write_text(file.read_text().replace("workdir", f"{line}\nworkdir", 1))


def _load(paths: JackinPaths) -> OperatorConfig:
    return load_operator_config(paths, write=False)


# --- roles -------------------------------------------------------------------------------


def test_a_saved_workspace_offers_its_allowed_roles_default_first_and_marked(
    home: JackinPaths,
) -> None:
    choices = role_choices(_load(home), "ws")
    assert choices.options == (
        RoleOption("solo", "solo  (default)", default=True),
        RoleOption("multi", "multi"),
        RoleOption("later", "later"),
    )
    assert choices.preselected == "solo"


def test_the_last_role_launched_in_the_workspace_is_preselected(home: JackinPaths) -> None:
    _set(home, "ws", 'last_role = "later"')
    choices = role_choices(_load(home), "ws")
    assert choices.preselected == "later"
    assert [o.key for o in choices.options] == ["solo", "multi", "later"]


def test_a_workspace_allowing_no_role_in_particular_and_the_current_dir_offer_every_role(
    home: JackinPaths,
) -> None:
    every = sorted(["solo", "multi", "later", *BUILTIN_ROLES])
    config = _load(home)
    for workspace in ("open", None):
        choices = role_choices(config, workspace)
        assert [o.key for o in choices.options] == every
        assert not any(o.default for o in choices.options)
        assert choices.preselected is None


def test_role_labels_are_printable(home: JackinPaths) -> None:
    config = _load(home)
    workspace = config.workspaces["ws"].model_copy(update={"allowed_roles": ["bad\x1b[2Jrole"]})
    config.workspaces["ws"] = workspace
    assert role_choices(config, "ws").options[0].label == "bad\\x1b[2Jrole"


def test_an_unknown_workspace_is_e007(home: JackinPaths) -> None:
    with pytest.raises(CodedError) as caught:
        role_choices(_load(home), "nope")
    assert caught.value.code is ErrorCode.E007


# --- agents ------------------------------------------------------------------------------


def test_a_single_agent_role_needs_no_picker(home: JackinPaths, tmp_path: Path) -> None:
    choices = agent_choices(_load(home), "solo", workspace="ws", cwd=tmp_path)
    assert choices.options == (AgentOption(Agent.CLAUDE, "claude"),)
    assert (choices.preselected, choices.needed, choices.cached) == (Agent.CLAUDE, False, True)


def test_a_role_with_several_agents_asks_starting_on_its_first(
    home: JackinPaths, tmp_path: Path
) -> None:
    choices = agent_choices(_load(home), "multi", workspace="ws", cwd=tmp_path)
    assert [o.agent for o in choices.options] == list(Agent)
    assert (choices.preselected, choices.needed, choices.note) == (Agent.CLAUDE, True, None)


def test_the_agent_last_launched_for_the_workspace_and_role_is_preselected(
    home: JackinPaths, tmp_path: Path
) -> None:
    remember_agent(home, "workspace:ws", "multi", Agent.AMP)
    remember_agent(home, "workspace:open", "multi", Agent.GROK)
    remember_agent(home, "workspace:ws", "solo", Agent.CODEX)  # the role dropped it
    config = _load(home)
    choices = agent_choices(config, "multi", workspace="ws", cwd=tmp_path)
    assert (choices.preselected, choices.needed) == (Agent.AMP, True)
    assert AgentOption(Agent.AMP, "amp  (last used)") in choices.options
    assert agent_choices(config, "solo", workspace="ws", cwd=tmp_path).preselected is Agent.CLAUDE


def test_the_current_directory_remembers_under_the_key_load_uses(
    home: JackinPaths, tmp_path: Path
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    config = _load(home)
    target = resolve_target(config, selector="multi", cwd=here, home=tmp_path)
    remember_agent(home, workspace_key(target), "multi", Agent.KIMI)
    choices = agent_choices(config, "multi", workspace=None, cwd=here)
    assert choices.preselected is Agent.KIMI


def test_a_default_agent_settles_it_without_a_picker(home: JackinPaths, tmp_path: Path) -> None:
    _set(home, "ws", 'default_agent = "codex"')
    remember_agent(home, "workspace:ws", "multi", Agent.AMP)
    config = _load(home)
    choices = agent_choices(config, "multi", workspace="ws", cwd=tmp_path)
    assert (choices.preselected, choices.needed) == (Agent.CODEX, False)
    with pytest.raises(UsageError, match=r"agent codex \(default_agent of workspace ws\)"):
        agent_choices(config, "solo", workspace="ws", cwd=tmp_path)
    later = agent_choices(config, "later", workspace="ws", cwd=tmp_path)  # checked after the fetch
    assert (later.preselected, later.needed, later.cached) == (Agent.CODEX, False, False)


def test_a_role_not_cached_yet_offers_every_agent_and_lets_the_launch_choose(
    home: JackinPaths, tmp_path: Path
) -> None:
    config = _load(home)
    choices = agent_choices(config, "later", workspace="ws", cwd=tmp_path)
    assert choices.options == (
        AgentOption(None, "automatic (role not cached yet)"),
        *(AgentOption(a, a.value) for a in Agent),
    )
    assert (choices.preselected, choices.needed, choices.cached) == (None, True, False)
    assert choices.note is not None
    assert "not cached yet" in choices.note
    remember_agent(home, "workspace:ws", "later", Agent.OPENCODE)
    assert agent_choices(config, "later", workspace="ws", cwd=tmp_path).preselected is (
        Agent.OPENCODE
    )


def test_nothing_is_written_or_fetched(home: JackinPaths, tmp_path: Path) -> None:
    before = sorted(p for p in home.home_dir.rglob("*"))
    config = _load(home)
    agent_choices(config, "multi", workspace="ws", cwd=tmp_path)
    agent_choices(config, "later", workspace=None, cwd=tmp_path)
    assert sorted(p for p in home.home_dir.rglob("*")) == before
    assert not RoleCache(home).checkout_dir(RoleSelector.parse("later")).exists()


# --- providers ---------------------------------------------------------------------------


def test_claude_alone_has_no_provider_picker(home: JackinPaths) -> None:
    choices = provider_choices(_load(home), "solo", Agent.CLAUDE, workspace="ws")
    assert choices.options == (ProviderOption(None, "Anthropic"),)
    assert (choices.preselected, choices.needed) == (None, False)


def test_a_provider_key_in_the_operator_env_adds_the_provider(
    home: JackinPaths, tmp_path: Path
) -> None:
    _config(home, {"solo": tmp_path}, env='KIMI_CODE_API_KEY = "k"\nUNRELATED = "x"')
    text = home.workspace_file("ws").read_text()
    home.workspace_file("ws").write_text(text + '\n[env]\nZAI_API_KEY = "z"\n')
    config = _load(home)
    choices = provider_choices(config, "solo", Agent.CLAUDE, workspace="ws")
    assert choices.options == (
        ProviderOption(None, "Anthropic"),
        ProviderOption("zai", "Z.AI"),
        ProviderOption("kimi", "Kimi"),
    )
    assert (choices.preselected, choices.needed) == (None, True)
    elsewhere = provider_choices(config, "solo", Agent.CLAUDE, workspace=None)
    assert [o.provider for o in elsewhere.options] == [None, "kimi"]


@pytest.mark.parametrize("agent", [None, Agent.CODEX, Agent.GROK])
def test_only_claude_has_providers(home: JackinPaths, tmp_path: Path, agent: Agent | None) -> None:
    _config(home, {"solo": tmp_path}, env='ZAI_API_KEY = "z"')
    choices = provider_choices(_load(home), "solo", agent, workspace=None)
    assert [o.provider for o in choices.options] == [None]
    assert not choices.needed


def test_provider_keys_are_the_ones_the_entrypoint_reads() -> None:
    entrypoint = files("jackin_sdk.images").joinpath("payload/entrypoint.sh").read_text()
    pairs = dict(re.findall(r"^\s*(\w+)\)\n\s*provider_key=(\w+)", entrypoint, re.MULTILINE))
    assert pairs == PROVIDER_KEYS
    assert set(PROVIDER_KEYS) == set(PROVIDERS)
