"""Resource limits: settings in config.toml and workspace files, their layering, their
errors (E023 with file, line and field), the plan and what the engine is asked for.

The engine side is checked on FakeDocker (the specs it records); the real engine is in
tests/security/test_resource_limits.py.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from jackin_sdk.config import ConfigError, load_operator_config
from jackin_sdk.docker import ContainerSpec
from jackin_sdk.errors import ErrorCode
from jackin_sdk.launch import LaunchOptions, dry_run_plan, launch, resolve_target
from jackin_sdk.limits import (
    DEFAULT_PIDS_LIMIT,
    LimitLayer,
    ResourceLimitError,
    ResourceLimits,
    format_memory,
    parse_memory,
    resolve_resource_limits,
)
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import RoleCache, RoleSelector
from tests.sdk.launch.conftest import DIND_IMAGE, World

G = 1024**3


def _config(paths: JackinPaths, docker: str, *, repo: Path | None = None) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    role = f'[roles.stand-in]\ngit = "{repo.as_uri()}"\ntrusted = true\n\n' if repo else ""
    paths.config_file.write_text(
        f'version = "v1alpha11"\n\n{role}[docker]\ndind_image = "{DIND_IMAGE}"\n{docker}\n'
    )


def _workspace(paths: JackinPaths, project: Path, docker: str) -> Path:
    paths.workspaces_dir.mkdir(parents=True, exist_ok=True)
    file = paths.workspace_file("app")
    file.write_text(
        f'version = "v1alpha10"\nworkdir = "/workspace"\n\n'
        f'[[mounts]]\nsrc = "{project}"\ndst = "/workspace"\n\n[docker]\n{docker}\n'
    )
    return file


# --- sizes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "size"),
    [("8g", 8 * G), ("8G", 8 * G), ("8GiB", 8 * G), ("8gb", 8 * G), ("512m", 512 * 1024**2),
     ("1.5g", 3 * G // 2), ("1t", 1024 * G), ("100", 100), ("0", 0), (" 2 g ", 2 * G)],
)  # fmt: skip
def test_sizes_read_as_docker_run_reads_them(text: str, size: int) -> None:
    assert parse_memory(text) == size


@pytest.mark.parametrize("text", ["", "g", "8x", "-1g", "8 gigs", "1e9", "0x10", "9" * 5000])
def test_a_size_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a size"):
        parse_memory(text)


def test_sizes_print_in_their_largest_exact_unit() -> None:
    assert [format_memory(n) for n in (8 * G, 1536 * 1024**2, 100, 1024)] == [
        "8g",
        "1536m",
        "100",
        "1k",
    ]


# --- layering --------------------------------------------------------------------------


def test_nothing_set_is_the_pids_default_and_no_other_limit() -> None:
    limits = resolve_resource_limits([LimitLayer("config.toml")])
    assert (limits.pids_limit, limits.memory, limits.cpus) == (DEFAULT_PIDS_LIMIT, None, None)
    assert limits.nano_cpus is None
    assert limits.sources == {"pids_limit": "default"}


def test_the_workspace_wins_per_key_and_zero_lifts_a_limit() -> None:
    limits = resolve_resource_limits(
        [
            LimitLayer("config.toml", pids_limit=2048, memory="16g", cpus=4),
            LimitLayer("workspace app", memory="0", cpus=2.5),
        ]
    )
    assert (limits.pids_limit, limits.memory, limits.cpus) == (2048, None, 2.5)
    assert limits.nano_cpus == 2_500_000_000
    assert limits.sources == {
        "pids_limit": "config.toml",
        "memory": "workspace app",
        "cpus": "workspace app",
    }


def test_pids_limit_zero_means_no_limit_at_all() -> None:
    limits = resolve_resource_limits([LimitLayer("config.toml", pids_limit=0)])
    assert limits.pids_limit is None
    assert limits.describe() == "pids no limit (config.toml), memory no limit, cpus no limit"


def test_the_plan_line_and_data_name_values_and_sources() -> None:
    limits = resolve_resource_limits([LimitLayer("workspace app", memory="8g", cpus=2)])
    assert limits.describe() == (
        "pids 4096 (default), memory 8g (workspace app), cpus 2 (workspace app)"
    )
    assert limits.to_data() == {
        "pids_limit": 4096,
        "memory": 8 * G,
        "cpus": 2.0,
        "sources": {"pids_limit": "default", "memory": "workspace app", "cpus": "workspace app"},
    }


# --- errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "field", "says"),
    [
        ("pids_limit = 8", "pids_limit", "must be 0 (no limit) or at least 32, got 8"),
        ("pids_limit = -1", "pids_limit", "must be 0 (no limit) or at least 32"),
        ('memory = "lots"', "memory", "'lots' is not a size"),
        ('memory = "1m"', "memory", "at least 64m"),
        ("cpus = 0.001", "cpus", "from 0.01 to 1000000, got 0.001"),
        ("cpus = -2", "cpus", "from 0.01 to 1000000, got -2.0"),
        ("cpus = nan", "cpus", "got nan"),
        ("cpus = inf", "cpus", "got inf"),
        ("cpus = 1e300", "cpus", "from 0.01 to 1000000"),
        (f'memory = "{"9" * 25}g"', "memory", "is too large"),
        ('memory = "8388608t"', "memory", "is too large"),
    ],
)
def test_config_toml_out_of_range_is_e023_with_file_line_and_field(
    jackin_paths: JackinPaths, setting: str, field: str, says: str
) -> None:
    _config(jackin_paths, f"dind = false\n{setting}")
    with pytest.raises(ResourceLimitError) as caught:
        load_operator_config(jackin_paths)
    error = caught.value
    assert error.code is ErrorCode.E023
    assert error.location is not None
    assert error.location.file == jackin_paths.config_file
    assert error.location.field == f"docker.{field}"
    lines = jackin_paths.config_file.read_text().splitlines()
    assert error.location.line is not None
    assert lines[error.location.line - 1] == setting
    assert says in str(error)
    assert f"[docker] {field} in config.toml" in str(error)


def test_a_workspace_out_of_range_is_e023_naming_the_workspace_file(
    jackin_paths: JackinPaths, tmp_path: Path
) -> None:
    _config(jackin_paths, "dind = false")
    file = _workspace(jackin_paths, tmp_path, 'memory = "2"')
    with pytest.raises(ResourceLimitError) as caught:
        load_operator_config(jackin_paths)
    location = caught.value.location
    assert location is not None
    assert (location.file, location.field) == (file, "docker.memory")
    assert location.line is not None
    assert file.read_text().splitlines()[location.line - 1] == 'memory = "2"'
    assert "[docker] memory in workspace app" in str(caught.value)


@pytest.mark.parametrize(
    ("setting", "says"),
    [('pids_limit = "many"', "docker.pids_limit"), ("memory = 8", "docker.memory"),
     ('cpus = "two"', "docker.cpus"), ("pid_limit = 64", "unknown key")],
)  # fmt: skip
def test_wrong_types_and_misspelt_keys_are_config_errors_with_their_line(
    jackin_paths: JackinPaths, setting: str, says: str
) -> None:
    _config(jackin_paths, setting)
    with pytest.raises(ConfigError) as caught:
        load_operator_config(jackin_paths)
    assert says in str(caught.value)
    assert "line 5" in str(caught.value)


def test_a_hand_built_layer_is_checked_when_resolved() -> None:
    with pytest.raises(ResourceLimitError, match=r"\[docker\] cpus in mine"):
        resolve_resource_limits([LimitLayer("mine", cpus=math.inf)])


def test_older_files_with_the_new_keys_load_and_are_restamped(jackin_paths: JackinPaths) -> None:
    _config(jackin_paths, "pids_limit = 512")
    text = jackin_paths.config_file.read_text().replace("v1alpha11", "v1alpha10")
    jackin_paths.config_file.write_text(text)
    loaded = load_operator_config(jackin_paths)
    assert loaded.app.docker.pids_limit == 512
    assert 'version = "v1alpha11"' in jackin_paths.config_file.read_text()


# --- the engine side -------------------------------------------------------------------


def test_limits_apply_to_a_spec() -> None:
    spec = ResourceLimits(pids_limit=64, memory=G, cpus=0.5).apply_to(ContainerSpec(image="i"))
    assert (spec.pids_limit, spec.mem_limit, spec.nano_cpus) == (64, G, 500_000_000)
    assert ResourceLimits().apply_to(ContainerSpec(image="i")).pids_limit == DEFAULT_PIDS_LIMIT


def _prime(world: World) -> None:
    RoleCache(world.paths).ensure(RoleSelector.parse("stand-in"), world.role_repo.as_uri())


def test_the_plan_carries_the_limits_and_the_launch_applies_them(world: World) -> None:
    _config(world.paths, 'dind = true\npids_limit = 256\nmemory = "2g"', repo=world.role_repo)
    _workspace(world.paths, world.project, "cpus = 1.5")
    config = world.config()
    target = resolve_target(config, selector="stand-in", target="app", cwd=world.project)
    _prime(world)
    context = world.context()
    plan = dry_run_plan(target, LaunchOptions(detach=True), config, host_env=context.host_env)
    assert (plan.limits.pids_limit, plan.limits.memory, plan.limits.cpus) == (256, 2 * G, 1.5)
    human = "\n".join(plan.human_lines())
    assert (
        "Limits:     pids 256 (config.toml), memory 2g (config.toml), cpus 1.5 (workspace app)"
        " (role container and sidecar, each)"
    ) in human
    assert plan.to_data()["limits"]["memory"] == 2 * G

    result = launch(target, LaunchOptions(detach=True), context)

    recorded = {c.name: c.spec for c in world.docker.containers.values()}
    for name in (result.container, f"{result.container}-dind"):
        spec = recorded[name]
        assert spec is not None
        assert (spec.pids_limit, spec.mem_limit, spec.nano_cpus) == (256, 2 * G, 1_500_000_000)


def test_without_settings_the_launch_applies_the_pids_default(world: World) -> None:
    _config(world.paths, "dind = false", repo=world.role_repo)
    config = world.config()
    target = resolve_target(config, selector="stand-in", cwd=world.project)
    _prime(world)
    plan = dry_run_plan(target, LaunchOptions(), config, host_env={})
    assert "Limits:     pids 4096 (default), memory no limit, cpus no limit" in plan.human_lines()

    result = launch(target, LaunchOptions(detach=True), world.context())

    spec = next(c.spec for c in world.docker.containers.values() if c.name == result.container)
    assert spec is not None
    assert (spec.pids_limit, spec.mem_limit, spec.nano_cpus) == (DEFAULT_PIDS_LIMIT, None, None)
