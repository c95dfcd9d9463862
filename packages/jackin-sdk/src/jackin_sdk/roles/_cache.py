"""The role repository cache under `<home>/roles/` (upstream-runtime.md §2.3).

    <roles>/<name>/default/                 flat role, the remote's default branch
    <roles>/<ns>/<name>/default/            namespaced role
    <roles>/…/<name>/branches/<branch>/     one clone per `--role-branch`

A role is cloned once and fetched again at most every `refresh_ttl` seconds (branch
caches on every use), under an exclusive per-role lock. A cache whose origin no longer
matches the configuration, or that holds local changes, is never overwritten: the
operator decides what to keep.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jackin_sdk.debug import tracer
from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.fs import FileLock
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles._git import (
    CLONE_TIMEOUT,
    FETCH_TIMEOUT,
    LOCAL_TIMEOUT,
    GitFailed,
    GitOutput,
    git_dir_of,
    run_git,
    scrub,
)
from jackin_sdk.vocab import RoleSelector

__all__ = ["CachedRole", "RoleCache", "RoleCacheError", "url_matches"]

_log = tracer("roles")

_STAGING_INFIX = ".clone-"
_MAX_SHOWN_CHANGES = 5
_BAD_BRANCH_CHARS = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]")
_CASE_INSENSITIVE_HOSTS = frozenset({"github.com", "www.github.com"})


class RoleCacheError(JackinError):
    """A role repository could not be cloned or refreshed, or its cache is not safe to use."""

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True, slots=True)
class CachedRole:
    """A role checkout ready to read: where, at which commit, and whether it was fetched now."""

    path: Path
    commit: str
    refreshed: bool
    branch: str | None = None


def _normalised(url: str) -> tuple[str, str]:
    """`("path", resolved path)` for local repositories, else `("net", "host/owner/repo")`."""
    text = url.strip()
    if "://" in text:
        parts = urlsplit(text)
        if parts.scheme.lower() == "file":
            return "path", str(Path(unquote(parts.path)).resolve())
        host, path = (parts.hostname or "").lower(), unquote(parts.path)
    else:
        before, colon, after = text.partition(":")
        if not colon or "/" in before or not before:
            return "path", str(Path(text).resolve())
        host, path = before.rpartition("@")[2].lower(), after  # scp-like `[user@]host:path`
    path = path.strip("/").removesuffix(".git").rstrip("/")
    if host in _CASE_INSENSITIVE_HOSTS:
        path = path.lower()
    return "net", f"{host}/{path}"


def url_matches(configured: str, origin: str) -> bool:
    """Whether a clone whose origin is `origin` is the repository `configured` names.

    Remote URLs compare by host and path, whatever the scheme, user or port, so GitHub's
    SSH and HTTPS forms are equal; a trailing `.git` or `/` is ignored. Local paths and
    `file://` URLs compare as resolved paths.
    """
    return _normalised(configured) == _normalised(origin)


def _branch_problem(branch: str) -> str | None:
    if not branch:
        return "it is empty"
    if branch.startswith("-"):
        return "it starts with `-`"
    if ".." in branch:
        return "it contains `..`"
    if _BAD_BRANCH_CHARS.search(branch) or "@{" in branch or branch == "@":
        return "it contains a character git does not allow in branch names"
    for segment in branch.split("/"):
        if not segment or segment.startswith(".") or segment.endswith((".lock", ".")):
            return (
                "each `/`-separated part must be non-empty, not start with `.` nor end in `.lock`"
            )
    return None


def _checked_branch(branch: str) -> str:
    problem = _branch_problem(branch)
    if problem is not None:
        raise UsageError(f"invalid role branch `{branch}`: {problem}")
    return branch


def _has_entries(directory: Path) -> bool:
    try:
        return any(directory.iterdir())
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        return True  # a stray file: reported as "not a git checkout"


@dataclass(frozen=True, slots=True)
class _Job:
    """One ensure: which role, from where, into which folder."""

    label: str
    url: str
    directory: Path
    branch: str | None

    def git(
        self,
        action: str,
        args: list[str],
        *,
        cwd: Path | None,
        timeout: float = LOCAL_TIMEOUT,
        check: bool = True,
    ) -> GitOutput:
        try:
            return run_git(args, cwd=cwd, timeout=timeout, check=check)
        except GitFailed as exc:
            raise RoleCacheError(
                f"could not {action} role {self.label} from {scrub(self.url)}: {exc.reason}",
                path=self.directory,
            ) from None

    def head(self) -> str:
        """The commit checked out."""
        return self.git(
            "read the commit of", ["rev-parse", "HEAD"], cwd=self.directory
        ).stdout.strip()


class RoleCache:
    """Clones of role repositories under `<home>/roles/`, kept current and checked."""

    def __init__(
        self,
        paths: JackinPaths,
        *,
        refresh_ttl: float = 60.0,
        now: Callable[[], float] = time.time,
        lock_timeout: float = 120.0,
    ) -> None:
        self._paths = paths
        self._refresh_ttl = refresh_ttl
        self._now = now
        self._lock_timeout = lock_timeout

    def checkout_dir(self, selector: RoleSelector, branch: str | None = None) -> Path:
        """Where the role's clone lives: `…/<name>/default/` or `…/<name>/branches/<branch>/`."""
        base = self._paths.roles_dir
        if selector.namespace is not None:
            base = base / selector.namespace
        base = base / selector.name
        if branch is None:
            return base / "default"
        return base.joinpath("branches", *_checked_branch(branch).split("/"))

    def lock_path(self, selector: RoleSelector, branch: str | None = None) -> Path:
        """The lock serialising clone and fetch: `<data>/<slug>.repo.lock` or a branch lock."""
        data = self._paths.data_dir
        if branch is None:
            return data / f"{selector.slug}.repo.lock"
        return data / f"{selector.slug}.locks" / f"{_checked_branch(branch)}.repo.lock"

    def ensure(
        self,
        selector: RoleSelector,
        git_url: str,
        *,
        branch: str | None = None,
        force_refresh: bool = False,
    ) -> CachedRole:
        """Clone the role if missing, else check and refresh it; return the checkout."""
        with self.locked(selector, git_url, branch=branch, force_refresh=force_refresh) as role:
            return role

    @contextlib.contextmanager
    def locked(
        self,
        selector: RoleSelector,
        git_url: str,
        *,
        branch: str | None = None,
        force_refresh: bool = False,
    ) -> Iterator[CachedRole]:
        """Like `ensure`, but keep the role's lock until the block ends.

        For a caller that reads the checkout (a build context snapshot) and must not see
        another process fetch under it.
        """
        label = selector.key if branch is None else f"{selector.key}@{branch}"
        job = _Job(label, git_url, self.checkout_dir(selector, branch), branch)
        lock = FileLock(
            self.lock_path(selector, branch),
            purpose=f"updating the role cache for {label}",
            timeout=self._lock_timeout,
        )
        with lock:
            try:
                role = self._sync(job, force_refresh=force_refresh)
            except OSError as exc:
                raise RoleCacheError(
                    f"could not update the role cache {job.directory} for {label}: {exc}",
                    path=job.directory,
                ) from exc
            yield role

    def _sync(self, job: _Job, *, force_refresh: bool) -> CachedRole:
        self._refuse_nesting(job)
        directory = job.directory
        if not _has_entries(directory):
            self._clone(job)
            return CachedRole(directory, job.head(), refreshed=True, branch=job.branch)
        try:
            git_dir = git_dir_of(directory)
        except GitFailed:
            raise RoleCacheError(
                f"the role cache {directory} for {job.label} is not a git checkout; "
                f"remove the folder {directory} and run again",
                path=directory,
            ) from None
        _check_origin(job)
        _check_clean(job)
        refreshed = job.branch is not None or force_refresh or not self._fresh(git_dir)
        if refreshed:
            _refresh(job)
        else:
            _log.debug("role %s: fetched within %g s, not refreshing", job.label, self._refresh_ttl)
        return CachedRole(directory, job.head(), refreshed=refreshed, branch=job.branch)

    def _refuse_nesting(self, job: _Job) -> None:
        # `a` and `a/b` branches, or a role named like another's `default`, would nest.
        roles = self._paths.roles_dir
        for parent in job.directory.parents:
            if parent == roles or roles not in parent.parents:
                return
            if (parent / ".git").exists():
                raise RoleCacheError(
                    f"cannot cache role {job.label} at {job.directory}: it would sit inside "
                    f"the cached repo {parent}; remove the folder {parent} and run again",
                    path=job.directory,
                )

    def _fresh(self, git_dir: Path) -> bool:
        if self._refresh_ttl <= 0:
            return False
        fetch_head = git_dir / "FETCH_HEAD"
        stamp = fetch_head if fetch_head.exists() else git_dir / "HEAD"  # HEAD: clone time
        try:
            age = self._now() - stamp.stat().st_mtime
        except OSError:
            return False
        return 0 <= age < self._refresh_ttl

    def _clone(self, job: _Job) -> None:
        directory, roles = job.directory, self._paths.roles_dir
        created = [p for p in directory.parents if roles in p.parents and not p.exists()]
        directory.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        staged_prefix = f".{directory.name}{_STAGING_INFIX}"
        for stale in directory.parent.glob(f"{staged_prefix}*"):  # an interrupted clone
            shutil.rmtree(stale, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix=staged_prefix, dir=directory.parent))
        try:
            branch_args = ["--branch", job.branch] if job.branch is not None else []
            job.git(
                "clone",
                ["clone", *branch_args, "--", job.url, str(staging)],
                cwd=None,
                timeout=CLONE_TIMEOUT,
            )
            if directory.exists():
                directory.rmdir()  # only an empty folder gets here
            staging.rename(directory)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            for path in created:  # innermost first
                with contextlib.suppress(OSError):
                    path.rmdir()
            raise


def _check_origin(job: _Job) -> None:
    found = job.git(
        "read the origin of",
        ["config", "--get", "remote.origin.url"],
        cwd=job.directory,
        check=False,
    )
    origin = found.stdout.strip() if found.ok else ""
    if origin and url_matches(job.url, origin):
        return
    where = scrub(origin) if origin else "no origin remote"
    raise RoleCacheError(
        f"the role cache at {job.directory} points at {where} but role {job.label} is "
        f"configured for {scrub(job.url)}; remove the folder {job.directory} and run again "
        "to clone the configured repository",
        path=job.directory,
    )


def _check_clean(job: _Job) -> None:
    status = job.git(
        "check for local changes in",
        ["status", "--porcelain", "--untracked-files=normal"],
        cwd=job.directory,
    )
    entries = [line.strip() for line in status.stdout.splitlines() if line.strip()]
    if not entries:
        return
    shown = ", ".join(entries[:_MAX_SHOWN_CHANGES])
    if len(entries) > _MAX_SHOWN_CHANGES:
        shown += f", … ({len(entries)} in all)"
    raise RoleCacheError(
        f"cached role repo contains local changes: {job.directory} ({shown}). jackin does "
        f"not overwrite them: keep what you need elsewhere, then remove the folder "
        f"{job.directory} and run again",
        path=job.directory,
    )


def _refresh(job: _Job) -> None:
    ref = "HEAD" if job.branch is None else f"refs/heads/{job.branch}"
    job.git(
        "fetch",
        ["fetch", "origin", ref],
        cwd=job.directory,
        timeout=FETCH_TIMEOUT,
    )
    merged = job.git("update", ["merge", "--ff-only", "FETCH_HEAD"], cwd=job.directory, check=False)
    if not merged.ok:  # history rewritten upstream; the checkout was verified clean
        _log.debug("role %s: not a fast-forward, resetting to the fetched head", job.label)
        job.git(
            "reset to the fetched head of", ["reset", "--hard", "FETCH_HEAD"], cwd=job.directory
        )
