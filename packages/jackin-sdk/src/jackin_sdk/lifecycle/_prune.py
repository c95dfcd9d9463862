"""The `prune` family: reclaim instances, images, the role cache and the shared cache."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from jackin_sdk.dind import remove_instance_resources
from jackin_sdk.docker import DockerApi, RemoveImageResult
from jackin_sdk.errors import JackinError, UsageError
from jackin_sdk.instances import InstanceStore
from jackin_sdk.lifecycle._eject import PurgeRefused, exile, purge
from jackin_sdk.resources import (
    LABEL_KIND,
    LABEL_MANAGED,
    InstanceResources,
    Ownership,
    ResourceKind,
)

__all__ = ["PruneAction", "PruneReport", "prune_dir", "prune_images", "prune_instances"]

Outcome = Literal["OK", "SKIP", "FAILED"]
_ROLE_LABELS = {LABEL_MANAGED: "true", LABEL_KIND: ResourceKind.ROLE.value}


@dataclass(frozen=True, slots=True)
class PruneAction:
    """One row of a prune report: `<verb> <target> … OK|SKIP|FAILED` and why."""

    verb: str
    target: str
    outcome: Outcome
    reason: str = ""


@dataclass
class PruneReport:
    """What a prune did, in order, with a one-line summary."""

    title: str
    actions: list[PruneAction] = field(default_factory=list)
    summary: str = ""

    @property
    def failed(self) -> bool:
        """Whether any action failed."""
        return any(a.outcome == "FAILED" for a in self.actions)


def prune_instances(
    docker: DockerApi, store: InstanceStore, *, all_: bool = False, foreign: bool = False
) -> PruneReport:
    """Purge finished instances (or, with `all_`, every instance and the data folder).

    With `all_`, every role container of this home is ejected (`exile`), then the Docker
    objects of every indexed instance that has none (a launch killed after making its
    network or sidecar), then every other leftover of this home whatever its age (orphan
    GC without grace: sidecars, networks, volumes, probe containers), and only then the
    state. Other jackin homes' objects stay unless `foreign` (only with `all_`): then
    every jackin object on the engine goes; those homes' state is not touched.
    """
    if foreign and not all_:
        raise UsageError("--foreign applies only with --all")
    report = PruneReport("Instances")
    if all_:
        _remove_every_docker_object(docker, store, report, store.ownership(foreign=foreign))
    else:
        drift = store.drift(docker)
        for container in store.repair_drift(docker, drift):
            report.actions.append(PruneAction("Repairing", container, "OK", "index drift"))
    pruned = []
    for row in store.index():
        if not all_ and not row.status.is_prunable:
            continue
        try:
            purge(docker, store, row.container_base, discard_isolated=all_)
        except PurgeRefused as exc:
            report.actions.append(PruneAction("Purging", row.container_base, "SKIP", str(exc)))
            continue
        except JackinError as exc:
            report.actions.append(PruneAction("Purging", row.container_base, "FAILED", str(exc)))
            continue
        pruned.append(row.container_base)
        report.actions.append(PruneAction("Purging", row.container_base, "OK"))
    store.drop_rows(pruned)
    for lock in store.reap_locks():
        report.actions.append(PruneAction("Removing", lock.name, "OK", "unheld lock"))
    if all_:
        shutil.rmtree(store.paths.data_dir, ignore_errors=True)
    report.summary = f"pruned {len(pruned)} instance(s)" if pruned else "no instances to prune"
    return report


def _remove_every_docker_object(
    docker: DockerApi, store: InstanceStore, report: PruneReport, owners: Ownership
) -> None:
    from jackin_sdk.gc import collect_orphans  # noqa: PLC0415

    for container in exile(docker, store, foreign=owners.foreign):
        report.actions.append(PruneAction("Stopping", container, "OK"))
    for row in store.index():
        resources = InstanceResources(row.container_base)
        for name in remove_instance_resources(docker, resources, owners):
            report.actions.append(PruneAction("Removing", name, "OK"))
    leftovers = collect_orphans(docker, owners=owners, grace=dt.timedelta(0))
    for name in leftovers.removed:
        report.actions.append(PruneAction("Removing", name, "OK", "leftover"))
    for error in leftovers.errors:
        report.actions.append(PruneAction("Removing", "leftovers", "FAILED", error))


def prune_images(docker: DockerApi) -> PruneReport:
    """Remove `jk_*` images no role container uses (never forced).

    Images are shared by content between jackin homes and carry no home: an image any
    home's role container (running or stopped) was made from stays.
    """
    report = PruneReport("Images")
    used = set()
    for container in docker.list_containers(_ROLE_LABELS):
        image = container.labels.get("jackin.image")
        if image:
            used.add(image if ":" in image.rsplit("/", 1)[-1] else f"{image}:latest")
    images = [tag for tag in docker.image_tags() if tag.startswith("jk_")]
    if not images:
        report.summary = "no jackin-managed images found"
        return report
    removed = skipped = 0
    for tag in images:
        if tag in used:
            report.actions.append(
                PruneAction("Removing", tag, "SKIP", "still used by a role container")
            )
            skipped += 1
            continue
        try:
            result = docker.remove_image(tag)
        except JackinError as exc:
            report.actions.append(PruneAction("Removing", tag, "FAILED", str(exc)))
            continue
        if result is RemoveImageResult.REMOVED:
            report.actions.append(PruneAction("Removing", tag, "OK"))
            removed += 1
        else:
            reason = "still in use" if result is RemoveImageResult.IN_USE else "already gone"
            report.actions.append(PruneAction("Removing", tag, "SKIP", reason))
            skipped += 1
    report.summary = (
        f"removed {removed} image(s), skipped {skipped}"
        if removed
        else f"no images removed ({skipped} skipped)"
    )
    return report


def prune_dir(title: str, path: Path) -> PruneReport:
    """Delete a cache folder (missing is fine)."""
    report = PruneReport(title)
    try:
        shutil.rmtree(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        report.actions.append(PruneAction("Deleting", str(path), "FAILED", str(exc)))
        report.summary = "FAILED"
        return report
    report.actions.append(PruneAction("Deleting", str(path), "OK"))
    report.summary = "OK"
    return report
