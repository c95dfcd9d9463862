"""Docker-in-Docker sidecars: how they can run on this host, their TLS material, their lifecycle."""

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
from jackin_sdk.dind._sidecar import (
    CLIENT_CERT_PATH,
    DIND_PORT,
    ReadinessPolicy,
    SidecarEndpoint,
    SidecarNotReady,
    remove_instance_resources,
    sidecar_command,
    sidecar_endpoint,
    start_sidecar,
)
from jackin_sdk.dind._tls import CERT_VALIDITY_DAYS, DindTlsMaterial, ensure_tls_material

__all__ = [
    "CERT_VALIDITY_DAYS",
    "CLIENT_CERT_PATH",
    "DEFAULT_DIND_IMAGE",
    "DIND_IMAGE_ENV",
    "DIND_PORT",
    "DindPrivilegeMode",
    "DindSettings",
    "DindTlsMaterial",
    "PrivilegeProbe",
    "ReadinessPolicy",
    "SidecarEndpoint",
    "SidecarNotReady",
    "SidecarPrivileges",
    "ensure_tls_material",
    "local_refused_capabilities",
    "probe_dind_privilege",
    "remove_instance_resources",
    "resolve_dind_settings",
    "select_probe_image",
    "sidecar_command",
    "sidecar_endpoint",
    "start_sidecar",
]
