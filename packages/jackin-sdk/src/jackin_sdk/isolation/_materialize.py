"""Turn a launch's mounts into Docker binds, making worktrees and clones as needed (§7.2-7.3).

Mounts are handled shortest destination first, so parents come before children in the
bind list. Every isolated mount is checked before any checkout is made. A mount whose
record and checkout already exist is reused as it is (no reset, no rebase), which makes
a second call for the same container (a restore) cheap and lossless; a reused record
that was preserved becomes `active` again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from jackin_sdk.debug import tracer
from jackin_sdk.docker import Bind
from jackin_sdk.fs import UnreadableFile, atomic_write_text, read_bounded_text
from jackin_sdk.isolation._errors import (
    IsolationError,
    MaterializeConflict,
    ModeDrift,
    SourceDrift,
)
from jackin_sdk.isolation._git import LOCAL_TIMEOUT, SLOW_TIMEOUT, GitFailed, run_git
from jackin_sdk.isolation._layout import (
    checkout_path,
    container_git_dir,
    normalize_dst,
    overrides_dir,
    scratch_branch,
)
from jackin_sdk.isolation._origin import container_origin
from jackin_sdk.isolation._preflight import check_static, preflight
from jackin_sdk.isolation._records import CleanupStatus, IsolationRecord, IsolationRecords
from jackin_sdk.mounts import Isolation, Mount

__all__ = ["Materialized", "materialize"]

_log = tracer("isolation")
_OVERRIDE_MODE = 0o644


@dataclass(frozen=True, slots=True)
class Materialized:
    """The binds for a container, in mount order, and the isolated mounts' records."""

    binds: list[Bind] = field(default_factory=list)
    records: list[IsolationRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Job:
    """One isolated mount: its checkout path and its record when it is reused."""

    mount: Mount
    dst: str
    path: Path
    reuse: IsolationRecord | None


def _depth(mount: Mount) -> tuple[int, str]:
    dst = normalize_dst(mount.dst)
    return len(dst.rstrip("/")), dst


def _git(mount: Mount, action: str, args: list[str], *, cwd: Path, slow: bool = False) -> str:
    try:
        timeout = SLOW_TIMEOUT if slow else LOCAL_TIMEOUT
        return run_git(args, cwd=cwd, timeout=timeout).stdout.strip()
    except GitFailed as exc:
        raise IsolationError(
            f"isolated mount `{mount.dst}`: could not {action}: {exc.reason}", mount_dst=mount.dst
        ) from None


def _plan(mount: Mount, *, store: IsolationRecords, state_dir: Path, container: str) -> _Job:
    """Check the static rules and drift; decide between reuse and create."""
    check_static(mount)
    dst = normalize_dst(mount.dst)
    path = checkout_path(state_dir, dst, container, mount.isolation)
    record = store.get(dst)
    if record is None:
        return _Job(mount, dst, path, None)
    if normalize_dst(record.original_src) != normalize_dst(mount.src):
        raise SourceDrift(
            mount_dst=dst,
            recorded=record.original_src,
            configured=mount.src,
            checkout=record.worktree_path,
        )
    if record.isolation is not mount.isolation:
        raise ModeDrift(
            mount_dst=dst,
            recorded=record.isolation.value,
            configured=mount.isolation.value,
            checkout=record.worktree_path,
        )
    if record.container_name != container:
        raise MaterializeConflict(
            f"isolated mount `{dst}` belongs to container `{record.container_name}`, "
            f"not `{container}`",
            mount_dst=dst,
        )
    return _Job(mount, dst, path, record if (path / ".git").exists() else None)


def _prepare_dir(job: _Job) -> None:
    if job.path.exists() and (not job.path.is_dir() or any(job.path.iterdir())):
        raise MaterializeConflict(
            f"isolated mount `{job.dst}`: `{job.path}` already exists and is not a checkout",
            mount_dst=job.dst,
            hint=f"Review and remove `{job.path}`, then retry",
        )
    job.path.parent.mkdir(parents=True, exist_ok=True)


def _enable_worktree_config(mount: Mount, src: Path) -> None:
    """Turn on per-worktree config, bumping the repository format to 1 first if needed."""
    found = run_git(
        ["config", "--local", "--type=bool", "--get", "extensions.worktreeConfig"],
        cwd=src,
        check=False,
    )
    if found.ok and found.stdout.strip() == "true":
        return
    version = run_git(
        ["config", "--local", "--get", "core.repositoryformatversion"], cwd=src, check=False
    )
    if version.stdout.strip() in {"", "0"}:
        _git(
            mount,
            "set core.repositoryformatversion",
            ["config", "--local", "core.repositoryformatversion", "1"],
            cwd=src,
        )
    _git(
        mount,
        "enable extensions.worktreeConfig",
        ["config", "--local", "extensions.worktreeConfig", "true"],
        cwd=src,
    )


def _branch_exists(src: Path, branch: str) -> bool:
    found = run_git(
        ["show-ref", "--verify", "--quiet", f"refs/heads/{branch}"], cwd=src, check=False
    )
    return found.ok


_GITFILE_LIMIT = 4096
"""A worktree's `.git` file is one `gitdir:` line; the checkout is the agent's to write."""


def _admin_name(path: Path) -> str | None:
    """The name of the admin entry a worktree's `.git` file points at, if it is one.

    Read bounded: a FIFO, a device or a huge file there is no admin entry, never a hang.
    """
    try:
        text = read_bounded_text(path / ".git", limit=_GITFILE_LIMIT).strip()
    except UnreadableFile:
        return None
    if not text.startswith("gitdir:"):
        return None
    return Path(text.removeprefix("gitdir:").strip()).name


def _create_worktree(job: _Job, *, container: str, base: str) -> None:
    """`git worktree add` the scratch branch at the job's path (new branches start at `base`)."""
    mount, src = job.mount, Path(job.mount.src)
    branch = scratch_branch(container)
    _prepare_dir(job)
    exists = _branch_exists(src, branch)
    if exists or (src / ".git" / "worktrees" / container).exists():
        _git(mount, "prune stale worktrees", ["worktree", "prune"], cwd=src)
    if exists:
        _log.debug("adopting existing scratch branch %s", branch)
        args = ["worktree", "add", str(job.path), branch]
    else:
        args = ["worktree", "add", "-b", branch, str(job.path), base]
    try:
        run_git(args, cwd=src, timeout=SLOW_TIMEOUT)
    except GitFailed as exc:
        raise MaterializeConflict(
            f"isolated mount `{job.dst}`: git worktree add failed: {exc.reason}",
            mount_dst=job.dst,
            hint=f"`git -C {src} worktree list --porcelain` shows where `{branch}` is in use",
        ) from None


def _host_origin(mount: Mount, src: Path) -> str | None:
    """The host repository's `origin` URL as the clone should have it; None without one."""
    found = run_git(["config", "--get", "remote.origin.url"], cwd=src, check=False)
    if found.status == 1 and not found.stderr.strip():
        return None
    if not found.ok:
        raise IsolationError(
            f"isolated mount `{mount.dst}`: could not read the origin of `{src}` "
            f"({found.reason}); refusing to leave the clone's origin pointing at the host path",
            mount_dst=mount.dst,
        )
    url = found.stdout.strip()
    return container_origin(url) if url else None


def _create_clone(job: _Job) -> None:
    """`git clone --local` the host repository at the job's path, with the host's origin."""
    mount, src = job.mount, Path(job.mount.src)
    origin = _host_origin(mount, src)
    _prepare_dir(job)
    _git(
        mount,
        "clone the host repository",
        ["clone", "--local", "--quiet", str(src), str(job.path)],
        cwd=job.path.parent,
        slow=True,
    )
    if origin is not None:
        _git(mount, "set the clone's origin", ["remote", "set-url", "origin", origin], cwd=job.path)


def _worktree_binds(job: _Job, *, state_dir: Path, container: str) -> list[Bind]:
    """Write the two pointer overrides and return the worktree's four binds."""
    host_git = Path(job.mount.src) / ".git"
    if not host_git.is_dir():
        raise IsolationError(
            f"isolated mount `{job.dst}`: `{host_git}` is not a folder; the worktree at "
            f"`{job.path}` has lost its host repository",
            mount_dst=job.dst,
        )
    admin = _admin_name(job.path)
    if admin != container:
        found = (
            f"is registered as `{admin}` in the host repository"
            if admin is not None
            else "has no readable `.git` pointer (a small regular file) into the host repository"
        )
        raise MaterializeConflict(
            f"isolated mount `{job.dst}`: the worktree at `{job.path}` {found}, not `{container}`",
            mount_dst=job.dst,
            hint=f"Run `git -C {job.mount.src} worktree prune`, then retry",
        )
    overrides = overrides_dir(state_dir, job.dst)
    overrides.mkdir(parents=True, exist_ok=True)
    target = container_git_dir(job.dst)
    atomic_write_text(
        overrides / ".git", f"gitdir: {target}/worktrees/{container}\n", mode=_OVERRIDE_MODE
    )
    atomic_write_text(overrides / "gitdir", f"{job.dst}/.git\n", mode=_OVERRIDE_MODE)
    return [
        Bind(str(job.path), job.dst),
        Bind(str(host_git), target),
        *_guarded_git_parts(host_git, target, container),
        Bind(str(overrides / ".git"), f"{job.dst}/.git", read_only=True),
        Bind(str(overrides / "gitdir"), f"{target}/worktrees/{container}/gitdir", read_only=True),
    ]


def _guarded_git_parts(host_git: Path, target: str, container: str) -> list[Bind]:
    """Read-only binds over the parts of the host `.git` that make git run commands.

    The container shares objects and refs with the host repository, but its config
    (and the main worktree's `config.worktree`), hooks and the other worktrees' admin
    entries are the operator's: an agent that could write them would have the operator's
    own git, and jackin's, run what it chose. Its own admin entry stays writable (index,
    HEAD, its `config.worktree`). Missing parts are created empty so they can be bound.
    """
    (host_git / "hooks").mkdir(exist_ok=True)
    (host_git / "config.worktree").touch(exist_ok=True)
    admin = host_git / "worktrees" / container
    return [
        Bind(str(host_git / "config"), f"{target}/config", read_only=True),
        Bind(str(host_git / "config.worktree"), f"{target}/config.worktree", read_only=True),
        Bind(str(host_git / "hooks"), f"{target}/hooks", read_only=True),
        Bind(str(host_git / "worktrees"), f"{target}/worktrees", read_only=True),
        Bind(str(admin), f"{target}/worktrees/{container}"),
    ]


def materialize(
    mounts: Sequence[Mount],
    *,
    container: str,
    state_dir: Path,
    workspace: str,
    selector_key: str,
    force: bool = False,
) -> Materialized:
    """Return the binds for `mounts`, creating or reusing each isolated checkout.

    `shared` mounts bind their source as is. A `worktree` mount gets a `git worktree`
    on the branch `jackin/scratch/<container>` plus the host `.git` (its config, hooks
    and other worktrees read-only) and two pointer overrides (nine binds); a `clone`
    mount gets a `git clone --local` (one bind). New checkouts are recorded in
    `<state_dir>/.jackin/isolation.json` before they are made, so an interrupted launch
    leaves nothing cleanup cannot find. `force` lets a dirty host tree through with a
    warning (see `preflight`).
    """
    store = IsolationRecords.load(state_dir)
    ordered = sorted(mounts, key=_depth)
    jobs: dict[int, _Job] = {}
    warnings: list[str] = []
    for index, mount in enumerate(ordered):
        if mount.isolation is Isolation.SHARED:
            continue
        planned = _plan(mount, store=store, state_dir=state_dir, container=container)
        if planned.reuse is None:
            warnings += preflight(mount, force=force)
        jobs[index] = planned

    binds: list[Bind] = []
    records: list[IsolationRecord] = []
    for index, mount in enumerate(ordered):
        job = jobs.get(index)
        if job is None:
            binds.append(Bind(mount.src, normalize_dst(mount.dst), read_only=mount.readonly))
            continue
        record = job.reuse
        if record is None:
            record = _create(
                job,
                store=store,
                state_dir=state_dir,
                container=container,
                workspace=workspace,
                selector_key=selector_key,
            )
        else:
            _log.debug("reusing %s checkout %s for %s", record.isolation, job.path, job.dst)
            if record.cleanup_status is not CleanupStatus.ACTIVE:
                record = replace(record, cleanup_status=CleanupStatus.ACTIVE)
                store.upsert(record)
                store.save(state_dir)
        records.append(record)
        if mount.isolation is Isolation.WORKTREE:
            binds += _worktree_binds(job, state_dir=state_dir, container=container)
        else:
            binds.append(Bind(str(job.path), job.dst))
    return Materialized(binds=binds, records=records, warnings=warnings)


def _create(
    job: _Job,
    *,
    store: IsolationRecords,
    state_dir: Path,
    container: str,
    workspace: str,
    selector_key: str,
) -> IsolationRecord:
    """Record the checkout, then make it; the base commit is the host HEAD right now."""
    mount, src = job.mount, Path(job.mount.src)
    worktree = mount.isolation is Isolation.WORKTREE
    if worktree:
        try:
            _enable_worktree_config(mount, src)
        except GitFailed as exc:
            raise IsolationError(
                f"isolated mount `{job.dst}`: git failed: {exc}", mount_dst=job.dst
            ) from None
    base = _git(mount, "read the host repository's HEAD", ["rev-parse", "HEAD"], cwd=src)
    record = IsolationRecord(
        workspace=workspace,
        mount_dst=job.dst,
        original_src=mount.src,
        isolation=mount.isolation,
        worktree_path=str(job.path),
        scratch_branch=scratch_branch(container) if worktree else "",
        base_commit=base,
        selector_key=selector_key,
        container_name=container,
    )
    store.upsert(record)
    store.save(state_dir)
    try:
        if worktree:
            _create_worktree(job, container=container, base=base)
        else:
            _create_clone(job)
    except GitFailed as exc:
        raise IsolationError(
            f"isolated mount `{job.dst}`: git failed: {exc}", mount_dst=job.dst
        ) from None
    return record
