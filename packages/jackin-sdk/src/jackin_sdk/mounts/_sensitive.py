"""Host paths that hold credentials (upstream-config.md §9).

A mount source is sensitive when its path components contain one of the patterns'
component runs anywhere: the credential store itself, anything under it, and copies
outside `$HOME` all match. The source is tilde-expanded, made absolute and normalised;
both that path and its symlink-resolved form are checked, so neither a symlink to
`~/.ssh` nor `~/.ssh` being a symlink elsewhere hides a hit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jackin_sdk.mounts._mount import Mount
from jackin_sdk.mounts._paths import resolve_host_path

__all__ = ["SENSITIVE_PATTERNS", "SensitiveHit", "SensitivePattern", "find_sensitive"]


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


@dataclass(frozen=True, slots=True)
class SensitiveHit:
    """A mount whose source matched `pattern`, and why that matters."""

    mount: Mount
    pattern: str
    reason: str


def _contains_run(parts: Sequence[str], run: Sequence[str]) -> bool:
    width = len(run)
    return any(tuple(parts[i : i + width]) == tuple(run) for i in range(len(parts) - width + 1))


def _match(path: str) -> SensitivePattern | None:
    parts = [part for part in path.split("/") if part]
    for pattern in SENSITIVE_PATTERNS:
        if _contains_run(parts, pattern.components):
            return pattern
    return None


def _resolved(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return path


def find_sensitive(
    mounts: Sequence[Mount], *, home: Path, cwd: Path | None = None
) -> list[SensitiveHit]:
    """Return the mounts whose source is a credential store, first pattern per mount.

    Relative sources are taken against `cwd` (the process's working directory when
    None).
    """
    base = Path.cwd() if cwd is None else cwd
    hits: list[SensitiveHit] = []
    for mount in mounts:
        normalized = resolve_host_path(mount.src, cwd=base, home=home)
        pattern = _match(normalized) or _match(_resolved(normalized))
        if pattern is not None:
            hits.append(SensitiveHit(mount=mount, pattern=pattern.pattern, reason=pattern.reason))
    return hits
