"""`jackin load --dry-run --format json` against what the launch then does on FakeDocker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jackin_cli.__main__ import run
from jackin_sdk.config import load_operator_config
from jackin_sdk.launch import LaunchContext, LaunchOptions, launch, resolve_target
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import RoleCache, RoleSelector
from jackin_sdk.testing import FakeDocker
from tests.sdk.launch.conftest import CONSTRUCT, DIND_IMAGE, role_repository, write_config


@pytest.fixture(autouse=True)
def _isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "gitconfig"
    config.write_text(
        "[user]\n\tname = T\n\temail = t@example.invalid\n[init]\n\tdefaultBranch = main\n"
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.mark.parametrize("dind", [False, True])
def test_dry_run_json_matches_the_launch(
    jackin_paths: JackinPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    dind: bool,
) -> None:
    repo = role_repository(tmp_path)
    write_config(jackin_paths, repo, dind=dind)
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    RoleCache(jackin_paths).ensure(RoleSelector.parse("stand-in"), repo.as_uri())

    assert run(["load", "stand-in", "--dry-run", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)["data"]

    docker = FakeDocker(images=[CONSTRUCT, DIND_IMAGE])
    config = load_operator_config(jackin_paths)
    target = resolve_target(config, selector="stand-in", cwd=project)
    context = LaunchContext(
        docker, config, host_env={"GIT_AUTHOR_NAME": "Op"}, host_uid=1000, host_gid=1000,
        host_home=tmp_path / "host-home",
    )  # fmt: skip
    result = launch(target, LaunchOptions(detach=True), context)
    role = next(c for c in docker.containers.values() if c.name == result.container)
    assert role.spec is not None
    sidecars = [c.name for c in docker.containers.values() if c.name.endswith("-dind")]

    assert data["dind"] is bool(sidecars) is dind
    assert data["agent"] == role.spec.command[1]
    assert data.get("image") == role.spec.image
    assert data.get("network") == "<container>-net"
    assert role.spec.network == f"{result.container}-net"
    assert [(m["container_dest"], m["host_src"]) for m in data["mounts"]] == [
        (b.target, b.source) for b in role.spec.binds if b.source == str(project)
    ]
