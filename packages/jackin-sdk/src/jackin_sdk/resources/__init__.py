"""Names, labels and ownership of the Docker objects jackin creates for an instance."""

from jackin_sdk.resources._labels import (
    LABEL_CLASS,
    LABEL_DISPLAY_NAME,
    LABEL_HOME,
    LABEL_HOME_PATH,
    LABEL_KIND,
    LABEL_MANAGED,
    LABEL_ROLE,
    ResourceKind,
    home_labels,
    managed_labels,
    probe_labels,
)
from jackin_sdk.resources._names import InstanceResources
from jackin_sdk.resources._owner import ForeignObject, Owner, Ownership, instance_of, whose

__all__ = [
    "LABEL_CLASS",
    "LABEL_DISPLAY_NAME",
    "LABEL_HOME",
    "LABEL_HOME_PATH",
    "LABEL_KIND",
    "LABEL_MANAGED",
    "LABEL_ROLE",
    "ForeignObject",
    "InstanceResources",
    "Owner",
    "Ownership",
    "ResourceKind",
    "home_labels",
    "instance_of",
    "managed_labels",
    "probe_labels",
    "whose",
]
