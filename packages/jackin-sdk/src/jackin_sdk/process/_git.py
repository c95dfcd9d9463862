"""The one git runner: gitpython's command object, stdin closed, bounded, scrubbed, hardened.

Every git command jackin runs on the host goes through `run_git`: the role cache,
per-mount isolation, the operator's identity, pull on entry and role migration.
gitpython is imported inside it, on the first command only (its import is heavy and
must stay off paths that never run git), and no gitpython exception leaves this module:
failures surface as `GitFailed`.

Hardening. A repository jackin runs git in may have been written by an agent (an
isolated worktree's host `.git`, a clone, a shared mount), and git obeys settings in
the repository's own config (`.git/config`, `config.worktree` and any file they
include) that name commands to run. The operator's system and global config are
theirs and are kept; what the repository says is not obeyed:

- always, whatever the config says: no hooks (`core.hooksPath=/dev/null`), no
  fsmonitor, no pager, no `ext::` transport, no submodule recursion; credential
  helpers are reset and only the operator's are put back; the editor, askpass and ssh
  command are fixed through their environment variables (which beat any config), from
  the operator's own values when they have some; fetch, pull, clone and ls-remote get
  `--upload-pack=git-upload-pack` and push `--receive-pack=git-receive-pack` (a
  remote's `uploadpack` cannot be overridden by `-c`: git keeps the first one it reads);
- read from the repository's config just before each command (`git config --list
  --show-scope`, which runs nothing): every key that names a command under a name the
  repository chooses (filter, diff and merge drivers, `diff.external`,
  `core.alternateRefsCommand`, gpg programs, a remote's `vcs`) is overridden with
  `-c`, back to the operator's value for the same key or to a value that runs nothing;
  `core.gitProxy` (first match wins) is cleared through `GIT_PROXY_COMMAND`.
- a partial clone whose repository config names a remote `uploadpack` or `receivepack`
  is refused: its on-demand fetches would run it, and no option reaches them.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jackin_sdk.debug import MASK, contains_secret, redact, tracer

if TYPE_CHECKING:
    from git.cmd import Git

__all__ = ["GitFailed", "GitOutput", "run_git", "scrub"]

_USERINFO = re.compile(
    r"(?P<scheme>\b[a-z][a-z0-9+.-]*://)(?P<user>[^/@\s:]*)(?P<password>:[^/@\s]*)?@",
    re.IGNORECASE,
)
_LIST_TIMEOUT = 30.0
_LIST_LIMIT = 1024 * 1024
"""The most of `git config --list` read: real configs are a few KiB; a repository's own
config (and what it includes) is the agent's to write in a clone or a shared mount."""

_ALWAYS = (
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "protocol.ext.allow=never",
    "submodule.recurse=false",
    "fetch.recurseSubmodules=false",
)
"""`-c` settings on every command: these keys can only ever mean what jackin says."""

_REPO_SCOPES = frozenset({"local", "worktree"})
"""The config scopes a repository controls (`--show-scope`; includes take their scope)."""

_NAMED_BY_REPO: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE | re.DOTALL), neutral)
    for pattern, neutral in (
        (r"filter\..+\.(clean|smudge|process)", ""),
        (r"filter\..+\.required", "false"),
        (r"diff\..+\.(textconv|command)", ""),
        (r"diff\.external", ""),
        (r"merge\..+\.driver", "false"),
        (r"core\.alternaterefscommand", "true"),
        (r"gpg\.program", "gpg"),
        (r"gpg\.openpgp\.program", "gpg"),
        (r"gpg\.x509\.program", "gpgsm"),
        (r"gpg\.ssh\.program", "ssh-keygen"),
        (r"gpg\.ssh\.defaultkeycommand", ""),
        (r"remote\..+\.vcs", ""),
    )
)
"""Repository-set keys overridden with `-c` (last one wins): pattern, value running nothing."""

_BY_ENVIRONMENT = (
    ("core.askpass", "GIT_ASKPASS", ""),
    ("core.editor", "GIT_EDITOR", "true"),
    ("sequence.editor", "GIT_SEQUENCE_EDITOR", "true"),
    ("core.pager", "GIT_PAGER", "cat"),
)
"""Keys whose environment variable beats every config file: key, variable, neutral value."""

_FETCHING = frozenset({"fetch", "pull", "clone", "ls-remote"})
_CREDENTIAL_HELPER = re.compile(r"credential\.(.+\.)?helper", re.IGNORECASE | re.DOTALL)
_REMOTE_PROGRAM = re.compile(r"remote\..+\.(uploadpack|receivepack)", re.IGNORECASE | re.DOTALL)


def _mask_userinfo(match: re.Match[str]) -> str:
    scheme, user = match["scheme"], match["user"]
    if match["password"] is not None:
        return f"{scheme}{user}:{MASK}@"
    if scheme.lower().startswith("http"):
        return f"{scheme}{MASK}@"  # a bare https user is usually a token
    return match[0]


def scrub(text: str) -> str:
    """`text` with credentials in URLs masked, then through `redact`."""
    return redact(_USERINFO.sub(_mask_userinfo, text))


class GitFailed(Exception):
    """A git command failed, timed out or could not start; `reason` is safe to show."""

    def __init__(self, command: str, reason: str, *, status: int | None = None) -> None:
        super().__init__(f"{command}: {reason}")
        self.command = command
        self.reason = reason
        self.status = status


@dataclass(frozen=True, slots=True)
class GitOutput:
    """What a finished git command returned."""

    status: int
    stdout: str
    stderr: str
    truncated: bool = False
    """`stdout` holds only the first `max_output` bytes the command wrote (see `run_git`)."""

    @property
    def ok(self) -> bool:
        """Whether git exited 0."""
        return self.status == 0

    @property
    def reason(self) -> str:
        """The last line of stderr (scrubbed), or the exit status when stderr is empty."""
        lines = [line.strip() for line in self.stderr.splitlines() if line.strip()]
        return scrub(lines[-1]) if lines else f"git exited with status {self.status}"


@dataclass(frozen=True, slots=True)
class _Entry:
    scope: str
    key: str
    value: str

    @property
    def from_repository(self) -> bool:
        return self.scope in _REPO_SCOPES


def _git_command(shown: str) -> type[Git]:
    try:
        from git.cmd import Git  # noqa: PLC0415 - gitpython is heavy; only paths running git
    except ImportError as exc:  # gitpython refuses to import when git is missing
        raise GitFailed(shown, f"git is not installed or not on PATH ({exc})") from None
    return Git


class _Capped:
    """gitpython's `output_stream`: keeps the first `limit` bytes, reads and drops the rest
    (so the command is never blocked on a full pipe, and memory stays bounded)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.kept = bytearray()
        self.dropped = 0

    def write(self, data: bytes) -> int:
        room = self.limit - len(self.kept)
        self.kept += data[:room]
        self.dropped += max(len(data) - max(room, 0), 0)
        return len(data)

    def flush(self) -> None:
        """Nothing is buffered."""


def _text(value: Any) -> str:
    """gitpython's decoded output, with undecodable bytes replaced rather than escaped."""
    text = value if isinstance(value, str) else bytes(value).decode("utf-8", "surrogateescape")
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _execute(
    shown: str,
    argv: list[str],
    *,
    cwd: Path | None,
    env: dict[str, str],
    timeout: float,
    max_output: int | None = None,
) -> GitOutput:
    """Run `argv` through gitpython (C locale, stdin closed, killed after `timeout`).

    With `max_output`, stdout goes through gitpython's `output_stream` into a `_Capped`
    sink: the first `max_output` bytes are kept, the rest read and dropped. gitpython then
    reads stderr only once stdout has ended, so a command that fills the stderr pipe
    first waits for `timeout` (a `GitFailed`); stderr itself is read whole either way.
    """
    git = _git_command(shown)
    from git.exc import GitCommandNotFound  # noqa: PLC0415

    sink = _Capped(max_output) if max_output is not None else None
    try:
        status, stdout, stderr = git(cwd).execute(
            argv,
            with_extended_output=True,
            with_exceptions=False,
            kill_after_timeout=timeout,
            env=env,
            output_stream=sink,
        )
    except GitCommandNotFound:
        raise GitFailed(shown, "git is not installed or not on PATH") from None
    except OSError as exc:
        raise GitFailed(shown, scrub(str(exc))) from None
    err = _text(stderr)
    if status != 0 and err.startswith("Timeout: the command"):
        raise GitFailed(shown, f"timed out after {timeout:g} s")
    if sink is None:
        return GitOutput(status=int(status), stdout=_text(stdout), stderr=err)
    return GitOutput(
        status=int(status), stdout=_text(sink.kept), stderr=err, truncated=sink.dropped > 0
    )


def _config_entries(listing: str) -> list[_Entry]:
    """Parse `git config --list --show-scope -z`: `scope NUL key LF value NUL` records."""
    fields = listing.split("\0")
    entries = []
    for scope, item in zip(fields[0::2], fields[1::2], strict=False):
        key, _, value = item.partition("\n")
        entries.append(_Entry(scope, key, value))
    return entries


def _operator_value(entries: list[_Entry], key: str) -> str | None:
    """The value of `key` the operator's own config (not the repository's) ends with."""
    found = None
    for entry in entries:
        if not entry.from_repository and entry.key.lower() == key.lower():
            found = entry.value
    return found


def _config_overrides(entries: list[_Entry]) -> list[str]:
    """The `-c` settings that outvote the repository's config for this command."""
    settings = list(_ALWAYS)
    settings.append("credential.helper=")  # an empty helper clears the list read so far
    for entry in entries:
        if entry.from_repository or not _CREDENTIAL_HELPER.fullmatch(entry.key):
            continue
        if "=" in entry.key:  # `-c` splits at the first `=`; such a key cannot be restated
            continue
        settings.append(f"{entry.key}={entry.value}")
    seen: set[str] = set()
    for entry in entries:
        if not entry.from_repository or entry.key.lower() in seen or "=" in entry.key:
            continue
        for pattern, neutral in _NAMED_BY_REPO:
            if pattern.fullmatch(entry.key):
                seen.add(entry.key.lower())
                mine = _operator_value(entries, entry.key)
                settings.append(f"{entry.key}={neutral if mine is None else mine}")
                break
    return [arg for setting in settings for arg in ("-c", setting)]


def _environment_overrides(
    entries: list[_Entry], environ: Mapping[str, str], *, ssh_batch: bool
) -> dict[str, str]:
    """Variables that beat the repository's config, from the operator's values if any.

    With `ssh_batch`, ssh gets `-o BatchMode=yes` so it never prompts (not added to a
    `GIT_SSH` program, which is no command line).
    """
    env: dict[str, str] = {}
    for key, variable, neutral in _BY_ENVIRONMENT:
        if variable not in environ:
            mine = _operator_value(entries, key)
            env[variable] = neutral if mine is None else mine
    # git's order: GIT_SSH_COMMAND, core.sshCommand, GIT_SSH, then plain ssh.
    ssh = environ.get("GIT_SSH_COMMAND") or _operator_value(entries, "core.sshCommand")
    program = environ.get("GIT_SSH")
    if not ssh and program:
        env["GIT_SSH_COMMAND"] = shlex.quote(program)
    else:
        ssh = ssh or "ssh"
        batch = ssh_batch and "batchmode" not in ssh.lower()
        env["GIT_SSH_COMMAND"] = f"{ssh} -o BatchMode=yes" if batch else ssh
    if "GIT_PROXY_COMMAND" not in environ:
        repository_proxy = any(
            e.from_repository and e.key.lower() == "core.gitproxy" for e in entries
        )
        if repository_proxy or _operator_value(entries, "core.gitProxy") is None:
            env["GIT_PROXY_COMMAND"] = ""  # an empty command means no proxy
    return env


def _refusal(entries: list[_Entry]) -> str | None:
    """Why git must not run here at all, if it must not."""
    partial = any(
        e.key.lower() == "extensions.partialclone"
        or (e.key.lower().endswith(".promisor") and e.key.lower().startswith("remote."))
        for e in entries
    )
    if not partial:
        return None
    for entry in entries:
        if entry.from_repository and _REMOTE_PROGRAM.fullmatch(entry.key):
            return (
                f"this partial clone's config sets `{entry.key}`, a program git would run "
                "on this host to fetch missing objects; remove that setting "
                f"(`git config --unset {entry.key}`) and retry"
            )
    return None


def _with_remote_programs(args: Sequence[str]) -> list[str]:
    """`args` with the remote-side programs named, so a repository's setting is not used.

    Global options before the subcommand must be in their `--name=value` form.
    """
    at = next((i for i, arg in enumerate(args) if not arg.startswith("-")), len(args))
    if at == len(args):
        return list(args)
    before, command, rest = list(args[:at]), args[at], list(args[at + 1 :])
    if command in _FETCHING and not any(a.startswith("--upload-pack") for a in rest):
        rest.insert(0, "--upload-pack=git-upload-pack")
    elif command == "push" and not any(a.startswith("--receive-pack") for a in rest):
        rest.insert(0, "--receive-pack=git-receive-pack")
    return [*before, command, *rest]


def run_git(
    args: Sequence[str],
    *,
    cwd: Path | None,
    env: Mapping[str, str] | None = None,
    timeout: float,
    check: bool = True,
    log: str = "git",
    ssh_batch: bool = False,
    max_output: int | None = None,
) -> GitOutput:
    """Run `git <args>` hardened, stdin closed, with a hard timeout; raise `GitFailed`.

    `env` is added to the process environment; `log` names the child logger of the
    trace. With `check=False` a non-zero exit is returned rather than raised. Arguments
    holding a registered secret are refused: secrets never travel through argv. git
    never prompts on the terminal; with `ssh_batch` ssh does not either.

    `max_output` bounds the stdout kept in memory (for output an agent can grow, such as
    `status` in a checkout it writes): the rest is read and dropped, and the result is
    `truncated`. The repository's config listing is always bounded (`_LIST_LIMIT`); a
    larger one is refused, since jackin could not outvote what it did not read.
    """
    logger = tracer(log)
    shown = scrub(" ".join(["git", *args]))
    if any(contains_secret(arg) for arg in args):
        raise GitFailed(shown, "refusing to run git: its arguments contain a secret value")
    logger.debug("$ %s%s", shown, f"  (in {cwd})" if cwd is not None else "")
    if cwd is not None and not cwd.is_dir():  # gitpython would fall back to the process cwd
        raise GitFailed(shown, f"{cwd} is not a directory")
    environ = {**os.environ, **(env or {})}
    base = {**(env or {}), "GIT_TERMINAL_PROMPT": environ.get("GIT_TERMINAL_PROMPT", "0")}
    listing = _execute(
        shown,
        ["git", "config", "--list", "--show-scope", "-z"],
        cwd=cwd,
        env=base,
        timeout=min(timeout, _LIST_TIMEOUT),
        max_output=_LIST_LIMIT,
    )
    if listing.truncated:
        raise GitFailed(
            shown,
            f"refusing to run git: its config lists more than {_LIST_LIMIT // 1024} KiB "
            "(`git config --list --show-scope` shows it)",
        )
    if listing.ok:
        entries = _config_entries(listing.stdout)
        refused = _refusal(entries)
        if refused is not None:
            raise GitFailed(shown, refused)
        argv = ["git", "--no-pager", *_config_overrides(entries), *_with_remote_programs(args)]
        overrides = {**base, **_environment_overrides(entries, environ, ssh_batch=ssh_batch)}
        result = _execute(
            shown, argv, cwd=cwd, env=overrides, timeout=timeout, max_output=max_output
        )
    else:  # git cannot read this config, so it would not run the command either
        result = listing
    logger.debug("  exit %d", result.status)
    if result.stderr.strip():
        logger.debug("  stderr: %s", scrub(result.stderr.strip()))
    if check and not result.ok:
        raise GitFailed(shown, result.reason, status=result.status)
    return result
