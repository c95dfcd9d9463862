"""Image builds through the engine: what to build, and how a failed build is reported."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jackin_sdk.docker._errors import DockerError

__all__ = ["BuildOutput", "BuildSpec", "ImageBuildError", "parse_step"]

BuildOutput = Callable[[str], None]
"""Receives each line the builder prints, as it prints it."""

_STEP = re.compile(r"^Step (\d+)/(\d+) : (.*)$")


@dataclass(frozen=True, slots=True)
class BuildSpec:
    """`docker build` with the classic builder: context folder, Dockerfile, tag and labels.

    `dockerfile` may lie outside `context` (it is sent along with it). Nothing is pulled:
    base images must be present locally.
    """

    context: Path
    dockerfile: Path
    tag: str
    labels: Mapping[str, str] = field(default_factory=dict)
    build_args: Mapping[str, str] = field(default_factory=dict)
    no_cache: bool = False


def parse_step(line: str) -> tuple[int, int, str] | None:
    """`(n, total, instruction)` for a classic builder's `Step n/total : …` line."""
    match = _STEP.match(line.strip())
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2)), match.group(3)


class ImageBuildError(DockerError):
    """A build failed; names the failing step and keeps the end of the output."""

    def __init__(self, tag: str, reason: str, *, step: str | None, tail: str) -> None:
        where = f" at `{step}`" if step else ""
        super().__init__(f"building {tag} failed{where}: {reason}")
        self.tag = tag
        self.reason = reason
        self.step = step
        self.tail = tail
