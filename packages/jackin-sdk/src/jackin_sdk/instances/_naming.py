"""Instance ids and container base names (spec runtime §1.1).

A fresh instance is named `jk-<id>-<workspace>-<role>` (or `jk-<id>-<role>` when ad hoc),
at most 58 characters so that `<c>-dind` still fits the 63-character DNS label limit.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

__all__ = [
    "CONTAINER_PREFIX",
    "ID_ALPHABET",
    "NAME_BUDGET",
    "compact",
    "container_base_name",
    "instance_id_from_container",
    "is_container_selector",
    "is_dns_label",
    "is_instance_id",
    "new_instance_id",
    "role_family_matches",
]

CONTAINER_PREFIX = "jk"
ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
"""Crockford-style lowercase base32: no `i`, `l`, `o` or `u`."""
NAME_BUDGET = 58
"""Longest container base name: `<c>-dind` must stay a DNS label (63)."""

_ID_LENGTH = 8
_DASHED = f"{CONTAINER_PREFIX}-"
_WITH_WORKSPACE = NAME_BUDGET - len(CONTAINER_PREFIX) - _ID_LENGTH - 3  # 45
_AD_HOC = NAME_BUDGET - len(CONTAINER_PREFIX) - _ID_LENGTH - 2  # 46
_WORKSPACE_SHARE = _WITH_WORKSPACE // 2  # 22
_ROLE_SHARE = _WITH_WORKSPACE - _WORKSPACE_SHARE  # 23
_HASH_LENGTH = 4
_DNS_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_SELECTOR_REST = re.compile(r"[a-z0-9_-]+")


def new_instance_id(randbits: Callable[[int], int] | None = None) -> str:
    """Eight id characters: the low 5 bits of one 64-bit CSPRNG draw, eight times."""
    if randbits is None:
        import secrets  # noqa: PLC0415 - kept off the import path of `jackin status`

        randbits = secrets.randbits
    value = randbits(64)
    chars: list[str] = []
    for _ in range(_ID_LENGTH):
        chars.append(ID_ALPHABET[value & 0x1F])
        value >>= 5
    return "".join(chars)


def is_instance_id(text: str) -> bool:
    """Whether `text` is an instance id: eight characters of `ID_ALPHABET`."""
    return len(text) == _ID_LENGTH and all(ch in ID_ALPHABET for ch in text)


def compact(text: str, fallback: str) -> str:
    """`text` with only its ASCII letters and digits, lowercased; `fallback` if none are left."""
    kept = "".join(ch for ch in text if ch.isascii() and ch.isalnum()).lower()
    return kept or fallback


def _role_component(role_name: str) -> str:
    # A `namespace/name` key names its container after `name` only.
    return compact(role_name.rsplit("/", 1)[-1], "role")


def _short_hash(text: str, length: int) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def _truncate(component: str, budget: int) -> str:
    if len(component) <= budget:
        return component
    if budget <= _HASH_LENGTH:
        return _short_hash(component, budget)
    return component[: budget - _HASH_LENGTH] + _short_hash(component, _HASH_LENGTH)


def container_base_name(instance_id: str, role_name: str, workspace: str | None = None) -> str:
    """`jk-<id>-<ws>-<role>` (or `jk-<id>-<role>` without a workspace), at most 58 chars.

    Components keep only lowercase alphanumerics. With a workspace, workspace and role
    share 45 characters; when both do not fit, the workspace gets 22 and the role 23, and
    an overlong part becomes `prefix + sha256(part)[:4]`. Ad hoc, the role gets 46.
    """
    if not is_instance_id(instance_id):
        raise ValueError(f"not an instance id: {instance_id!r}")
    role = _role_component(role_name)
    if workspace is None:
        return f"{_DASHED}{instance_id}-{_truncate(role, _AD_HOC)}"
    ws = compact(workspace, "workspace")
    if len(ws) + len(role) > _WITH_WORKSPACE:
        ws, role = _truncate(ws, _WORKSPACE_SHARE), _truncate(role, _ROLE_SHARE)
    return f"{_DASHED}{instance_id}-{ws}-{role}"


def is_dns_label(name: str) -> bool:
    """1 to 63 characters of `[a-z0-9-]`, starting and ending with a letter or digit."""
    return _DNS_LABEL.fullmatch(name) is not None


def instance_id_from_container(name: str) -> str | None:
    """The text between `jk-` and the next `-`; None when `name` has no such shape."""
    if not name.startswith(_DASHED):
        return None
    instance_id, dash, _ = name[len(_DASHED) :].partition("-")
    return instance_id if dash else None


def role_family_matches(container: str, role_name: str) -> bool:
    """Whether `container` is an instance of the role `role_name` (its last `-` segment).

    Unlike the reference, the truncated forms a long role name takes in a container
    name count as well, so long role names still find their instances.
    """
    if not container.startswith(_DASHED):
        return False
    _, dash, after_id = container[len(_DASHED) :].partition("-")
    if not dash:
        return False
    segment = after_id.rsplit("-", 1)[-1]
    role = _role_component(role_name)
    return segment in {role, _truncate(role, _ROLE_SHARE), _truncate(role, _AD_HOC)}


def is_container_selector(text: str) -> bool:
    """Whether `text` names a container rather than a role: `jk-` then `[a-z0-9_-]+`."""
    return text.startswith(_DASHED) and _SELECTOR_REST.fullmatch(text[len(_DASHED) :]) is not None
