"""Published images of roles and the labels they carry."""

from __future__ import annotations

__all__ = ["image_repository", "publish_labels"]


def image_repository(reference: str) -> str:
    """`registry/repo[:tag][@digest]` without its tag and digest (a registry port is kept)."""
    name = reference.split("@", 1)[0]
    head, _, last = name.rpartition("/")
    if ":" in last:
        last = last.split(":", 1)[0]
    return f"{head}/{last}" if head else last


def publish_labels(construct_version: str, role_git_sha: str) -> list[str]:
    """`key=value` label lines for a published role image."""
    return [
        f"jackin.construct.version={construct_version}",
        f"jackin.role.git.sha={role_git_sha}",
        f"org.opencontainers.image.revision={role_git_sha}",
    ]
