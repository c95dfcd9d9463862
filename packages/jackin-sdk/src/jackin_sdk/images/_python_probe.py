"""Which Python a role base image runs, asked once per image id.

A PyPI agent is downloaded on the host for the image's interpreter (`PythonTarget`).
The role Dockerfile may install any Python, or none, so a construct label could not say;
jackin runs `python3 -c PYTHON_PROBE` in the built base image (a throwaway container, well under
a second) and keeps the answer in `<agent cache>/.images/<image id>.json`: an image id
names its content, so the answer never goes stale.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from jackin_sdk.agents import PYTHON_PROBE, AgentFetchError, PythonTarget, runtime_for
from jackin_sdk.auth import Agent
from jackin_sdk.docker import DockerApi, DockerError, RunSpec

__all__ = ["image_python"]

IMAGES_DIR = ".images"
_PROBE_TIMEOUT = 60.0
_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


def _record(cache: Path, image_id: str) -> Path:
    return cache / IMAGES_DIR / f"{_SAFE.sub('-', image_id)}.json"


def _fail(agent: Agent, image: str, reason: str) -> AgentFetchError:
    package = runtime_for(agent).registry
    name = package.package if package is not None else agent.value
    return AgentFetchError(
        agent, name, None, f"the role image {image} cannot run it: {reason}", registry="pypi"
    )


def image_python(
    docker: DockerApi, image_id: str, *, agent: Agent, image: str, cache: Path
) -> PythonTarget:
    """The Python of `image_id` (the role base image `image`), for `agent`'s wheels.

    E019 when the image has no python3 or the probe cannot run; the caller checks
    `PythonTarget.problem()` (too old, not glibc) when it fetches.
    """
    record = _record(cache, image_id)
    try:
        return PythonTarget.parse(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    spec = RunSpec(image=image_id, entrypoint=("python3",), command=("-c", PYTHON_PROBE))
    try:
        outcome = docker.run_once(spec, timeout=_PROBE_TIMEOUT)
    except DockerError as exc:
        if "executable file not found" in exc.message or "no such file" in exc.message.lower():
            raise _fail(agent, image, "it has no python3 (3.12 or newer is needed)") from exc
        raise _fail(agent, image, f"its Python could not be probed: {exc.message}") from exc
    if outcome.exit_code != 0:
        last = outcome.output.strip().splitlines()[-1:] or ["no output"]
        reason = (
            "it has no python3 (3.12 or newer is needed)"
            if outcome.exit_code == 127
            else f"python3 exited {outcome.exit_code}: {last[0]}"
        )
        raise _fail(agent, image, reason)
    try:
        target = PythonTarget.parse(outcome.output)
    except ValueError as exc:
        raise _fail(agent, image, str(exc)) from exc
    record.parent.mkdir(parents=True, exist_ok=True)
    scratch = record.with_name(f".{record.name}.{os.getpid()}")
    scratch.write_text(target.to_json() + "\n", encoding="utf-8")
    scratch.replace(record)
    return target
