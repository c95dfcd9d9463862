"""Session registrations: one `<run>/sessions/<pid>.json` file per live session.

A file is `{"id": n, "agent": "claude" | null, "pid": pid, "started": ISO 8601,
"headless": bool}` (dir 0700, files 0600, written atomically). Ids come from the counter
file `<run>/sessions/.last-id`, bumped under an exclusive `flock`; a registration is
written while that lock is held, so whoever reads the counter under the lock knows
every session up to that id has registered. A file whose pid is gone (or a zombie) is
stale: it is not listed and is removed when seen.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from jackin_capsule._interim._procs import pid_alive

__all__ = ["Registry", "Session"]

_SESSIONS_DIR = "sessions"
_COUNTER = ".last-id"


@dataclass(frozen=True, slots=True)
class Session:
    """One registered session."""

    id: int
    agent: str | None
    pid: int
    started: str
    headless: bool

    @property
    def label(self) -> str:
        """The agent slug, or `shell`."""
        return self.agent or "shell"

    def to_json(self) -> dict[str, object]:
        """The registration file's content (and `status --format json`'s items)."""
        return {
            "id": self.id,
            "agent": self.agent,
            "pid": self.pid,
            "started": self.started,
            "headless": self.headless,
        }

    @staticmethod
    def from_json(data: object) -> Session | None:
        """A session from a registration file's JSON, or None when it is malformed."""
        if not isinstance(data, dict):
            return None
        sid, agent, pid = data.get("id"), data.get("agent"), data.get("pid")
        started, headless = data.get("started"), data.get("headless")
        if (
            type(sid) is not int
            or type(pid) is not int
            or not (agent is None or isinstance(agent, str))
            or not isinstance(started, str)
            or not isinstance(headless, bool)
        ):
            return None
        return Session(id=sid, agent=agent, pid=pid, started=started, headless=headless)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Registry:
    """The registrations under `<run>/sessions/`."""

    def __init__(self, run: Path) -> None:
        self.directory = run / _SESSIONS_DIR

    def _path(self, pid: int) -> Path:
        return self.directory / f"{pid}.json"

    @contextlib.contextmanager
    def _counter(self, *, exclusive: bool) -> Iterator[int | None]:
        """The counter file's fd under `flock` (None: nothing registered yet, reading)."""
        if exclusive:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            if self.directory.stat().st_mode & 0o777 != 0o700:
                self.directory.chmod(0o700)
            fd = os.open(self.directory / _COUNTER, os.O_RDWR | os.O_CREAT, 0o600)
        else:
            try:
                fd = os.open(self.directory / _COUNTER, os.O_RDONLY)
            except FileNotFoundError:
                yield None
                return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            yield fd
        finally:
            os.close(fd)  # releases the lock

    @staticmethod
    def _read_counter(fd: int) -> int:
        text = os.pread(fd, 32, 0).strip()
        return int(text) if text.isdigit() else 0

    def _bump(self, fd: int) -> int:
        value = self._read_counter(fd) + 1
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{value}\n".encode(), 0)
        return value

    def allocate_id(self) -> int:
        """A fresh session id, for a session registered later with `register(session_id=)`."""
        with self._counter(exclusive=True) as fd:
            assert fd is not None
            return self._bump(fd)

    def last_id(self) -> int:
        """The last id handed out (0 when none was); every session up to it has registered."""
        with self._counter(exclusive=False) as fd:
            return 0 if fd is None else self._read_counter(fd)

    def register(
        self, *, pid: int, agent: str | None, headless: bool, session_id: int | None = None
    ) -> Session:
        """Write `<pid>.json` (atomically, 0600) with a fresh id unless one is given."""
        with self._counter(exclusive=True) as fd:
            assert fd is not None
            sid = self._bump(fd) if session_id is None else session_id
            session = Session(id=sid, agent=agent, pid=pid, started=_now(), headless=headless)
            temporary = self.directory / f".{pid}.json.tmp"
            out = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(out, "w", encoding="utf-8") as stream:
                json.dump(session.to_json(), stream)
                stream.write("\n")
            temporary.replace(self._path(pid))
        return session

    def deregister(self, pid: int) -> None:
        """Remove `<pid>.json` (no error when it is already gone)."""
        with contextlib.suppress(OSError):
            self._path(pid).unlink(missing_ok=True)

    def _entries(self) -> Iterator[tuple[Path, Session]]:
        try:
            paths = sorted(self.directory.glob("*.json"))
        except OSError:
            return
        for path in paths:
            if not path.stem.isdigit():
                continue
            try:
                session = Session.from_json(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError):
                continue
            if session is not None:
                yield path, session

    def sessions(self) -> list[Session]:
        """The live sessions by id; stale registrations are removed."""
        live: list[Session] = []
        for path, session in self._entries():
            if pid_alive(session.pid):
                live.append(session)
            else:
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)
        return sorted(live, key=lambda session: session.id)

    def forget_started_before(self, moment: float) -> None:
        """Remove registrations started before `moment` (epoch seconds).

        Used at init start with the container's own start time: files left by an earlier
        run of the container (killed before it could clean up) may name pids that a new
        process now has.
        """
        for path, session in self._entries():
            try:
                started = datetime.fromisoformat(session.started).timestamp()
            except ValueError:
                continue
            if started < moment:
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)
