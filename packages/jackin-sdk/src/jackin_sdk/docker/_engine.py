"""`DockerApi` on a real engine, through docker-py's low-level API (`_client`).

One `EngineDocker` keeps one connection pool for its whole life (the launch shares it
with its background thread). docker-py is imported when the first call needs the engine,
never when this module is imported, and its exceptions never leave `_client.translate`.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from jackin_sdk.debug import tracer
from jackin_sdk.docker._build import BuildOutput, BuildSpec
from jackin_sdk.docker._client import (
    Cut,
    Doc,
    EngineClient,
    context_host,
    labels_of,
    open_client,
    section,
    text,
    translate,
)
from jackin_sdk.docker._engine_build import stream_build
from jackin_sdk.docker._errors import (
    ContainerStartError,
    DockerConflict,
    DockerError,
    DockerInUse,
    DockerNotFound,
)
from jackin_sdk.docker._state import ContainerState, state_from_inspect
from jackin_sdk.docker._types import (
    _UNKNOWN_TIME,
    EXEC_OUTPUT_LIMIT,
    LOG_OUTPUT_LIMIT,
    ContainerInfo,
    ContainerSpec,
    ContainerSummary,
    ExecResult,
    ImageInfo,
    NetworkSummary,
    RemoveImageResult,
    RunOutcome,
    RunSpec,
    VolumeSummary,
    logs_cut_note,
)
from jackin_sdk.errors import DockerUnavailable, JackinError

__all__ = ["EngineDocker", "connect_engine", "resolve_endpoint"]

_T = TypeVar("_T")
_log = tracer("docker")
_DEFAULT_SOCKET = "unix:///var/run/docker.sock"
_EXEC_EXIT_POLLS = 50
_UNTAGGED = "<none>:<none>"


def _current_context(env: Mapping[str, str]) -> str | None:
    """The docker CLI's current context name (`DOCKER_CONTEXT`, else its config file)."""
    if env.get("DOCKER_CONTEXT"):
        return env["DOCKER_CONTEXT"]
    folder = Path(env["DOCKER_CONFIG"]) if env.get("DOCKER_CONFIG") else Path.home() / ".docker"
    try:
        import json  # noqa: PLC0415

        data = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    current = data.get("currentContext") if isinstance(data, dict) else None
    return current if isinstance(current, str) and current else None


def resolve_endpoint(env: Mapping[str, str] | None = None) -> str:
    """The engine URL: `DOCKER_HOST`, else the current docker context, else the socket.

    The docker CLI's config is read directly; docker-py's context store is consulted only
    when a non-default context is current.
    """
    env = os.environ if env is None else env
    if env.get("DOCKER_HOST"):
        return env["DOCKER_HOST"]
    if _current_context(env) in (None, "default"):
        return _DEFAULT_SOCKET
    try:
        host = context_host()
    except Exception:
        return _DEFAULT_SOCKET
    return host or _DEFAULT_SOCKET


class EngineDocker:
    """A `DockerApi` backed by a real engine (honours `DOCKER_HOST`, TLS vars and contexts)."""

    def __init__(self, *, timeout: float = 60.0, env: Mapping[str, str] | None = None) -> None:
        self._env = dict(os.environ if env is None else env)
        self._timeout = timeout
        self._endpoint = resolve_endpoint(self._env)
        self._client: EngineClient | None = None
        self._opening = threading.Lock()

    @property
    def endpoint(self) -> str:
        return self._endpoint

    def close(self) -> None:
        """Close the connection pool; the object can reconnect on next use."""
        with self._opening:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    def __enter__(self) -> EngineDocker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _connected(self) -> EngineClient:
        """The client, opened on first use (once, even when two threads ask at once)."""
        client = self._client
        if client is not None:
            return client
        with self._opening:
            if self._client is None:
                if self._endpoint.startswith("unix://"):
                    self._probe_socket(self._endpoint.removeprefix("unix://"))
                _log.debug("docker connect (%s)", self._endpoint)
                self._client = open_client(self._endpoint, self._env, self._timeout)
            return self._client

    def _probe_socket(self, path: str) -> None:
        """Check something listens on the engine's socket before docker-py is imported.

        An engine that is not there costs no import, and docker-py leaks the socket of a
        refused unix connection (a `ResourceWarning`), which this closed probe avoids.
        """
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(self._timeout)
            try:
                probe.connect(path)
            except FileNotFoundError:
                raise DockerUnavailable(self._endpoint, f"{path} does not exist") from None
            except OSError as exc:
                raise DockerUnavailable(self._endpoint, exc.strerror or str(exc)) from None

    def _call(self, what: str, fn: Callable[[EngineClient], _T]) -> _T:
        """`fn(client)`, with any library error mapped into the jackin error tree."""
        client = self._connected()
        _log.debug("docker %s (%s)", what, self._endpoint)
        try:
            return fn(client)
        except Exception as exc:
            translated = translate(self._endpoint, what, exc)
            _log.debug("  docker %s failed: %s", what, translated)
            if translated is exc:
                raise
            raise translated from None

    def _absent_ok(self, what: str, fn: Callable[[EngineClient], object]) -> bool:
        """Run a removal; `False` when the object was already gone."""
        try:
            self._call(what, fn)
        except DockerNotFound:
            return False
        return True

    def ping(self) -> None:
        if self._client is None:
            self._connected()  # connecting asks the engine for its API version
        else:
            self._call("ping", lambda c: c.version())

    def server_version(self) -> str:
        return text(self._call("version", lambda c: c.version()), "Version")

    def engine_id(self) -> str:
        return text(self._call("info", lambda c: c.info()), "ID")

    # Images

    def inspect_image(self, reference: str) -> ImageInfo | None:
        try:
            info = self._call(f"inspect image {reference}", lambda c: c.inspect_image(reference))
        except DockerNotFound:
            return None
        labels = labels_of(section(info, "Config").get("Labels"))
        return ImageInfo(id=text(info, "Id"), labels={k: v for k, v in labels.items() if v})

    def image_exists(self, reference: str) -> bool:
        return self.inspect_image(reference) is not None

    def image_tags(self) -> list[str]:
        images = self._call("list images", lambda c: c.images())
        tags = (tag for image in images for tag in _strings(image.get("RepoTags")))
        return sorted(tag for tag in tags if tag != _UNTAGGED)

    def image_labels(self, reference: str) -> dict[str, str]:
        info = self.inspect_image(reference)
        return dict(info.labels) if info is not None else {}

    def tag_image(self, source: str, target: str) -> None:
        repository, tag = _split_reference(target)
        self._call(f"tag {source} as {target}", lambda c: c.tag(source, repository, tag))

    def build_image(self, spec: BuildSpec, output: BuildOutput | None = None) -> str:
        return self._call(f"build {spec.tag}", lambda c: stream_build(c, spec, output))

    def image_id(self, reference: str) -> str | None:
        info = self.inspect_image(reference)
        return info.id if info is not None else None

    def remove_image(self, reference: str) -> RemoveImageResult:
        try:
            self._call(f"remove image {reference}", lambda c: c.remove_image(reference))
        except DockerNotFound:
            return RemoveImageResult.NOT_FOUND
        except (DockerInUse, DockerConflict):
            return RemoveImageResult.IN_USE
        return RemoveImageResult.REMOVED

    # Containers

    def run_once(
        self, spec: RunSpec, *, timeout: float = 60.0, max_output: int = LOG_OUTPUT_LIMIT
    ) -> RunOutcome:
        what = f"run {spec.image}"
        container = self._call(what, lambda c: c.create_run_container(spec))
        try:
            self._start(lambda: self._call(what, lambda c: c.start(container)))
            status = self._call(what, lambda c: c.wait(container, timeout))
            logs, cut = self._call(what, lambda c: c.logs(container, None, max_output))
            code = status.get("StatusCode")
            return RunOutcome(
                exit_code=code if isinstance(code, int) else -1,
                output=logs.decode("utf-8", "replace"),
                truncated=cut is Cut.SIZE,
            )
        finally:
            self._call(
                f"remove {container[:12]}", lambda c: c.remove_container(container, force=True)
            )

    def list_containers(self, labels: Mapping[str, str] | None = None) -> list[ContainerSummary]:
        return [_summary(c) for c in self._call("list containers", lambda c: c.containers(labels))]

    def create_container(self, spec: ContainerSpec) -> str:
        what = f"create container {spec.name or spec.image}"
        return self._call(what, lambda c: c.create_container(spec))

    def _start(self, start: Callable[[], object]) -> None:
        """Run a start call; a refusal becomes `ContainerStartError` (not-found stays)."""
        try:
            start()
        except DockerError as exc:
            if isinstance(exc, DockerNotFound):
                raise
            raise ContainerStartError(exc.message) from None

    def start_container(self, container: str) -> None:
        self._start(lambda: self._call(f"start {container}", lambda c: c.start(container)))

    def stop_container(self, container: str, timeout: int = 10) -> None:
        self._call(f"stop {container}", lambda c: c.stop(container, timeout))

    def remove_container(self, container: str, *, force: bool = True) -> bool:
        return self._absent_ok(
            f"remove container {container}", lambda c: c.remove_container(container, force=force)
        )

    def _inspect(self, container: str) -> Doc:
        return self._call(
            f"inspect container {container}", lambda c: c.inspect_container(container)
        )

    def inspect_container(self, container: str) -> ContainerInfo:
        info = self._inspect(container)
        config = section(info, "Config")
        return ContainerInfo(
            id=text(info, "Id"),
            name=text(info, "Name").removeprefix("/"),
            image=text(config, "Image"),
            image_id=text(info, "Image"),
            labels=labels_of(config.get("Labels")),
            state=state_from_inspect(info),
        )

    def inspect_container_state(self, container: str) -> ContainerState:
        try:
            return state_from_inspect(self._inspect(container))
        except JackinError as exc:
            return state_from_inspect(exc)

    def container_logs(
        self, container: str, tail: int | None = None, *, max_output: int = LOG_OUTPUT_LIMIT
    ) -> str:
        logs, cut = self._call(
            f"logs of {container}", lambda c: c.logs(container, tail, max_output)
        )
        note = logs_cut_note(max_output) if cut is Cut.SIZE else ""
        return logs.decode("utf-8", "replace") + note

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

        def run(client: EngineClient) -> ExecResult:
            exec_id = client.exec_create(container, argv, user)
            output, cut = client.exec_start(exec_id, max_output, timeout)
            if cut is not Cut.NONE:  # abandoned: its exit code is not waited for
                _log.debug("  docker %s: stopped reading (%s)", what, cut.value)
                return ExecResult(
                    -1,
                    output.decode("utf-8", "replace"),
                    truncated=cut is Cut.SIZE,
                    timed_out=cut is Cut.TIME,
                )
            # The stream can end a moment before the engine records the exit code.
            for _ in range(_EXEC_EXIT_POLLS):
                info = client.exec_inspect(exec_id)
                code = info.get("ExitCode")
                if isinstance(code, int) and not info.get("Running"):
                    return ExecResult(code, output.decode("utf-8", "replace"))
                time.sleep(0.02)
            raise DockerError(f"{what}: the engine reported no exit code")

        return self._call(what, run)

    # Networks

    def create_network(
        self, name: str, *, labels: Mapping[str, str], internal: bool = False
    ) -> str:
        return self._call(
            f"create network {name}", lambda c: c.create_network(name, labels, internal=internal)
        )

    def remove_network(self, name: str) -> bool:
        return self._absent_ok(f"remove network {name}", lambda c: c.remove_network(name))

    def list_networks(self, labels: Mapping[str, str] | None = None) -> list[NetworkSummary]:
        return [
            NetworkSummary(
                name=text(n, "Name"),
                labels=labels_of(n.get("Labels")),
                created=_engine_time(n.get("Created")),
            )
            for n in self._call("list networks", lambda c: c.networks(labels))
        ]

    def network_exists(self, name: str) -> bool:
        try:
            self._call(f"inspect network {name}", lambda c: c.inspect_network(name))
        except DockerNotFound:
            return False
        return True

    # Volumes

    def create_volume(self, name: str, *, labels: Mapping[str, str]) -> None:
        self._call(f"create volume {name}", lambda c: c.create_volume(name, labels))

    def remove_volume(self, name: str) -> bool:
        return self._absent_ok(f"remove volume {name}", lambda c: c.remove_volume(name))

    def list_volumes(self, labels: Mapping[str, str] | None = None) -> list[VolumeSummary]:
        return [
            VolumeSummary(
                name=text(v, "Name"),
                labels=labels_of(v.get("Labels")),
                created=_engine_time(v.get("CreatedAt")),
            )
            for v in self._call("list volumes", lambda c: c.volumes(labels))
        ]


def connect_engine() -> EngineDocker:
    """The engine of the current environment, checked to answer (E001 naming it if not)."""
    docker = EngineDocker()
    docker.ping()
    return docker


def _summary(raw: Doc) -> ContainerSummary:
    """A container as the list endpoint describes it."""
    names = _strings(raw.get("Names"))
    return ContainerSummary(
        id=text(raw, "Id"),
        name=names[0].lstrip("/") if names else "",
        status=text(raw, "State"),
        labels=labels_of(raw.get("Labels")),
        created=_engine_time(raw.get("Created")),
    )


def _strings(value: object) -> list[str]:
    """A JSON list of strings (`[]` when absent or null)."""
    return [str(item) for item in value] if isinstance(value, list) else []


def _engine_time(value: object) -> dt.datetime:
    """An engine timestamp (RFC 3339 with nanoseconds, or Unix seconds) as UTC."""
    try:
        if isinstance(value, int | float):
            return dt.datetime.fromtimestamp(value, dt.UTC)
        if isinstance(value, str) and value:
            parsed = dt.datetime.fromisoformat(value)
            return parsed.astimezone(dt.UTC) if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    except (ValueError, OverflowError, OSError):
        pass
    return _UNKNOWN_TIME


def _split_reference(reference: str) -> tuple[str, str]:
    """`name[:tag]` → (name, tag), defaulting the tag to `latest`."""
    name, _, last = reference.rpartition("/")
    if ":" in last:
        last, tag = last.split(":", 1)
        return (f"{name}/{last}" if name else last), tag
    return reference, "latest"
