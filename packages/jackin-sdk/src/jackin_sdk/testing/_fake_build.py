"""How `FakeDocker` plays `docker build`: steps, base images, labels and stable ids.

It does not run anything: it checks every `FROM` image is present (nothing is pulled),
prints `Step n/N : …` lines like the classic builder, lets a handler fail a step, and
tags an image whose labels are the base image's plus the build's. The id is a digest of
the base id, the Dockerfile, the context files, labels and build args, so an unchanged
rebuild yields the same id (as the layer cache would), and `no_cache` a new one.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import shlex
from collections.abc import Callable, Iterator
from pathlib import Path

from jackin_sdk.docker import BuildOutput, BuildSpec, ImageBuildError
from jackin_sdk.testing._fake_objects import FakeImage

__all__ = ["BuildHandler", "FakeBuilder"]

BuildHandler = Callable[[BuildSpec, str], str | None]
"""Called per instruction; a returned message fails the build at that step."""

_VARIABLE = re.compile(r"\$\{(\w+)\}|\$(\w+)")


def _instructions(text: str) -> list[str]:
    result: list[str] = []
    buffer: list[str] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not buffer and (not stripped or stripped.startswith("#")):
            continue
        if buffer and stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            buffer.append(stripped[:-1].strip())
            continue
        buffer.append(stripped)
        result.append(" ".join(part for part in buffer if part))
        buffer = []
    if buffer:
        result.append(" ".join(buffer))
    return result


def _context_digest(root: Path) -> Iterator[bytes]:
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if ".git" in relative.parts or not path.is_file():
            continue
        yield relative.as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest()


class FakeBuilder:
    """The build half of `FakeDocker`."""

    def __init__(self, handler: BuildHandler | None = None) -> None:
        self.handler = handler
        self.builds: list[BuildSpec] = []
        self.dockerfiles: list[str] = []
        """The Dockerfile text of each build, in order (temporary files are gone later)."""
        self._uncached = itertools.count(1)

    def build(
        self,
        spec: BuildSpec,
        output: BuildOutput | None,
        find_image: Callable[[str], FakeImage | None],
    ) -> FakeImage:
        """Play the build; return the (untagged) image it produced."""
        self.builds.append(spec)
        text = spec.dockerfile.read_text(encoding="utf-8")
        self.dockerfiles.append(text)
        steps = _instructions(text)
        args: dict[str, str] = {}
        stages: set[str] = set()
        base: FakeImage | None = None
        labels: dict[str, str] = {}

        def say(line: str) -> None:
            if output is not None:
                output(line)

        def expand(word: str) -> str:
            return _VARIABLE.sub(lambda m: args.get(m.group(1) or m.group(2), ""), word)

        for number, step in enumerate(steps, start=1):
            say(f"Step {number}/{len(steps)} : {step}")
            keyword, _, rest = step.partition(" ")
            keyword = keyword.upper()
            if keyword == "ARG":
                name, _, default = rest.strip().partition("=")
                args[name] = spec.build_args.get(name, default)
            elif keyword == "FROM":
                words = [w for w in rest.split() if not w.startswith("--")]
                image = expand(words[0])
                if len(words) >= 3 and words[1].lower() == "as":
                    stages.add(words[2].lower())
                if image.lower() in stages or image == "scratch":
                    base, labels = None, {}
                    continue
                base = find_image(image)
                if base is None:
                    raise ImageBuildError(
                        spec.tag,
                        f"pull access denied for {image}: the image is not present locally",
                        step=f"Step {number}/{len(steps)} : {step}",
                        tail="",
                    )
                labels = dict(base.labels)
            elif keyword == "LABEL":
                for pair in shlex.split(rest):
                    key, _, value = pair.partition("=")
                    labels[key] = value
            failure = self.handler(spec, step) if self.handler is not None else None
            if failure is not None:
                say(failure)
                raise ImageBuildError(
                    spec.tag, failure, step=f"Step {number}/{len(steps)} : {step}", tail=failure
                )
        labels.update(spec.labels)
        digest = hashlib.sha256()
        digest.update((base.id if base is not None else "scratch").encode())
        digest.update(text.encode())
        for part in _context_digest(spec.context):
            digest.update(part)
        digest.update(repr(sorted(labels.items())).encode())
        digest.update(repr(sorted(spec.build_args.items())).encode())
        if spec.no_cache:
            digest.update(f"uncached-{next(self._uncached)}".encode())
        built = FakeImage(id=f"sha256:{digest.hexdigest()}", labels=labels)
        say(f"Successfully built {built.id[7:19]}")
        say(f"Successfully tagged {spec.tag}")
        return built
