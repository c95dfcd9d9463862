"""Materialise the image an instance runs: the role's base image, then jackin's overlay.

    construct ← role Dockerfile (base `jk_<slug>__base:<sha7>`) ← overlay (`jk_<slug>:<sha7>`)

Both builds use the engine's classic builder and never pull. Each is reused when its
labels say nothing that matters changed; every decision and build line is reported to
`progress` and appended to the build log.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from jackin_sdk.agents import (
    AgentCache,
    AgentInstall,
    AgentSource,
    CachedAgent,
    PythonTarget,
    runtime_for,
)
from jackin_sdk.docker import BuildSpec, DockerApi, ImageBuildError, parse_step
from jackin_sdk.fs import read_bounded_bytes, read_bounded_text
from jackin_sdk.images._context import prepare_overlay_context
from jackin_sdk.images._names import DEFAULT_CONSTRUCT_IMAGE, ImageNames, construct_image
from jackin_sdk.images._python_probe import image_python
from jackin_sdk.images._recipe import ImageDecision, ImageRecipe, decide_image
from jackin_sdk.images._wheels import CAPSULE_DISTRIBUTION, Wheel
from jackin_sdk.roles import (
    CONSTRUCT_REPOSITORY,
    MANIFEST_FILE,
    RoleManifest,
    RoleSelector,
    parse_from_lines,
)

__all__ = [
    "ImageEvent",
    "ImageEventKind",
    "ImageProgress",
    "RoleImage",
    "RoleImageRequest",
    "ensure_role_image",
    "rewrite_construct",
]

LABEL_BASE_SHA = "jackin.role.git.sha"
LABEL_BASE_CONSTRUCT = "jackin.construct.image"
_ARG_ROLE_SHA = re.compile(r"^\s*ARG\s+ROLE_GIT_SHA(\s|=|$)", re.IGNORECASE | re.MULTILINE)


class ImageEventKind(StrEnum):
    """What an `ImageEvent` reports."""

    DECISION = "decision"
    STEP = "step"
    OUTPUT = "output"
    BUILT = "built"


@dataclass(frozen=True, slots=True)
class ImageEvent:
    """Progress of the image stage: a decision, a build step, or a raw output line."""

    kind: ImageEventKind
    image: str
    message: str
    step: int | None = None
    total: int | None = None


ImageProgress = Callable[[ImageEvent], None]


@dataclass(frozen=True, slots=True)
class RoleImageRequest:
    """Which role, at which commit, for which host user."""

    selector: RoleSelector
    role_dir: Path
    manifest: RoleManifest
    commit: str | None
    branch: str | None = None
    rebuild: bool = False
    host_uid: int | None = field(
        default_factory=lambda: os.geteuid() if hasattr(os, "geteuid") else None
    )
    env: Mapping[str, str] | None = None
    #: Where the capsule wheels are cached between launches (None: make them every time).
    wheel_cache: Path | None = None
    #: Each supported agent's install source; an agent not listed uses its installer.
    agent_installs: tuple[AgentInstall, ...] = ()
    #: `~/.jackin/cache/agents`: where `registry` agents are fetched to and copied from.
    agent_cache: Path | None = None


@dataclass(frozen=True, slots=True)
class RoleImage:
    """The image to run, whether it was built now, and why."""

    image: str
    image_id: str
    base_image: str
    decision: ImageDecision
    built: bool
    recipe: ImageRecipe


def rewrite_construct(dockerfile: str, construct: str) -> str:
    """Point every `FROM projectjackin/construct:*` at `construct` (JACKIN_CONSTRUCT_IMAGE)."""
    lines = dockerfile.splitlines(keepends=True)
    for found in parse_from_lines(dockerfile):
        if found.image.split("@", 1)[0].rsplit(":", 1)[0] != CONSTRUCT_REPOSITORY:
            continue
        index = found.line - 1
        lines[index] = lines[index].replace(found.image, construct, 1)
    return "".join(lines)


class _Builder:
    def __init__(
        self, docker: DockerApi, log_path: Path | None, progress: ImageProgress | None
    ) -> None:
        self._docker = docker
        self._log_path = log_path
        self._progress = progress
        if log_path is not None:
            log_path.parent.mkdir(parents=True, exist_ok=True)

    def emit(self, event: ImageEvent) -> None:
        if self._log_path is not None and event.kind is not ImageEventKind.STEP:
            with self._log_path.open("a", encoding="utf-8") as log:
                log.write(f"{event.message}\n" if event.kind is ImageEventKind.OUTPUT
                          else f"== {event.message}\n")  # fmt: skip
        if self._progress is not None:
            self._progress(event)

    def build(self, spec: BuildSpec) -> str:
        def output(line: str) -> None:
            step = parse_step(line)
            if step is not None:
                self.emit(ImageEvent(ImageEventKind.STEP, spec.tag, step[2], step[0], step[1]))
            self.emit(ImageEvent(ImageEventKind.OUTPUT, spec.tag, line))

        try:
            image_id = self._docker.build_image(spec, output)
        except ImageBuildError as exc:
            self.emit(ImageEvent(ImageEventKind.OUTPUT, spec.tag, f"error: {exc.reason}"))
            if self._log_path is not None:
                exc.message += f"\nfull build log: {self._log_path}"
                exc.args = (exc.message,)
            raise
        self.emit(ImageEvent(ImageEventKind.BUILT, spec.tag, f"built {spec.tag}"))
        return image_id


def _ensure_base(
    builder: _Builder, docker: DockerApi, request: RoleImageRequest, names: ImageNames,
    construct: str,
) -> str:  # fmt: skip
    sha = names.tag if names.tag and request.commit else None
    found = docker.inspect_image(names.base)  # one request: presence, labels and id
    if (
        found is not None
        and not request.rebuild
        and sha is not None
        and found.labels.get(LABEL_BASE_SHA) == sha
        and found.labels.get(LABEL_BASE_CONSTRUCT) == construct
    ):
        message = f"reusing {names.base}: role commit {sha} already built"
        builder.emit(ImageEvent(ImageEventKind.DECISION, names.base, message))
        return found.id
    dockerfile_path = request.role_dir / request.manifest.dockerfile
    # Validated when the role was loaded, but read again now: bounded, never blocking on
    # a FIFO put in its place since (`UnreadableFile` names it).
    text = read_bounded_text(dockerfile_path)
    build_args = (
        {"ROLE_GIT_SHA": request.commit} if request.commit and _ARG_ROLE_SHA.search(text) else {}
    )
    why = (
        "--rebuild was requested"
        if request.rebuild
        else ("no local image yet" if found is None else "the role commit is unknown or changed")
    )
    builder.emit(ImageEvent(ImageEventKind.DECISION, names.base, f"building {names.base}: {why}"))
    with tempfile.TemporaryDirectory(prefix="jackin-base-") as scratch:
        dockerfile = dockerfile_path
        if construct != DEFAULT_CONSTRUCT_IMAGE:
            dockerfile = Path(scratch) / "Dockerfile"
            dockerfile.write_text(rewrite_construct(text, construct))
        spec = BuildSpec(
            context=request.role_dir,
            dockerfile=dockerfile,
            tag=names.base,
            labels={LABEL_BASE_SHA: sha or "unknown", LABEL_BASE_CONSTRUCT: construct},
            build_args=build_args,
            no_cache=request.rebuild,
        )
        return builder.build(spec)


def _capsule_version(wheels: tuple[Wheel, ...]) -> str:
    """The version of the capsule wheel going into the image."""
    return next((w.version for w in wheels if w.distribution == CAPSULE_DISTRIBUTION), "unknown")


_TOOL_ENV = ("npm_config_", "pip_", "http_proxy", "https_proxy", "no_proxy")


def _is_pypi(install: AgentInstall) -> bool:
    package = runtime_for(install.agent).registry
    return package is not None and package.registry == "pypi"


def _fetch_agents(
    builder: _Builder, request: RoleImageRequest, image: str, *, pypi: bool,
    python: Callable[[AgentInstall], PythonTarget] | None = None,
) -> list[CachedAgent]:  # fmt: skip
    """Every supported `registry` agent of one kind (npm, or PyPI with the role image's
    Python from `python`), fetched into the host cache when missing."""
    supported = set(request.manifest.effective_agents)
    wanted = [i for i in request.agent_installs
              if i.source is AgentSource.REGISTRY and i.agent in supported
              and _is_pypi(i) is pypi]  # fmt: skip
    if not wanted:
        return []
    root = request.agent_cache
    if root is None:
        raise ValueError("registry agents need RoleImageRequest.agent_cache")
    env = os.environ if request.env is None else request.env
    cache = AgentCache(root, env={k: v for k, v in env.items()
                                  if k.lower().startswith(_TOOL_ENV)})  # fmt: skip
    fetched = []
    for install in wanted:
        target = python(install) if python is not None and pypi else None
        version = cache.version_for(install, target)
        found = cache.cached(install.agent, version, target)
        if found is None:
            message = f"fetching {install.agent.value} {version} from its registry"
            if target is not None:
                message += f" for the role image's Python {target.version} ({target.tag})"
            builder.emit(ImageEvent(ImageEventKind.DECISION, image, message))
            found = cache.ensure(install.agent, version, target)
        fetched.append(found)
    return fetched


def ensure_role_image(
    docker: DockerApi,
    request: RoleImageRequest,
    *,
    log_path: Path | None = None,
    progress: ImageProgress | None = None,
) -> RoleImage:
    """Reuse or build the role's base and derived images; the result names the reason."""
    env = os.environ if request.env is None else request.env
    construct = construct_image(env)
    names = ImageNames.for_role(request.selector, commit=request.commit, branch=request.branch)
    builder = _Builder(docker, log_path, progress)
    # npm agents first (a registry failure stops before a long base build); a PyPI agent
    # needs the base image's Python, so it is fetched once the base exists.
    fetched = _fetch_agents(builder, request, names.derived, pypi=False)
    base_id = _ensure_base(builder, docker, request, names, construct)
    if request.agent_cache is not None:
        cache_root = request.agent_cache

        def python(install: AgentInstall) -> PythonTarget:
            return image_python(docker, base_id, agent=install.agent, image=names.base,
                                cache=cache_root)  # fmt: skip

        fetched += _fetch_agents(builder, request, names.derived, pypi=True, python=python)
    manifest_bytes = read_bounded_bytes(request.role_dir / MANIFEST_FILE)
    with tempfile.TemporaryDirectory(prefix="jackin-overlay-") as scratch:
        context = prepare_overlay_context(
            Path(scratch), role_dir=request.role_dir, manifest=request.manifest,
            base_image=names.base, wheel_cache=request.wheel_cache, fetched=fetched,
        )  # fmt: skip
        from_registry = {c.agent.value: c for c in fetched}
        recipe = ImageRecipe(
            manifest_version=request.manifest.version or "unknown",
            manifest_hash=hashlib.sha256(manifest_bytes).hexdigest(),
            role_git_sha=names.tag if request.commit and names.tag else "unknown",
            role_source_ref=request.branch,
            base_image=names.base,
            base_image_id=base_id,
            construct_image=construct,
            context_hash=context.context_hash,
            supported_agents=tuple(sorted(a.value for a in request.manifest.effective_agents)),
            capsule_version=_capsule_version(context.wheels),
            hooks_hash=context.hooks_hash,
            plugin_recipe_hash=context.plugin_recipe_hash,
            host_uid=request.host_uid,
            agent_sources=tuple(
                from_registry[a].recipe_item() if a in from_registry else f"{a}=installer"
                for a in sorted(a.value for a in request.manifest.effective_agents)
            ),
            agent_versions=tuple(sorted((a, c.version) for a, c in from_registry.items())),
        )
        found = docker.inspect_image(names.derived)  # one request: labels and id
        existing = found.labels if found is not None else None
        decision = decide_image(names.derived, existing, recipe, rebuild=request.rebuild)
        builder.emit(ImageEvent(ImageEventKind.DECISION, names.derived, str(decision)))
        if decision.reuse and found is not None:
            return RoleImage(names.derived, found.id, names.base, decision, False, recipe)
        build_args = {
            "JACKIN_RUN_UID": str(request.host_uid if request.host_uid is not None else 1000)
        }
        image_id = builder.build(
            BuildSpec(
                context=context.root,
                dockerfile=context.dockerfile,
                tag=names.derived,
                labels=recipe.labels(),
                build_args=build_args,
                no_cache=request.rebuild,
            )
        )
    return RoleImage(names.derived, image_id, names.base, decision, True, recipe)
