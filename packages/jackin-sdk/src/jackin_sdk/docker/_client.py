"""docker-py's low-level `APIClient`, typed at our boundary, and its errors mapped into ours.

docker-py ships no type information. `LowLevelApi` names the few `APIClient` methods
jackin calls (the low-level API: one request per call, where the resource models would
inspect every object they return), `EngineClient` gives them typed arguments and checked
answers (`Doc`), and `translate` maps docker-py's and requests' exceptions into the
`DockerError` tree. Nothing else in the SDK imports docker-py, and docker-py is imported
only when a client is opened: a command that never talks to the engine never pays for it.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from enum import Enum
from typing import Protocol, TypeAlias

from jackin_sdk.docker._build import BuildSpec
from jackin_sdk.docker._errors import DockerConflict, DockerError, DockerInUse, DockerNotFound
from jackin_sdk.docker._types import ContainerSpec, RunSpec
from jackin_sdk.errors import DockerUnavailable, JackinError

__all__ = [
    "ChunkStream",
    "Cut",
    "Doc",
    "EngineClient",
    "context_host",
    "doc",
    "docs",
    "labels_of",
    "open_client",
    "read_bounded",
    "section",
    "text",
    "translate",
]

Doc: TypeAlias = Mapping[str, object]
"""One JSON object the engine answered with."""

# What engines say when a network, volume or image is still used (403 or 409 by version).
_IN_USE_PHRASES = ("has active endpoints", "volume is in use", "is being used by")


class ChunkStream(Protocol):
    """docker-py's `CancellableStream`: an output's chunks as they arrive; `close` drops
    the connection, which is how a reader stops a command that writes too much."""

    def __iter__(self) -> Iterator[object]: ...
    def close(self) -> None: ...


class LowLevelApi(Protocol):
    """The part of docker-py's `docker.APIClient` jackin uses, with the types it returns."""

    def version(self, api_version: bool = ...) -> object: ...
    def info(self) -> object: ...
    def close(self) -> None: ...
    def inspect_image(self, image: str) -> object: ...
    def images(self) -> object: ...
    def tag(self, image: str, repository: str, tag: str | None = ...) -> object: ...
    def remove_image(self, image: str, force: bool = ...) -> object: ...
    def build(self, **kwargs: object) -> Generator[object, None, None]: ...
    def containers(self, *, all: bool, filters: object) -> object: ...
    def create_host_config(self, **kwargs: object) -> object: ...
    def create_container(self, image: str, **kwargs: object) -> object: ...
    def start(self, container: str) -> object: ...
    def stop(self, container: str, timeout: int | None = ...) -> object: ...
    def wait(self, container: str, timeout: float | None = ...) -> object: ...
    def remove_container(self, container: str, *, v: bool, force: bool) -> object: ...
    def inspect_container(self, container: str) -> object: ...
    def logs(
        self,
        container: str,
        *,
        stdout: bool,
        stderr: bool,
        stream: bool,
        follow: bool,
        tail: object,
    ) -> ChunkStream: ...
    def exec_create(self, container: str, cmd: list[str], *, user: str) -> object: ...
    def exec_start(self, exec_id: str, *, stream: bool) -> ChunkStream: ...
    def exec_inspect(self, exec_id: str) -> object: ...
    def create_network(self, name: str, **kwargs: object) -> object: ...
    def remove_network(self, net_id: str) -> object: ...
    def networks(self, *, filters: object) -> object: ...
    def inspect_network(self, net_id: str) -> object: ...
    def create_volume(self, name: str, *, labels: object) -> object: ...
    def remove_volume(self, name: str) -> object: ...
    def volumes(self, *, filters: object) -> object: ...


class EngineClient:
    """One connection pool to one engine, at the API version the engine speaks."""

    def __init__(self, api: LowLevelApi) -> None:
        self._api = api

    def close(self) -> None:
        """Close the connection pool."""
        self._api.close()

    def version(self) -> Doc:
        """`GET /version`."""
        return doc(self._api.version(api_version=False))

    def info(self) -> Doc:
        """`GET /info`."""
        return doc(self._api.info())

    # Images

    def inspect_image(self, reference: str) -> Doc:
        """`GET /images/{reference}/json`."""
        return doc(self._api.inspect_image(reference))

    def images(self) -> list[Doc]:
        """`GET /images/json`."""
        return docs(self._api.images())

    def tag(self, source: str, repository: str, tag: str) -> None:
        """`POST /images/{source}/tag`."""
        self._api.tag(source, repository, tag)

    def remove_image(self, reference: str) -> None:
        """`DELETE /images/{reference}` without forcing."""
        self._api.remove_image(reference, force=False)

    def build(self, spec: BuildSpec) -> Iterator[Doc]:
        """`POST /build` with the classic builder; the decoded progress objects.

        The stream is read to its end or closed, so its connection goes back to the pool.
        """
        chunks = self._api.build(
            path=str(spec.context),
            dockerfile=str(spec.dockerfile),
            tag=spec.tag,
            labels=dict(spec.labels) or None,
            buildargs=dict(spec.build_args) or None,
            nocache=spec.no_cache,
            rm=True,
            forcerm=True,
            decode=True,
        )
        try:
            for chunk in chunks:
                yield doc(chunk)
        finally:
            chunks.close()

    # Containers

    def containers(self, labels: Mapping[str, str] | None) -> list[Doc]:
        """`GET /containers/json?all=1`: every container carrying `labels`, in one request."""
        return docs(self._api.containers(all=True, filters=_label_filters(labels)))

    def create_container(self, spec: ContainerSpec) -> str:
        """`POST /containers/create`; the new container's id."""
        host_config = self._api.create_host_config(
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
        created = self._api.create_container(
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
        return text(doc(created), "Id")

    def create_run_container(self, spec: RunSpec) -> str:
        """`POST /containers/create` for a `run_once` container; its id."""
        host_config = self._api.create_host_config(
            privileged=spec.privileged,
            cap_add=list(spec.cap_add) or None,
            cap_drop=list(spec.cap_drop) or None,
            security_opt=list(spec.security_opt) or None,
        )
        created = self._api.create_container(
            spec.image,
            command=list(spec.command) or None,
            entrypoint=list(spec.entrypoint) if spec.entrypoint is not None else None,
            labels=dict(spec.labels),
            user=spec.user,
            detach=True,
            host_config=host_config,
            use_config_proxy=False,
        )
        return text(doc(created), "Id")

    def start(self, container: str) -> None:
        """`POST /containers/{container}/start`."""
        self._api.start(container)

    def stop(self, container: str, timeout: int) -> None:
        """`POST /containers/{container}/stop?t=timeout`."""
        self._api.stop(container, timeout=timeout)

    def wait(self, container: str, timeout: float) -> Doc:
        """`POST /containers/{container}/wait`; `DockerError` if still running after `timeout` s."""
        try:
            return doc(self._api.wait(container, timeout=timeout))
        except Exception as exc:
            if not _timed_out(exc):
                raise
        raise DockerError(f"container {container[:12]} was still running after {timeout:g} s")

    def remove_container(self, container: str, *, force: bool) -> None:
        """`DELETE /containers/{container}?v=1`: the container and its anonymous volumes."""
        self._api.remove_container(container, v=True, force=force)

    def inspect_container(self, container: str) -> Doc:
        """`GET /containers/{container}/json`."""
        return doc(self._api.inspect_container(container))

    def logs(self, container: str, tail: int | None, limit: int) -> tuple[bytes, Cut]:
        """`GET /containers/{container}/logs`: stdout and stderr, demultiplexed, in order;
        at most `limit` bytes of them, and whether there were more (`Cut.SIZE`)."""
        tail_arg: object = "all" if tail is None else tail
        # docker-py opens the stream, then inspects the container (is it a TTY?): for a
        # missing one that raises with the stream left open. Failing here first keeps the
        # common miss from leaking a socket.
        self._api.inspect_container(container)
        stream = _opened(
            lambda: self._api.logs(
                container, stdout=True, stderr=True, stream=True, follow=False, tail=tail_arg
            )
        )
        return read_bounded(stream, limit)

    def exec_create(self, container: str, argv: Sequence[str], user: str | None) -> str:
        """`POST /containers/{container}/exec`; the exec instance's id."""
        return text(doc(self._api.exec_create(container, list(argv), user=user or "")), "Id")

    def exec_start(self, exec_id: str, limit: int, timeout: float | None) -> tuple[bytes, Cut]:
        """`POST /exec/{id}/start`: runs it and returns stdout and stderr once it ends, or
        what it wrote so far once it writes more than `limit` bytes or runs longer than
        `timeout` seconds (then `Cut.SIZE` or `Cut.TIME`; the stream is dropped)."""
        stream = _opened(lambda: self._api.exec_start(exec_id, stream=True))
        return read_bounded(stream, limit, timeout)

    def exec_inspect(self, exec_id: str) -> Doc:
        """`GET /exec/{id}/json`."""
        return doc(self._api.exec_inspect(exec_id))

    # Networks

    def create_network(self, name: str, labels: Mapping[str, str], *, internal: bool) -> str:
        """`POST /networks/create` (refusing a duplicate name); the network's id."""
        created = self._api.create_network(
            name, labels=dict(labels), internal=internal, check_duplicate=True
        )
        return text(doc(created), "Id")

    def remove_network(self, name: str) -> None:
        """`DELETE /networks/{name}`."""
        self._api.remove_network(name)

    def networks(self, labels: Mapping[str, str] | None) -> list[Doc]:
        """`GET /networks` carrying `labels`."""
        return docs(self._api.networks(filters=_label_filters(labels)))

    def inspect_network(self, name: str) -> Doc:
        """`GET /networks/{name}`."""
        return doc(self._api.inspect_network(name))

    # Volumes

    def create_volume(self, name: str, labels: Mapping[str, str]) -> None:
        """`POST /volumes/create`."""
        self._api.create_volume(name, labels=dict(labels))

    def remove_volume(self, name: str) -> None:
        """`DELETE /volumes/{name}`."""
        self._api.remove_volume(name)

    def volumes(self, labels: Mapping[str, str] | None) -> list[Doc]:
        """`GET /volumes` carrying `labels`."""
        return docs(doc(self._api.volumes(filters=_label_filters(labels))).get("Volumes"))


def open_client(endpoint: str, env: Mapping[str, str], timeout: float) -> EngineClient:
    """A client for `endpoint` (TLS from `DOCKER_TLS_VERIFY`/`DOCKER_CERT_PATH` in `env`).

    docker-py asks the engine for its API version as it connects (`version="auto"`), so
    the client speaks what the engine speaks, old or new; that request doubles as the
    ping. An unreachable engine is `DockerUnavailable` (E001) naming `endpoint`.
    """
    import docker  # noqa: PLC0415 - ~0.1 s; only commands that talk to the engine pay it

    try:
        settings = docker.utils.kwargs_from_env(environment={**env, "DOCKER_HOST": endpoint})
        api: LowLevelApi = docker.APIClient(version="auto", timeout=int(timeout), **settings)
    except docker.errors.DockerException as exc:
        raise DockerUnavailable(endpoint, _os_reason(exc) or _reason(exc)) from None
    return EngineClient(api)


def context_host() -> str | None:
    """The `Host` of the docker CLI's current context, through docker-py's context store."""
    from docker.context import ContextAPI  # noqa: PLC0415 - only for a non-default context

    context = ContextAPI.get_current_context()
    host = getattr(context, "Host", None) if context is not None else None
    return str(host) if host else None


def translate(endpoint: str, what: str, exc: Exception) -> Exception:
    """Map an exception raised while talking to the engine into the jackin error tree.

    404 is `DockerNotFound`; "still in use" (403 or 409 by engine version) `DockerInUse`;
    other 409s `DockerConflict`; any other status `DockerError`; a connection that fails,
    or an engine that does not answer within the client's timeout, `DockerUnavailable`
    (E001) naming the endpoint. Our own errors pass through.
    """
    if isinstance(exc, JackinError) or "docker" not in sys.modules:
        return exc
    import docker.errors  # noqa: PLC0415 - already imported: a client was opened
    import requests.exceptions  # noqa: PLC0415

    if isinstance(exc, docker.errors.APIError):
        image = isinstance(exc, docker.errors.ImageNotFound)
        return _api_error(what, exc.status_code, _reason(exc), image=image)
    if _timed_out(exc):
        return DockerUnavailable(endpoint, "timed out waiting for an answer")
    if isinstance(exc, requests.exceptions.ConnectionError):
        return DockerUnavailable(endpoint, _os_reason(exc) or _reason(exc))
    if isinstance(exc, requests.exceptions.RequestException | docker.errors.DockerException):
        return DockerError(f"{what}: {_reason(exc)}")
    return exc


def _api_error(what: str, status: int | None, reason: str, *, image: bool) -> DockerError:
    if status == 404:
        return DockerNotFound(f"{what}: {'image ' if image else ''}not found ({reason})")
    if any(phrase in reason for phrase in _IN_USE_PHRASES):
        return DockerInUse(f"{what}: {reason}")
    if status == 409:
        return DockerConflict(f"{what}: {reason}")
    return DockerError(f"{what}: {reason}")


def _reason(exc: BaseException) -> str:
    explanation = getattr(exc, "explanation", None)
    message = str(explanation or exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and the errors it wraps (causes, contexts, and errors passed as arguments)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        nested = [a for a in current.args if isinstance(a, BaseException)]
        current = current.__cause__ or current.__context__ or (nested[0] if nested else None)


def _timed_out(exc: BaseException) -> bool:
    """Whether the client gave up waiting (requests reports a slow body as a connection error)."""
    import requests.exceptions  # noqa: PLC0415 - loaded with docker-py already
    import urllib3.exceptions  # noqa: PLC0415

    timeouts = (requests.exceptions.Timeout, urllib3.exceptions.TimeoutError, TimeoutError)
    return any(isinstance(e, timeouts) for e in _chain(exc))


def _os_reason(exc: BaseException) -> str | None:
    """What the operating system said (`Connection refused`), deep in a wrapped error."""
    return next((e.strerror for e in _chain(exc) if isinstance(e, OSError) and e.strerror), None)


def _label_filters(labels: Mapping[str, str] | None) -> dict[str, list[str]] | None:
    return {"label": [f"{k}={v}" for k, v in labels.items()]} if labels else None


# Reading answers


def doc(value: object) -> Doc:
    """`value` as a JSON object; anything else is a `DockerError` (an answer we cannot read)."""
    if isinstance(value, Mapping):
        return value
    raise DockerError(f"the engine answered with {type(value).__name__}, not a JSON object")


def docs(value: object) -> list[Doc]:
    """`value` as a list of JSON objects (`None`, as some engines send for none, is empty)."""
    if value is None:
        return []
    if isinstance(value, list):
        return [doc(item) for item in value]
    raise DockerError(f"the engine answered with {type(value).__name__}, not a JSON list")


def section(document: Doc, key: str) -> Doc:
    """`document[key]` when it is an object, else `{}` (absent or null)."""
    value = document.get(key)
    return value if isinstance(value, Mapping) else {}


def text(document: Doc, key: str) -> str:
    """`document[key]` as text (`""` when absent or null)."""
    value = document.get(key)
    return "" if value is None else str(value)


def labels_of(value: object) -> dict[str, str]:
    """A `Labels` object as a dict of strings (`{}` when absent or null)."""
    if not isinstance(value, Mapping):
        return {}
    return {str(k): str(v) for k, v in value.items()}


def _opened(start: Callable[[], ChunkStream]) -> ChunkStream:
    """`start()`, a streamed request; when the engine refuses it (a 404, a 409), the
    response docker-py raises with is closed here, since it never reaches a reader."""
    try:
        return start()
    except Exception as exc:
        response = getattr(exc, "response", None)
        close = getattr(response, "close", None)
        if callable(close):
            close()
        raise


class Cut(Enum):
    """Why `read_bounded` stopped before the stream's end (`NONE`: it read to the end)."""

    NONE = "none"
    SIZE = "size"
    TIME = "time"


def read_bounded(
    stream: ChunkStream, limit: int, timeout: float | None = None
) -> tuple[bytes, Cut]:
    """The first `limit` bytes of `stream`, and whether it stopped early: at the bound, or
    once `timeout` seconds passed (the stream is then closed from a timer thread, the way
    docker-py cancels a stream). The stream is closed either way, so a writer that would
    go on for ever, or never end, is cut off.

    Held in memory: what was read (at most `limit` bytes) plus one chunk (docker-py's
    frames are the engine's copy buffer, 32 KiB).
    """
    expired = threading.Event()
    timer = None
    if timeout is not None:

        def expire() -> None:
            expired.set()
            _shut(stream)

        timer = threading.Timer(timeout, expire)
        timer.daemon = True
        timer.start()
    chunks: list[bytes] = []
    size = 0
    cut = Cut.NONE
    try:
        for chunk in stream:
            data = _bytes(chunk)
            if size + len(data) > limit:
                chunks.append(data[: limit - size])
                cut = Cut.SIZE
                break
            chunks.append(data)
            size += len(data)
    except OSError:
        if not expired.is_set():
            raise
    finally:
        if timer is not None:
            timer.cancel()
            timer.join()
        _close(stream)
    if cut is Cut.NONE and expired.is_set():
        cut = Cut.TIME
    return b"".join(chunks), cut


def _shut(stream: ChunkStream) -> None:
    """Shut the stream's socket: a read blocked on it returns (docker-py's cancel)."""
    with contextlib.suppress(OSError):  # already shut, by the timer or the reader
        stream.close()


def _close(stream: ChunkStream) -> None:
    """Shut the stream's socket, then close its HTTP response: the response's file holds
    a reference to the socket, which is only released (no `ResourceWarning`) once both go."""
    _shut(stream)
    response = getattr(stream, "_response", None)  # docker-py's CancellableStream keeps it
    close = getattr(response, "close", None)
    if callable(close):
        close()


def _bytes(value: object) -> bytes:
    if isinstance(value, bytes):
        return value
    raise DockerError(f"the engine answered with {type(value).__name__}, not bytes")
