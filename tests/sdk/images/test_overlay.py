from __future__ import annotations

from jackin_sdk.agents import AGENT_RUNTIMES
from jackin_sdk.auth import Agent
from jackin_sdk.images import OverlayPlan, render_overlay


def _plan(**changes: object) -> OverlayPlan:
    values: dict[str, object] = {
        "base_image": "jk_smith__base:abcdef1",
        "agents": tuple(AGENT_RUNTIMES.values()),
    }
    values.update(changes)
    return OverlayPlan(**values)  # type: ignore[arg-type]


def test_overlay_builds_without_buildkit() -> None:
    text = render_overlay(_plan())
    assert "# syntax" not in text
    assert "--mount" not in text
    assert "--link" not in text
    assert "--chmod" not in text
    assert text.splitlines()[1] == "FROM jk_smith__base:abcdef1"


def test_every_supported_agent_gets_a_block_that_keeps_a_preinstalled_binary() -> None:
    text = render_overlay(_plan())
    for runtime in AGENT_RUNTIMES.values():
        assert f"# agent: {runtime.binary}" in text
        assert f"if [ -x {runtime.binary_path} ] || command -v {runtime.binary}" in text
        assert f"{runtime.binary} --version" in text
    assert "CODEX_NON_INTERACTIVE=1 bash" in text
    assert "ln -s grok /home/agent/.grok/bin/agent" in text


def test_plugins_block_only_when_declared_and_names_each_plugin() -> None:
    assert "plugin install" not in render_overlay(_plan())
    text = render_overlay(
        _plan(
            marketplaces=(("acme/market", ("plugins/a",)),),
            plugins=("review@acme", "it's@odd"),
        )
    )
    assert "plugin marketplace add acme/market --sparse plugins/a" in text
    assert "plugin install review@acme" in text
    assert "installing Claude plugin review@acme failed" in text
    assert "'it'\"'\"'s@odd'" in text


def test_runtime_payload_home_ownership_and_entrypoint() -> None:
    text = render_overlay(_plan(hooks=(("preflight", ".jackin-runtime/hooks/preflight.sh"),)))
    assert "ARG JACKIN_RUN_UID=1000" in text
    assert "COPY .jackin-runtime/hooks/preflight.sh /jackin/runtime/hooks/preflight.sh" in text
    assert "sh /jackin/runtime/install-capsule.sh" in text
    assert 'chown -hR "${JACKIN_RUN_UID}:0" /home/agent' in text
    lines = text.rstrip().splitlines()
    assert lines[-2:] == ["USER agent", 'ENTRYPOINT ["/jackin/runtime/jackin-capsule"]']
    path = next(line for line in lines if line.startswith("ENV PATH="))
    assert path.startswith('ENV PATH="/jackin/runtime:/home/agent/.local/bin:')
    assert path.count("/home/agent/.local/bin") == 1


def test_snapshot_moves_agent_homes_into_the_seed() -> None:
    text = render_overlay(_plan(agents=(AGENT_RUNTIMES[Agent.CLAUDE],)))
    assert "rm -rf /home/agent/.claude/backups" in text
    assert "for dir in .claude;" in text
    assert "for file in .claude.json;" in text
