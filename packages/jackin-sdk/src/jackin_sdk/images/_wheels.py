"""Wheels of `jackin-capsule` and its dependencies, made from what is installed here.

The derived image installs the capsule without network access, so the host provides
the wheels. They are repacked from the installed distributions (editable or not):
the capsule and its dependencies are pure Python, so a wheel is a zip of the package
files plus metadata. Optional compiled accelerators (wcwidth ships one) are left out:
they are built for the host, and the image's import check proves the pure-Python
fallback works. Entries are sorted and timestamps fixed, so the same installed code
always yields the same bytes and the image recipe hash stays stable.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.errors import CodedError, ErrorCode

if TYPE_CHECKING:
    from importlib import metadata

__all__ = ["CAPSULE_DISTRIBUTION", "Wheel", "capsule_wheels"]

CAPSULE_DISTRIBUTION = "jackin-capsule"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_BINARY_SUFFIXES = (".so", ".pyd", ".dylib", ".dll")


@dataclass(frozen=True, slots=True)
class Wheel:
    """A wheel file written for the build context."""

    path: Path
    distribution: str
    version: str

    @property
    def sha256(self) -> str:
        """The file's digest (part of the image recipe)."""
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _requirements(dist: metadata.Distribution) -> list[str]:
    """Names of the unconditional requirements (extras are not needed in the image)."""
    names: list[str] = []
    for requirement in dist.requires or []:
        if ";" in requirement and "extra" in requirement.split(";", 1)[1]:
            continue
        match = _REQUIREMENT_NAME.match(requirement)
        if match:
            names.append(match.group(1))
    return names


def _closure(root: str) -> list[metadata.Distribution]:
    from importlib import metadata  # noqa: PLC0415 - about 40 ms, only when wheels are made

    seen: dict[str, metadata.Distribution] = {}
    pending = [root]
    while pending:
        name = pending.pop()
        if _normalise(name) in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            raise CodedError(
                ErrorCode.E014,
                detail=f"{name} is not installed next to jackin, so its wheel cannot be made",
                hint="Reinstall jackin (for example `uv sync`) so jackin-capsule and its "
                "dependencies are present",
            ) from None
        seen[_normalise(name)] = dist
        pending.extend(_requirements(dist))
    return [seen[key] for key in sorted(seen)]


def _top_level(dist: metadata.Distribution) -> list[str]:
    text = dist.read_text("top_level.txt")
    if text:
        return [line.strip() for line in text.splitlines() if line.strip()]
    names = {
        str(f).split("/", 1)[0].removesuffix(".py")
        for f in dist.files or []
        if not str(f).startswith("..") and ".dist-info" not in str(f).split("/", 1)[0]
    }
    found = sorted(n for n in names if n and not n.endswith(".pth") and n != "__pycache__")
    return found or [_normalise(dist.metadata["Name"])]


def _package_files(
    dist: metadata.Distribution, read: list[Path] | None = None
) -> Iterator[tuple[str, Path]]:
    """(archive name, file on disk) of every module of `dist`, wherever it is imported from.

    `read`, when given, collects every folder walked, so a cache can tell when a file is
    added or removed.
    """
    for top in _top_level(dist):
        spec = importlib.util.find_spec(top)
        if spec is None:
            continue
        if spec.submodule_search_locations:
            root = Path(next(iter(spec.submodule_search_locations)))
            if read is not None:
                read.append(root)
            for path in sorted(root.rglob("*")):
                relative = path.relative_to(root)
                if "__pycache__" in relative.parts:
                    continue
                if read is not None and path.is_dir():
                    read.append(path)
                if path.is_file():
                    if path.suffix == ".pyc":
                        continue
                    yield f"{top}/{relative.as_posix()}", path
        elif spec.origin:
            yield Path(spec.origin).name, Path(spec.origin)


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _write_wheel(dist: metadata.Distribution, dest: Path, read: list[Path] | None = None) -> Wheel:
    name = dist.metadata["Name"]
    version = dist.version
    info = f"{_normalise(name)}-{version}.dist-info"
    entries: list[tuple[str, bytes]] = []
    for archive_name, path in _package_files(dist, read):
        if read is not None:
            read.append(path)
        if path.name.endswith(_BINARY_SUFFIXES):
            continue
        entries.append((archive_name, path.read_bytes()))
    if read is not None:
        read.extend(Path(str(dist.locate_file(f))) for f in dist.files or [] if _in_dist_info(f))
    if not entries:
        raise CodedError(ErrorCode.E014, detail=f"no module files found for {name}")
    entries.append((f"{info}/METADATA", (dist.read_text("METADATA") or "").encode()))
    wheel_meta = "Wheel-Version: 1.0\nGenerator: jackin\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    entries.append((f"{info}/WHEEL", wheel_meta.encode()))
    entry_points = dist.read_text("entry_points.txt")
    if entry_points:
        entries.append((f"{info}/entry_points.txt", entry_points.encode()))
    entries.sort()
    record = [_record_line(n, d) for n, d in entries] + [f"{info}/RECORD,,"]
    entries.append((f"{info}/RECORD", ("\n".join(record) + "\n").encode()))
    path = dest / f"{_normalise(name)}-{version}-py3-none-any.whl"
    import zipfile  # noqa: PLC0415 - only when wheels are made, not on a warm launch

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for archive_name, data in entries:
            item = zipfile.ZipInfo(archive_name, date_time=_FIXED_TIME)
            item.external_attr = 0o644 << 16
            item.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(item, data)
    return Wheel(path, name, version)


def _in_dist_info(file: object) -> bool:
    return ".dist-info" in str(file).split("/", 1)[0]


def capsule_wheels(
    dest: Path, distribution: str = CAPSULE_DISTRIBUTION, *, read: list[Path] | None = None
) -> list[Wheel]:
    """Write wheels of `distribution` and its dependencies into `dest` (created).

    `read`, when given, receives every file and folder the wheels were made from.
    """
    dest.mkdir(parents=True, exist_ok=True)
    return [_write_wheel(dist, dest, read) for dist in _closure(distribution)]
