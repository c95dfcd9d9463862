"""jackin console: a Textual application over jackin_sdk."""

__all__ = ["__version__"]

__version__ = "0.1.0"
