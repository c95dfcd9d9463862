"""What the console's screens reach outside themselves: the engine, the config, paths.

The App takes a `ConsoleServices` by constructor so tests inject a `FakeDocker` and a
temp config home. Nothing here is loaded eagerly: the first frame must not wait for the
engine or parse config, so `docker_factory` and `config_loader` run when a screen's
worker first asks (`services.docker()` connects once and keeps the client).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jackin_sdk.paths import JackinPaths

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.docker import DockerApi

__all__ = ["ConsoleServices", "services"]


@dataclass(frozen=True, slots=True)
class ConsoleServices:
    """The console's dependencies.

    `docker_factory` makes the engine client (called at most once, from a worker:
    `docker()`); `config_loader` reads the operator config afresh each call
    (`config()`), so a screen sees its own saves; `cwd` is the directory the console
    was opened in (the `Current directory` workspace); `home` the operator's home
    directory; `paths` jackin's config and data roots.
    """

    docker_factory: Callable[[], DockerApi]
    config_loader: Callable[[], OperatorConfig]
    cwd: Path
    home: Path
    paths: JackinPaths = field(default_factory=JackinPaths.resolve)
    _docker: list[DockerApi] = field(default_factory=list, init=False, repr=False, compare=False)
    _lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    @classmethod
    def default(cls, *, cwd: Path | None = None) -> ConsoleServices:
        """The real ones: the engine of this environment and the operator's config."""
        paths = JackinPaths.resolve()

        def docker() -> DockerApi:
            from jackin_sdk.docker import connect_engine  # noqa: PLC0415 - lazy: first frame

            return connect_engine()

        def config() -> OperatorConfig:
            from jackin_sdk.config import load_operator_config  # noqa: PLC0415 - lazy

            return load_operator_config(paths)

        return cls(
            docker_factory=docker,
            config_loader=config,
            cwd=Path.cwd() if cwd is None else cwd,
            home=Path.home(),
            paths=paths,
        )

    def docker(self) -> DockerApi:
        """The engine client, made on first use (blocking: call it from a worker)."""
        with self._lock:
            if not self._docker:
                self._docker.append(self.docker_factory())
            return self._docker[0]

    def config(self) -> OperatorConfig:
        """The operator config as it is on disk now (blocking: call it from a worker)."""
        return self.config_loader()


def services(node: DOMNode) -> ConsoleServices:
    """The services of the console `node` belongs to."""
    found = getattr(node.app, "services", None)
    if not isinstance(found, ConsoleServices):
        raise TypeError(f"{type(node.app).__name__} is not the jackin console")
    return found
