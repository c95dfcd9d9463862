"""Host paths whose mount needs the operator's confirmation (upstream-config.md §9, widened).

A mount source is sensitive when it holds credentials or control of the host, whether it
is such a path, lies inside one, or contains one:

1. Its path components contain one of `SENSITIVE_PATTERNS`' component runs anywhere
   (the reference's rule): a credential store itself, anything under it, and copies
   outside `$HOME`.
2. It names a container engine socket (`docker.sock`, `podman.sock`, `containerd.sock`)
   anywhere: whoever holds one controls the host.
3. It is, lies inside or contains one of the known sensitive host paths (`TARGETS`):
   `/` and the operator's home (`/` and every ancestor of home contain the credential
   stores), the folders that hold every user's home (`/home`, `/Users`, `/root`,
   `/var/root`: contained, not under), each pattern against the home (`~/.ssh`, …),
   jackin's own configuration and data roots (config.toml holds `[env]` secrets; an
   agent that could write it would widen its own next launch), the host's secrets and
   kernel interfaces (`/etc/shadow`, `/etc/ssh`, the engine socket and data, `/proc`,
   `/sys`, `/dev`), and the live sockets of the operator's engine (`DOCKER_HOST`) and
   SSH agent (`SSH_AUTH_SOCK`).
4. It is a folder that directly holds one of the home credential stores (`.ssh`,
   `.aws`, …; not `.docker` or `.npmrc`, which projects commit): another user's home, a
   backup of one, a home `$HOME` does not name.

Every path is tilde-expanded, made absolute and normalised; both that form and its
symlink-resolved form are compared, on both sides, so a link to `~` or `~/.ssh`, a
credential store that is itself a link, and `/var/run` being `/run` hide nothing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jackin_sdk.errors import CodedError, ErrorCode
from jackin_sdk.mounts._errors import MountError
from jackin_sdk.mounts._mount import Mount
from jackin_sdk.mounts._paths import normalize, resolve_host_path
from jackin_sdk.paths import JackinPaths

__all__ = [
    "SENSITIVE_PATTERNS",
    "SensitiveHit",
    "SensitiveMountsNotConfirmed",
    "SensitivePattern",
    "find_sensitive",
]


@dataclass(frozen=True, slots=True)
class SensitivePattern:
    """A run of path components (`.config/gh`) that marks a credential store."""

    pattern: str
    reason: str

    @property
    def components(self) -> tuple[str, ...]:
        """The pattern split into path components."""
        return tuple(part for part in self.pattern.split("/") if part)


SENSITIVE_PATTERNS: tuple[SensitivePattern, ...] = (
    SensitivePattern(".ssh", "SSH keys and configuration"),
    SensitivePattern(".aws", "AWS credentials and configuration"),
    SensitivePattern(".gnupg", "GPG keys and trust database"),
    SensitivePattern(".config/gcloud", "Google Cloud credentials"),
    SensitivePattern(".kube", "Kubernetes credentials and configuration"),
    SensitivePattern(".docker", "Docker credentials and configuration"),
    SensitivePattern(".config/gh", "GitHub CLI credentials"),
    SensitivePattern(".netrc", "Network client credentials"),
    SensitivePattern(".npmrc", "npm registry credentials"),
    SensitivePattern(".git-credentials", "Git credential-store secrets"),
    SensitivePattern(".config/op", "1Password CLI configuration"),
)

# Patterns a project repository commits often enough that finding one directly inside a
# folder says nothing about it being a home (rule 4).
_PROJECT_FILES = frozenset({".docker", ".npmrc", ".netrc"})

_ENGINE = "a container engine socket: whoever holds it controls the host"
_ENGINE_SOCKETS = ("docker.sock", "podman.sock", "containerd.sock")

_HOME_ROOTS = ("/home", "/Users", "/root", "/var/root")
_HOST_SECRETS: tuple[tuple[str, str], ...] = (
    ("/etc/shadow", "the host's password hashes"),
    ("/etc/gshadow", "the host's group password hashes"),
    ("/etc/sudoers", "who may become root on the host"),
    ("/etc/ssh", "the host's SSH server keys"),
    ("/var/run/docker.sock", _ENGINE),
    ("/run/docker.sock", _ENGINE),
    ("/run/containerd", _ENGINE),
    ("/var/lib/docker", "the Docker engine's data: every container's files"),
    ("/proc", "the host's processes and kernel interfaces"),
    ("/sys", "the host's kernel and device settings"),
    ("/dev", "the host's devices, its disks included"),
)


@dataclass(frozen=True, slots=True)
class SensitiveHit:
    """A mount whose source matched `pattern` (a component run, a socket name, or a
    sensitive path such as `~` or `/etc/ssh`), and why that matters."""

    mount: Mount
    pattern: str
    reason: str


@dataclass(frozen=True, slots=True)
class _Target:
    label: str
    reason: str
    forms: tuple[tuple[str, ...], ...]
    inside: bool  # whether a path under it is sensitive too


class SensitiveMountsNotConfirmed(MountError, CodedError):
    """E020: sensitive mount sources nobody confirmed (no terminal to ask on, no `--yes`).

    `hits` are the sources, each listed in the detail with its reason.
    """

    def __init__(self, hits: Sequence[SensitiveHit]) -> None:
        self.hits = tuple(hits)
        listed = "".join(f"\n  {hit.mount.src} — {hit.reason}" for hit in hits)
        super().__init__(
            ErrorCode.E020,
            detail=f"stdin is not a terminal, so nobody confirmed these mounts:{listed}",
        )


def _parts(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.split("/") if part)


def _resolved(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return path


def _forms(path: str) -> tuple[tuple[str, ...], ...]:
    normalized = normalize(path)
    return tuple(dict.fromkeys((_parts(normalized), _parts(_resolved(normalized)))))


def _contains_run(parts: Sequence[str], run: Sequence[str]) -> bool:
    width = len(run)
    return any(tuple(parts[i : i + width]) == tuple(run) for i in range(len(parts) - width + 1))


def _match(parts: Sequence[str]) -> SensitivePattern | None:
    for pattern in SENSITIVE_PATTERNS:
        if _contains_run(parts, pattern.components):
            return pattern
    return None


def _unix_socket(value: str | None) -> str | None:
    if value and value.startswith("unix://"):
        path = value.removeprefix("unix://")
        return path if path.startswith("/") else None
    if value and value.startswith("/"):
        return value
    return None


def _targets(home: Path, environ: Mapping[str, str]) -> list[_Target]:
    home_text = normalize(str(home))
    jackin = JackinPaths.resolve(environ, home)
    found = [
        _Target("/", "the host's whole filesystem", ((),), inside=False),
        _Target(
            "~",
            "your home folder, where SSH keys, cloud credentials and tokens live",
            _forms(home_text),
            inside=False,
        ),
        *(
            _Target(f"~/{p.pattern}", p.reason, _forms(f"{home_text}/{p.pattern}"), inside=True)
            for p in SENSITIVE_PATTERNS
        ),
        _Target(
            str(jackin.config_dir),
            "jackin's configuration: its [env] secrets, and what the next launch may mount",
            _forms(str(jackin.config_dir)),
            inside=True,
        ),
        _Target(
            str(jackin.home_dir),
            "jackin's data: every instance's state and the secrets handed to agents",
            _forms(str(jackin.home_dir)),
            inside=True,
        ),
        *(_Target(path, why, _forms(path), inside=True) for path, why in _HOST_SECRETS),
        *(
            _Target(root, "every user's home folder", _forms(root), inside=False)
            for root in _HOME_ROOTS
        ),
    ]
    engine = _unix_socket(environ.get("DOCKER_HOST"))
    if engine is not None:
        found.append(_Target(engine, f"DOCKER_HOST: {_ENGINE}", _forms(engine), inside=True))
    agent = _unix_socket(environ.get("SSH_AUTH_SOCK"))
    if agent is not None:
        found.append(
            _Target(agent, "SSH_AUTH_SOCK: your SSH agent, which signs with your keys",
                    _forms(agent), inside=True)
        )  # fmt: skip
    return found


def _under(parts: tuple[str, ...], ancestor: tuple[str, ...]) -> bool:
    return len(parts) > len(ancestor) and parts[: len(ancestor)] == ancestor


def _against_targets(
    sources: tuple[tuple[str, ...], ...], targets: Sequence[_Target]
) -> tuple[str, str] | None:
    pairs = [(src, target, form) for target in targets for src in sources for form in target.forms]
    for src, target, form in pairs:
        if src == form:
            return target.label, target.reason
    for src, target, form in pairs:
        if target.inside and _under(src, form):
            return target.label, f"inside {target.label} ({target.reason})"
    for src, target, form in pairs:
        if _under(form, src):
            return target.label, f"contains {target.label} ({target.reason})"
    return None


def _holds_a_store(path: str) -> SensitivePattern | None:
    for pattern in SENSITIVE_PATTERNS:
        if pattern.pattern not in _PROJECT_FILES and os.path.lexists(f"{path}/{pattern.pattern}"):
            return pattern
    return None


def _classify(source: str, targets: Sequence[_Target]) -> tuple[str, str] | None:
    sources = _forms(source)
    for parts in sources:
        pattern = _match(parts)
        if pattern is not None:
            return pattern.pattern, pattern.reason
    for parts in sources:
        for name in _ENGINE_SOCKETS:
            if name in parts:
                return name, _ENGINE
    found = _against_targets(sources, targets)
    if found is not None:
        return found
    for parts in sources:
        store = _holds_a_store("/" + "/".join(parts))
        if store is not None:
            return store.pattern, f"contains {store.pattern} ({store.reason})"
    return None


def find_sensitive(
    mounts: Sequence[Mount],
    *,
    home: Path,
    cwd: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[SensitiveHit]:
    """Return the mounts whose source is sensitive (the module's rules), first reason per
    mount, in list order.

    Relative sources are taken against `cwd` (the process's working directory when
    None); jackin's roots, `DOCKER_HOST` and `SSH_AUTH_SOCK` come from `environ` (the
    process environment when None).
    """
    base = Path.cwd() if cwd is None else cwd
    targets = _targets(home, os.environ if environ is None else environ)
    hits: list[SensitiveHit] = []
    for mount in mounts:
        found = _classify(resolve_host_path(mount.src, cwd=base, home=home), targets)
        if found is not None:
            hits.append(SensitiveHit(mount=mount, pattern=found[0], reason=found[1]))
    return hits
