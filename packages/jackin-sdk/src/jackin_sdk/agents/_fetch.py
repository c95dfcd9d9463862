"""The host's cache of agent binaries fetched from their registries.

    ~/.jackin/cache/agents/<agent>/<version>/
        jackin-agent.json   what was fetched (package spec, platform, integrity, entry)
        payload/            what the overlay copies into the image

A version folder appears whole or not at all: the package is packed (`npm pack`, which
runs no install script and honours the operator's npm configuration, registry mirror and
proxy) and unpacked into a `.new-*` folder beside it, checked, then renamed into place.
A failure removes the temporary folder and raises E019 naming the agent, the package and
the version. When no version is pinned, the registry's latest is asked at most once a day
(`latest.json`); a failed lookup falls back to the last answer, so an offline warm launch
still works.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import tarfile
import tempfile
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from jackin_sdk.agents._install import AgentInstall
from jackin_sdk.agents._runtime import RegistryPackage, npm_platform, runtime_for
from jackin_sdk.vocab import Agent
from jackin_sdk.errors import CodedError, ErrorCode
from jackin_sdk.process import CommandError, run_command

__all__ = ["AgentCache", "AgentFetchError", "CachedAgent"]

METADATA = "jackin-agent.json"
PAYLOAD = "payload"
LATEST = "latest.json"
LATEST_TTL_SECONDS = 24 * 3600
_FETCH_TIMEOUT = 900.0
_LOOKUP_TIMEOUT = 60.0


class AgentFetchError(CodedError):
    """E019: an agent's registry package could not be fetched or unpacked."""

    def __init__(
        self, agent: Agent, package: str, version: str | None, reason: str, spec: str = ""
    ) -> None:
        version_text = version or "latest"
        fetched = f" ({spec})" if spec else ""
        super().__init__(
            ErrorCode.E019,
            detail=f"{agent.value}: {package} {version_text}{fetched}: {reason}",
            hint=(
                f"Check that {package} has version {version_text} (`npm view {package} "
                "versions`) and that this host's npm reaches its registry (npm config, "
                f'proxy); or set `source = "installer"` in [install.{agent.value}]'
            ),
        )
        self.agent = agent
        self.package = package
        self.version = version


@dataclass(frozen=True, slots=True)
class CachedAgent:
    """One agent version in the cache, ready to copy into an image."""

    agent: Agent
    version: str
    spec: str
    """The platform package that was packed (`@anthropic-ai/claude-code-linux-x64@2.1.332`)."""
    platform: str
    integrity: str
    """The registry's integrity string of the tarball (`sha512-…`)."""
    entry: str
    """The binary, relative to `payload`."""
    root: Path

    @property
    def payload(self) -> Path:
        """The folder the overlay copies to `/jackin/agents/<agent>/`."""
        return self.root / PAYLOAD

    def recipe_item(self) -> str:
        """What the image recipe records for it."""
        return f"{self.agent.value}=registry:{self.spec}:{self.integrity}"


def _metadata(cached: CachedAgent) -> str:
    data = asdict(cached)
    data["agent"] = cached.agent.value
    data.pop("root")
    return json.dumps(data, indent=2) + "\n"


def _read_metadata(folder: Path) -> CachedAgent | None:
    try:
        data = json.loads((folder / METADATA).read_text(encoding="utf-8"))
        cached = CachedAgent(
            agent=Agent(data["agent"]), version=data["version"], spec=data["spec"],
            platform=data["platform"], integrity=data["integrity"], entry=data["entry"],
            root=folder,
        )  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return cached if (cached.payload / cached.entry).is_file() else None


def _registry(agent: Agent) -> RegistryPackage:
    package = runtime_for(agent).registry
    if package is None:
        raise CodedError(
            ErrorCode.E019,
            detail=f"{agent.value} has no registry package jackin knows",
            hint=f'Set `source = "installer"` in [install.{agent.value}]',
        )
    return package


class AgentCache:
    """Fetches agents into `root` (`~/.jackin/cache/agents`) and finds them there."""

    def __init__(
        self,
        root: Path,
        *,
        npm: str = "npm",
        env: Mapping[str, str] | None = None,
        machine: str | None = None,
        now: float | None = None,
    ) -> None:
        self.root = root
        self._npm = npm
        self._env = dict(env) if env is not None else None
        self.platform = npm_platform(machine or platform.machine())
        self._now = now

    def _time(self) -> float:
        return time.time() if self._now is None else self._now

    def _npm_run(self, args: list[str], *, cwd: Path | None, timeout: float) -> str:
        done = run_command(
            [self._npm, *args], env=self._env, cwd=cwd, timeout=timeout,
            describe=f"npm {args[0]}",
        )  # fmt: skip
        return done.stdout

    # -- versions ------------------------------------------------------------------

    def latest_version(self, agent: Agent) -> str:
        """The registry's latest version, asked at most once a day; the last answer
        (or the newest cached version) when the registry cannot be asked."""
        package = _registry(agent)
        folder = self.root / agent.value
        remembered: dict[str, object] = {}
        try:
            remembered = json.loads((folder / LATEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            remembered = {}
        version = remembered.get("version")
        checked = remembered.get("checked_at")
        fresh = isinstance(checked, int | float) and self._time() - checked < LATEST_TTL_SECONDS
        if isinstance(version, str) and fresh:
            return version
        try:
            answer = self._npm_run(
                ["view", package.latest_package(self.platform), "version"],
                cwd=None,
                timeout=_LOOKUP_TIMEOUT,
            ).strip()
        except CommandError as exc:
            fallback = version if isinstance(version, str) else self._newest_cached(agent)
            if fallback is not None:
                return fallback
            raise AgentFetchError(agent, package.package, None, exc.message) from exc
        if not answer or "\n" in answer:
            raise AgentFetchError(agent, package.package, None, f"unexpected answer {answer!r}")
        folder.mkdir(parents=True, exist_ok=True)
        record = json.dumps({"version": answer, "checked_at": self._time()})
        scratch = folder / f".{LATEST}.{os.getpid()}"
        scratch.write_text(record + "\n", encoding="utf-8")
        scratch.replace(folder / LATEST)
        return answer

    def _newest_cached(self, agent: Agent) -> str | None:
        folder = self.root / agent.value
        found = [
            (p.stat().st_mtime, p.name)
            for p in folder.glob("*")
            if p.is_dir() and not p.name.startswith(".") and _read_metadata(p) is not None
        ] if folder.is_dir() else []  # fmt: skip
        return max(found)[1] if found else None

    def version_for(self, install: AgentInstall) -> str:
        """The version `install` means: its pin, or the registry's latest."""
        return install.version or self.latest_version(install.agent)

    # -- entries -------------------------------------------------------------------

    def cached(self, agent: Agent, version: str) -> CachedAgent | None:
        """The complete cache entry of `agent` `version` for this platform, if present."""
        found = _read_metadata(self.root / agent.value / version)
        return found if found is not None and found.platform == self.platform else None

    def ensure(self, agent: Agent, version: str) -> CachedAgent:
        """The cache entry of `agent` `version`, fetched first when missing."""
        found = self.cached(agent, version)
        if found is not None:
            return found
        package = _registry(agent)
        spec = package.spec(version, self.platform)
        folder = self.root / agent.value
        folder.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".new-", dir=folder))
        try:
            cached = self._fetch_into(scratch, agent, package, spec, version)
            scratch.chmod(0o755)
            target = folder / version
            if target.exists():  # an entry of another platform, or a broken one
                old = Path(tempfile.mkdtemp(prefix=".old-", dir=folder))
                target.rename(old / "entry")
                shutil.rmtree(old, ignore_errors=True)
            scratch.rename(target)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        return CachedAgent(**{**asdict(cached), "agent": agent, "root": target})

    def _fetch_into(
        self, scratch: Path, agent: Agent, package: RegistryPackage, spec: str, version: str
    ) -> CachedAgent:
        packed = scratch / "packed"
        packed.mkdir()
        try:
            out = self._npm_run(
                ["pack", spec, "--json", "--pack-destination", str(packed)],
                cwd=scratch, timeout=_FETCH_TIMEOUT,
            )  # fmt: skip
        except CommandError as exc:
            raise AgentFetchError(agent, package.package, version, _reason(exc), spec) from exc
        try:
            info = json.loads(out)[0]
            tarball = packed / Path(info["filename"]).name
            integrity = str(info.get("integrity") or "")
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise AgentFetchError(
                agent, package.package, version, "npm pack gave no tarball", spec
            ) from exc
        unpacked = scratch / "unpacked"
        try:
            with tarfile.open(tarball) as archive:
                archive.extractall(unpacked, filter="data")
        except (OSError, tarfile.TarError) as exc:
            raise AgentFetchError(
                agent, package.package, version, f"cannot unpack: {exc}", spec
            ) from exc
        source = unpacked / "package" / package.payload_dir(self.platform)
        entry = source / package.entry
        if not entry.is_file():
            missing = f"the package has no {package.payload_dir(self.platform)}/{package.entry}"
            raise AgentFetchError(agent, package.package, version, missing, spec)
        entry.chmod(entry.stat().st_mode | 0o755)
        source.rename(scratch / PAYLOAD)
        shutil.rmtree(unpacked)
        shutil.rmtree(packed)
        cached = CachedAgent(agent, version, spec, self.platform, integrity, package.entry,
                             scratch)  # fmt: skip
        (scratch / METADATA).write_text(_metadata(cached), encoding="utf-8")
        return cached


def _reason(exc: CommandError) -> str:
    """The useful line of a failed npm run (its `npm error` lines), else the message."""
    text = exc.result.stderr if exc.result is not None else ""
    lines = [line.strip() for line in text.splitlines() if "error" in line.lower()]
    return "; ".join(lines[:3]) if lines else exc.message
