"""`DockerApi` on the docker SDK. docker-py's exceptions never leave this module."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from jackin_sdk.debug import tracer
from jackin_sdk.docker._build import BuildOutput, BuildSpec
from jackin_sdk.docker._direct import DirectApi
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
    ContainerInfo,
    ContainerSpec,
    ContainerSummary,
    ExecResult,
    NetworkSummary,
    RemoveImageResult,
    RunOutcome,
    RunSpec,
    VolumeSummary,
)
from jackin_sdk.docker._unix_http import UnixHttpError
from jackin_sdk.errors import DockerUnavailable, JackinError

if TYPE_CHECKING:
    import docker

__all__ = ["EngineDocker", "connect_engine", "resolve_endpoint"]

_T = TypeVar("_T")
_log = tracer("docker")
_DEFAULT_SOCKET = "unix:///var/run/docker.sock"
_BOOTSTRAP_API = "1.24"
# What engines say when a network, volume or image is still used (403 or 409 by version).
_IN_USE_PHRASES = ("has active endpoints", "volume is in use", "is being used by")
_EXEC_EXIT_POLLS = 50


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

    The docker CLI's config is read directly; docker-py (~0.4 s to import) is loaded only
    when a non-default context must be resolved.
    """
    env = os.environ if env is None else env
    if env.get("DOCKER_HOST"):
        return env["DOCKER_HOST"]
    if _current_context(env) in (None, "default"):
        return _DEFAULT_SOCKET
    try:
        from docker.context import ContextAPI  # noqa: PLC0415 - heavy import, only when needed

        context = ContextAPI.get_current_context()
    except Exception:
        return _DEFAULT_SOCKET
    host = getattr(context, "Host", None) if context is not None else None
    return str(host) if host else _DEFAULT_SOCKET


class EngineDocker:
    """A `DockerApi` backed by a real engine (honours `DOCKER_HOST`, TLS vars and contexts)."""

    def __init__(self, *, timeout: float = 60.0, env: Mapping[str, str] | None = None) -> None:
        self._env = dict(os.environ if env is None else env)
        self._timeout = timeout
        self._endpoint = resolve_endpoint(self._env)
        self._client: docker.DockerClient | None = None

    @property
    def endpoint(self) -> str:
        return self._endpoint

    def close(self) -> None:
        """Close the connection pool; the object can reconnect on next use."""
        client, self._client = self._client, None
        if client is not None:
            client.close()

    def __enter__(self) -> EngineDocker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _docker(self) -> docker.DockerClient:
        if self._client is None:
            import docker  # noqa: PLC0415 - ~400 ms; kept off paths that do not talk to Docker

            if self._endpoint.startswith("unix://"):
                socket_path = Path(self._endpoint.removeprefix("unix://"))
                if not socket_path.exists():
                    # Checked here: docker-py leaks the socket of a failed unix connect.
                    raise DockerUnavailable(self._endpoint, f"{socket_path} does not exist")
            env = {**self._env, "DOCKER_HOST": self._endpoint}
            try:
                # A pinned version skips docker-py's negotiation in the constructor, which
                # leaks its socket when the engine is down; we negotiate ourselves below.
                client = docker.from_env(
                    environment=env, timeout=int(self._timeout), version=_BOOTSTRAP_API
                )
            except docker.errors.DockerException as exc:
                raise DockerUnavailable(self._endpoint, _reason(exc)) from None
            try:
                server = client.api.version(api_version=False)
            except Exception as exc:
                client.close()
                raise self._translate("negotiate API version", exc) from None
            client.api._version = str(server.get("ApiVersion") or _BOOTSTRAP_API)
            self._client = client
        return self._client

    def _api(self) -> Any:
        """The low-level `APIClient` (untyped in docker-py)."""
        return self._docker().api

    def _translate(self, what: str, exc: Exception) -> Exception:
        """Map a docker-py or transport exception into the jackin error tree."""
        import docker.errors  # noqa: PLC0415
        import requests.exceptions  # noqa: PLC0415

        if isinstance(exc, docker.errors.ImageNotFound):
            return DockerNotFound(f"{what}: image not found ({_reason(exc)})")
        if isinstance(exc, docker.errors.NotFound):
            return DockerNotFound(f"{what}: not found ({_reason(exc)})")
        if isinstance(exc, docker.errors.APIError):
            return _api_error(what, exc.status_code, _reason(exc))
        if isinstance(exc, requests.exceptions.ConnectionError | docker.errors.DockerException):
            return DockerUnavailable(self._endpoint, _reason(exc))
        return exc

    def _call(self, what: str, fn: Callable[[], _T]) -> _T:
        self._docker()
        _log.debug("docker %s (%s)", what, self._endpoint)
        try:
            return fn()
        except Exception as exc:
            translated = self._translate(what, exc)
            _log.debug("  docker %s failed: %s", what, translated)
            raise translated from None

    def _absent_ok(self, what: str, fn: Callable[[], object]) -> bool:
        """Run a removal; `False` when the object was already gone."""
        try:
            self._call(what, fn)
        except DockerNotFound:
            return False
        return True

    def ping(self) -> None:
        if self._endpoint.startswith("unix://"):
            self._call_api("ping", lambda api: api.version())
            return
        self._call("ping", self._docker().ping)

    def server_version(self) -> str:
        info: dict[str, Any] = self._call("version", lambda: self._docker().version())
        return str(info.get("Version", ""))

    def engine_id(self) -> str:
        info: dict[str, Any] = self._call_api("info", lambda api: api.info())
        return str(info.get("ID", ""))

    # Images

    def image_exists(self, reference: str) -> bool:
        try:
            self._call_api(f"inspect image {reference}", lambda api: api.inspect_image(reference))
        except DockerNotFound:
            return False
        return True

    def image_tags(self) -> list[str]:
        images = self._call("list images", self._docker().images.list)
        return sorted(tag for image in images for tag in image.tags)

    def image_labels(self, reference: str) -> dict[str, str]:
        try:
            info: dict[str, Any] = self._call_api(
                f"inspect image {reference}", lambda api: api.inspect_image(reference)
            )
        except DockerNotFound:
            return {}
        labels = (info.get("Config") or {}).get("Labels") or {}
        return {str(k): str(v) for k, v in labels.items() if v}

    def tag_image(self, source: str, target: str) -> None:
        repository, tag = _split_reference(target)
        self._call(f"tag {source} as {target}", lambda: self._api().tag(source, repository, tag))

    def build_image(self, spec: BuildSpec, output: BuildOutput | None = None) -> str:
        return self._call(f"build {spec.tag}", lambda: stream_build(self._api(), spec, output))

    def image_id(self, reference: str) -> str | None:
        try:
            info: dict[str, Any] = self._call_api(
                f"inspect image {reference}", lambda api: api.inspect_image(reference)
            )
        except DockerNotFound:
            return None
        return str(info["Id"])

    def remove_image(self, reference: str) -> RemoveImageResult:
        try:
            self._call(
                f"remove image {reference}",
                lambda: self._api().remove_image(reference, force=False),
            )
        except DockerNotFound:
            return RemoveImageResult.NOT_FOUND
        except (DockerInUse, DockerConflict):
            return RemoveImageResult.IN_USE
        return RemoveImageResult.REMOVED

    # Containers

    def run_once(self, spec: RunSpec, *, timeout: float = 60.0) -> RunOutcome:
        client = self._docker()
        what = f"run {spec.image}"
        container = self._call(
            what,
            lambda: client.containers.create(
                spec.image,
                command=list(spec.command) or None,
                entrypoint=list(spec.entrypoint) if spec.entrypoint is not None else None,
                privileged=spec.privileged,
                cap_add=list(spec.cap_add) or None,
                cap_drop=list(spec.cap_drop) or None,
                security_opt=list(spec.security_opt) or None,
                labels=dict(spec.labels),
                user=spec.user,
                detach=True,
            ),
        )
        try:
            self._start(lambda: self._call(what, container.start))
            status: dict[str, Any] = self._call(what, lambda: container.wait(timeout=timeout))
            logs: bytes = self._call(what, lambda: container.logs(stdout=True, stderr=True))
            return RunOutcome(
                exit_code=int(status.get("StatusCode", -1)),
                output=logs.decode("utf-8", "replace"),
            )
        finally:
            self._call(f"remove {container.id[:12]}", lambda: container.remove(force=True))

    def list_containers(self, labels: Mapping[str, str] | None = None) -> list[ContainerSummary]:
        filters = {"label": [f"{k}={v}" for k, v in (labels or {}).items()]}
        # The low-level call is one request; `containers.list` inspects each container.
        found: list[dict[str, Any]] = self._call_api(
            "list containers", lambda api: api.containers(all=True, filters=filters)
        )
        return [_summary(c) for c in found]

    def _call_api(self, what: str, fn: Callable[[Any], _T]) -> _T:
        """`fn(api)` with `DirectApi` on a unix socket (no docker-py), else docker-py's."""
        if not self._endpoint.startswith("unix://"):
            return self._call(what, lambda: fn(self._api()))
        socket_path = self._endpoint.removeprefix("unix://")
        if not Path(socket_path).exists():
            raise DockerUnavailable(self._endpoint, f"{socket_path} does not exist")
        _log.debug("docker %s (%s, direct)", what, self._endpoint)
        try:
            return fn(DirectApi(socket_path, self._timeout))
        except UnixHttpError as exc:
            if exc.status == 404:
                kind = "image not found" if "image" in what else "not found"
                raise DockerNotFound(f"{what}: {kind} ({exc.message})") from None
            raise _api_error(what, exc.status, exc.message) from None
        except OSError as exc:
            raise DockerUnavailable(self._endpoint, exc.strerror or str(exc)) from None

    def create_container(self, spec: ContainerSpec) -> str:
        def create(api: Any) -> str:
            host_config = api.create_host_config(
                binds=[str(bind) for bind in spec.binds] or None,
                network_mode=spec.network,
                privileged=spec.privileged,
                cap_add=list(spec.cap_add) or None,
                cap_drop=list(spec.cap_drop) or None,
                security_opt=list(spec.security_opt) or None,
                group_add=list(spec.group_add) or None,
                pids_limit=spec.pids_limit,
                mem_limit=spec.mem_limit,
                nano_cpus=spec.nano_cpus,
            )
            created = api.create_container(
                spec.image,
                name=spec.name,
                command=list(spec.command) or None,
                entrypoint=list(spec.entrypoint) if spec.entrypoint is not None else None,
                environment=[f"{k}={v}" for k, v in spec.env.items()] or None,
                labels=dict(spec.labels),
                hostname=spec.hostname,
                user=spec.user,
                working_dir=spec.workdir,
                tty=spec.tty,
                stdin_open=spec.stdin_open,
                detach=True,
                host_config=host_config,
                use_config_proxy=False,  # jackin decides the proxy environment itself
            )
            return str(created["Id"])

        return self._call_api(f"create container {spec.name or spec.image}", create)

    def _start(self, start: Callable[[], object]) -> None:
        """Run a start call; a refusal becomes `ContainerStartError` (not-found stays)."""
        try:
            start()
        except DockerError as exc:
            if isinstance(exc, DockerNotFound):
                raise
            raise ContainerStartError(exc.message) from None

    def start_container(self, container: str) -> None:
        what = f"start {container}"
        self._start(lambda: self._call_api(what, lambda api: api.start(container)))

    def stop_container(self, container: str, timeout: int = 10) -> None:
        self._call(f"stop {container}", lambda: self._api().stop(container, timeout=timeout))

    def remove_container(self, container: str, *, force: bool = True) -> bool:
        return self._absent_ok(
            f"remove container {container}",
            lambda: self._api().remove_container(container, v=True, force=force),
        )

    def _inspect(self, container: str) -> dict[str, Any]:
        result: dict[str, Any] = self._call_api(
            f"inspect container {container}", lambda api: api.inspect_container(container)
        )
        return result

    def inspect_container(self, container: str) -> ContainerInfo:
        info = self._inspect(container)
        config = info.get("Config") or {}
        return ContainerInfo(
            id=str(info.get("Id", "")),
            name=str(info.get("Name", "")).removeprefix("/"),
            image=str(config.get("Image", "")),
            image_id=str(info.get("Image", "")),
            labels=dict(config.get("Labels") or {}),
            state=state_from_inspect(info),
        )

    def inspect_container_state(self, container: str) -> ContainerState:
        try:
            return state_from_inspect(self._inspect(container))
        except JackinError as exc:
            return state_from_inspect(exc)

    def container_logs(self, container: str, tail: int | None = None) -> str:
        logs: bytes = self._call(
            f"logs of {container}",
            lambda: self._api().logs(
                container, stdout=True, stderr=True, tail="all" if tail is None else tail
            ),
        )
        return logs.decode("utf-8", "replace")

    def exec_capture(
        self, container: str, argv: Sequence[str], *, user: str | None = None
    ) -> ExecResult:
        api = self._api()

        def run() -> ExecResult:
            exec_id = api.exec_create(container, list(argv), user=user or "")["Id"]
            output: bytes = api.exec_start(exec_id)
            # The stream can end a moment before the engine records the exit code.
            for _ in range(_EXEC_EXIT_POLLS):
                info = api.exec_inspect(exec_id)
                if info.get("ExitCode") is not None and not info.get("Running"):
                    return ExecResult(int(info["ExitCode"]), output.decode("utf-8", "replace"))
                time.sleep(0.02)
            raise DockerError(f"exec {argv[0]} in {container}: the engine reported no exit code")

        return self._call(f"exec {argv[0] if argv else ''} in {container}", run)

    # Networks

    def create_network(
        self, name: str, *, labels: Mapping[str, str], internal: bool = False
    ) -> str:
        created: dict[str, Any] = self._call_api(
            f"create network {name}",
            lambda api: api.create_network(
                name, labels=dict(labels), internal=internal, check_duplicate=True
            ),
        )
        return str(created["Id"])

    def remove_network(self, name: str) -> bool:
        return self._absent_ok(f"remove network {name}", lambda: self._api().remove_network(name))

    def list_networks(self, labels: Mapping[str, str] | None = None) -> list[NetworkSummary]:
        found: list[dict[str, Any]] = self._call_api(
            "list networks", lambda api: api.networks(filters=_label_filters(labels))
        )
        return [
            NetworkSummary(
                name=str(n["Name"]),
                labels=dict(n.get("Labels") or {}),
                created=_engine_time(n.get("Created")),
            )
            for n in found
        ]

    def network_exists(self, name: str) -> bool:
        try:
            self._call_api(f"inspect network {name}", lambda api: api.inspect_network(name))
        except DockerNotFound:
            return False
        return True

    # Volumes

    def create_volume(self, name: str, *, labels: Mapping[str, str]) -> None:
        self._call(
            f"create volume {name}", lambda: self._api().create_volume(name, labels=dict(labels))
        )

    def remove_volume(self, name: str) -> bool:
        return self._absent_ok(f"remove volume {name}", lambda: self._api().remove_volume(name))

    def list_volumes(self, labels: Mapping[str, str] | None = None) -> list[VolumeSummary]:
        found: dict[str, Any] = self._call_api(
            "list volumes", lambda api: api.volumes(filters=_label_filters(labels))
        )
        return [
            VolumeSummary(
                name=str(v["Name"]),
                labels=dict(v.get("Labels") or {}),
                created=_engine_time(v.get("CreatedAt")),
            )
            for v in found.get("Volumes") or []
        ]


def connect_engine() -> EngineDocker:
    """The engine of the current environment, checked to answer (E001 naming it if not)."""
    docker = EngineDocker()
    docker.ping()
    return docker


def _api_error(what: str, status: int | None, reason: str) -> DockerError:
    if any(phrase in reason for phrase in _IN_USE_PHRASES):
        return DockerInUse(f"{what}: {reason}")
    if status == 409:
        return DockerConflict(f"{what}: {reason}")
    return DockerError(f"{what}: {reason}")


def _label_filters(labels: Mapping[str, str] | None) -> dict[str, list[str]] | None:
    return {"label": [f"{k}={v}" for k, v in labels.items()]} if labels else None


def _summary(raw: Mapping[str, Any]) -> ContainerSummary:
    """A container as the list endpoint describes it."""
    names = raw.get("Names") or []
    return ContainerSummary(
        id=str(raw.get("Id", "")),
        name=str(names[0]).lstrip("/") if names else "",
        status=str(raw.get("State", "")),
        labels=dict(raw.get("Labels") or {}),
        created=_engine_time(raw.get("Created")),
    )


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


def _reason(exc: BaseException) -> str:
    explanation = getattr(exc, "explanation", None)
    text = str(explanation or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
