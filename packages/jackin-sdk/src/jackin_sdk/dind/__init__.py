"""Docker-in-Docker sidecars: how they can run on this host, their TLS material, their lifecycle.

Exports load on first use (`_lazy`), so importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jackin_sdk._lazy import lazy_exports

if TYPE_CHECKING:
    from jackin_sdk.dind._privilege import (
        DEFAULT_DIND_IMAGE,
        DIND_IMAGE_ENV,
        UNNEEDED_CAPABILITIES,
        DindPrivilegeMode,
        PrivilegeProbe,
        SidecarPrivileges,
        local_refused_capabilities,
        probe_dind_privilege,
        select_probe_image,
    )
    from jackin_sdk.dind._privilege_cache import (
        PRIVILEGE_CACHE_FILE,
        cached_dind_privilege,
        engine_key,
        sidecar_privileges,
    )
    from jackin_sdk.dind._settings import (
        DindSettings,
        resolve_dind_settings,
    )
    from jackin_sdk.dind._sidecar import (
        CLIENT_CERT_PATH,
        DIND_PORT,
        ReadinessPolicy,
        SidecarEndpoint,
        SidecarNotReady,
        check_nested_run,
        remove_instance_resources,
        sidecar_command,
        sidecar_endpoint,
        sidecar_entrypoint,
        start_sidecar,
    )
    from jackin_sdk.dind._tls import (
        CERT_VALIDITY_DAYS,
        DindTlsMaterial,
        ensure_tls_material,
    )

_EXPORTS: dict[str, str] = {
    "CERT_VALIDITY_DAYS": "jackin_sdk.dind._tls",
    "CLIENT_CERT_PATH": "jackin_sdk.dind._sidecar",
    "DEFAULT_DIND_IMAGE": "jackin_sdk.dind._privilege",
    "DIND_IMAGE_ENV": "jackin_sdk.dind._privilege",
    "DIND_PORT": "jackin_sdk.dind._sidecar",
    "DindPrivilegeMode": "jackin_sdk.dind._privilege",
    "DindSettings": "jackin_sdk.dind._settings",
    "DindTlsMaterial": "jackin_sdk.dind._tls",
    "PRIVILEGE_CACHE_FILE": "jackin_sdk.dind._privilege_cache",
    "PrivilegeProbe": "jackin_sdk.dind._privilege",
    "ReadinessPolicy": "jackin_sdk.dind._sidecar",
    "SidecarEndpoint": "jackin_sdk.dind._sidecar",
    "SidecarNotReady": "jackin_sdk.dind._sidecar",
    "SidecarPrivileges": "jackin_sdk.dind._privilege",
    "UNNEEDED_CAPABILITIES": "jackin_sdk.dind._privilege",
    "cached_dind_privilege": "jackin_sdk.dind._privilege_cache",
    "check_nested_run": "jackin_sdk.dind._sidecar",
    "engine_key": "jackin_sdk.dind._privilege_cache",
    "ensure_tls_material": "jackin_sdk.dind._tls",
    "local_refused_capabilities": "jackin_sdk.dind._privilege",
    "probe_dind_privilege": "jackin_sdk.dind._privilege",
    "remove_instance_resources": "jackin_sdk.dind._sidecar",
    "resolve_dind_settings": "jackin_sdk.dind._settings",
    "select_probe_image": "jackin_sdk.dind._privilege",
    "sidecar_command": "jackin_sdk.dind._sidecar",
    "sidecar_endpoint": "jackin_sdk.dind._sidecar",
    "sidecar_entrypoint": "jackin_sdk.dind._sidecar",
    "sidecar_privileges": "jackin_sdk.dind._privilege_cache",
    "start_sidecar": "jackin_sdk.dind._sidecar",
}

__all__ = [
    "CERT_VALIDITY_DAYS",
    "CLIENT_CERT_PATH",
    "DEFAULT_DIND_IMAGE",
    "DIND_IMAGE_ENV",
    "DIND_PORT",
    "PRIVILEGE_CACHE_FILE",
    "UNNEEDED_CAPABILITIES",
    "DindPrivilegeMode",
    "DindSettings",
    "DindTlsMaterial",
    "PrivilegeProbe",
    "ReadinessPolicy",
    "SidecarEndpoint",
    "SidecarNotReady",
    "SidecarPrivileges",
    "cached_dind_privilege",
    "check_nested_run",
    "engine_key",
    "ensure_tls_material",
    "local_refused_capabilities",
    "probe_dind_privilege",
    "remove_instance_resources",
    "resolve_dind_settings",
    "select_probe_image",
    "sidecar_command",
    "sidecar_endpoint",
    "sidecar_entrypoint",
    "sidecar_privileges",
    "start_sidecar",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
