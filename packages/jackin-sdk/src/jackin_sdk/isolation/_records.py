"""`<state>/.jackin/isolation.json`: one record per isolated mount of an instance.

    {"version": 1, "records": [{workspace, mount_dst, original_src, isolation,
      worktree_path, scratch_branch, base_commit, selector_key, container_name,
      cleanup_status}]}

The file is replaced atomically. Callers hold the instance's lock, so no lock is taken
here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from jackin_sdk.fs import atomic_write_text
from jackin_sdk.isolation._errors import IsolationError
from jackin_sdk.isolation._layout import normalize_dst, records_file
from jackin_sdk.mounts import Isolation

__all__ = ["RECORDS_VERSION", "CleanupStatus", "IsolationRecord", "IsolationRecords"]

RECORDS_VERSION = 1


class CleanupStatus(StrEnum):
    """Whether an isolated checkout is in use or was kept because it holds work."""

    ACTIVE = "active"
    PRESERVED_DIRTY = "preserved_dirty"
    PRESERVED_UNPUSHED = "preserved_unpushed"


@dataclass(frozen=True, slots=True)
class IsolationRecord:
    """One materialized worktree or clone: where it came from, where it is, its state.

    `worktree_path` is the checkout for both kinds; `scratch_branch` is "" for clones;
    `base_commit` is the host repository's HEAD when the checkout was made.
    """

    workspace: str
    mount_dst: str
    original_src: str
    isolation: Isolation
    worktree_path: str
    scratch_branch: str
    base_commit: str
    selector_key: str
    container_name: str
    cleanup_status: CleanupStatus = CleanupStatus.ACTIVE

    def to_json(self) -> dict[str, str]:
        """The record as stored in `isolation.json`."""
        return {key: str(value) for key, value in asdict(self).items()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> IsolationRecord:
        """Parse one stored record; unknown keys are ignored, missing ones are an error."""
        values: dict[str, str] = {}
        for item in fields(cls):
            value = data.get(item.name)
            if not isinstance(value, str):
                raise ValueError(f"field `{item.name}` is missing or not a string")
            values[item.name] = value
        isolation = Isolation(values.pop("isolation"))
        if isolation is Isolation.SHARED:
            raise ValueError("a shared mount has no isolation record")
        status = CleanupStatus(values.pop("cleanup_status"))
        return cls(**values, isolation=isolation, cleanup_status=status)


@dataclass(slots=True)
class IsolationRecords:
    """The records of one instance, keyed by mount destination."""

    records: list[IsolationRecord] = field(default_factory=list)

    @classmethod
    def load(cls, state_dir: Path) -> IsolationRecords:
        """Read `isolation.json`; a missing file is an empty set of records."""
        path = records_file(state_dir)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            raise IsolationError(f"cannot read {path}: {exc}") from None
        if not isinstance(data, dict) or not isinstance(data.get("records"), list):
            raise IsolationError(f"cannot read {path}: expected an object with `records`")
        if data.get("version") != RECORDS_VERSION:
            raise IsolationError(
                f"{path} has version {data.get('version')!r}; this jackin reads version "
                f"{RECORDS_VERSION} (was it written by a newer jackin?)"
            )
        try:
            return cls([IsolationRecord.from_json(item) for item in data["records"]])
        except (ValueError, AttributeError) as exc:
            raise IsolationError(f"cannot read {path}: invalid record: {exc}") from None

    def save(self, state_dir: Path) -> None:
        """Replace `isolation.json` atomically with these records."""
        path = records_file(state_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        body = {"version": RECORDS_VERSION, "records": [r.to_json() for r in self.records]}
        atomic_write_text(path, json.dumps(body, indent=2) + "\n")

    def get(self, mount_dst: str) -> IsolationRecord | None:
        """The record of the mount at `mount_dst`, if any."""
        wanted = normalize_dst(mount_dst)
        return next((r for r in self.records if normalize_dst(r.mount_dst) == wanted), None)

    def upsert(self, record: IsolationRecord) -> None:
        """Add `record`, replacing the one for the same destination."""
        wanted = normalize_dst(record.mount_dst)
        for index, existing in enumerate(self.records):
            if normalize_dst(existing.mount_dst) == wanted:
                self.records[index] = record
                return
        self.records.append(record)

    def remove(self, mount_dst: str) -> None:
        """Drop the record of the mount at `mount_dst`, if any."""
        wanted = normalize_dst(mount_dst)
        self.records = [r for r in self.records if normalize_dst(r.mount_dst) != wanted]

    def __iter__(self) -> Iterator[IsolationRecord]:
        return iter(list(self.records))

    def __len__(self) -> int:
        return len(self.records)
