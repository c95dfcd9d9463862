"""Fast paths stay fast: which modules `jackin --version/--help` import (not how long)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("typer", "docker", "pydantic", "git", "textual", "rich", "requests", "logging")

_PROBE = """
import json, sys
from jackin_cli.__main__ import run
code = run(sys.argv[1:])
print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))
raise SystemExit(code)
"""


def _top_level_modules(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [["--version"], ["--help"], []])
def test_fast_paths_import_nothing_heavy(args: list[str]) -> None:
    assert _top_level_modules(*args).isdisjoint(HEAVY)


@pytest.mark.parametrize(
    "args", [["help", "doctor"], ["workspace", "--help"], ["config", "env", "set", "--help"]]
)
def test_command_help_needs_typer_but_not_docker_or_pydantic(args: list[str]) -> None:
    loaded = _top_level_modules(*args)
    assert "typer" in loaded
    assert loaded.isdisjoint({"docker", "pydantic", "git", "textual", "requests"})
