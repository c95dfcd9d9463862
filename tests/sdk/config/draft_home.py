"""A config home for the draft tests (the SDK's drafts and the console's editor and
Settings over them): config.toml with an operator's comment and a commented env value,
and workspace `web` whose every line worth keeping has a comment."""

from __future__ import annotations

from jackin_sdk.config import load_operator_config
from jackin_sdk.paths import JackinPaths

__all__ = ["CONFIG_NOTE", "WORKSPACE_NOTE", "seed_draft_home", "workspace_text"]

CONFIG_NOTE = "# my notes\n"
"""The first line of config.toml; a save must keep it."""
WORKSPACE_NOTE = "# the web workspace: keep this note\n"
"""The first line of workspaces/web.toml; a save must keep it."""


def workspace_text(*roles: str) -> str:
    """Workspace `web`: /src/web at /work/web (the workdir), `roles` allowed, env KEEP."""
    allowed = ", ".join(f'"{role}"' for role in roles)
    return f"""\
{WORKSPACE_NOTE}version = "v1alpha10"
workdir = "/work/web"  # where agents start
allowed_roles = [{allowed}]

[[mounts]]
src = "/src/web"
dst = "/work/web"
readonly = false
isolation = "shared"

[env]
KEEP = "1"  # kept
"""


def seed_draft_home(paths: JackinPaths, *roles: str) -> None:
    """config.toml (CONFIG_NOTE first, `KEEP = "1"  # kept` in [env]) and workspace `web`
    allowing `roles`."""
    load_operator_config(paths)
    text = paths.config_file.read_text()
    paths.config_file.write_text(CONFIG_NOTE + text + '\n[env]\nKEEP = "1"  # kept\n')
    paths.workspaces_dir.mkdir(parents=True, exist_ok=True)
    paths.workspace_file("web").write_text(workspace_text(*roles))
