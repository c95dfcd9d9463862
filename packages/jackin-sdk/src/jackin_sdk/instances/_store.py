"""`InstanceStore`: instance names, state dirs, manifests and the index on the host.

Layout under `<data>` (spec runtime §1.4, §6.1–6.3): `<c>.lock` (name lock, held by a
launch for its whole life), `<c>/` (state: `home/`, `state/`, `.jackin/instance.json`),
`instances.json` (index, rebuildable from the manifests) and `instances.json.lock`
(taken by every index writer). The manifest is written before the index row, so a crash
in between leaves drift that `drift`/`repair_drift` find and fix.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from jackin_sdk.debug import tracer
from jackin_sdk.docker import (
    ContainerSummary,
    DockerApi,
    DockerConflict,
    DockerNotFound,
    InspectUnavailable,
    NotFound,
    Stopped,
)
from jackin_sdk.errors import CodedError, ErrorCode, JackinError, UsageError
from jackin_sdk.fs import FileLock, LockTimeout, atomic_write_text
from jackin_sdk.instances._claim import ClaimedInstance, lock_name
from jackin_sdk.instances._drift import DriftReport, StaleRow
from jackin_sdk.instances._files import InstanceFileError, to_seconds, utc_now
from jackin_sdk.instances._index import IndexRow, parse_index, render_index, sort_rows
from jackin_sdk.instances._manifest import InstanceManifest
from jackin_sdk.instances._naming import (
    container_base_name,
    instance_id_from_container,
    is_container_selector,
    new_instance_id,
)
from jackin_sdk.instances._status import InstanceStatus
from jackin_sdk.paths import HomeIdentity, JackinPaths, home_identity
from jackin_sdk.resources import LABEL_KIND, LABEL_MANAGED, Owner, Ownership, ResourceKind

__all__ = ["InstanceStore"]

_log = tracer("instances")
_PRIVATE_DIR = 0o700
_STATE_SUBDIRS = ("home", "state", ".jackin")
_INDEX_LOCK = "instances.json.lock"
_ROLE_CONTAINERS = {LABEL_MANAGED: "true", LABEL_KIND: ResourceKind.ROLE.value}


def _check_container(container: str) -> None:
    if not is_container_selector(container):
        raise UsageError(f"not an instance container name: {container!r} (expected `jk-…`)")


class InstanceStore:
    """Instance state under `paths.data_dir` and `paths.sockets_dir`.

    `clock` stamps `updated_at` (UTC, to the second). Every write is atomic; the index is
    rewritten only under an exclusive lock on `instances.json.lock`.
    """

    def __init__(
        self,
        paths: JackinPaths,
        *,
        clock: Callable[[], dt.datetime] = utc_now,
        index_lock_timeout: float = 10.0,
        restore_lock_timeout: float = 0.25,
    ) -> None:
        self.paths = paths
        self._clock = clock
        self._index_lock_timeout = index_lock_timeout
        self._restore_lock_timeout = restore_lock_timeout
        self._home: HomeIdentity | None = None

    # The home's identity and what it owns on the engine

    def home(self) -> HomeIdentity:
        """This home's identity, made on first use: the `jackin.home` of what it creates."""
        if self._home is None:
            self._home = home_identity(self.paths.home_dir)
            assert self._home is not None
        return self._home

    def ownership(self, *, foreign: bool = False, create: bool = True) -> Ownership:
        """Which Docker objects this home's commands may act on (`resources.Ownership`).

        Unlabelled objects (an older jackin made them) are adopted when an index row or a
        state folder of this home names their instance. `create=False` does not make an
        identity for a home that has none (read-only commands).
        """
        if create:
            home_id: str | None = self.home().id
        else:
            found = self._home or home_identity(self.paths.home_dir, create=False)
            home_id = found.id if found is not None else None
        return Ownership(home_id, adopts=self._named_by_records(), foreign=foreign)

    def _named_by_records(self) -> Callable[[str], bool]:
        """Whether an index row (tombstones too) or a state folder names `<c>`; read on
        the first question only (most objects carry a home label and never ask)."""
        named: set[str] | None = None

        def adopts(container: str) -> bool:
            nonlocal named
            if named is None:
                named = {state.name for state in self._state_dirs()}
                # A corrupt index names nothing; `prune instances` rebuilds it.
                with contextlib.suppress(InstanceFileError):
                    named |= {row.container_base for row in self._read_rows() or []}
            return container in named

        return adopts

    # Paths

    def state_dir(self, container: str) -> Path:
        """`<data>/<c>/`."""
        return self.paths.instance_dir(container)

    def manifest_path(self, container: str) -> Path:
        """`<data>/<c>/.jackin/instance.json`."""
        return self.state_dir(container) / ".jackin" / "instance.json"

    def lock_path(self, container: str) -> Path:
        """`<data>/<c>.lock`, the name lock."""
        return self.paths.data_dir / f"{container}.lock"

    def _now(self) -> dt.datetime:
        return to_seconds(self._clock())

    def _ensure_data_dir(self) -> None:
        self.paths.data_dir.mkdir(mode=_PRIVATE_DIR, parents=True, exist_ok=True)

    # Name claims

    def claim_new(
        self,
        docker: DockerApi,
        *,
        role_name: str,
        workspace: str | None = None,
        attempts: int = 64,
        new_id: Callable[[], str] = new_instance_id,
    ) -> ClaimedInstance:
        """Pick and lock a free `jk-<id>-…` name for a fresh launch.

        A name is free when no container has it (a stopped container that exited 0
        without OOM is removed first) and no state dir exists for it; its name lock is
        taken before Docker is asked, so no other jackin can take it meanwhile. E009
        after `attempts` names; an engine that cannot say raises.
        """
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        self._ensure_data_dir()
        for _ in range(attempts):
            container = container_base_name(new_id(), role_name, workspace)
            try:
                lock = lock_name(self.lock_path(container), container, timeout=0)
            except LockTimeout:
                continue
            try:
                free = self._name_is_free(docker, container)
            except BaseException:
                lock.release()
                raise
            if free:
                return ClaimedInstance(container, self.state_dir(container), lock)
            lock.release()
        raise CodedError(
            ErrorCode.E009,
            detail=f"no free container name for role {role_name!r} after {attempts} attempts",
        )

    def _name_is_free(self, docker: DockerApi, container: str) -> bool:
        if self.state_dir(container).exists():
            return False
        state = docker.inspect_container_state(container)
        if isinstance(state, NotFound):
            return True
        if isinstance(state, InspectUnavailable):
            raise JackinError(f"cannot tell whether container {container} exists: {state.reason}")
        if isinstance(state, Stopped) and state.exit_code == 0 and not state.oom_killed:
            return self._remove_finished(docker, container)
        return False

    def _remove_finished(self, docker: DockerApi, container: str) -> bool:
        """Remove this home's container that exited cleanly under a name being claimed;
        another home's (or a stranger's) is left, and the name is not free."""
        try:
            labels = docker.inspect_container(container).labels
        except DockerNotFound:
            return True
        if not self.ownership().owns(container, labels):
            return False
        try:
            docker.remove_container(container, force=False)
        except DockerConflict:
            return False
        return True

    def claim_existing(self, docker: DockerApi, container: str) -> ClaimedInstance:
        """Lock the known name `container` to restore it.

        `LockTimeout` naming the holder's pid when another process uses it; a
        `JackinError` when its container still exists (attach with `jackin hardline`).
        """
        _check_container(container)
        self._ensure_data_dir()
        lock = lock_name(self.lock_path(container), container, timeout=self._restore_lock_timeout)
        try:
            state = docker.inspect_container_state(container)
            if isinstance(state, InspectUnavailable):
                raise JackinError(
                    f"cannot tell whether container {container} exists: {state.reason}"
                )
            if not isinstance(state, NotFound):
                raise JackinError(
                    f"instance {container} is live in Docker ({state.label}); "
                    f"attach to it with `jackin hardline {container}`"
                )
        except BaseException:
            lock.release()
            raise
        return ClaimedInstance(container, self.state_dir(container), lock)

    def is_claimed(self, container: str) -> bool:
        """Whether some process (this one included) holds the name lock of `container`."""
        path = self.lock_path(container)
        if not path.exists():
            return False
        probe = FileLock(path, purpose=f"checking instance {container}", timeout=0)
        try:
            probe.acquire()
        except LockTimeout:
            return True
        probe.release()
        return False

    # State dir and manifest

    def prepare_state_dir(self, container: str) -> Path:
        """Create `<data>/<c>/` (0700) with `home/`, `state/` and `.jackin/`; return it."""
        _check_container(container)
        self._ensure_data_dir()
        state = self.state_dir(container)
        state.mkdir(mode=_PRIVATE_DIR, exist_ok=True)
        state.chmod(_PRIVATE_DIR)
        for name in _STATE_SUBDIRS:
            (state / name).mkdir(mode=_PRIVATE_DIR, exist_ok=True)
        return state

    def read_manifest(self, container: str) -> InstanceManifest | None:
        """The manifest of `container`, None when it has none; `InstanceFileError` if corrupt."""
        _check_container(container)
        return self._load_manifest(self.manifest_path(container))

    @staticmethod
    def _load_manifest(path: Path) -> InstanceManifest | None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except UnicodeDecodeError as exc:
            raise InstanceFileError(path, f"corrupt instance manifest: {exc}") from None
        return InstanceManifest.from_json(text, source=path)

    def write_manifest(self, manifest: InstanceManifest) -> None:
        """Write the manifest atomically, then upsert its index row."""
        container = manifest.container_base
        _check_container(container)
        if not self.state_dir(container).is_dir():
            self.prepare_state_dir(container)
        path = self.manifest_path(container)
        path.parent.mkdir(mode=_PRIVATE_DIR, exist_ok=True)
        atomic_write_text(path, manifest.to_json())
        row = manifest.index_row()
        self._mutate_index(lambda rows: [r for r in rows if r.container_base != container] + [row])

    def set_status(
        self,
        container: str,
        status: InstanceStatus,
        *,
        last_attach_outcome: str | None = None,
    ) -> InstanceManifest:
        """Record `status` (and the attach outcome, when given) in the manifest and the index."""
        current = self.read_manifest(container)
        if current is None:
            raise JackinError(
                f"instance {container} has no manifest ({self.manifest_path(container)})"
            )
        updated = current.with_status(
            status, now=self._now(), last_attach_outcome=last_attach_outcome
        )
        self.write_manifest(updated)
        return updated

    # Index

    def _read_rows(self, *, hint: bool = True) -> list[IndexRow] | None:
        path = self.paths.instances_index
        try:
            text = path.read_text(encoding="utf-8")
            return parse_index(text, path)
        except FileNotFoundError:
            return None
        except (InstanceFileError, UnicodeDecodeError) as exc:
            if isinstance(exc, InstanceFileError):
                message, field = exc.message, exc.field
            else:
                message, field = f"corrupt instance index: {exc}", None
            if hint:
                message += (
                    "; run `jackin prune instances` to rebuild the index from the instance "
                    "manifests"
                )
            raise InstanceFileError(path, message, field=field) from None

    def _state_dirs(self) -> list[Path]:
        data = self.paths.data_dir
        if not data.is_dir():
            return []
        return sorted(p for p in data.iterdir() if p.is_dir() and (p / ".jackin").is_dir())

    def _scan_manifests(self) -> list[IndexRow]:
        rows: list[IndexRow] = []
        for state in self._state_dirs():
            manifest = self._load_manifest(state / ".jackin" / "instance.json")
            if manifest is not None:
                rows.append(manifest.index_row())
        return rows

    def _mutate_index(self, mutate: Callable[[list[IndexRow]], list[IndexRow]]) -> list[IndexRow]:
        self._ensure_data_dir()
        with FileLock(
            self.paths.data_dir / _INDEX_LOCK,
            purpose="updating the instance index",
            timeout=self._index_lock_timeout,
        ):
            rows = self._read_rows()
            if rows is None:
                rows = self._scan_manifests()
            rows = sort_rows(mutate(rows))
            atomic_write_text(self.paths.instances_index, render_index(rows))
        return rows

    def index(self) -> list[IndexRow]:
        """The index rows, newest first; rebuilt in memory from the manifests when missing.

        A corrupt index is an `InstanceFileError` telling the operator to run
        `jackin prune instances` (which calls `rebuild_index(repair=True)`).
        """
        rows = self._read_rows()
        return sort_rows(self._scan_manifests() if rows is None else rows)

    def rebuild_index(self, *, repair: bool = False) -> list[IndexRow]:
        """Rewrite the index from the manifests on disk, keeping `purged` tombstones.

        A corrupt index is an error unless `repair`, which moves it aside to
        `instances.json.corrupt-<UTC time>` and rebuilds without its tombstones. A corrupt
        manifest always aborts the rebuild, naming the file.
        """
        self._ensure_data_dir()
        index_path = self.paths.instances_index
        with FileLock(
            self.paths.data_dir / _INDEX_LOCK,
            purpose="rebuilding the instance index",
            timeout=self._index_lock_timeout,
        ):
            try:
                previous = self._read_rows(hint=not repair) or []
            except InstanceFileError:
                if not repair:
                    raise
                stamp = self._now().strftime("%Y%m%dT%H%M%SZ")
                aside = index_path.with_name(f"{index_path.name}.corrupt-{stamp}")
                index_path.replace(aside)
                _log.warning("moved the corrupt instance index aside to %s", aside)
                previous = []
            rows = self._scan_manifests()
            present = {row.container_base for row in rows}
            rows += [
                row
                for row in previous
                if row.status is InstanceStatus.PURGED and row.container_base not in present
            ]
            rows = sort_rows(rows)
            atomic_write_text(index_path, render_index(rows))
        return rows

    def query(
        self,
        *,
        workspace_name: str | None,
        workspace_label: str,
        workdir: str,
        role_key: str | None = None,
        agent: str | None = None,
    ) -> list[InstanceManifest]:
        """Manifests of the exact workspace, label and workdir (and role/agent), newest first.

        Candidates come from the index; each manifest is re-read and re-checked, and
        missing or unreadable ones are skipped.
        """

        def wanted(row: IndexRow) -> bool:
            return row.matches(
                workspace_name=workspace_name,
                workspace_label=workspace_label,
                workdir=workdir,
                role_key=role_key,
                agent=agent,
            )

        found: list[InstanceManifest] = []
        for row in self.index():
            if not wanted(row):
                continue
            try:
                manifest = self.read_manifest(row.container_base)
            except InstanceFileError as exc:
                _log.warning("skipping instance %s: %s", row.container_base, exc)
                continue
            if manifest is not None and wanted(manifest.index_row()):
                found.append(manifest)
        return sorted(found, key=lambda m: m.updated_at, reverse=True)

    # Removal

    def purge_state(self, container: str, *, claim: ClaimedInstance | None = None) -> None:
        """Delete `<data>/<c>/`, `<sockets>/<c>/` and `<c>.lock`; the index row becomes `purged`.

        Pass the caller's `claim` when it holds the name; otherwise the name lock is taken
        here and `LockTimeout` means another process uses the instance. Isolated worktrees
        and clones must be removed (by `jackin_sdk.isolation`) before this is called.
        """
        _check_container(container)
        if claim is not None and (claim.container != container or not claim.held):
            raise ValueError(f"claim {claim!r} does not hold {container}")
        lock = None
        if claim is None:
            lock = lock_name(self.lock_path(container), container, timeout=0)
        try:
            try:
                manifest = self.read_manifest(container)
                unreadable = False
            except InstanceFileError:
                manifest, unreadable = None, True
            had_state = self.state_dir(container).exists()
            shutil.rmtree(self.state_dir(container), ignore_errors=True)
            shutil.rmtree(self.paths.sockets_dir / container, ignore_errors=True)
            self.lock_path(container).unlink(missing_ok=True)
            if self.state_dir(container).exists():
                raise JackinError(f"could not remove {self.state_dir(container)}")
            now = self._now()
            fallback = manifest.index_row() if manifest is not None else None
            if fallback is None and unreadable and had_state:
                fallback = _bare_row(container, now)
            self._mutate_index(lambda rows: _tombstone(rows, container, fallback, now))
        finally:
            if lock is not None:
                lock.release()

    def drop_rows(self, containers: Iterable[str]) -> int:
        """Remove the index rows of `containers`; return how many were removed."""
        gone = set(containers)
        if not gone:
            return 0
        removed = 0

        def drop(rows: list[IndexRow]) -> list[IndexRow]:
            nonlocal removed
            kept = [row for row in rows if row.container_base not in gone]
            removed = len(rows) - len(kept)
            return kept

        self._mutate_index(drop)
        return removed

    def reap_locks(self) -> list[Path]:
        """Delete the `<data>/<c>.lock` files nobody holds; return the ones deleted.

        Other locks under `<data>` (the index's, role repos', prewarm's) stay: their users
        do not re-check the file after locking, so deleting one could split a lock in two.
        """
        data = self.paths.data_dir
        if not data.is_dir():
            return []
        reaped: list[Path] = []
        for path in sorted(data.glob("*.lock")):
            container = path.name.removesuffix(".lock")
            if not is_container_selector(container) or not path.is_file():
                continue
            lock = FileLock(path, purpose=f"reaping the lock of {container}", timeout=0)
            try:
                lock.acquire()
            except LockTimeout:
                continue
            try:
                path.unlink(missing_ok=True)
                reaped.append(path)
            finally:
                lock.release()
        return reaped

    # Drift between the index, the manifests and Docker

    def drift(self, docker: DockerApi) -> DriftReport:
        """Compare the index with the manifests, and both with Docker's role containers.

        One `list_containers` call. Instances whose name lock is held (a launch in
        progress) never count as missing their container. Role containers no record
        names are this home's orphans only when labelled with its id; other homes' and
        unlabelled ones are listed apart (`foreign_containers`, `legacy_containers`).
        """
        rows = {row.container_base: row for row in self._read_rows() or []}
        manifests: dict[str, InstanceManifest] = {}
        unreadable: list[Path] = []
        for state in self._state_dirs():
            path = state / ".jackin" / "instance.json"
            try:
                manifest = self._load_manifest(path)
            except InstanceFileError:
                unreadable.append(path)
                continue
            if manifest is not None:
                manifests[state.name] = manifest
        unreadable_names = {path.parent.parent.name for path in unreadable}
        listed = docker.list_containers(labels=_ROLE_CONTAINERS)
        present = {summary.name.removeprefix("/") for summary in listed}

        stale: list[StaleRow] = []
        missing: list[IndexRow] = []
        for container in sorted((set(rows) | set(manifests)) - unreadable_names):
            row, manifest = rows.get(container), manifests.get(container)
            if manifest is None:
                if row is not None and row.status is not InstanceStatus.PURGED:
                    stale.append(StaleRow(container, row, None))
                continue
            expected = manifest.index_row()
            if row != expected:
                stale.append(StaleRow(container, row, manifest))
            if (
                manifest.status.is_live
                and container not in present
                and not self.is_claimed(container)
            ):
                missing.append(expected)
        known = {c for c, row in rows.items() if row.status is not InstanceStatus.PURGED}
        known |= set(manifests) | unreadable_names
        ownership = self.ownership(create=False)
        by_owner: dict[Owner, list[ContainerSummary]] = {owner: [] for owner in Owner}
        for summary in listed:
            if summary.name.removeprefix("/") not in known:
                by_owner[ownership.owner(summary.name, summary.labels, role=True)].append(summary)
        return DriftReport(
            missing_containers=tuple(missing),
            stale_rows=tuple(stale),
            orphan_containers=tuple(by_owner[Owner.OWN]),
            unreadable_manifests=tuple(unreadable),
            foreign_containers=tuple(by_owner[Owner.FOREIGN]),
            legacy_containers=tuple(by_owner[Owner.LEGACY]),
        )

    def repair_drift(self, docker: DockerApi, report: DriftReport) -> list[str]:
        """Fix what `report` found; return the containers whose files changed.

        Stale rows are rewritten from their manifest (a row whose manifest is gone
        becomes a `purged` tombstone). Live instances whose container is still missing
        and whose name lock is free become `crashed`. Orphan containers are left alone.
        """
        changed: list[str] = []
        if report.stale_rows:
            now = self._now()

            def resync(rows: list[IndexRow]) -> list[IndexRow]:
                by_name = {row.container_base: row for row in rows}
                for stale in report.stale_rows:
                    fixed = self._resynced_row(stale.container, by_name.get(stale.container), now)
                    if fixed is not None:
                        by_name[stale.container] = fixed
                        changed.append(stale.container)
                return list(by_name.values())

            self._mutate_index(resync)
        for row in report.missing_containers:
            if self._mark_crashed(docker, row.container_base):
                changed.append(row.container_base)
        return list(dict.fromkeys(changed))

    def _resynced_row(
        self, container: str, row: IndexRow | None, now: dt.datetime
    ) -> IndexRow | None:
        try:
            manifest = self.read_manifest(container)
        except InstanceFileError:
            return None
        if manifest is not None:
            return manifest.index_row() if manifest.index_row() != row else None
        if row is None or row.status is InstanceStatus.PURGED:
            return None
        return dataclasses.replace(row, status=InstanceStatus.PURGED, updated_at=now)

    def _mark_crashed(self, docker: DockerApi, container: str) -> bool:
        try:
            lock = lock_name(self.lock_path(container), container, timeout=0)
        except LockTimeout:
            return False
        try:
            if not isinstance(docker.inspect_container_state(container), NotFound):
                return False
            manifest = self.read_manifest(container)
            if manifest is None or not manifest.status.is_live:
                return False
            self.write_manifest(manifest.with_status(InstanceStatus.CRASHED, now=self._now()))
            return True
        finally:
            lock.release()


def _bare_row(container: str, now: dt.datetime) -> IndexRow:
    return IndexRow(
        instance_id=instance_id_from_container(container) or container,
        container_base=container,
        workspace_name=None,
        workspace_label="",
        workdir="",
        role_key="",
        agent_runtime="",
        status=InstanceStatus.PURGED,
        updated_at=now,
    )


def _tombstone(
    rows: list[IndexRow], container: str, fallback: IndexRow | None, now: dt.datetime
) -> list[IndexRow]:
    out = [row for row in rows if row.container_base != container]
    previous = next((row for row in rows if row.container_base == container), fallback)
    if previous is not None:
        out.append(dataclasses.replace(previous, status=InstanceStatus.PURGED, updated_at=now))
    return out
