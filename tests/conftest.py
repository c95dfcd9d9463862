"""Shared fixtures and the Docker-tier policy.

Tests marked `docker` need a real engine. Locally they skip when none answers; with
`JACKIN_REQUIRE_DOCKER=1` (set by `.ci/run`) a missing engine fails them instead, so CI
can never pass on skipped integration tests.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk._env import env_flag
from jackin_sdk.debug import LOGGER_NAME
from jackin_sdk.docker import DockerApi, EngineDocker
from jackin_sdk.errors import DockerUnavailable
from jackin_sdk.paths import JackinPaths

REQUIRE_DOCKER = env_flag(os.environ.get("JACKIN_REQUIRE_DOCKER"))
TEST_DIND_IMAGE = os.environ.get("JACKIN_DIND_IMAGE", "jackin-test/dind:bookworm")
TEST_CONSTRUCT_IMAGE = "projectjackin/construct:trixie"

_engine_state: dict[str, object] = {}


def _engine_or_reason() -> EngineDocker | str:
    if "value" not in _engine_state:
        engine = EngineDocker()
        try:
            engine.ping()
            _engine_state["value"] = engine
        except DockerUnavailable as exc:
            _engine_state["value"] = f"no Docker engine: {exc.reason} ({exc.endpoint})"
    value = _engine_state["value"]
    assert isinstance(value, EngineDocker | str)
    return value


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> DockerApi:
    """The real engine; skip (or fail under JACKIN_REQUIRE_DOCKER=1) when it is missing."""
    if request.node.get_closest_marker("docker") is None:
        raise RuntimeError("the `engine` fixture is only for tests marked `docker`")
    found = _engine_or_reason()
    if isinstance(found, str):
        if REQUIRE_DOCKER:
            pytest.fail(f"JACKIN_REQUIRE_DOCKER=1 but {found}")
        pytest.skip(found)
    return found


def require_image(engine: DockerApi, image: str) -> None:
    """Skip (or fail in CI) when a test image built by scripts/ci is missing."""
    if engine.image_exists(image):
        return
    message = f"test image {image} missing; run scripts/ci/build-test-images.sh"
    if REQUIRE_DOCKER:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def jackin_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> JackinPaths:
    """Config and home roots inside tmp_path, exported through the env overrides."""
    config = tmp_path / "config"
    home = tmp_path / "home"
    monkeypatch.setenv("JACKIN_CONFIG_DIR", str(config))
    monkeypatch.setenv("JACKIN_HOME_DIR", str(home))
    return JackinPaths(config_dir=config, home_dir=home)


@pytest.fixture(autouse=True)
def _logging_left_as_found() -> Iterator[None]:
    """Every test leaves jackin's and the root logger as it found them.

    A handler that outlives the stream a test gave it writes `I/O operation on closed
    file` errors into every later test's output; a test that leaks one fails here.
    """
    loggers = [logging.getLogger(LOGGER_NAME), logging.getLogger()]
    before = [(list(logger.handlers), logger.level) for logger in loggers]
    yield
    leaked = []
    for logger, (handlers, level) in zip(loggers, before, strict=True):
        if logger.handlers != handlers or logger.level != level:
            leaked.append(logger.name)
            logger.handlers[:] = handlers
            logger.setLevel(level)
    if leaked:
        pytest.fail(f"the test left logging changed: {', '.join(leaked)}")


@pytest.fixture(autouse=True)
def _registered_secrets_left_as_found() -> Iterator[None]:
    """Every test leaves the process's registered secrets (the redaction registry) as it
    found them.

    A value one test registers (a fake `op read` answering "secret") would otherwise be
    masked, and refused in git's arguments, in every later test whose paths contain it —
    the tests then pass or fail by the order they run in.
    """
    from jackin_sdk.debug import _redact  # noqa: PLC0415 - the registry has no public reset

    with _redact._lock:
        before = set(_redact._secrets)
    yield
    with _redact._lock:
        _redact._secrets.clear()
        _redact._secrets.update(before)
