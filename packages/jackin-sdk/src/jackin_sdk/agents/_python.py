"""The Python a role image runs, as pip on the host needs to know it.

A PyPI agent (Kimi) is downloaded on the host as wheels for the *image's* interpreter:
its `X.Y`, its C library and its machine decide which compiled wheels fit. jackin reads
them once from the role base image (`PYTHON_PROBE`, run by `images/_python_probe.py`) and keeps
the answer by image id.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

__all__ = ["MIN_PYTHON", "PYTHON_PROBE", "PythonTarget"]

#: The oldest Python a PyPI agent may need (kimi-cli's `requires-python`).
MIN_PYTHON = (3, 12)

#: Printed by `python3 -c PYTHON_PROBE` in the role image: one JSON line.
PYTHON_PROBE = (
    "import json, platform, sys; "
    "libc = platform.libc_ver(); "
    "print(json.dumps({'version': '%d.%d' % sys.version_info[:2], "
    "'implementation': sys.implementation.name, "
    "'libc': libc[0], 'libc_version': libc[1], 'machine': platform.machine()}))"
)

_VERSION = re.compile(r"^(\d+)\.(\d+)$")
_GLIBC = re.compile(r"^2\.(\d+)")
#: The legacy manylinux names (PEP 513/571/599) of each glibc floor, by machine.
_LEGACY = {
    "x86_64": ((17, "manylinux2014"), (12, "manylinux2010"), (5, "manylinux1")),
    "i686": ((17, "manylinux2014"), (12, "manylinux2010"), (5, "manylinux1")),
    "aarch64": ((17, "manylinux2014"),),
    "ppc64le": ((17, "manylinux2014"),),
    "s390x": ((17, "manylinux2014"),),
    "armv7l": ((17, "manylinux2014"),),
}


@dataclass(frozen=True, slots=True)
class PythonTarget:
    """A role image's interpreter: `3.13`, glibc `2.41`, `x86_64`."""

    version: str
    implementation: str
    libc: str
    libc_version: str
    machine: str

    @classmethod
    def parse(cls, output: str) -> PythonTarget:
        """The probe's JSON line (the last line of `output`); ValueError when it is not."""
        lines = [line for line in output.strip().splitlines() if line.startswith("{")]
        if not lines:
            raise ValueError(f"no answer from the probe: {output.strip()[:200]!r}")
        data = json.loads(lines[-1])
        fields = ("version", "implementation", "libc", "libc_version", "machine")
        if not isinstance(data, dict) or not all(isinstance(data.get(f), str) for f in fields):
            raise ValueError(f"unexpected answer from the probe: {lines[-1][:200]!r}")
        return cls(*(str(data[f]) for f in fields))

    def to_json(self) -> str:
        """What `parse` reads back."""
        return json.dumps({
            "version": self.version, "implementation": self.implementation,
            "libc": self.libc, "libc_version": self.libc_version, "machine": self.machine,
        })  # fmt: skip

    @property
    def version_tuple(self) -> tuple[int, int]:
        """`(3, 13)`; `(0, 0)` when the version is not `X.Y`."""
        found = _VERSION.match(self.version)
        return (int(found[1]), int(found[2])) if found else (0, 0)

    @property
    def glibc_minor(self) -> int | None:
        """The `Y` of glibc `2.Y`; None on another C library (musl has no manylinux)."""
        found = _GLIBC.match(self.libc_version)
        return int(found[1]) if self.libc == "glibc" and found else None

    def problem(self) -> str | None:
        """Why PyPI agents cannot be installed for this interpreter, or None."""
        if self.implementation != "cpython":
            return f"its python3 is {self.implementation}, not CPython"
        if self.version_tuple < MIN_PYTHON:
            need = ".".join(map(str, MIN_PYTHON))
            return f"its python3 is {self.version}; the agent needs {need} or newer"
        if self.glibc_minor is None:
            return f"its C library is {self.libc or 'unknown'}, not glibc (no manylinux wheels)"
        return None

    @property
    def tag(self) -> str:
        """`cp313-manylinux_2_41_x86_64`: what the downloaded wheels were chosen for."""
        major, minor = self.version_tuple
        return f"cp{major}{minor}-manylinux_2_{self.glibc_minor}_{self.machine}"

    def pip_args(self) -> list[str]:
        """`pip download` options that choose wheels for this interpreter."""
        major, minor = self.version_tuple
        glibc = self.glibc_minor or 17
        args = ["--only-binary=:all:", "--python-version", f"{major}.{minor}",
                "--implementation", "cp",
                "--abi", f"cp{major}{minor}", "--abi", "abi3", "--abi", "none"]  # fmt: skip
        for floor in range(glibc, 4, -1):
            args += ["--platform", f"manylinux_2_{floor}_{self.machine}"]
        for floor, legacy in _LEGACY.get(self.machine, ()):
            if floor <= glibc:
                args += ["--platform", f"{legacy}_{self.machine}"]
        return args
