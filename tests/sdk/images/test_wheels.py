from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from jackin_sdk.images import capsule_wheels


def test_wheels_cover_the_capsule_and_its_dependencies(tmp_path: Path) -> None:
    wheels = capsule_wheels(tmp_path)
    names = {w.distribution.lower() for w in wheels}
    assert {"jackin-capsule", "pyte", "wcwidth"} <= names
    for wheel in wheels:
        assert wheel.path.name.endswith("-py3-none-any.whl")
        members = zipfile.ZipFile(wheel.path).namelist()
        assert not [m for m in members if m.endswith((".so", ".pyc"))]
        assert any(m.endswith(".dist-info/RECORD") for m in members)


def test_wheels_are_byte_for_byte_reproducible(tmp_path: Path) -> None:
    first = {w.path.name: w.sha256 for w in capsule_wheels(tmp_path / "a")}
    second = {w.path.name: w.sha256 for w in capsule_wheels(tmp_path / "b")}
    assert first == second


def test_unpacked_wheels_import_in_isolation(tmp_path: Path) -> None:
    target = tmp_path / "python"
    for wheel in capsule_wheels(tmp_path / "wheels"):
        zipfile.ZipFile(wheel.path).extractall(target)
    code = (
        f"import sys; sys.path.insert(0, {str(target)!r}); import jackin_capsule, pyte; "
        "print(jackin_capsule.__file__)"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(target))
