"""Resource limits of an instance's containers: pids, memory and CPUs (issue 17 item 7).

Settings: `pids_limit`, `memory` and `cpus` in `[docker]` of config.toml and of a
workspace file; per key, the workspace wins. `0` means no limit at that layer (so a
workspace can lift config.toml's). With neither set, `pids_limit` is
`DEFAULT_PIDS_LIMIT`, so a fork bomb stops at the container's pids cgroup instead of
exhausting the host's process table; memory and CPUs are unlimited, as in `docker run`.

The role's manifest has no say: limits protect the operator's host from what runs
inside, so only the operator's files set them (see docs/decisions.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jackin_sdk.errors import CodedError, ErrorCode, Location

if TYPE_CHECKING:
    from jackin_sdk.docker import ContainerSpec

__all__ = [
    "DEFAULT_PIDS_LIMIT",
    "MAX_CPUS",
    "MIN_CPUS",
    "MIN_MEMORY",
    "MIN_PIDS_LIMIT",
    "LimitLayer",
    "ResourceLimitError",
    "ResourceLimits",
    "check_limit_settings",
    "format_memory",
    "parse_memory",
    "resolve_resource_limits",
]

DEFAULT_PIDS_LIMIT = 4096
"""Processes and threads one container may hold when the operator sets nothing.

Measured here (pids.peak of the container's cgroup): `npm install` of a React/Vite/Jest
project 24, `tsc` + `vite build` 30, `jest --maxWorkers=8` 80, `make -j32` 56, a Python
process pool of 64 workers 68. 4096 leaves room for far heavier builds; a fork bomb
reaches it in milliseconds."""
MIN_PIDS_LIMIT = 32
"""The smallest limit accepted: the capsule, a shell and an agent need a few dozen."""
MIN_MEMORY = 64 * 1024**2
"""The smallest memory limit accepted (64 MiB); the engine itself refuses under 6 MB."""
MIN_CPUS = 0.01
"""The engine's granularity for `--cpus`."""
MAX_CPUS = 1_000_000
"""Far past any host (the engine refuses more than it has); keeps `nano_cpus` an int64."""
_MAX_BYTES = 2**63 - 1

_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
_MEMORY = re.compile(
    r"(?P<whole>\d{1,30})(?:\.(?P<part>\d{1,30}))?\s*(?P<unit>[kmgt]?)(?:i?b)?", re.IGNORECASE
)
_KEYS = ("pids_limit", "memory", "cpus")


class ResourceLimitError(CodedError):
    """E023: a resource limit setting is malformed or out of range; names file and field."""

    def __init__(self, detail: str, *, location: Location | None = None) -> None:
        super().__init__(ErrorCode.E023, detail=detail, location=location)


def parse_memory(text: str) -> int:
    """Bytes of a size like `512m`, `8g`, `8GiB`, `1.5g` (1024-based, as `docker run`).

    A bare number is bytes. Raises `ValueError` naming the accepted forms.
    """
    match = _MEMORY.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            f"{text!r} is not a size; write a number with k, m, g or t after it "
            '(1024-based), for example "512m" or "8g", or "0" for no limit'
        )
    unit = _UNITS[match["unit"].lower()]
    part = match["part"] or ""
    scale: int = 10 ** len(part)
    return int(match["whole"]) * unit + int(part or "0") * unit // scale


def format_memory(size: int) -> str:
    """`size` bytes in the largest unit that divides it exactly: `8g`, `1536m`, `100`."""
    for unit in ("t", "g", "m", "k"):
        if size >= _UNITS[unit] and size % _UNITS[unit] == 0:
            return f"{size // _UNITS[unit]}{unit}"
    return str(size)


@dataclass(frozen=True, slots=True)
class LimitLayer:
    """One layer's `[docker]` limit settings, as written (None: not set there)."""

    source: str
    """How messages and the plan name this layer: `config.toml`, `workspace <name>`."""
    pids_limit: int | None = None
    memory: str | None = None
    cpus: float | None = None
    file: Path | None = None

    def get(self, key: str) -> object:
        """The layer's value of `key` (`pids_limit`, `memory` or `cpus`)."""
        value: object = getattr(self, key)
        return value


def _pids_problem(value: object) -> str | None:
    assert isinstance(value, int)
    if value == 0 or value >= MIN_PIDS_LIMIT:
        return None
    return f"must be 0 (no limit) or at least {MIN_PIDS_LIMIT}, got {value}"


def _memory_problem(value: object) -> str | None:
    assert isinstance(value, str)
    try:
        size = parse_memory(value)
    except ValueError as exc:
        return str(exc)
    if size > _MAX_BYTES:
        return f"is too large ({value!r})"
    if size == 0 or size >= MIN_MEMORY:
        return None
    return f'must be "0" (no limit) or at least 64m, got {value!r}'


def _cpus_problem(value: object) -> str | None:
    assert isinstance(value, int | float)
    if math.isfinite(value) and (value == 0 or MIN_CPUS <= value <= MAX_CPUS):
        return None
    return f"must be 0 (no limit) or a number of CPUs from {MIN_CPUS} to {MAX_CPUS}, got {value!r}"


#: Why a value is not valid for its key, or None. Zero always means "no limit".
_PROBLEMS = {"pids_limit": _pids_problem, "memory": _memory_problem, "cpus": _cpus_problem}


def _line_of(file: Path | None, path: Sequence[str]) -> int | None:
    """The line of `path` in `file` as it is on disk (what the operator sees), if found."""
    if file is None:
        return None
    from jackin_sdk._toml_locate import locate_field  # noqa: PLC0415
    from jackin_sdk.fs import UnreadableFile, read_bounded_text  # noqa: PLC0415

    try:
        return locate_field(read_bounded_text(file), path)
    except (UnreadableFile, OSError):
        return None


def check_limit_settings(layer: LimitLayer) -> None:
    """Raise `ResourceLimitError` (E023) for the first bad setting, with file, line, field."""
    for key in _KEYS:
        value = layer.get(key)
        if value is None:
            continue
        problem = _PROBLEMS[key](value)
        if problem is not None:
            where = Location(
                file=layer.file, line=_line_of(layer.file, ["docker", key]), field=f"docker.{key}"
            )
            raise ResourceLimitError(f"[docker] {key} in {layer.source} {problem}", location=where)


@dataclass(frozen=True, slots=True)
class ResourceLimits:
    """The limits each of an instance's containers gets; None is no limit.

    `sources` names the layer that decided each key (`default` for the pids default).
    """

    pids_limit: int | None = DEFAULT_PIDS_LIMIT
    memory: int | None = None
    """Bytes."""
    cpus: float | None = None
    sources: Mapping[str, str] = field(
        default_factory=lambda: {"pids_limit": "default"}, compare=False
    )

    @property
    def nano_cpus(self) -> int | None:
        """`cpus` in the engine's unit (10^-9 CPUs)."""
        return round(self.cpus * 1e9) if self.cpus is not None else None

    def apply_to(self, spec: ContainerSpec) -> ContainerSpec:
        """`spec` with these limits (`pids_limit`, `mem_limit`, `nano_cpus`)."""
        return replace(
            spec, pids_limit=self.pids_limit, mem_limit=self.memory, nano_cpus=self.nano_cpus
        )

    def to_data(self) -> dict[str, Any]:
        """The plan's JSON: values (memory in bytes, None = no limit) and their sources."""
        return {
            "pids_limit": self.pids_limit,
            "memory": self.memory,
            "cpus": self.cpus,
            "sources": {key: self.sources.get(key) for key in _KEYS},
        }

    def describe(self) -> str:
        """One line: `pids 4096 (default), memory 8g (workspace app), cpus no limit`."""
        shown = {
            "pids_limit": str(self.pids_limit) if self.pids_limit is not None else None,
            "memory": format_memory(self.memory) if self.memory is not None else None,
            "cpus": f"{self.cpus:g}" if self.cpus is not None else None,
        }
        parts = []
        for key, label in zip(_KEYS, ("pids", "memory", "cpus"), strict=True):
            value = shown[key] or "no limit"
            source = self.sources.get(key)
            parts.append(f"{label} {value}" + (f" ({source})" if source else ""))
        return ", ".join(parts)


def resolve_resource_limits(layers: Sequence[LimitLayer]) -> ResourceLimits:
    """Per key, the most specific layer that sets it (layers from general to specific).

    Each layer is checked first (E023). Zero means no limit; an unset `pids_limit` is
    `DEFAULT_PIDS_LIMIT`.
    """
    for layer in layers:
        check_limit_settings(layer)
    values: dict[str, object] = {}
    sources: dict[str, str] = {}
    for key in _KEYS:
        chosen = next((layer for layer in reversed(layers) if layer.get(key) is not None), None)
        if chosen is None:
            continue
        sources[key] = chosen.source
        values[key] = chosen.get(key)
    pids = values.get("pids_limit", DEFAULT_PIDS_LIMIT)
    if "pids_limit" not in sources:
        sources["pids_limit"] = "default"
    memory = values.get("memory")
    cpus = values.get("cpus")
    assert isinstance(pids, int)
    assert memory is None or isinstance(memory, str)
    assert cpus is None or isinstance(cpus, int | float)
    size = parse_memory(memory) if memory is not None else None
    return ResourceLimits(
        pids_limit=pids or None,
        memory=size or None,
        cpus=(float(cpus) or None) if cpus is not None else None,
        sources=sources,
    )
