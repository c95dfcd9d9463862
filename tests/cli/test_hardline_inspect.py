"""`jackin hardline --inspect` while the engine does not answer: the named instance from
its state alone (the sequence is `jackin_sdk.flows.inspect_instance`)."""

from __future__ import annotations

import pytest

from jackin_cli.__main__ import run
from jackin_sdk.paths import JackinPaths


def test_inspect_without_the_engine(
    jackin_paths: JackinPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    del jackin_paths
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/jackin-test.sock")
    assert run(["hardline", "--inspect"]) == 2
    assert "name the instance to inspect while Docker is unavailable" in capsys.readouterr().err
    assert run(["hardline", "--inspect", "agent-smith"]) == 2
    assert "no instance matches agent-smith" in capsys.readouterr().err
    assert run(["hardline", "--inspect", "jk-agent-smith"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Instance: jk-agent-smith\nState directory: ")
    assert out.endswith(
        "Manifest: missing\n"
        "Role container: jk-agent-smith (Docker unavailable)\n"
        "Agent sessions: not running\n"
        "DinD container: jk-agent-smith-dind (Docker unavailable)\n"
        "Docker network: jk-agent-smith-net (Docker unavailable)\n"
    )
