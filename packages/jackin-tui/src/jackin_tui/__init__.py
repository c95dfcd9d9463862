"""jackin console: a Textual application over jackin_sdk."""

from jackin_sdk import __version__

__all__ = ["__version__"]
