"""The commands of one jackin home leave another home's objects alone (jackin#17 item 3).

The engine is a read-only stand-in (`FakeEngine`): it lists role containers of another
home and of an older jackin, and refuses every write, so a command that tried to remove
one of them would fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_cli.__main__ import run
from jackin_sdk.paths import JackinPaths
from tests.cli.test_untrusted_output import FakeEngine

OTHER = {
    "jackin.managed": "true",
    "jackin.kind": "role",
    "jackin.home": "b" * 32,
    "jackin.home.path": "/homes/b",
}
LEGACY = {"jackin.managed": "true", "jackin.kind": "role"}


@pytest.fixture
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeEngine]:
    containers: list[dict[str, object]] = [
        {"Id": "c1", "Names": ["/jk-bbbbbbbb-smith"], "State": "running", "Labels": OTHER},
        {"Id": "c2", "Names": ["/jk-cccccccc-smith"], "State": "exited", "Labels": LEGACY},
    ]
    fake = FakeEngine(tmp_path / "engine.sock", containers)
    monkeypatch.setenv("DOCKER_HOST", f"unix://{fake.path}")
    yield fake
    fake.close()


def test_exile_leaves_other_homes_instances(
    jackin_paths: JackinPaths, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["exile"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "No roles running.\n", captured.err


def test_status_counts_what_is_not_this_homes(
    jackin_paths: JackinPaths, engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["status"]) == 0
    assert capsys.readouterr().out == (
        "No instances found.\n"
        "  Not shown: 1 of other jackin homes and 1 unlabelled from an older jackin "
        "(JACKIN_HOME_DIR selects the home)\n"
    )


def test_foreign_prune_needs_all(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["prune", "instances", "--foreign", "--yes"]) == 2
    assert "--foreign applies only with --all" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["hardline"], ["eject"], ["exile"], ["prune", "instances"]])
def test_the_foreign_flag_is_documented(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([*command, "--help"]) == 0
    assert "--foreign" in capsys.readouterr().out
