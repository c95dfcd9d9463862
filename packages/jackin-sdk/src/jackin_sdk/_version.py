"""The version shared by every jackin package."""

__all__ = ["__version__"]

__version__ = "0.1.0"
