"""Names of the Docker objects of one instance (spec runtime §1.2)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["InstanceResources"]


@dataclass(frozen=True, slots=True)
class InstanceResources:
    """The role container `<c>` and the objects named after it."""

    container: str

    @property
    def network(self) -> str:
        """The instance's private bridge network `<c>-net`."""
        return f"{self.container}-net"

    @property
    def sidecar(self) -> str:
        """The DinD sidecar `<c>-dind` (also its DNS name on the network)."""
        return f"{self.container}-dind"

    @property
    def certs_volume(self) -> str:
        """`<c>-dind-certs`: the reference's certificate volume, removed by GC if found."""
        return f"{self.container}-dind-certs"
