"""Docker-in-Docker sidecars: how they can run on this host."""

from jackin_sdk.dind._privilege import (
    DEFAULT_DIND_IMAGE,
    DIND_IMAGE_ENV,
    DindPrivilegeMode,
    PrivilegeProbe,
    SidecarPrivileges,
    local_refused_capabilities,
    probe_dind_privilege,
    select_probe_image,
)

__all__ = [
    "DEFAULT_DIND_IMAGE",
    "DIND_IMAGE_ENV",
    "DindPrivilegeMode",
    "PrivilegeProbe",
    "SidecarPrivileges",
    "local_refused_capabilities",
    "probe_dind_privilege",
    "select_probe_image",
]
