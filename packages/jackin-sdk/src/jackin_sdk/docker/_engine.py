"""`DockerApi` on the docker SDK. docker-py's exceptions never leave this module."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from jackin_sdk.debug import LOGGER_NAME
from jackin_sdk.docker._api import (
    ContainerStartError,
    ContainerSummary,
    DockerConflict,
    DockerError,
    DockerNotFound,
    RunOutcome,
    RunSpec,
)
from jackin_sdk.errors import DockerUnavailable

if TYPE_CHECKING:
    import docker

__all__ = ["EngineDocker", "resolve_endpoint"]

_T = TypeVar("_T")
_log = logging.getLogger(f"{LOGGER_NAME}.docker")
_DEFAULT_SOCKET = "unix:///var/run/docker.sock"
_BOOTSTRAP_API = "1.24"


def resolve_endpoint(env: Mapping[str, str] | None = None) -> str:
    """The engine URL: `DOCKER_HOST`, else the current docker context, else the socket."""
    env = os.environ if env is None else env
    if env.get("DOCKER_HOST"):
        return env["DOCKER_HOST"]
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

    def _translate(self, what: str, exc: Exception) -> Exception:
        """Map a docker-py or transport exception into the jackin error tree."""
        import docker.errors  # noqa: PLC0415
        import requests.exceptions  # noqa: PLC0415

        if isinstance(exc, docker.errors.ImageNotFound):
            return DockerNotFound(f"{what}: image not found ({_reason(exc)})")
        if isinstance(exc, docker.errors.NotFound):
            return DockerNotFound(f"{what}: not found ({_reason(exc)})")
        if isinstance(exc, docker.errors.APIError):
            if exc.status_code == 409:
                return DockerConflict(f"{what}: {_reason(exc)}")
            return DockerError(f"{what}: {_reason(exc)}")
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

    def ping(self) -> None:
        self._call("ping", self._docker().ping)

    def server_version(self) -> str:
        info: dict[str, Any] = self._call("version", lambda: self._docker().version())
        return str(info.get("Version", ""))

    def image_exists(self, reference: str) -> bool:
        try:
            self._call(f"inspect image {reference}", lambda: self._docker().images.get(reference))
        except DockerNotFound:
            return False
        return True

    def image_tags(self) -> list[str]:
        images = self._call("list images", self._docker().images.list)
        return sorted(tag for image in images for tag in image.tags)

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
            try:
                self._call(what, container.start)
            except DockerError as exc:
                if isinstance(exc, DockerNotFound):
                    raise
                raise ContainerStartError(exc.message) from None
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
        found = self._call(
            "list containers",
            lambda: self._docker().containers.list(all=True, filters=filters),
        )
        return [
            ContainerSummary(id=c.id, name=c.name, status=c.status, labels=dict(c.labels or {}))
            for c in found
        ]


def _reason(exc: BaseException) -> str:
    explanation = getattr(exc, "explanation", None)
    text = str(explanation or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
