"""Instances: names, name claims, state dirs, manifests and the instance index.

`InstanceStore` owns everything an instance keeps on the host under `<data>`
(`~/.jackin/data`): the name lock `<c>.lock`, the state dir `<c>/` with its manifest
`.jackin/instance.json` (version 2) and the index `instances.json` (version 1), in the
reference's formats. Docker is only asked (through a `DockerApi`) whether a name is free
and which role containers exist.

Exports load on first use: `jackin status` reads the index without the claim code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jackin_sdk._lazy import lazy_exports

if TYPE_CHECKING:
    from jackin_sdk.instances._claim import (
        ClaimedInstance,
    )
    from jackin_sdk.instances._drift import (
        DriftReport,
        StaleRow,
    )
    from jackin_sdk.instances._files import (
        InstanceFileError,
    )
    from jackin_sdk.instances._index import (
        INDEX_VERSION,
        IndexRow,
    )
    from jackin_sdk.instances._manifest import (
        MANIFEST_VERSION,
        InstanceDockerNames,
        InstanceManifest,
        host_path_fingerprint,
    )
    from jackin_sdk.instances._naming import (
        CONTAINER_PREFIX,
        ID_ALPHABET,
        NAME_BUDGET,
        compact,
        container_base_name,
        instance_id_from_container,
        is_container_selector,
        is_dns_label,
        is_instance_id,
        new_instance_id,
        role_family_matches,
    )
    from jackin_sdk.instances._status import (
        InstanceStatus,
    )
    from jackin_sdk.instances._store import (
        InstanceStore,
    )

_EXPORTS: dict[str, str] = {
    "CONTAINER_PREFIX": "jackin_sdk.instances._naming",
    "ClaimedInstance": "jackin_sdk.instances._claim",
    "DriftReport": "jackin_sdk.instances._drift",
    "ID_ALPHABET": "jackin_sdk.instances._naming",
    "INDEX_VERSION": "jackin_sdk.instances._index",
    "IndexRow": "jackin_sdk.instances._index",
    "InstanceDockerNames": "jackin_sdk.instances._manifest",
    "InstanceFileError": "jackin_sdk.instances._files",
    "InstanceManifest": "jackin_sdk.instances._manifest",
    "InstanceStatus": "jackin_sdk.instances._status",
    "InstanceStore": "jackin_sdk.instances._store",
    "MANIFEST_VERSION": "jackin_sdk.instances._manifest",
    "NAME_BUDGET": "jackin_sdk.instances._naming",
    "StaleRow": "jackin_sdk.instances._drift",
    "compact": "jackin_sdk.instances._naming",
    "container_base_name": "jackin_sdk.instances._naming",
    "host_path_fingerprint": "jackin_sdk.instances._manifest",
    "instance_id_from_container": "jackin_sdk.instances._naming",
    "is_container_selector": "jackin_sdk.instances._naming",
    "is_dns_label": "jackin_sdk.instances._naming",
    "is_instance_id": "jackin_sdk.instances._naming",
    "new_instance_id": "jackin_sdk.instances._naming",
    "role_family_matches": "jackin_sdk.instances._naming",
}

__all__ = [
    "CONTAINER_PREFIX",
    "ID_ALPHABET",
    "INDEX_VERSION",
    "MANIFEST_VERSION",
    "NAME_BUDGET",
    "ClaimedInstance",
    "DriftReport",
    "IndexRow",
    "InstanceDockerNames",
    "InstanceFileError",
    "InstanceManifest",
    "InstanceStatus",
    "InstanceStore",
    "StaleRow",
    "compact",
    "container_base_name",
    "host_path_fingerprint",
    "instance_id_from_container",
    "is_container_selector",
    "is_dns_label",
    "is_instance_id",
    "new_instance_id",
    "role_family_matches",
]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__)
