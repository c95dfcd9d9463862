"""`FakeDocker`: an in-memory `DockerApi` that behaves like an engine for the calls it covers.

Use it in unit tests and in scripts' own tests instead of mocking. It keeps images and
containers in memory, enforces the same errors as the engine (missing image → not found,
refused capabilities → start error, unreachable → E001) and records every `run_once`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from jackin_sdk.docker import (
    ContainerStartError,
    ContainerSummary,
    DockerNotFound,
    RunOutcome,
    RunSpec,
)
from jackin_sdk.errors import DockerUnavailable

__all__ = ["FakeDocker", "FakeDockerHost"]

CommandHandler = Callable[[RunSpec], RunOutcome]


def _succeed(spec: RunSpec) -> RunOutcome:
    del spec
    return RunOutcome(exit_code=0, output="")


@dataclass
class FakeDockerHost:
    """What the simulated host allows: capabilities it cannot grant, reachability."""

    refused_capabilities: frozenset[str] = frozenset()
    reachable: bool = True
    version: str = "20.10.24"


@dataclass
class _FakeContainer:
    id: str
    name: str
    status: str
    labels: dict[str, str] = field(default_factory=dict)


class FakeDocker:
    """An in-memory Docker engine implementing `jackin_sdk.docker.DockerApi`."""

    def __init__(
        self,
        *,
        images: Iterable[str] = (),
        host: FakeDockerHost | None = None,
        run_handler: CommandHandler = _succeed,
    ) -> None:
        self.host = host or FakeDockerHost()
        self.images: set[str] = {_normalise(ref) for ref in images}
        self.containers: dict[str, _FakeContainer] = {}
        self.runs: list[RunSpec] = []
        self.closed = False
        self._run_handler = run_handler
        self._ids = itertools.count(1)

    @property
    def endpoint(self) -> str:
        return "fake://docker"

    def _require_reachable(self) -> None:
        if not self.host.reachable:
            raise DockerUnavailable(self.endpoint, "connection refused")

    def ping(self) -> None:
        self._require_reachable()

    def close(self) -> None:
        self.closed = True

    def server_version(self) -> str:
        self._require_reachable()
        return self.host.version

    def image_exists(self, reference: str) -> bool:
        self._require_reachable()
        return _normalise(reference) in self.images

    def image_tags(self) -> list[str]:
        self._require_reachable()
        return sorted(self.images)

    def _refused(self, spec: RunSpec) -> set[str]:
        refused = set(self.host.refused_capabilities)
        if spec.privileged:
            return refused
        if "ALL" in spec.cap_add:
            return refused - set(spec.cap_drop)
        return refused & set(spec.cap_add)

    def run_once(self, spec: RunSpec, *, timeout: float = 60.0) -> RunOutcome:
        del timeout
        self._require_reachable()
        if _normalise(spec.image) not in self.images:
            raise DockerNotFound(f"run {spec.image}: image not found (No such image)")
        container_id = f"{next(self._ids):064x}"
        container = _FakeContainer(
            id=container_id,
            name=f"fake_{container_id[-8:]}",
            status="created",
            labels=dict(spec.labels),
        )
        self.containers[container_id] = container
        self.runs.append(spec)
        try:
            if self._refused(spec):
                raise ContainerStartError(
                    f"run {spec.image}: failed to create shim task: OCI runtime create failed: "
                    "unable to start container process: unable to apply caps: "
                    "operation not permitted"
                )
            container.status = "exited"
            return self._run_handler(spec)
        finally:
            del self.containers[container_id]

    def list_containers(self, labels: Mapping[str, str] | None = None) -> list[ContainerSummary]:
        self._require_reachable()
        wanted = dict(labels or {})
        return [
            ContainerSummary(id=c.id, name=c.name, status=c.status, labels=dict(c.labels))
            for c in self.containers.values()
            if all(c.labels.get(k) == v for k, v in wanted.items())
        ]


def _normalise(reference: str) -> str:
    last = reference.rsplit("/", 1)[-1]
    return reference if ":" in last or "@" in last else f"{reference}:latest"
