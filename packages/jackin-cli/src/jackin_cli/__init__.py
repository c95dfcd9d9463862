"""jackin_cli: the `jackin` command, a thin typer front end over jackin_sdk."""

__all__ = ["__version__", "version_line"]

__version__ = "0.1.0"


def version_line() -> str:
    """`jackin 0.1.0 (sdk 0.1.0, capsule 0.1.0)`: this CLI and what it actually loads."""
    from jackin_sdk import loaded_components  # noqa: PLC0415

    return f"jackin {__version__} ({loaded_components().describe()})"
