"""The capsule wheel cache: reused while the installed code is unchanged, remade otherwise."""

from __future__ import annotations

import importlib
import json
import os
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk.images._wheel_cache import cached_capsule_wheels
from jackin_sdk.images._wheels import capsule_wheels

DIST = "jackin-wheel-probe"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Path]:
    """A tiny installed distribution (`jackin_wheel_probe`) on sys.path."""
    root = tmp_path / "site"
    package = root / "jackin_wheel_probe"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("VALUE = 1\n")
    info = root / "jackin_wheel_probe-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {DIST}\nVersion: 1.0\n")
    (info / "top_level.txt").write_text("jackin_wheel_probe\n")
    (info / "RECORD").write_text(
        "jackin_wheel_probe/__init__.py,,\njackin_wheel_probe-1.0.dist-info/METADATA,,\n"
        "jackin_wheel_probe-1.0.dist-info/top_level.txt,,\n"
        "jackin_wheel_probe-1.0.dist-info/RECORD,,\n"
    )
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    try:
        yield root
    finally:
        sys.path.remove(str(root))
        importlib.invalidate_caches()


def _members(wheels: list[Path]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            out |= {name: archive.read(name) for name in archive.namelist()}
    return out


def _later(path: Path) -> None:
    """Move `path`'s mtime forward, as an edit a moment later would."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))


def test_cached_wheels_equal_fresh_ones_byte_for_byte(site: Path, tmp_path: Path) -> None:
    fresh = capsule_wheels(tmp_path / "fresh", DIST)
    first = cached_capsule_wheels(tmp_path / "cache", tmp_path / "a", DIST)
    second = cached_capsule_wheels(tmp_path / "cache", tmp_path / "b", DIST)
    assert [w.sha256 for w in first] == [w.sha256 for w in fresh]
    assert [w.sha256 for w in second] == [w.sha256 for w in fresh]
    assert [(w.distribution, w.version) for w in second] == [(DIST, "1.0")]
    assert all(w.path.parent == tmp_path / "b" for w in second)


def test_an_unchanged_install_reuses_the_cache(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cached_capsule_wheels(cache, tmp_path / "a", DIST)
    index = json.loads((cache / "index.json").read_text())
    # Mark the cached wheel: a copy carries the mark, a freshly made wheel would not.
    (cache / index["entry"] / index["wheels"][0]["file"]).write_bytes(b"cached")
    wheels = cached_capsule_wheels(cache, tmp_path / "b", DIST)
    assert wheels[0].path.read_bytes() == b"cached"
    assert json.loads((cache / "index.json").read_text()) == index


def test_an_edited_module_makes_fresh_wheels(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cached_capsule_wheels(cache, tmp_path / "a", DIST)
    module = site / "jackin_wheel_probe" / "__init__.py"
    module.write_text("VALUE = 2\n")
    _later(module)
    wheels = cached_capsule_wheels(cache, tmp_path / "b", DIST)
    assert _members([w.path for w in wheels])["jackin_wheel_probe/__init__.py"] == b"VALUE = 2\n"


def test_a_new_module_makes_fresh_wheels(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cached_capsule_wheels(cache, tmp_path / "a", DIST)
    package = site / "jackin_wheel_probe"
    (package / "extra.py").write_text("X = 1\n")
    _later(package)
    wheels = cached_capsule_wheels(cache, tmp_path / "b", DIST)
    assert "jackin_wheel_probe/extra.py" in _members([w.path for w in wheels])


def test_changed_metadata_makes_fresh_wheels(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cached_capsule_wheels(cache, tmp_path / "a", DIST)
    metadata = site / "jackin_wheel_probe-1.0.dist-info" / "METADATA"
    metadata.write_text(metadata.read_text() + "Summary: changed\n")
    _later(metadata)
    wheels = cached_capsule_wheels(cache, tmp_path / "b", DIST)
    members = _members([w.path for w in wheels])
    assert b"Summary: changed" in members["jackin_wheel_probe-1.0.dist-info/METADATA"]
    assert len([p for p in cache.iterdir() if p.is_dir()]) == 1  # the old entry is gone


@pytest.mark.parametrize("index", ["not json", '{"key": 1}', "[]", ""])
def test_a_damaged_index_is_remade(site: Path, tmp_path: Path, index: str) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "index.json").write_text(index)
    wheels = cached_capsule_wheels(cache, tmp_path / "a", DIST)
    assert [w.sha256 for w in wheels] == [w.sha256 for w in capsule_wheels(tmp_path / "f", DIST)]
    assert json.loads((cache / "index.json").read_text())["wheels"][0]["version"] == "1.0"


def test_a_missing_cached_wheel_is_remade(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cached_capsule_wheels(cache, tmp_path / "a", DIST)
    index = json.loads((cache / "index.json").read_text())
    (cache / index["entry"] / index["wheels"][0]["file"]).unlink()
    wheels = cached_capsule_wheels(cache, tmp_path / "b", DIST)
    assert wheels[0].path.is_file()


def test_the_real_capsule_is_cached_identically(tmp_path: Path) -> None:
    fresh = capsule_wheels(tmp_path / "fresh")
    cached_capsule_wheels(tmp_path / "cache", tmp_path / "a")
    again = cached_capsule_wheels(tmp_path / "cache", tmp_path / "b")
    assert [(w.distribution, w.sha256) for w in again] == [
        (w.distribution, w.sha256) for w in fresh
    ]


def test_leftovers_of_a_crashed_launch_go_but_a_running_ones_stay(
    site: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    (cache / "new-crashed").mkdir(parents=True)
    (cache / "new-running").mkdir()
    hour_ago = (cache / "new-crashed").stat().st_mtime - 7200
    os.utime(cache / "new-crashed", (hour_ago, hour_ago))
    cached_capsule_wheels(cache, tmp_path / "a", DIST)
    assert not (cache / "new-crashed").exists()
    assert (cache / "new-running").is_dir()
