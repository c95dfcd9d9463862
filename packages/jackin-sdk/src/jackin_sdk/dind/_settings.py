"""Whether an instance gets a DinD sidecar, from which image, in which privilege mode.

On by default (DECISIONS #2). Off when the role's manifest says `[docker] dind = "none"`,
or the workspace / config.toml says `[docker] dind = false` (most specific first). The
image and privilege mode come from the workspace, then config.toml, then
`JACKIN_DIND_IMAGE`, then the default; an unset privilege means "what the probe finds".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jackin_sdk.dind._privilege import DEFAULT_DIND_IMAGE, DindPrivilegeMode

if TYPE_CHECKING:
    from jackin_sdk.config import AppConfig, WorkspaceConfig
    from jackin_sdk.roles import RoleManifest

__all__ = ["DindSettings", "resolve_dind_settings"]


@dataclass(frozen=True, slots=True)
class DindSettings:
    """The resolved DinD settings of one launch."""

    enabled: bool
    image: str
    privilege: DindPrivilegeMode | None
    disabled_by: str | None = None


def resolve_dind_settings(
    app: AppConfig,
    workspace: WorkspaceConfig | None,
    manifest: RoleManifest | None,
    *,
    env: Mapping[str, str] | None = None,
    workspace_name: str = "workspace",
) -> DindSettings:
    """Apply role → workspace → config.toml → environment → default."""
    from jackin_sdk.settings import JackinSettings  # noqa: PLC0415 - only where it is read

    local = workspace.docker if workspace is not None else None
    layers = [layer for layer in (local, app.docker) if layer is not None]
    image = next((layer.dind_image for layer in layers if layer.dind_image), None)
    image = image or JackinSettings.read(env).dind_image or DEFAULT_DIND_IMAGE
    privilege = next((layer.dind_privilege for layer in layers if layer.dind_privilege), None)
    mode = DindPrivilegeMode(privilege) if privilege else None
    enabled = next((layer.dind for layer in layers if layer.dind is not None), True)
    disabled_by = None
    if manifest is not None and manifest.docker is not None and manifest.docker.dind == "none":
        disabled_by = 'the role ([docker] dind = "none")'
    elif not enabled:
        where = workspace_name if local is not None and local.dind is False else "config.toml"
        disabled_by = f"{where} ([docker] dind = false)"
    return DindSettings(disabled_by is None, image, mode, disabled_by)
