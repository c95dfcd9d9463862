"""The Docker error family, under `JackinError`.

    DockerError             the engine answered with an error jackin did not expect
    ├── DockerNotFound      no such image, container, network or volume (404)
    ├── DockerConflict      a name is already taken, or the object is in the wrong state (409)
    ├── DockerInUse         a network, volume or image is still used by a container
    └── ContainerStartError the container exists but the engine could not start it

An unreachable engine is not a `DockerError`: it is `jackin_sdk.errors.DockerUnavailable`
(E001), which names the endpoint that was tried.
"""

from __future__ import annotations

from jackin_sdk.errors import JackinError

__all__ = [
    "ContainerStartError",
    "DockerConflict",
    "DockerError",
    "DockerInUse",
    "DockerNotFound",
]


class DockerError(JackinError):
    """The engine answered with an error jackin did not expect."""


class DockerNotFound(DockerError):
    """The image, container, network or volume does not exist."""


class DockerConflict(DockerError):
    """A name is already taken, or the object is in a state that forbids the call."""


class DockerInUse(DockerError):
    """A network, volume or image cannot be removed while a container uses it."""


class ContainerStartError(DockerError):
    """The engine created a container but could not start it (e.g. refused capabilities)."""
