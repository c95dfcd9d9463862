"""`Background`: one call on its own thread, joined when the block ends.

`concurrent.futures` would do, but it imports `logging` and costs about 10 ms of every
launch for the single task the pipeline runs next to its own work.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import TracebackType
from typing import Generic, TypeVar

__all__ = ["Background"]

T = TypeVar("T")


class Background(Generic[T]):
    """Run `call` on a thread; `result()` waits for it and re-raises what it raised.

    As a context manager the thread is always joined when the block ends, even when the
    block raises, so whatever the call created is known before any cleanup runs.
    """

    def __init__(self, call: Callable[[], T], *, name: str = "jackin-background") -> None:
        self._call = call
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._call()
        except BaseException as exc:
            self._error = exc

    def result(self) -> T:
        """The call's return value, once it has finished; its exception if it raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]

    def __enter__(self) -> Background[T]:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._thread.join()
