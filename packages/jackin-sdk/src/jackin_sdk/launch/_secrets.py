"""Credentials and operator env reach the agent through a 0600 file, never the container's
config (DECISIONS #6).

The file lives in the instance's state (`<data>/<c>/secrets/agent.env`), is mounted
read-only at `/jackin/secrets/agent.env`, and the per-session entrypoint exports it
into every session's processes (agent or shell). `docker inspect`, `ps` on the host and
image layers never see the values. Which values go there is `split_secret_env`'s rule:
everything but the role's published, credential-free defaults.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from pathlib import Path

from jackin_capsule.contract import SECRETS_FILE
from jackin_sdk.debug import is_secret_name, looks_secret_value, register_secret, secret_parts
from jackin_sdk.errors import JackinError
from jackin_sdk.fs import atomic_write_text

__all__ = ["SECRETS_TARGET", "split_secret_env", "write_secret_env"]

SECRETS_TARGET = SECRETS_FILE
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def split_secret_env(
    values: Mapping[str, str],
    *,
    public_keys: frozenset[str] = frozenset(),
    secret_keys: frozenset[str] = frozenset(),
) -> tuple[dict[str, str], dict[str, str]]:
    """(plain, secret): only `public_keys` may be plain, and only while neither the name nor
    the value looks like a credential; every other key travels in the secrets file.

    Values that look secret (by name, by shape, or read from a secret store: `secret_keys`)
    are also registered, so traces mask them and no command line may carry them. Other
    values travel privately without being registered: masking `development` or `/work`
    everywhere would garble traces and refuse ordinary command lines.
    """
    plain: dict[str, str] = {}
    secret: dict[str, str] = {}
    for key, value in values.items():
        looks = is_secret_name(key) or key in secret_keys or looks_secret_value(value)
        if looks:
            for part in secret_parts(value):
                register_secret(part)
        if key in public_keys and not looks:
            plain[key] = value
        else:
            secret[key] = value
    return plain, secret


def write_secret_env(path: Path, values: Mapping[str, str]) -> Path:
    """Write `export NAME='value'` lines (0600, folder 0700) for the entrypoint to source."""
    lines = []
    for key, value in sorted(values.items()):
        if not _NAME.match(key):
            raise JackinError(f"env key {key!r} cannot be exported to the agent")
        if any(c in value for c in "\n\r\0"):
            raise JackinError(f"the value of {key} contains a newline or NUL; it cannot be passed")
        lines.append(f"export {key}={shlex.quote(value)}\n")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.parent.chmod(0o700)
    atomic_write_text(path, "".join(lines), mode=0o600)
    return path
