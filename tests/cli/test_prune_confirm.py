"""`prune system` and `prune instances --all` ask first; without a terminal and without
`--yes` they refuse before the engine is asked anything (the flows' `ConfirmPrune`).

DOCKER_HOST names a socket nobody listens on: getting past the question shows as E001.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_cli.__main__ import run
from jackin_sdk.paths import JackinPaths


@pytest.fixture(autouse=True)
def _no_engine(jackin_paths: JackinPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    del jackin_paths
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-engine.sock")


@pytest.mark.parametrize(
    ("argv", "refusal"),
    [
        (["prune", "system"], "prune system needs --yes without a terminal"),
        (["prune", "instances", "--all"], "prune instances --all needs --yes without a terminal"),
    ],
)
def test_refused_without_a_terminal_then_acknowledged_with_yes(
    argv: list[str], refusal: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(argv) == 1
    err = capsys.readouterr().err
    assert f"error: {refusal}" in err
    assert "E001" not in err
    assert run([*argv, "--yes"]) == 1
    assert "[E001] Docker daemon not reachable" in capsys.readouterr().err
