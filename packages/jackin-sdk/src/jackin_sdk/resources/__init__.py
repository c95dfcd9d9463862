"""Names and labels of the Docker objects jackin creates for an instance."""

from jackin_sdk.resources._labels import (
    LABEL_CLASS,
    LABEL_DISPLAY_NAME,
    LABEL_KIND,
    LABEL_MANAGED,
    LABEL_ROLE,
    ResourceKind,
    managed_labels,
    probe_labels,
)
from jackin_sdk.resources._names import InstanceResources

__all__ = [
    "LABEL_CLASS",
    "LABEL_DISPLAY_NAME",
    "LABEL_KIND",
    "LABEL_MANAGED",
    "LABEL_ROLE",
    "InstanceResources",
    "ResourceKind",
    "managed_labels",
    "probe_labels",
]
