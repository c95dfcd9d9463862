"""Instances: names, name claims, state dirs, manifests and the instance index.

`InstanceStore` owns everything an instance keeps on the host under `<data>`
(`~/.jackin/data`): the name lock `<c>.lock`, the state dir `<c>/` with its manifest
`.jackin/instance.json` (version 2) and the index `instances.json` (version 1), in the
reference's formats. Docker is only asked (through a `DockerApi`) whether a name is free
and which role containers exist.
"""

from jackin_sdk.instances._claim import ClaimedInstance
from jackin_sdk.instances._drift import DriftReport, StaleRow
from jackin_sdk.instances._files import InstanceFileError
from jackin_sdk.instances._index import INDEX_VERSION, IndexRow
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
from jackin_sdk.instances._status import InstanceStatus
from jackin_sdk.instances._store import InstanceStore

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
