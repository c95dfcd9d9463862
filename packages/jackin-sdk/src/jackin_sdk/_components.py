"""The versions of jackin's packages that this process actually loads.

Every package ships with one version. An install that mixes versions (a stale editable
checkout, a hand-upgraded package) builds images with a capsule the SDK was not made
for, so `jackin --version` shows each one and `jackin doctor` warns on a mismatch.
"""

from __future__ import annotations

from dataclasses import dataclass

from jackin_sdk._version import __version__

__all__ = ["Components", "loaded_components"]


@dataclass(frozen=True, slots=True)
class Components:
    """Versions of the SDK and the capsule it packs into images (None: not installed)."""

    sdk: str
    capsule: str | None

    @property
    def mismatched(self) -> tuple[str, ...]:
        """Names of the components whose version is not the SDK's (missing ones included)."""
        return tuple(name for name, version in self.others().items() if version != self.sdk)

    def others(self) -> dict[str, str | None]:
        """Every component but the SDK, by name."""
        return {"capsule": self.capsule}

    def describe(self) -> str:
        """`sdk 0.1.0, capsule 0.1.0` (a missing one reads `capsule missing`)."""
        parts = [f"sdk {self.sdk}"]
        parts += [f"{name} {version or 'missing'}" for name, version in self.others().items()]
        return ", ".join(parts)


def loaded_components() -> Components:
    """The versions of the SDK and of the capsule importable next to it."""
    try:
        from jackin_capsule import __version__ as capsule  # noqa: PLC0415
    except ImportError:
        return Components(sdk=__version__, capsule=None)
    return Components(sdk=__version__, capsule=capsule)
