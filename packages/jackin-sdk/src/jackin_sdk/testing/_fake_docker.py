"""`FakeDocker`: an in-memory `DockerApi` that behaves like an engine for the calls it covers.

Use it in unit tests and in scripts' own tests instead of mocking. It keeps images,
containers, networks and volumes in memory and enforces the engine's rules: missing
objects are not found, names conflict, refused capabilities fail the start, objects a
container uses cannot be removed, and an unreachable host is E001. Containers move
created → running → exited; what their processes print and return comes from handlers.
The contract suite (`tests/contract`) runs the same cases here and on a real engine.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

from jackin_sdk.docker import (
    EXEC_OUTPUT_LIMIT,
    LOG_OUTPUT_LIMIT,
    BuildOutput,
    BuildSpec,
    ContainerInfo,
    ContainerSpec,
    ContainerStartError,
    ContainerState,
    ContainerSummary,
    DockerConflict,
    DockerError,
    DockerInUse,
    DockerNotFound,
    ExecResult,
    ImageInfo,
    NetworkSummary,
    RemoveImageResult,
    RunOutcome,
    RunSpec,
    VolumeSummary,
    logs_cut_note,
    state_from_inspect,
)
from jackin_sdk.errors import DockerUnavailable
from jackin_sdk.testing._fake_build import BuildHandler, FakeBuilder
from jackin_sdk.testing._fake_objects import (
    Clock,
    CommandHandler,
    ExecHandler,
    ExecNeverEnds,
    FakeContainer,
    FakeDockerHost,
    FakeExec,
    FakeImage,
    FakeNetwork,
    FakeProcess,
    FakeVolume,
    StartHandler,
    utc_now,
)

__all__ = ["FakeDocker"]

_VALID_NAME = re.compile(r"/?[a-zA-Z0-9][a-zA-Z0-9_.-]+")
_HEX = re.compile(r"[0-9a-f]+")
_PREDEFINED_NETWORKS = ("bridge", "host", "none")


def _succeed(spec: RunSpec) -> RunOutcome:
    del spec
    return RunOutcome(exit_code=0, output="")


def _keep_running(container: FakeContainer) -> FakeProcess:
    del container
    return FakeProcess()


def _exec_succeeds(call: FakeExec) -> ExecResult:
    del call
    return ExecResult(exit_code=0, output="")


class FakeDocker:
    """An in-memory Docker engine implementing `jackin_sdk.docker.DockerApi`.

    `run_handler` plays `run_once` containers, `start_handler` the main process of
    started containers (default: runs until stopped, exits 0 on SIGTERM) and
    `exec_handler` the commands of `exec_capture` (default: exit 0, no output) and
    `build_handler` the instructions of `build_image` (default: every step succeeds).
    `clock` stamps the `created` time of new objects (default: the real UTC time);
    tests age objects by moving it, or by setting `created` on a kept object.
    """

    def __init__(
        self,
        *,
        images: Iterable[str] = (),
        host: FakeDockerHost | None = None,
        run_handler: CommandHandler = _succeed,
        start_handler: StartHandler = _keep_running,
        exec_handler: ExecHandler = _exec_succeeds,
        build_handler: BuildHandler | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self.host = host or FakeDockerHost()
        self.images: dict[str, FakeImage] = {}
        self.containers: dict[str, FakeContainer] = {}
        self.networks: dict[str, FakeNetwork] = {}
        self.volumes: dict[str, FakeVolume] = {}
        self.runs: list[RunSpec] = []
        self.builder = FakeBuilder(build_handler)
        self.execs: list[FakeExec] = []
        self.closed = False
        self._run_handler = run_handler
        self._start_handler = start_handler
        self._exec_handler = exec_handler
        self.clock = clock
        self._ids = itertools.count(1)
        for reference in images:
            self.add_image(reference)
        for name in _PREDEFINED_NETWORKS:
            self.networks[name] = FakeNetwork(
                id=self._new_id(), name=name, builtin=True, created=clock()
            )

    @property
    def endpoint(self) -> str:
        return "fake://docker"

    def _new_id(self) -> str:
        return f"{next(self._ids):064x}"

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

    def engine_id(self) -> str:
        self._require_reachable()
        return self.host.engine_id

    # Images

    def add_image(self, reference: str, *, labels: Mapping[str, str] | None = None) -> FakeImage:
        """Make `reference` present locally (as a build or pull would), with `labels`."""
        tag = _normalise(reference)
        image = FakeImage(id=f"sha256:{hashlib.sha256(tag.encode()).hexdigest()}")
        image.labels = dict(labels or {})
        self.images[tag] = image
        return image

    def _image(self, reference: str) -> FakeImage | None:
        found = self.images.get(_normalise(reference))
        if found is not None:
            return found
        digest = reference.removeprefix("sha256:")
        if not _HEX.fullmatch(digest):
            return None
        matches = {i.id: i for i in self.images.values() if i.id[7:].startswith(digest)}
        return next(iter(matches.values())) if len(matches) == 1 else None

    def inspect_image(self, reference: str) -> ImageInfo | None:
        self._require_reachable()
        image = self._image(reference)
        if image is None:
            return None
        return ImageInfo(id=image.id, labels={k: v for k, v in image.labels.items() if v})

    def image_exists(self, reference: str) -> bool:
        self._require_reachable()
        return self._image(reference) is not None

    def image_tags(self) -> list[str]:
        self._require_reachable()
        return sorted(self.images)

    def image_labels(self, reference: str) -> dict[str, str]:
        self._require_reachable()
        image = self._image(reference)
        return {k: v for k, v in image.labels.items() if v} if image is not None else {}

    def tag_image(self, source: str, target: str) -> None:
        self._require_reachable()
        image = self._image(source)
        if image is None:
            raise DockerNotFound(f"tag {source} as {target}: not found (No such image: {source})")
        self.images[_normalise(target)] = image

    def build_image(self, spec: BuildSpec, output: BuildOutput | None = None) -> str:
        self._require_reachable()
        built = self.builder.build(spec, output, self._image)
        existing = self._image(built.id)
        image = existing if existing is not None else built
        self.images[_normalise(spec.tag)] = image
        return image.id

    def image_id(self, reference: str) -> str | None:
        self._require_reachable()
        image = self._image(reference)
        return image.id if image is not None else None

    def remove_image(self, reference: str) -> RemoveImageResult:
        self._require_reachable()
        image = self._image(reference)
        if image is None:
            return RemoveImageResult.NOT_FOUND
        tags = [tag for tag, other in self.images.items() if other.id == image.id]
        used = any(c.image_id == image.id for c in self.containers.values())
        tag = _normalise(reference)
        if tag in self.images:
            # Untagging one of several tags is allowed even while a container uses the image.
            if used and len(tags) == 1:
                return RemoveImageResult.IN_USE
            del self.images[tag]
            return RemoveImageResult.REMOVED
        if used or len(tags) > 1:
            return RemoveImageResult.IN_USE
        for tag in tags:
            del self.images[tag]
        return RemoveImageResult.REMOVED

    # Containers

    def _refused(self, privileged: bool, cap_add: Sequence[str], cap_drop: Sequence[str]) -> bool:
        refused = set(self.host.refused_capabilities)
        if privileged:
            return bool(refused)
        if "ALL" in cap_add:
            return bool(refused - set(cap_drop))
        return bool(refused & set(cap_add))

    def run_once(
        self, spec: RunSpec, *, timeout: float = 60.0, max_output: int = LOG_OUTPUT_LIMIT
    ) -> RunOutcome:
        del timeout
        self._require_reachable()
        image = self._image(spec.image)
        if image is None:
            raise DockerNotFound(f"run {spec.image}: image not found (No such image)")
        container_id = self._new_id()
        container = FakeContainer(
            id=container_id,
            name=f"fake_{container_id[-8:]}",
            status="created",
            labels=dict(spec.labels),
            image_id=image.id,
            created=self.clock(),
        )
        self.containers[container_id] = container
        self.runs.append(spec)
        try:
            if self._refused(spec.privileged, spec.cap_add, spec.cap_drop):
                raise ContainerStartError(
                    f"run {spec.image}: failed to create shim task: OCI runtime create failed: "
                    "unable to start container process: unable to apply caps: "
                    "operation not permitted"
                )
            container.status = "exited"
            outcome = self._run_handler(spec)
            output, cut = _bounded(outcome.output, max_output)
            return RunOutcome(outcome.exit_code, output, truncated=cut) if cut else outcome
        finally:
            del self.containers[container_id]

    def list_containers(self, labels: Mapping[str, str] | None = None) -> list[ContainerSummary]:
        self._require_reachable()
        return [
            ContainerSummary(
                id=c.id, name=c.name, status=c.status, labels=dict(c.labels), created=c.created
            )
            for c in self.containers.values()
            if _has_labels(c.labels, labels)
        ]

    def _find(self, reference: str) -> FakeContainer | None:
        name = reference.removeprefix("/")
        for container in self.containers.values():
            if name in (container.name, container.id):
                return container
        matches = [c for c in self.containers.values() if name and c.id.startswith(name)]
        return matches[0] if len(matches) == 1 else None

    def _get(self, reference: str, what: str) -> FakeContainer:
        self._require_reachable()
        container = self._find(reference)
        if container is None:
            raise DockerNotFound(f"{what}: not found (No such container: {reference})")
        return container

    def create_container(self, spec: ContainerSpec) -> str:
        self._require_reachable()
        what = f"create container {spec.name or spec.image}"
        image = self._image(spec.image)
        if image is None:
            raise DockerNotFound(f"{what}: image not found (No such image: {spec.image})")
        if spec.name is not None:
            if not _VALID_NAME.fullmatch(spec.name):
                raise DockerError(f"{what}: Invalid container name ({spec.name})")
            taken = self._find(spec.name)
            if taken is not None and taken.name == spec.name.removeprefix("/"):
                raise DockerConflict(
                    f'{what}: Conflict. The container name "/{taken.name}" is already in use '
                    f'by container "{taken.id}"'
                )
        for bind in spec.binds:
            if str(bind).count(":") > 2:  # the engine's `src:dst:mode` parser
                raise DockerError(f"{what}: invalid volume specification: '{bind}'")
        for bind in spec.binds:
            if bind.is_volume and bind.source not in self.volumes:
                self.volumes[bind.source] = FakeVolume(name=bind.source, created=self.clock())
        container_id = self._new_id()
        self.containers[container_id] = FakeContainer(
            id=container_id,
            name=(spec.name or f"fake_{container_id[-8:]}").removeprefix("/"),
            status="created",
            labels=dict(spec.labels),
            spec=spec,
            image_id=image.id,
            created=self.clock(),
        )
        return container_id

    def start_container(self, container: str) -> None:
        what = f"start {container}"
        found = self._get(container, what)
        if found.status in {"running", "restarting"}:
            return
        if found.status == "paused":
            raise ContainerStartError(f"{what}: cannot start a paused container")
        network = self.networks.get(found.network)
        if network is None or found.network_id not in (None, network.id):
            # Once started, a container refers to its network by id, as the engine does.
            found.exit_code = 128
            missing = found.network_id or found.network
            raise DockerNotFound(f"{what}: not found (network {missing} not found)")
        spec = found.spec
        if spec is not None and self._refused(spec.privileged, spec.cap_add, spec.cap_drop):
            found.exit_code = 128
            raise ContainerStartError(
                f"{what}: OCI runtime create failed: unable to apply caps: operation not permitted"
            )
        found.network_id = network.id
        process = self._start_handler(found)
        found.append_log(process.output)
        found.handles_sigterm = process.handles_sigterm
        found.oom_killed = False
        if process.exit_code is None:
            found.status = "running"
        else:
            found.status, found.exit_code = "exited", process.exit_code

    def stop_container(self, container: str, timeout: int = 10) -> None:
        found = self._get(container, f"stop {container}")
        if found.active:
            found.status = "exited"
            found.exit_code = 0 if found.handles_sigterm and timeout > 0 else 137

    def exit_container(
        self, container: str, exit_code: int = 0, *, oom_killed: bool = False
    ) -> None:
        """Simulate the main process ending by itself (a crash, the OOM killer, a clean exit)."""
        found = self._get(container, f"exit {container}")
        if not found.active:
            raise DockerConflict(f"exit {container}: container is not running")
        found.status, found.exit_code, found.oom_killed = "exited", exit_code, oom_killed

    def remove_container(self, container: str, *, force: bool = True) -> bool:
        self._require_reachable()
        found = self._find(container)
        if found is None:
            return False
        if found.active and not force:
            raise DockerConflict(
                f"remove container {container}: You cannot remove a running container "
                f"{found.id}. Stop the container before attempting removal or force remove"
            )
        del self.containers[found.id]
        return True

    def inspect_container(self, container: str) -> ContainerInfo:
        found = self._get(container, f"inspect container {container}")
        return ContainerInfo(
            id=found.id,
            name=found.name,
            image=found.spec.image if found.spec else "",
            image_id=found.image_id,
            labels=dict(found.labels),
            state=state_from_inspect(found.inspect_document()),
        )

    def inspect_container_state(self, container: str) -> ContainerState:
        try:
            found = self._get(container, f"inspect container {container}")
        except (DockerError, DockerUnavailable) as exc:
            return state_from_inspect(exc)
        return state_from_inspect(found.inspect_document())

    def container_logs(
        self, container: str, tail: int | None = None, *, max_output: int = LOG_OUTPUT_LIMIT
    ) -> str:
        found = self._get(container, f"logs of {container}")
        logs = found.logs
        if tail is not None:
            logs = "".join(logs.splitlines(keepends=True)[-tail:]) if tail > 0 else ""
        logs, cut = _bounded(logs, max_output)
        return logs + (logs_cut_note(max_output) if cut else "")

    def exec_capture(
        self,
        container: str,
        argv: Sequence[str],
        *,
        user: str | None = None,
        max_output: int = EXEC_OUTPUT_LIMIT,
        timeout: float | None = None,
    ) -> ExecResult:
        what = f"exec {argv[0] if argv else ''} in {container}"
        found = self._get(container, what)
        if not argv:
            raise DockerError(f"{what}: No exec command specified")
        if found.status == "paused":
            raise DockerConflict(f"{what}: Container {found.name} is paused")
        if found.status != "running":
            raise DockerConflict(f"{what}: Container {found.id} is not running")
        call = FakeExec(
            container=found, argv=tuple(argv), user=user, max_output=max_output, timeout=timeout
        )
        self.execs.append(call)
        try:
            result = self._exec_handler(call)
        except ExecNeverEnds as never:
            if timeout is None:
                raise AssertionError(
                    f"{what} never ends and exec_capture was given no timeout: "
                    "on a real engine the caller would hang"
                ) from None
            output, _ = _bounded(never.output, max_output)
            return ExecResult(-1, output, timed_out=True)
        output, cut = _bounded(result.output, max_output)
        # As the engine: a command that writes too much is abandoned, its exit code unknown.
        return ExecResult(-1, output, truncated=True) if cut else result

    # Networks

    def create_network(
        self, name: str, *, labels: Mapping[str, str], internal: bool = False
    ) -> str:
        self._require_reachable()
        if name in self.networks:
            raise DockerConflict(f"create network {name}: network with name {name} already exists")
        network = FakeNetwork(
            id=self._new_id(),
            name=name,
            labels=dict(labels),
            internal=internal,
            created=self.clock(),
        )
        self.networks[name] = network
        return network.id

    def remove_network(self, name: str) -> bool:
        self._require_reachable()
        network = self.networks.get(name)
        if network is None:
            return False
        what = f"remove network {name}"
        if network.builtin:
            raise DockerError(f"{what}: {name} is a pre-defined network and cannot be removed")
        # Only running containers hold endpoints; a stopped one does not keep a network.
        if any(c.active and c.network == name for c in self.containers.values()):
            raise DockerInUse(f"{what}: network {name} id {network.id} has active endpoints")
        del self.networks[name]
        return True

    def list_networks(self, labels: Mapping[str, str] | None = None) -> list[NetworkSummary]:
        self._require_reachable()
        return [
            NetworkSummary(name=n.name, labels=dict(n.labels), created=n.created)
            for n in self.networks.values()
            if _has_labels(n.labels, labels)
        ]

    def network_exists(self, name: str) -> bool:
        self._require_reachable()
        return name in self.networks

    # Volumes

    def create_volume(self, name: str, *, labels: Mapping[str, str]) -> None:
        self._require_reachable()
        if name not in self.volumes:
            self.volumes[name] = FakeVolume(name=name, labels=dict(labels), created=self.clock())

    def remove_volume(self, name: str) -> bool:
        self._require_reachable()
        if name not in self.volumes:
            return False
        users = [
            c.id
            for c in self.containers.values()
            if c.spec is not None and any(b.is_volume and b.source == name for b in c.spec.binds)
        ]
        if users:
            raise DockerInUse(f"remove volume {name}: volume is in use - {users}")
        del self.volumes[name]
        return True

    def list_volumes(self, labels: Mapping[str, str] | None = None) -> list[VolumeSummary]:
        self._require_reachable()
        return [
            VolumeSummary(name=v.name, labels=dict(v.labels), created=v.created)
            for v in self.volumes.values()
            if _has_labels(v.labels, labels)
        ]


def _has_labels(labels: Mapping[str, str], wanted: Mapping[str, str] | None) -> bool:
    return all(labels.get(k) == v for k, v in (wanted or {}).items())


def _normalise(reference: str) -> str:
    last = reference.rsplit("/", 1)[-1]
    return reference if ":" in last or "@" in last else f"{reference}:latest"


def _bounded(text: str, limit: int) -> tuple[str, bool]:
    """The first `limit` bytes of `text` (UTF-8) and whether it had more, as a reader
    bounded at `limit` bytes of the stream sees it."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text, False
    return data[:limit].decode("utf-8", "replace"), True
