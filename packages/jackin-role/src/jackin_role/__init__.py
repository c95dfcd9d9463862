"""jackin-role: the standalone role tool for CI and Renovate (no Docker engine needed)."""

from jackin_sdk import __version__

__all__ = ["__version__"]
