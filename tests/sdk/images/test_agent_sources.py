"""Agents from their registries: the cache, the overlay, and reuse/rebuild decisions.

The cache entries here are made by hand (what `AgentCache.ensure` leaves), so these tests
need no registry; `test_registry_failure_*` runs the real npm against a closed port.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jackin_sdk.agents import (
    AgentCache,
    AgentFetchError,
    AgentInstall,
    AgentSource,
    InstallConfig,
    InstallLayer,
    resolve_agent_install,
)
from jackin_sdk.auth import Agent
from jackin_sdk.errors import ErrorCode
from jackin_sdk.images import (
    RebuildReason,
    RoleImage,
    ensure_role_image,
    prepare_overlay_context,
    render_overlay,
)
from jackin_sdk.tables import TableError, validate_table
from jackin_sdk.testing import FakeDocker
from tests.sdk.images.conftest import manifest_of, request_for

REGISTRY = AgentSource.REGISTRY


def _entry(cache: Path, version: str, platform: str = "linux-x64") -> Path:
    """A complete cache entry of Claude Code `version`, as `AgentCache.ensure` leaves it."""
    folder = cache / "claude" / version
    (folder / "payload").mkdir(parents=True)
    binary = folder / "payload" / "claude"
    binary.write_text("#!/bin/sh\necho claude\n")
    binary.chmod(0o755)
    spec = f"@anthropic-ai/claude-code-{platform}@{version}"
    (folder / "jackin-agent.json").write_text(json.dumps({
        "agent": "claude", "version": version, "spec": spec, "platform": platform,
        "integrity": f"sha512-{version}", "entry": "claude",
    }))  # fmt: skip
    return folder


def _pinned(version: str) -> tuple[AgentInstall, ...]:
    return (AgentInstall(Agent.CLAUDE, REGISTRY, version),)


def test_layers_later_wins_per_field_and_agent_table_beats_the_layer_default() -> None:
    config = validate_table(InstallConfig, {"source": "registry", "claude": {"version": "1.0.0"}})
    workspace = validate_table(
        InstallConfig, {"claude": {"version": "2.0.0"}, "source": "installer"}
    )
    layers = (InstallLayer("config.toml", config), InstallLayer("workspace w", workspace))
    claude = resolve_agent_install(Agent.CLAUDE, layers)
    assert (claude.source, claude.version) == (AgentSource.INSTALLER, "2.0.0")
    assert claude.describe() == (
        "installer (source: [install] in workspace w, version: [install.claude] in workspace w)"
    )
    only_config = resolve_agent_install(Agent.CODEX, layers[:1])
    assert (only_config.source, only_config.version) == (REGISTRY, None)
    assert resolve_agent_install(Agent.AMP, ()).source is AgentSource.INSTALLER


def test_a_bad_source_or_version_names_the_field() -> None:
    with pytest.raises(TableError) as caught:
        validate_table(InstallConfig, {"claude": {"source": "npm", "version": "1.0 beta"}})
    text = str(caught.value)
    assert "claude.source" in text
    assert "claude.version" in text


def test_cached_entry_is_used_without_asking_the_registry(tmp_path: Path) -> None:
    _entry(tmp_path, "2.1.332")
    cache = AgentCache(tmp_path, npm=str(tmp_path / "no-npm"), machine="x86_64")
    found = cache.ensure(Agent.CLAUDE, "2.1.332")
    assert found.payload == tmp_path / "claude" / "2.1.332" / "payload"
    assert found.recipe_item() == (
        "claude=registry:@anthropic-ai/claude-code-linux-x64@2.1.332:sha512-2.1.332"
    )
    assert AgentCache(tmp_path, machine="aarch64").cached(Agent.CLAUDE, "2.1.332") is None


def test_latest_is_asked_once_a_day_and_remembered_when_the_registry_is_away(
    tmp_path: Path,
) -> None:
    (tmp_path / "claude").mkdir()
    remembered = {"version": "2.1.300", "checked_at": 1000.0}
    (tmp_path / "claude" / "latest.json").write_text(json.dumps(remembered))
    no_npm = str(tmp_path / "no-npm")
    fresh = AgentCache(tmp_path, npm=no_npm, now=1000.0 + 3600)
    assert fresh.latest_version(Agent.CLAUDE) == "2.1.300"
    stale = AgentCache(tmp_path, npm=no_npm, now=1000.0 + 3 * 24 * 3600)
    assert stale.latest_version(Agent.CLAUDE) == "2.1.300"  # lookup failed: last answer


@pytest.mark.skipif(shutil.which("npm") is None, reason="needs npm")
def test_registry_failure_names_agent_package_version_and_leaves_no_half_entry(
    tmp_path: Path,
) -> None:
    closed = {"npm_config_registry": "http://127.0.0.1:9/", "npm_config_fetch_retries": "0",
              "npm_config_cache": str(tmp_path / "npm-cache")}  # fmt: skip
    cache = AgentCache(tmp_path / "agents", env=closed, machine="x86_64")
    with pytest.raises(AgentFetchError) as caught:
        cache.ensure(Agent.CLAUDE, "2.1.332")
    error = caught.value
    assert error.code is ErrorCode.E019
    assert str(error).startswith("[E019] Agent could not be fetched from its package registry")
    assert "claude: @anthropic-ai/claude-code 2.1.332 " in str(error)
    assert "(@anthropic-ai/claude-code-linux-x64@2.1.332): " in str(error)
    assert "ECONNREFUSED" in str(error)
    assert 'source = "installer"' in error.hint
    assert list((tmp_path / "agents" / "claude").iterdir()) == []


def test_overlay_copies_a_registry_agent_instead_of_running_its_installer(
    fake: FakeDocker, role_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "agents"
    _entry(cache, "2.1.332")
    request = request_for(role_dir, agent_installs=_pinned("2.1.332"), agent_cache=cache)
    image = ensure_role_image(fake, request)
    dockerfile = fake.builder.dockerfiles[-1]
    assert "COPY .jackin-runtime/agents/claude/ /jackin/agents/claude/" in dockerfile
    assert "ln -sf /jackin/agents/claude/claude /home/agent/.local/bin/claude" in dockerfile
    assert "claude.ai/install.sh" not in dockerfile
    assert fake.image_labels(image.image)["jackin.agent.claude.version"] == "2.1.332"


def test_the_context_links_the_cached_payload_and_hashes_around_it(
    role_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "agents"
    _entry(cache, "2.1.332")
    cached = AgentCache(cache, machine="x86_64").ensure(Agent.CLAUDE, "2.1.332")
    manifest = manifest_of(role_dir)
    plain = prepare_overlay_context(tmp_path / "a", role_dir=role_dir, manifest=manifest,
                                    base_image="b")  # fmt: skip
    linked = prepare_overlay_context(tmp_path / "b", role_dir=role_dir, manifest=manifest,
                                     base_image="b", fetched=[cached])  # fmt: skip
    copied = linked.root / ".jackin-runtime" / "agents" / "claude" / "claude"
    assert copied.stat().st_ino == (cached.payload / "claude").stat().st_ino
    assert linked.context_hash != plain.context_hash  # the Dockerfile differs
    (cached.payload / "claude").write_text("#!/bin/sh\necho changed\n")
    again = prepare_overlay_context(tmp_path / "c", role_dir=role_dir, manifest=manifest,
                                    base_image="b", fetched=[cached])  # fmt: skip
    assert again.context_hash == linked.context_hash  # the recipe names it by integrity


def test_same_pin_reuses_a_new_pin_rebuilds_with_its_reason(
    fake: FakeDocker, role_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "agents"
    _entry(cache, "2.1.331")
    _entry(cache, "2.1.332")

    def build(version: str) -> RoleImage:
        return ensure_role_image(
            fake, request_for(role_dir, agent_installs=_pinned(version), agent_cache=cache)
        )

    assert build("2.1.331").built
    assert build("2.1.331").decision.reuse
    newer = build("2.1.332")
    assert newer.decision.reason is RebuildReason.AGENT_VERSION_CHANGED
    assert "claude changed (2.1.331 → 2.1.332)" in str(newer.decision)
    back = ensure_role_image(fake, request_for(role_dir))  # the installer again
    assert back.decision.reason is RebuildReason.AGENT_VERSION_CHANGED
    assert "2.1.332 → installer" in str(back.decision)


def test_installer_agents_render_as_before() -> None:
    from jackin_sdk.agents import runtime_for  # noqa: PLC0415
    from jackin_sdk.images import OverlayPlan  # noqa: PLC0415

    text = render_overlay(OverlayPlan("base", (runtime_for(Agent.CLAUDE),)))
    assert "https://claude.ai/install.sh" in text
    assert "/jackin/agents/" not in text
