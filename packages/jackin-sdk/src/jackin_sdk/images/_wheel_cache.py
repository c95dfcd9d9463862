"""A cache of the capsule wheels, so a warm launch copies them instead of making them.

Making the wheels reads and zips every module of the capsule and its dependencies and
imports `importlib.metadata`: about 0.15 s of every `jackin load`. The cache keeps the
last wheels made with a stamp (size and mtime of every file and folder they were made
from, and of the dist-info files). While the stamp holds, the same installed code would
yield the same bytes, so the cached wheels are copied. Any change (an upgrade, an
edited capsule source in a development checkout, a new module) makes fresh wheels.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from pathlib import Path

from jackin_sdk._version import __version__
from jackin_sdk.fs import atomic_write_text
from jackin_sdk.images._wheels import CAPSULE_DISTRIBUTION, Wheel, capsule_wheels

__all__ = ["cached_capsule_wheels"]

#: Bump when `_wheels` changes how it lays out a wheel.
_FORMAT = 1
_INDEX = "index.json"
#: Seconds after which an unfinished `new-…` folder is left over from a crash.
_STALE = 3600


def _stat(path: Path) -> list[object] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [str(path), info.st_size, info.st_mtime_ns]


def _key(distribution: str) -> str:
    return f"{_FORMAT}:{__version__}:{distribution}"


def _load(cache: Path, distribution: str) -> tuple[Path, list[dict[str, str]]] | None:
    """The cached wheels' folder and records, if the stamp still matches what is installed."""
    try:
        index = json.loads((cache / _INDEX).read_text())
        if index["key"] != _key(distribution):
            return None
        for entry in index["stamp"]:
            if _stat(Path(entry[0])) != entry:
                return None
        folder = cache / str(index["entry"])
        wheels: list[dict[str, str]] = list(index["wheels"])
        if not all((folder / w["file"]).is_file() for w in wheels):
            return None
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    return folder, wheels


def _store(cache: Path, distribution: str) -> tuple[Path, list[dict[str, str]]]:
    """Make fresh wheels into the cache and point the index at them."""
    cache.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="new-", dir=cache))
    read: list[Path] = []
    made = capsule_wheels(scratch, distribution, read=read)
    digest = hashlib.sha256("".join(sorted(w.sha256 for w in made)).encode()).hexdigest()[:16]
    folder = cache / digest
    try:
        scratch.rename(folder)
    except OSError:  # another launch stored the same wheels first
        shutil.rmtree(scratch, ignore_errors=True)
    wheels = [
        {"file": w.path.name, "distribution": w.distribution, "version": w.version} for w in made
    ]
    stamp = [s for s in (_stat(p) for p in dict.fromkeys(read)) if s is not None]
    index = {"key": _key(distribution), "entry": digest, "stamp": stamp, "wheels": wheels}
    atomic_write_text(cache / _INDEX, json.dumps(index))
    _forget_others(cache, keep=digest)
    return folder, wheels


def _forget_others(cache: Path, *, keep: str) -> None:
    """Remove older wheel folders, best effort: never the one just indexed, nor a folder
    another launch may still be writing (`new-…` younger than an hour)."""
    for child in cache.iterdir():
        if not child.is_dir() or child.name == keep:
            continue
        if child.name.startswith("new-") and time.time() - child.stat().st_mtime < _STALE:
            continue
        shutil.rmtree(child, ignore_errors=True)


def cached_capsule_wheels(
    cache: Path, dest: Path, distribution: str = CAPSULE_DISTRIBUTION
) -> list[Wheel]:
    """The wheels of `distribution` and its dependencies, copied into `dest` (created)."""
    folder, records = _load(cache, distribution) or _store(cache, distribution)
    dest.mkdir(parents=True, exist_ok=True)
    wheels = []
    try:
        for record in records:
            target = dest / record["file"]
            shutil.copyfile(folder / record["file"], target)
            wheels.append(Wheel(target, record["distribution"], record["version"]))
    except OSError:  # a concurrent launch replaced the cached wheels meanwhile
        shutil.rmtree(dest, ignore_errors=True)
        return capsule_wheels(dest, distribution)
    return wheels
