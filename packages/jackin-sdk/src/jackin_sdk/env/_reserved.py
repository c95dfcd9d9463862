"""Names the jackin runtime sets itself, which operator env may never declare (§6.4)."""

from __future__ import annotations

from collections.abc import Sequence

from jackin_sdk.env._errors import EnvError
from jackin_sdk.env._layers import EnvLayer

__all__ = ["RESERVED_ENV_NAMES", "check_reserved", "is_reserved"]

RESERVED_ENV_NAMES: frozenset[str] = frozenset(
    {
        "JACKIN",
        "JACKIN_DIND_HOSTNAME",
        "JACKIN_CONTAINER_NAME",
        "JACKIN_INSTANCE_ID",
        "JACKIN_AGENT",
        "JACKIN_AGENT_CODENAME",
        "JACKIN_ROLE",
        "JACKIN_WORKDIR",
        "JACKIN_GIT_COAUTHOR_TRAILER",
        "JACKIN_GIT_DCO",
        "DOCKER_HOST",
        "DOCKER_TLS_VERIFY",
        "DOCKER_CERT_PATH",
        "TESTCONTAINERS_HOST_OVERRIDE",
        "JACKIN_NETWORK_MODE",
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
