"""The engine endpoints a launch needs, spoken directly on the unix socket.

A warm `jackin load` makes about fifteen engine calls (inspect, list, create, start).
Through docker-py each costs little, but importing docker-py and requests costs about
0.35 s here. `DirectApi` mirrors the few docker-py `APIClient` methods those calls use,
with the same arguments and the same JSON answers, so `EngineDocker` parses both the
same way. Builds, exec, logs and the rest still go through docker-py.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from jackin_sdk.docker._unix_http import request_json

__all__ = ["DirectApi"]


def _part(value: str) -> str:
    """A path segment as docker-py quotes it (names and references keep `/` and `:`)."""
    return quote(value, safe="/:@")


def _filters(filters: Mapping[str, Sequence[str]] | None) -> dict[str, str]:
    return {"filters": json.dumps(filters)} if filters else {}


class DirectApi:
    """A subset of docker-py's low-level `APIClient`, over the standard library."""

    def __init__(self, socket_path: str, timeout: float) -> None:
        self._socket = socket_path
        self._timeout = timeout

    def _request(
        self, method: str, path: str, query: dict[str, str] | None = None, body: Any = None
    ) -> Any:
        return request_json(self._socket, method, path, query, body, timeout=self._timeout)

    def version(self) -> Any:
        """GET /version (the ping: it answers once the engine serves its API)."""
        return self._request("GET", "/version")

    def info(self) -> Any:
        """GET /info."""
        return self._request("GET", "/info")

    def inspect_container(self, container: str) -> Any:
        """GET /containers/{id}/json."""
        return self._request("GET", f"/containers/{_part(container)}/json")

    def inspect_image(self, reference: str) -> Any:
        """GET /images/{ref}/json."""
        return self._request("GET", f"/images/{_part(reference)}/json")

    def inspect_network(self, network: str) -> Any:
        """GET /networks/{id}."""
        return self._request("GET", f"/networks/{_part(network)}")

    def containers(
        self, *, all: bool = False, filters: Mapping[str, Sequence[str]] | None = None
    ) -> Any:
        """GET /containers/json."""
        return self._request(
            "GET", "/containers/json", {"all": "1" if all else "0", **_filters(filters)}
        )

    def networks(self, filters: Mapping[str, Sequence[str]] | None = None) -> Any:
        """GET /networks."""
        return self._request("GET", "/networks", _filters(filters))

    def volumes(self, filters: Mapping[str, Sequence[str]] | None = None) -> Any:
        """GET /volumes."""
        return self._request("GET", "/volumes", _filters(filters))

    def create_network(
        self,
        name: str,
        *,
        labels: Mapping[str, str],
        internal: bool = False,
        check_duplicate: bool = True,
    ) -> Any:
        """POST /networks/create."""
        body = {
            "Name": name,
            "Labels": dict(labels),
            "Internal": internal,
            "CheckDuplicate": check_duplicate,
        }
        return self._request("POST", "/networks/create", body=body)

    @staticmethod
    def create_host_config(
        *,
        binds: list[str] | None = None,
        network_mode: str | None = None,
        privileged: bool = False,
        cap_add: list[str] | None = None,
        cap_drop: list[str] | None = None,
        security_opt: list[str] | None = None,
        group_add: list[str] | None = None,
        pids_limit: int | None = None,
        mem_limit: int | None = None,
        nano_cpus: int | None = None,
    ) -> dict[str, Any]:
        """The `HostConfig` object, as docker-py builds it for these arguments."""
        config: dict[str, Any] = {"NetworkMode": network_mode or "default"}
        if binds:
            config["Binds"] = binds
        if privileged:
            config["Privileged"] = True
        if cap_add:
            config["CapAdd"] = cap_add
        if cap_drop:
            config["CapDrop"] = cap_drop
        if security_opt:
            config["SecurityOpt"] = security_opt
        if group_add:
            config["GroupAdd"] = group_add
        if mem_limit is not None:
            config["Memory"] = mem_limit
        if pids_limit:
            config["PidsLimit"] = pids_limit
        if nano_cpus:
            config["NanoCpus"] = nano_cpus
        return config

    def create_container(
        self,
        image: str,
        *,
        name: str | None = None,
        command: list[str] | None = None,
        entrypoint: list[str] | None = None,
        environment: list[str] | None = None,
        labels: Mapping[str, str] | None = None,
        hostname: str | None = None,
        user: str | None = None,
        working_dir: str | None = None,
        tty: bool = False,
        stdin_open: bool = False,
        detach: bool = True,
        host_config: Mapping[str, Any] | None = None,
        use_config_proxy: bool = False,
    ) -> Any:
        """POST /containers/create (detached: nothing is attached)."""
        del detach, use_config_proxy  # always detached; jackin sets proxies itself
        body: dict[str, Any] = {
            "Image": image,
            "Cmd": command,
            "Entrypoint": entrypoint,
            "Env": environment,
            "Labels": dict(labels or {}),
            "Hostname": hostname,
            "User": user,
            "WorkingDir": working_dir,
            "Tty": tty,
            "OpenStdin": stdin_open,
            "StdinOnce": False,
            "AttachStdin": False,
            "AttachStdout": False,
            "AttachStderr": False,
            "HostConfig": dict(host_config or {}),
        }
        query = {"name": name} if name else None
        return self._request("POST", "/containers/create", query, body)

    def start(self, container: str) -> None:
        """POST /containers/{id}/start."""
        self._request("POST", f"/containers/{_part(container)}/start")
