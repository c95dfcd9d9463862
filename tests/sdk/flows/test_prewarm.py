"""`jackin_sdk.flows.prewarm_images` against FakeDocker: a missing image is built, a valid
one reused (the launch's own check: the image prewarm made is the one `load` runs without
building), the workspace's default role and agent, and each refusal in the spec's words."""

from __future__ import annotations

from typing import Any

import pytest

from jackin_sdk.errors import CodedError, ErrorCode, JackinError, UsageError
from jackin_sdk.flows import PrewarmedImage, PrewarmReport, TrustRole, prewarm_images
from jackin_sdk.launch import LaunchOptions, launch, resolve_target
from jackin_sdk.vocab import Agent
from tests.sdk.flows.conftest import Recorder
from tests.sdk.launch.conftest import World, git

HOST_ENV = {"GIT_AUTHOR_NAME": "Op", "GIT_AUTHOR_EMAIL": "op@example.invalid"}


def _prewarm(world: World, *, answers: Recorder | None = None, **target: Any) -> PrewarmReport:
    return prewarm_images(
        world.config(), connect=lambda: world.docker, answerer=answers or Recorder(),
        host_env=HOST_ENV, host_uid=1000, **target,
    )  # fmt: skip


def _workspace(world: World, name: str, extra: str = "") -> None:
    world.paths.workspaces_dir.mkdir(parents=True, exist_ok=True)
    world.paths.workspace_file(name).write_text(
        f'version = "v1alpha10"\nworkdir = "/workspace"\n{extra}\n'
        f'[[mounts]]\nsrc = "{world.project}"\ndst = "/workspace"\n'
    )


def _two_agents(world: World) -> None:
    """The stand-in role supporting codex too (a new commit of its repository)."""
    manifest = world.role_repo / "jackin.role.toml"
    text = manifest.read_text().replace('agents = ["claude"]', 'agents = ["claude", "codex"]')
    manifest.write_text(text + "\n[codex]\n")
    git(world.role_repo, "commit", "-qam", "codex too")


def test_a_missing_image_is_built_then_reused(world: World) -> None:
    first = _prewarm(world, role="stand-in")
    [row] = first.images
    assert (row.agent, row.built, row.status) == (Agent.CLAUDE, True, "built")
    assert row.image.startswith("jk_stand-in:")
    assert world.docker.inspect_image(row.image) is not None
    builds = len(world.docker.builder.builds)
    second = _prewarm(world, role="stand-in")
    assert second.images == (PrewarmedImage(Agent.CLAUDE, row.image, False),)
    assert second.images[0].status == "reused"
    assert len(world.docker.builder.builds) == builds, "a valid image is not built again"


def test_load_runs_the_image_prewarm_built_without_building(world: World) -> None:
    [row] = _prewarm(world, role="stand-in").images
    builds = len(world.docker.builder.builds)
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    result = launch(target, LaunchOptions(detach=True), world.context())
    assert result.image == row.image
    assert len(world.docker.builder.builds) == builds, "load found the prewarmed image valid"


def test_a_workspace_prewarms_its_default_role_for_its_default_agent(world: World) -> None:
    _two_agents(world)
    _workspace(world, "web", 'default_role = "stand-in"\ndefault_agent = "codex"')
    _workspace(world, "api", 'default_role = "stand-in"')
    report = _prewarm(world, workspace="web")
    assert (report.label, report.role) == ("web", "stand-in")
    assert [(i.agent, i.status) for i in report.images] == [(Agent.CODEX, "built")]
    every = _prewarm(world, workspace="api")
    assert [(i.agent, i.status) for i in every.images] == [
        (Agent.CLAUDE, "reused"),
        (Agent.CODEX, "reused"),
    ], "without a default agent: every agent of the role, all in its one image"
    named = _prewarm(world, workspace="web", agents=[Agent.CLAUDE, Agent.CLAUDE])
    assert [i.agent for i in named.images] == [Agent.CLAUDE], "--agent wins, once each"


def test_the_report_lines(world: World) -> None:
    report = _prewarm(world, role="stand-in")
    image = report.images[0].image
    assert report.human_lines() == [
        "jackin❯",
        "",
        "prewarm",
        "",
        "images for stand-in",
        f"  ✓  claude  built  {image}",
    ]


def test_an_unknown_workspace_is_e007_in_the_specs_words(world: World) -> None:
    with pytest.raises(CodedError) as caught:
        _prewarm(world, workspace="nope")
    assert caught.value.code is ErrorCode.E007
    assert caught.value.detail == "workspace `nope` is not configured"
    assert world.docker.builder.builds == []


def test_a_workspace_without_a_default_role_says_what_to_pass(world: World) -> None:
    _workspace(world, "web")
    with pytest.raises(JackinError) as caught:
        _prewarm(world, workspace="web")
    assert str(caught.value) == (
        "workspace `web` has no default role; pass `--role <selector>` or set a workspace "
        "default role"
    )


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ({}, "`jackin prewarm --image` requires `--role <selector>` or `--workspace <name>`"),
        ({"role": "stand-in", "workspace": "web"}, "give `--role` or `--workspace`, not both"),
    ],
)
def test_exactly_one_target(world: World, target: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        _prewarm(world, **target)
    assert str(caught.value) == message


def test_an_agent_the_role_lacks_is_refused_before_building(world: World) -> None:
    with pytest.raises(UsageError, match=r"agent codex \(--agent\) is not supported by role "):
        _prewarm(world, role="stand-in", agents=[Agent.CODEX])
    assert world.docker.builder.builds == []


def test_an_untrusted_role_is_asked_about_and_refused_without_an_answer(world: World) -> None:
    text = world.paths.config_file.read_text()
    world.paths.config_file.write_text(text.replace("trusted = true", "trusted = false"))
    answers = Recorder(trust=None)
    with pytest.raises(CodedError) as caught:
        _prewarm(world, answers=answers, role="stand-in")
    assert caught.value.code is ErrorCode.E006
    [question] = answers.asked()
    assert isinstance(question, TrustRole)
    assert world.docker.builder.builds == []


def test_the_engine_is_not_asked_before_the_role_resolves(world: World) -> None:
    asked: list[str] = []

    def connect() -> object:
        asked.append("engine")
        raise AssertionError("the engine was asked first")

    with pytest.raises(JackinError):
        prewarm_images(
            world.config(), connect=connect, answerer=Recorder(),  # type: ignore[arg-type]
            role="stand-in", agents=[Agent.CODEX],
        )  # fmt: skip
    assert asked == []


def test_a_role_branch_is_confirmed_and_gets_its_own_image(world: World) -> None:
    git(world.role_repo, "branch", "feature")
    answers = Recorder()
    report = _prewarm(world, answers=answers, role="stand-in", role_branch="feature")
    [question] = answers.asked()
    assert isinstance(question, TrustRole)
    assert question.prompt.branch == "feature"
    [row] = report.images
    assert row.image.startswith("jk_stand-in_feature:")
    assert row.built
    builds = len(world.docker.builder.builds)
    world.docker.remove_image(row.image)
    refused = Recorder(trust=False)
    with pytest.raises(JackinError):
        _prewarm(world, answers=refused, role="stand-in", role_branch="feature")
    assert len(world.docker.builder.builds) == builds
    assert world.docker.inspect_image(row.image) is None
