"""Names the jackin runtime sets itself, which operator env may never declare (§6.4)."""

from __future__ import annotations

from collections.abc import Sequence

from jackin_capsule.contract import RESERVED_CONTAINER_ENV
from jackin_sdk.env._errors import EnvError
from jackin_sdk.env._layers import EnvLayer

__all__ = ["RESERVED_ENV_NAMES", "check_reserved", "is_reserved"]

RESERVED_ENV_NAMES: frozenset[str] = frozenset(
    {
        # What the host and the capsule set in the container (`jackin_capsule.contract`).
        *RESERVED_CONTAINER_ENV,
        # The Docker-in-Docker sidecar's address.
        "JACKIN_DIND_HOSTNAME",
        "DOCKER_HOST",
        "DOCKER_TLS_VERIFY",
        "DOCKER_CERT_PATH",
        "TESTCONTAINERS_HOST_OVERRIDE",
        # The network policy's (spec config §6.4).
        "JACKIN_ALLOWED_HOSTS",
        "JACKIN_FIREWALL_INSTALLED",
        "JACKIN_NETWORK_ENFORCEMENT",
        "JACKIN_SUDO",
    }
)


def is_reserved(name: str) -> bool:
    """Whether `name` is set by the jackin runtime and so cannot be operator env."""
    return name in RESERVED_ENV_NAMES


def check_reserved(layers: Sequence[EnvLayer]) -> None:
    """Raise one `EnvError` listing every reserved name declared in any of `layers`."""
    offences = [
        f'"{key}" is reserved by the jackin runtime; declared in {layer.label}'
        for layer in layers
        for key in layer.values
        if is_reserved(key)
    ]
    if offences:
        raise EnvError(offences)
