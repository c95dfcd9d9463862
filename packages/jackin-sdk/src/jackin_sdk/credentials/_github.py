"""GitHub CLI auth for an instance (upstream-config §7.4).

`<state>/.config/gh` is always mounted at `/home/agent/.config/gh`, so a `gh auth login`
made inside the container survives restarts of the instance. `sync` writes `hosts.yml`
from `[github.env] GH_TOKEN`, else the host's `gh auth token`, else the host's
`hosts.yml`; `token` exports `GH_TOKEN`/`GITHUB_TOKEN` only; `ignore` forwards nothing.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jackin_capsule.contract import AGENT_HOME
from jackin_sdk.auth import GithubAuth, GithubAuthMode
from jackin_sdk.credentials._errors import CredentialMissing
from jackin_sdk.debug import register_secret
from jackin_sdk.docker import Bind
from jackin_sdk.errors import JackinError
from jackin_sdk.fs import atomic_write_text

__all__ = [
    "GITHUB_ENV_KEYS",
    "GithubCredentials",
    "HostGhToken",
    "host_gh_token",
    "prepare_github_credentials",
]

GITHUB_ENV_KEYS = ("GH_TOKEN", "GH_HOST", "GH_ENTERPRISE_TOKEN")
HostGhToken = Callable[[], str | None]
"""The host's `gh auth token --hostname github.com`, or None."""

_TOKEN_LINE = re.compile(r"^\s+oauth_token:\s*(\S+)\s*$", re.MULTILINE)
_USER_LINE = re.compile(r"^\s+user:\s*(\S+)\s*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class GithubCredentials:
    """Binds, secret env and plain env for the GitHub CLI."""

    mode: GithubAuthMode
    binds: tuple[Bind, ...] = ()
    secret_env: Mapping[str, str] = field(default_factory=dict)
    plain_env: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def host_gh_token() -> str | None:
    """Ask the host's `gh` for its github.com token (None when gh is missing or logged out)."""
    if shutil.which("gh") is None:
        return None
    from jackin_sdk.process import run_command  # noqa: PLC0415

    try:
        result = run_command(
            ["gh", "auth", "token", "--hostname", "github.com"], check=False, timeout=15,
            describe="read the host's GitHub CLI token",
        )  # fmt: skip
    except JackinError:
        return None
    token = result.stdout.strip()
    return token if result.returncode == 0 and token else None


def _hosts_file_token(host_home: Path) -> tuple[str, str | None] | None:
    path = host_home / ".config" / "gh" / "hosts.yml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    block = text.split("github.com:", 1)[1] if "github.com:" in text else ""
    token = _TOKEN_LINE.search(block)
    user = _USER_LINE.search(block)
    return (token.group(1), user.group(1) if user else None) if token else None


def prepare_github_credentials(
    state_dir: Path,
    auth: GithubAuth,
    *,
    github_env: Mapping[str, str],
    presence: Sequence[tuple[str, bool]] = (),
    host_home: Path,
    host_token: HostGhToken = host_gh_token,
) -> GithubCredentials:
    """Prepare `<state>/.config/gh` and the env the GitHub CLI needs for `auth.mode`."""
    gh_dir = state_dir / ".config" / "gh"
    gh_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    hosts = gh_dir / "hosts.yml"
    bind = (Bind(str(gh_dir), f"{AGENT_HOME}/.config/gh"),)
    if auth.mode is GithubAuthMode.IGNORE:
        hosts.unlink(missing_ok=True)
        return GithubCredentials(auth.mode, bind)
    plain = {"GH_HOST": github_env["GH_HOST"]} if github_env.get("GH_HOST") else {}
    secret: dict[str, str] = {}
    if github_env.get("GH_ENTERPRISE_TOKEN"):
        secret["GH_ENTERPRISE_TOKEN"] = github_env["GH_ENTERPRISE_TOKEN"]
    if auth.mode is GithubAuthMode.TOKEN:
        hosts.unlink(missing_ok=True)
        token = github_env.get("GH_TOKEN", "").strip()
        if not token:
            trace = [(label, mode.value if mode else None) for label, mode in auth.trace]
            raise CredentialMissing("the GitHub CLI", "token", "GH_TOKEN", trace, presence)
        register_secret(token)
        secret.update(GH_TOKEN=token, GITHUB_TOKEN=token)
        return GithubCredentials(auth.mode, bind, secret, plain)
    found_token: str | None = github_env.get("GH_TOKEN", "").strip() or None
    user = None
    if found_token is None:
        found_token = host_token()
    if found_token is None:
        found = _hosts_file_token(host_home)
        if found is not None:
            found_token, user = found
    notes: tuple[str, ...] = ()
    if found_token is None:
        notes = ("github: no token on the host; `gh auth login` inside the container is kept",)
        return GithubCredentials(auth.mode, bind, secret, plain, notes)
    token = found_token
    register_secret(token)
    lines = ["github.com:", f"    oauth_token: {token}", "    git_protocol: https"]
    if user:
        lines.append(f"    user: {user}")
    atomic_write_text(hosts, "\n".join(lines) + "\n", mode=0o600)
    secret.update(GH_TOKEN=token, GITHUB_TOKEN=token)
    return GithubCredentials(auth.mode, bind, secret, plain, notes)
