"""jackin-role: the standalone role tool for CI and Renovate (no Docker engine needed)."""

__all__ = ["__version__"]

__version__ = "0.1.0"
