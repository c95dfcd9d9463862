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

A PyPI agent's payload is a wheelhouse: every wheel the package needs for the role
image's Python (`PythonTarget`), plus the pip wheel that installs them in the image. The
host's pip (which honours the operator's pip configuration, index and proxy) fetches the
newest pip wheel first, and that pip -- run from its wheel, the same on every host --
downloads the rest with `--only-binary=:all:`. A dependency published only as an sdist
is built into a wheel on the host when it is pure Python; otherwise E019.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from jackin_sdk.agents._install import AgentInstall
from jackin_sdk.agents._python import PythonTarget
from jackin_sdk.agents._runtime import RegistryPackage, npm_platform, runtime_for
from jackin_sdk.errors import CodedError, ErrorCode
from jackin_sdk.process import CommandError, run_command
from jackin_sdk.vocab import Agent

__all__ = ["AgentCache", "AgentFetchError", "CachedAgent"]

METADATA = "jackin-agent.json"
PAYLOAD = "payload"
LATEST = "latest.json"
LATEST_TTL_SECONDS = 24 * 3600
_FETCH_TIMEOUT = 900.0
_LOOKUP_TIMEOUT = 60.0
#: Rounds of "build the missing pure-Python sdist, then download again".
_SDIST_ROUNDS = 8
_MISSING = re.compile(r"No matching distribution found for ([^\s;]+)")
_PIP_WHEEL = re.compile(r"^pip-[^-]+-py3-none-any\.whl$")


class AgentFetchError(CodedError):
    """E019: an agent's registry package could not be fetched or unpacked."""

    def __init__(
        self, agent: Agent, package: str, version: str | None, reason: str, spec: str = "",
        *, registry: str = "npm",
    ) -> None:  # fmt: skip
        version_text = version or "latest"
        fetched = f" ({spec})" if spec else ""
        versions, tool = (
            (f"pip index versions {package}", "pip") if registry == "pypi"
            else (f"npm view {package} versions", "npm")
        )  # fmt: skip
        super().__init__(
            ErrorCode.E019,
            detail=f"{agent.value}: {package} {version_text}{fetched}: {reason}",
            hint=(
                f"Check that {package} has version {version_text} (`{versions}`) and that "
                f"this host's {tool} reaches its registry ({tool} config, proxy); or set "
                f'`source = "installer"` in [install.{agent.value}]'
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
    """The binary, relative to `payload` (npm); the console script (PyPI)."""
    root: Path
    registry: str = "npm"
    installer: str = ""
    """PyPI: the pip wheel in `payload` that installs the others in the image."""

    @property
    def requirement(self) -> str:
        """What pip installs in the image (PyPI): the spec, `kimi-cli==1.52.0`."""
        return self.spec

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
            root=folder, registry=data.get("registry", "npm"),
            installer=data.get("installer", ""),
        )  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if cached.registry == "pypi":
        complete = bool(cached.installer) and (cached.payload / cached.installer).is_file()
    else:
        complete = (cached.payload / cached.entry).is_file()
    return cached if complete else None


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
        pip: Sequence[str] | None = None,
        env: Mapping[str, str] | None = None,
        machine: str | None = None,
        now: float | None = None,
    ) -> None:
        self.root = root
        self._npm = npm
        self._pip = tuple(pip) if pip is not None else None
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

    def _host_pip(self) -> tuple[str, ...]:
        """The host's pip: the one given, else `pip3`/`pip` on PATH, else this Python's."""
        if self._pip is not None:
            return self._pip
        for name in ("pip3", "pip"):
            found = shutil.which(name)
            if found:
                return (found,)
        return (sys.executable, "-m", "pip")

    def _pip_run(self, pip: Sequence[str], args: list[str], *, timeout: float) -> str:
        done = run_command(
            [*pip, *args, "--disable-pip-version-check"], env=self._env, timeout=timeout,
            describe=f"pip {args[0]}",
        )  # fmt: skip
        return done.stdout

    def platform_for(self, agent: Agent, python: PythonTarget | None = None) -> str:
        """The platform an entry of `agent` is fetched for: the npm platform of this
        machine, or the role image's Python tag for a PyPI agent."""
        if _registry(agent).registry != "pypi":
            return self.platform
        if python is None:
            raise ValueError(f"{agent.value} comes from PyPI: the role image's Python is needed")
        return python.tag

    # -- versions ------------------------------------------------------------------

    def latest_version(self, agent: Agent, python: PythonTarget | None = None) -> str:
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
            answer = self._ask_latest(package, python)
        except CommandError as exc:
            fallback = version if isinstance(version, str) else self._newest_cached(agent)
            if fallback is not None:
                return fallback
            raise AgentFetchError(
                agent, package.package, None, exc.message, registry=package.registry
            ) from exc
        if not answer or "\n" in answer:
            raise AgentFetchError(
                agent, package.package, None, f"unexpected answer {answer!r}",
                registry=package.registry,
            )  # fmt: skip
        folder.mkdir(parents=True, exist_ok=True)
        record = json.dumps({"version": answer, "checked_at": self._time()})
        scratch = folder / f".{LATEST}.{os.getpid()}"
        scratch.write_text(record + "\n", encoding="utf-8")
        scratch.replace(folder / LATEST)
        return answer

    def _ask_latest(self, package: RegistryPackage, python: PythonTarget | None) -> str:
        if package.registry != "pypi":
            return self._npm_run(
                ["view", package.latest_package(self.platform), "version"],
                cwd=None, timeout=_LOOKUP_TIMEOUT,
            ).strip()  # fmt: skip
        # `pip index versions` answers `kimi-cli (1.52.0)` then the list; for the image's
        # Python, whose `requires-python` may rule versions out.
        target = ["--python-version", python.version] if python is not None else []
        out = self._pip_run(
            self._host_pip(), ["index", "versions", package.package, *target],
            timeout=_LOOKUP_TIMEOUT,
        )  # fmt: skip
        found = re.search(rf"^{re.escape(package.package)} \(([^)\s]+)\)", out, re.MULTILINE)
        return found[1] if found else out.strip()

    def _newest_cached(self, agent: Agent) -> str | None:
        folder = self.root / agent.value
        found = [
            (p.stat().st_mtime, p.name)
            for p in folder.glob("*")
            if p.is_dir() and not p.name.startswith(".") and _read_metadata(p) is not None
        ] if folder.is_dir() else []  # fmt: skip
        return max(found)[1] if found else None

    def version_for(self, install: AgentInstall, python: PythonTarget | None = None) -> str:
        """The version `install` means: its pin, the agent's default version, or the
        registry's latest."""
        default = _registry(install.agent).default_version
        return install.version or default or self.latest_version(install.agent, python)

    # -- entries -------------------------------------------------------------------

    def cached(
        self, agent: Agent, version: str, python: PythonTarget | None = None
    ) -> CachedAgent | None:
        """The complete cache entry of `agent` `version` for this platform (a PyPI agent:
        for the role image's `python`), if present."""
        found = _read_metadata(self.root / agent.value / version)
        wanted = self.platform_for(agent, python)
        return found if found is not None and found.platform == wanted else None

    def ensure(self, agent: Agent, version: str, python: PythonTarget | None = None) -> CachedAgent:
        """The cache entry of `agent` `version`, fetched first when missing."""
        found = self.cached(agent, version, python)
        if found is not None:
            return found
        package = _registry(agent)
        platform = self.platform_for(agent, python)
        spec = package.spec(version, platform)
        folder = self.root / agent.value
        folder.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".new-", dir=folder))
        try:
            if python is not None and package.registry == "pypi":
                cached = self._fetch_wheels_into(
                    scratch, agent, package, spec, version, python=python
                )
            else:
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

    # -- PyPI ----------------------------------------------------------------------

    def _fetch_wheels_into(
        self, scratch: Path, agent: Agent, package: RegistryPackage, spec: str, version: str,
        *, python: PythonTarget,
    ) -> CachedAgent:  # fmt: skip
        def fail(reason: str) -> AgentFetchError:
            return AgentFetchError(agent, package.package, version, reason, spec, registry="pypi")

        problem = python.problem()
        if problem is not None:
            raise fail(f"the role image cannot run it: {problem}")
        wheels = scratch / PAYLOAD
        wheels.mkdir()
        try:  # the newest pip, which then runs from its wheel on the host and in the image
            self._pip_run(
                self._host_pip(),
                ["download", "--only-binary=:all:", "--no-deps", "-d", str(wheels), "pip"],
                timeout=_FETCH_TIMEOUT,
            )  # fmt: skip
        except CommandError as exc:
            raise fail(f"cannot fetch pip: {_reason(exc)}") from exc
        installer = next((p.name for p in wheels.iterdir() if _PIP_WHEEL.match(p.name)), None)
        if installer is None:
            raise fail("pip download gave no pip wheel")
        pip = (sys.executable, str(wheels / installer) + "/pip")
        built = scratch / "built"
        built.mkdir()
        tried: set[str] = set()
        for _ in range(_SDIST_ROUNDS):
            try:
                self._pip_run(
                    pip,
                    ["download", *python.pip_args(), "--find-links", str(built),
                     "-d", str(wheels), spec],
                    timeout=_FETCH_TIMEOUT,
                )  # fmt: skip
                break
            except CommandError as exc:
                text = exc.result.stderr if exc.result is not None else ""
                missing = _MISSING.search(text)
                if missing is None or missing[1] in tried:
                    raise fail(_reason(exc)) from exc
                tried.add(missing[1])
                self._build_pure_wheel(pip, missing[1], built, python, fail)
        else:
            raise fail(f"more than {_SDIST_ROUNDS} dependencies have no wheel")
        for wheel in built.iterdir():
            if not (wheels / wheel.name).exists():
                wheel.rename(wheels / wheel.name)
        shutil.rmtree(built)
        digest = hashlib.sha256()
        for wheel in sorted(wheels.iterdir()):
            digest.update(f"{wheel.name}\0{_file_sha256(wheel)}\n".encode())
        integrity = f"sha256-{digest.hexdigest()}"
        cached = CachedAgent(agent, version, spec, python.tag, integrity, package.entry, scratch,
                             registry="pypi", installer=installer)  # fmt: skip
        (scratch / METADATA).write_text(_metadata(cached), encoding="utf-8")
        return cached

    def _build_pure_wheel(
        self, pip: Sequence[str], requirement: str, built: Path, python: PythonTarget,
        fail: Callable[[str], AgentFetchError],
    ) -> None:  # fmt: skip
        """`requirement` has no wheel: build one from its sdist, if it is pure Python."""
        sdists = built.parent / "sdists"
        try:
            self._pip_run(pip, ["download", "--no-deps", "--no-binary=:all:", "-d",
                                str(sdists), requirement], timeout=_FETCH_TIMEOUT)  # fmt: skip
            found = sorted(sdists.iterdir())
            if not found:
                raise fail(f"{requirement}: no sdist either")
            self._pip_run(pip, ["wheel", "--no-deps", "-w", str(built), str(found[-1])],
                          timeout=_FETCH_TIMEOUT)  # fmt: skip
        except CommandError as exc:
            raise fail(f"{requirement} has no wheel and its sdist did not build: "
                       f"{_reason(exc)}") from exc  # fmt: skip
        finally:
            shutil.rmtree(sdists, ignore_errors=True)
        impure = [w.name for w in built.glob("*.whl") if not w.name.endswith("-none-any.whl")]
        if impure:
            raise fail(
                f"{requirement} has no wheel for {python.tag} and is not pure Python "
                f"(built {impure[0]})"
            )


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _reason(exc: CommandError) -> str:
    """The useful lines of a failed npm or pip run (their `error` lines), else the message."""
    text = exc.result.stderr if exc.result is not None else ""
    lines = [line.strip() for line in text.splitlines() if "error" in line.lower()]
    return "; ".join(lines[:3]) if lines else exc.message
