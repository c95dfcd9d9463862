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
from jackin_sdk.dind._settings import DindSettings, resolve_dind_settings
from jackin_sdk.dind._tls import CERT_VALIDITY_DAYS, DindTlsMaterial, ensure_tls_material

__all__ = [
    "CERT_VALIDITY_DAYS",
    "DEFAULT_DIND_IMAGE",
    "DIND_IMAGE_ENV",
    "DindPrivilegeMode",
    "DindSettings",
    "DindTlsMaterial",
    "PrivilegeProbe",
    "SidecarPrivileges",
    "ensure_tls_material",
    "local_refused_capabilities",
    "probe_dind_privilege",
    "resolve_dind_settings",
    "select_probe_image",
]
