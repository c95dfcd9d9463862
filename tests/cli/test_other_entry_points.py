from __future__ import annotations

import pytest

from jackin_capsule.__main__ import run as capsule_run
from jackin_role.__main__ import run as role_run
from jackin_sdk import __version__


def test_jackin_role_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert role_run(["--version"]) == 0
    assert capsys.readouterr().out == f"jackin-role {__version__}\n"
    assert role_run([]) == 0
    assert capsys.readouterr().out.startswith("Usage: jackin-role [OPTIONS] COMMAND")
    assert role_run(["--nope"]) == 2


def test_jackin_capsule_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        capsule_run(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"jackin-capsule {__version__}\n"
