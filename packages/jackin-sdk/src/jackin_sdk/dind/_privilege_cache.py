"""The privilege probe's answer, cached per engine; the sidecar privileges of a launch.

The probe runs up to six throwaway containers (about 0.3 s each), and its answer depends
only on the engine and the host under it. It is cached in `<home>/cache/dind-privilege.json`
keyed by the engine's identity (endpoint, `docker info` ID and server version): another
engine, or the same one upgraded, is probed afresh. The endpoint is part of the key
because engine 20.10 takes its ID from `/etc/docker/key.json`, shared by every engine of
one host. `jackin doctor` always probes and refreshes the
entry. Only answers that found a working mode are kept; a failed probe is retried next
time. A configured `dind_privilege` is never probed.

The file is a cache: unreadable or malformed, it is ignored and rewritten.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jackin_sdk.dind._privilege import (
    COMMONLY_REFUSED_CAPABILITIES,
    DindPrivilegeMode,
    PrivilegeProbe,
    SidecarPrivileges,
    local_refused_capabilities,
    probe_dind_privilege,
)
from jackin_sdk.docker import DockerApi

if TYPE_CHECKING:
    from jackin_sdk.paths import HomeIdentity

__all__ = [
    "PRIVILEGE_CACHE_FILE",
    "cached_dind_privilege",
    "engine_key",
    "read_cached_probe",
    "sidecar_privileges",
    "write_cached_probe",
]

PRIVILEGE_CACHE_FILE = "dind-privilege.json"
"""Its name under the jackin home's `cache/` folder."""
_FORMAT = 1
_MAX_ENGINES = 8
_log = logging.getLogger(__name__)


def engine_key(docker: DockerApi) -> str:
    """`<endpoint>|<docker info ID>|<server version>`: what a cached answer is valid for."""
    return f"{docker.endpoint}|{docker.engine_id()}|{docker.server_version()}"


def _load(cache_file: Path) -> dict[str, Any]:
    try:
        document = json.loads(cache_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        _log.debug("ignoring the unreadable privilege cache %s: %s", cache_file, exc)
        return {}
    if not isinstance(document, dict) or document.get("format") != _FORMAT:
        return {}
    engines = document.get("engines")
    return engines if isinstance(engines, dict) else {}


def _probe_from(entry: object) -> PrivilegeProbe | None:
    if not isinstance(entry, dict):
        return None
    try:
        probe = PrivilegeProbe(
            image=str(entry["image"]),
            privileged_works=entry["privileged_works"] is True,
            privileged_error=_optional_text(entry["privileged_error"]),
            capabilities_mode_works=entry["capabilities_mode_works"] is True,
            dropped_capabilities=tuple(str(c) for c in entry["dropped_capabilities"]),
            capabilities_error=_optional_text(entry["capabilities_error"]),
        )
    except (KeyError, TypeError):
        return None
    return probe if probe.recommended_mode is not None else None


def _optional_text(value: object) -> str | None:
    return None if value is None else str(value)


def read_cached_probe(cache_file: Path, key: str) -> PrivilegeProbe | None:
    """The answer cached for the engine `key`, or None (none, stale format, malformed)."""
    return _probe_from(_load(cache_file).get(key))


def write_cached_probe(cache_file: Path, key: str, probe: PrivilegeProbe) -> None:
    """Cache `probe` for the engine `key` (at most the eight most recent engines are kept)."""
    from jackin_sdk.fs import atomic_write_text  # noqa: PLC0415

    engines = {k: v for k, v in _load(cache_file).items() if k != key}
    engines[key] = {
        "image": probe.image,
        "privileged_works": probe.privileged_works,
        "privileged_error": probe.privileged_error,
        "capabilities_mode_works": probe.capabilities_mode_works,
        "dropped_capabilities": list(probe.dropped_capabilities),
        "capabilities_error": probe.capabilities_error,
    }
    kept = dict(list(engines.items())[-_MAX_ENGINES:])
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"format": _FORMAT, "engines": kept}, indent=2, sort_keys=True)
    atomic_write_text(cache_file, text + "\n")


def cached_dind_privilege(
    docker: DockerApi,
    image: str,
    cache_file: Path,
    *,
    home: HomeIdentity,
    refresh: bool = False,
    local_guess: Sequence[str] | None = None,
) -> PrivilegeProbe:
    """The cached answer for this engine, or a fresh probe (cached when a mode works).

    `refresh` probes even when an answer is cached (what `jackin doctor` does). The
    probe's containers carry `home`'s labels.
    """
    key = engine_key(docker)
    if not refresh:
        cached = read_cached_probe(cache_file, key)
        if cached is not None:
            return cached
    probe = probe_dind_privilege(docker, image, home=home, local_guess=local_guess)
    if probe.recommended_mode is not None:
        try:
            write_cached_probe(cache_file, key, probe)
        except OSError as exc:  # a cache that cannot be written costs a probe next time
            _log.debug("could not write the privilege cache %s: %s", cache_file, exc)
    return probe


def _default_dropped(docker: DockerApi) -> tuple[str, ...]:
    """Capabilities mode without a probe: what this process lacks, and the usual refusals."""
    local = local_refused_capabilities() if docker.endpoint.startswith("unix://") else ()
    return tuple(dict.fromkeys((*local, *COMMONLY_REFUSED_CAPABILITIES)))


def sidecar_privileges(
    docker: DockerApi,
    mode: DindPrivilegeMode | None,
    image: str,
    cache_file: Path,
    *,
    home: HomeIdentity,
) -> SidecarPrivileges:
    """How a launch starts its sidecar: the configured `mode`, else the cached probe's.

    A configured mode is never probed. Capabilities mode drops the capabilities a cached
    probe of this engine found refused, else those this process lacks plus the commonly
    refused ones (none of which a nested engine needs).
    """
    if mode is DindPrivilegeMode.PRIVILEGED:
        return SidecarPrivileges.for_privileged()
    if mode is DindPrivilegeMode.CAPABILITIES:
        cached = read_cached_probe(cache_file, engine_key(docker))
        if cached is not None and cached.capabilities_mode_works:
            return SidecarPrivileges.for_capabilities(cached.dropped_capabilities)
        return SidecarPrivileges.for_capabilities(_default_dropped(docker))
    probe = cached_dind_privilege(docker, image, cache_file, home=home)
    if probe.recommended_mode is DindPrivilegeMode.PRIVILEGED:
        return SidecarPrivileges.for_privileged()
    return SidecarPrivileges.for_capabilities(probe.dropped_capabilities)
