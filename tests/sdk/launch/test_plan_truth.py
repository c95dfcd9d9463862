"""The dry run tells the truth: what `load --dry-run` plans is what the launch then does.

Each case computes the dry-run plan (`dry_run_plan`, what the CLI prints) with the role
cached as an earlier load leaves it, runs the real pipeline on FakeDocker, and compares
field by field what the engine was actually asked for: the role container's image,
command, network, labels, env, binds and resource limits, the sidecar (and its limits) or
its absence, the secrets file and the capsule's `agent.toml`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from jackin_sdk.auth import Agent
from jackin_sdk.config import OperatorConfig
from jackin_sdk.docker import ContainerSpec
from jackin_sdk.launch import (
    LaunchOptions,
    LaunchPlan,
    LaunchResult,
    dry_run_plan,
    launch,
    resolve_target,
)
from jackin_sdk.mounts import Isolation
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import RoleCache, RoleSelector
from jackin_sdk.testing import FakeContainer
from tests.sdk.launch.conftest import DIND_IMAGE, World, git

ENV = 'PLAIN_SETTING = "visible"\nAPI_TOKEN = "tok-123456789"\n'


def _config(paths: JackinPaths, repo: Path, *, docker: str) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text(
        f'version = "v1alpha10"\n\n[env]\n{ENV}\n'
        f'[roles.stand-in]\ngit = "{repo.as_uri()}"\ntrusted = true\n\n'
        f'[docker]\ndind_image = "{DIND_IMAGE}"\n{docker}\n'
    )


def _role(repo: Path, *, agents: str = '["claude"]', extra: str = "") -> None:
    manifest = repo / "jackin.role.toml"
    text = manifest.read_text().replace('agents = ["claude"]', f"agents = {agents}")
    manifest.write_text(text + extra)
    git(repo, "commit", "-q", "-am", "change the role")


def _saved_workspace(world: World, docker: str = "") -> None:
    world.paths.workspaces_dir.mkdir(parents=True, exist_ok=True)
    world.paths.workspace_file("ws").write_text(
        f'version = "v1alpha8"\nworkdir = "/workspace"\n\n'
        f'[[mounts]]\nsrc = "{world.project}"\ndst = "/workspace"\n\n{docker}'
    )


def _git_project(world: World) -> None:
    git(world.project, "init", "-q", "-b", "main")
    git(world.project, "add", "-A")
    git(world.project, "commit", "-q", "-m", "project")


@dataclass(frozen=True)
class Case:
    name: str
    docker: str = "dind = true"
    role_agents: str = '["claude"]'
    role_extra: str = ""
    workspace: str | None = None
    """A saved workspace `ws` (its extra text) instead of an ad-hoc launch."""
    agent: Agent | None = None
    worktree: bool = False


CASES = [
    Case("dind on, privileged", docker='dind = true\ndind_privilege = "privileged"'),
    Case("config dind = false", docker="dind = false"),
    Case("workspace dind = false", workspace="[docker]\ndind = false\n"),
    Case("role dind = none", role_extra='\n[docker]\ndind = "none"\n'),
    Case("worktree mount", docker="dind = false", worktree=True),
    Case(
        "config limits, sidecar too",
        docker='dind = true\npids_limit = 2048\nmemory = "2g"\ncpus = 1.5',
    ),
    Case(
        "workspace limits over config",
        docker='dind = false\npids_limit = 1000\nmemory = "4g"',
        workspace='[docker]\nmemory = "0"\ncpus = 0.5\n',
    ),
    Case(
        "agent chosen, role defaults",
        role_agents='["claude", "codex"]',
        role_extra='\n[codex]\n\n[env.ROLE_MODE]\ndefault = "fast"\n\n'
        '[env.ROLE_SECRET_TOKEN]\ndefault = "sk-published-but-looks-secret-123456"\n',
        agent=Agent.CODEX,
    ),
]


def _container(world: World, name: str) -> FakeContainer | None:
    return next((c for c in world.docker.containers.values() if c.name == name), None)


def _limits(spec: ContainerSpec | None) -> tuple[int | None, ...] | None:
    return (spec.pids_limit, spec.mem_limit, spec.nano_cpus) if spec is not None else None


def _observed_isolation(source: str, src: str) -> str:
    if source == src:
        return Isolation.SHARED.value
    return Isolation.WORKTREE.value if "/git/worktree/" in source else Isolation.CLONE.value


def _secrets(result: LaunchResult) -> list[str]:
    text = (result.state_dir / "secrets" / "agent.env").read_text()
    return sorted(line.split()[1].split("=", 1)[0] for line in text.splitlines())


def _actual(world: World, plan: LaunchPlan, result: LaunchResult) -> dict[str, Any]:
    """What the engine and the instance's files say, in the plan's terms."""
    c = result.container
    role = _container(world, c)
    assert role is not None
    assert role.spec is not None
    spec = role.spec
    sidecar = _container(world, f"{c}-dind")
    binds = {b.target: b for b in spec.binds}
    candidates = {*plan.secret_env, *plan.plain_env, "PLAIN_SETTING", "API_TOKEN", "ROLE_MODE"}
    agent_toml = tomllib.loads(
        (world.paths.sockets_dir / c / "agent.toml").read_text(encoding="utf-8")
    )
    return {
        "agent": spec.command[1],
        "image": spec.image,
        "dind": sidecar is not None and "DOCKER_HOST" in spec.env,
        "dind_image": sidecar.spec.image if sidecar and sidecar.spec else None,
        # Unconfigured, the engine probe decides at launch: the plan says so, no more.
        "dind_privileged": bool(sidecar and sidecar.spec and sidecar.spec.privileged)
        if plan.dind_privilege
        else "probe",
        "network": spec.network,
        "limits": _limits(spec),
        "sidecar_limits": _limits(sidecar.spec) if sidecar else None,
        "workdir": spec.workdir,
        "labels": {key: spec.labels.get(key) for key in plan.labels},
        "auth_modes": agent_toml["auth_modes"],
        "plain_env": sorted(key for key in candidates if key in spec.env),
        "secret_env": _secrets(result),
        "mounts": [
            (m.dst, _observed_isolation(binds[m.dst].source, m.src), binds[m.dst].read_only)
            if m.dst in binds
            else (m.dst, "missing", m.readonly)
            for m in plan.target.mounts
        ],
    }


def _planned(plan: LaunchPlan, container: str) -> dict[str, Any]:
    """The same fields as the dry-run plan states them."""
    assert plan.agent is not None
    return {
        "agent": plan.agent.value,
        "image": plan.image,
        "dind": plan.dind,
        "dind_image": plan.dind_image if plan.dind else None,
        "dind_privileged": plan.dind and plan.dind_privilege == "privileged"
        if plan.dind_privilege
        else "probe",
        "network": plan.network_for(container),
        "limits": (plan.limits.pids_limit, plan.limits.memory, plan.limits.nano_cpus),
        "sidecar_limits": (plan.limits.pids_limit, plan.limits.memory, plan.limits.nano_cpus)
        if plan.dind
        else None,
        "workdir": plan.target.workdir,
        "labels": plan.labels,
        "auth_modes": plan.auth_modes,
        "plain_env": sorted(plan.plain_env),
        "secret_env": sorted(plan.secret_env),
        "mounts": [(m.dst, m.isolation.value, m.readonly) for m in plan.target.mounts],
    }


def _prime_role_cache(world: World, config: OperatorConfig) -> None:
    """What an earlier `jackin load stand-in` leaves behind: the role's clone."""
    RoleCache(config.paths).ensure(RoleSelector.parse("stand-in"), world.role_repo.as_uri())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_dry_run_plan_is_what_the_launch_does(world: World, case: Case) -> None:
    _config(world.paths, world.role_repo, docker=case.docker)
    if case.role_agents != '["claude"]' or case.role_extra:
        _role(world.role_repo, agents=case.role_agents, extra=case.role_extra)
    if case.workspace is not None:
        _saved_workspace(world, case.workspace)
    isolation = []
    if case.worktree:
        _git_project(world)
        isolation = [(str(world.project), Isolation.WORKTREE)]
    config = world.config()
    target = resolve_target(
        config, selector="stand-in", target="ws" if case.workspace is not None else None,
        isolation=isolation, cwd=world.project,
    )  # fmt: skip
    options = LaunchOptions(agent=case.agent, detach=True)
    _prime_role_cache(world, config)
    context = world.context()

    dry = dry_run_plan(target, options, config, host_env=context.host_env)
    assert dry.role_read, dry.notes
    result = launch(target, options, context)

    assert _actual(world, dry, result) == _planned(dry, result.container)
    assert result.plan is not None
    launched = replace(result.plan, container=None, notes=dry.notes)
    assert launched.to_data() == dry.to_data()


def test_the_plain_and_secret_env_cases_are_exercised(world: World) -> None:
    """Guard the comparison above against comparing empty lists."""
    _config(world.paths, world.role_repo, docker="dind = false")
    _role(world.role_repo, agents='["claude", "codex"]', extra=CASES[-1].role_extra)
    config = world.config()
    target = resolve_target(config, selector="stand-in", cwd=world.project)
    _prime_role_cache(world, config)
    plan = dry_run_plan(target, LaunchOptions(agent=Agent.CODEX), config, host_env={})
    assert plan.plain_env == ("ROLE_MODE",)
    assert {"API_TOKEN", "PLAIN_SETTING", "ROLE_SECRET_TOKEN"} <= set(plan.secret_env)
    assert plan.auth_modes == {"claude": "sync", "codex": "sync"}
    assert (plan.agent, plan.agent_source) == (Agent.CODEX, "--agent")


def test_without_a_cached_role_the_plan_says_what_it_does_not_know(world: World) -> None:
    _config(world.paths, world.role_repo, docker="dind = false")
    config = world.config()
    target = resolve_target(config, selector="stand-in", cwd=world.project)
    plan = dry_run_plan(target, LaunchOptions(), config, host_env={})
    assert not plan.role_read
    assert (plan.agent, plan.image, plan.auth) == (None, None, ())
    assert not plan.dind
    assert plan.dind_disabled_by == "config.toml ([docker] dind = false)"
    assert "not cached yet" in plan.notes[0]
    text = "\n".join(plan.human_lines())
    assert "Agent:      decided when load reads the role" in text
    assert "DinD:       off (config.toml ([docker] dind = false))" in text
