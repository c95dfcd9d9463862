"""The overlay's build context (spec runtime §3.2): hooks, jackin's payload and wheels.

Only what the overlay copies is in it, never the role repository, so a role's
`.dockerignore` and stray files cannot affect it. Agents fetched from their registries
are hard-linked in from the host cache (copied across file systems) and left out of the
context hash: the recipe names them by package and integrity instead.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jackin_sdk.agents import CachedAgent, runtime_for
from jackin_sdk.errors import JackinError, Location
from jackin_sdk.images._overlay import CONTEXT_RUNTIME, HOOK_TARGETS, OverlayPlan, render_overlay
from jackin_sdk.images._wheel_cache import cached_capsule_wheels
from jackin_sdk.images._wheels import Wheel, capsule_wheels
from jackin_sdk.roles import MANIFEST_FILE, RoleManifest

__all__ = ["OverlayContext", "prepare_overlay_context"]

_PAYLOAD = ("entrypoint.sh", "jackin-capsule", "install-capsule.sh")
_DOCKERFILE = f"{CONTEXT_RUNTIME}/DerivedDockerfile"


@dataclass(frozen=True, slots=True)
class OverlayContext:
    """A ready build context and the digests the recipe needs."""

    root: Path
    dockerfile: Path
    wheels: tuple[Wheel, ...]
    hooks_hash: str
    plugin_recipe_hash: str
    context_hash: str


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hook_source(role_dir: Path, label: str, relative: str) -> Path:
    where = Location(file=role_dir / MANIFEST_FILE, field=f"hooks.{label}")
    path = role_dir / relative
    root = role_dir.resolve()
    if path.is_symlink() or not path.is_file():
        what = "a symlink" if path.is_symlink() else "missing or not a regular file"
        raise JackinError(f"hook {relative} is {what}; point it at a script file", location=where)
    if not path.resolve().is_relative_to(root):
        raise JackinError(f"hook {relative} lies outside the role repository", location=where)
    return path


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _add_fetched(runtime_dir: Path, fetched: Sequence[CachedAgent]) -> None:
    for cached in fetched:
        shutil.copytree(
            cached.payload, runtime_dir / "agents" / cached.agent.value,
            copy_function=_link_or_copy, symlinks=True,
        )  # fmt: skip


def _plugin_recipe(
    manifest: RoleManifest,
) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], tuple[str, ...], str]:
    claude = manifest.claude
    if claude is None or (not claude.marketplaces and not claude.plugins):
        return (), (), _digest(b"null")
    marketplaces = tuple((m.source, tuple(m.sparse)) for m in claude.marketplaces)
    plugins = tuple(claude.plugins)
    document = {
        "marketplaces": [{"source": s, "sparse": list(p)} for s, p in marketplaces],
        "plugins": list(plugins),
    }
    return marketplaces, plugins, _digest(json.dumps(document, separators=(",", ":")).encode())


def prepare_overlay_context(
    root: Path,
    *,
    role_dir: Path,
    manifest: RoleManifest,
    base_image: str,
    wheel_cache: Path | None = None,
    fetched: Sequence[CachedAgent] = (),
) -> OverlayContext:
    """Fill `root` (an empty folder) with the overlay context for this role.

    With `wheel_cache`, the capsule wheels come from that cache while the installed code
    is unchanged, instead of being made again. `fetched` agents are copied in from the
    registry cache and installed from there instead of by their installers.
    """
    runtime_dir = root / CONTEXT_RUNTIME
    runtime_dir.mkdir(parents=True)
    payload = importlib.resources.files("jackin_sdk.images") / "payload"
    for name in _PAYLOAD:
        (runtime_dir / name).write_bytes((payload / name).read_bytes())
    wheels_dir = runtime_dir / "wheels"
    wheels = tuple(
        capsule_wheels(wheels_dir)
        if wheel_cache is None
        else cached_capsule_wheels(wheel_cache, wheels_dir)
    )

    hooks: list[tuple[str, str]] = []
    hook_records: list[dict[str, str]] = []
    declared = manifest.hooks
    for label in HOOK_TARGETS:
        relative = getattr(declared, label) if declared is not None else None
        if not relative:
            continue
        source = _hook_source(role_dir, label, relative)
        target = f"{CONTEXT_RUNTIME}/hooks/{HOOK_TARGETS[label]}"
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / target)
        hooks.append((label, target))
        content = source.read_bytes()
        hook_records.append(
            {"label": label, "filename": HOOK_TARGETS[label], "path": relative,
             "content_hash": _digest(content)}
        )  # fmt: skip
    hooks_hash = _digest(json.dumps(hook_records, separators=(",", ":")).encode())

    marketplaces, plugins, plugin_hash = _plugin_recipe(manifest)
    plan = OverlayPlan(
        base_image=base_image,
        agents=tuple(runtime_for(agent) for agent in manifest.effective_agents),
        hooks=tuple(hooks),
        marketplaces=marketplaces,
        plugins=plugins,
        fetched={c.agent.value: (c.entry, c.spec) for c in fetched},
        pip_installs={
            c.agent.value: (c.requirement, c.installer) for c in fetched if c.registry == "pypi"
        },
    )
    _add_fetched(runtime_dir, fetched)
    agents_dir = runtime_dir / "agents"
    dockerfile = root / _DOCKERFILE
    dockerfile.write_text(render_overlay(plan))
    digest = hashlib.sha256()
    for path in sorted(
        p for p in root.rglob("*") if p.is_file() and not p.is_relative_to(agents_dir)
    ):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(_digest(path.read_bytes()).encode() + b"\n")
    return OverlayContext(
        root=root,
        dockerfile=dockerfile,
        wheels=wheels,
        hooks_hash=hooks_hash,
        plugin_recipe_hash=plugin_hash,
        context_hash=digest.hexdigest(),
    )
