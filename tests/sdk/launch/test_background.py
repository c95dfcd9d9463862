"""`Background`: the pipeline's one call next to its own work."""

from __future__ import annotations

import threading
import time

import pytest

from jackin_sdk.launch._background import Background


def test_result_is_the_calls_value() -> None:
    with Background(lambda: 41 + 1) as job:
        assert job.result() == 42


def test_result_reraises_what_the_call_raised() -> None:
    def fail() -> int:
        raise ValueError("boom")

    with Background(fail) as job, pytest.raises(ValueError, match="boom"):
        job.result()


def test_the_call_runs_on_another_thread_while_the_block_works() -> None:
    started = threading.Event()
    release = threading.Event()

    def call() -> str:
        started.set()
        release.wait(5)
        return threading.current_thread().name

    with Background(call, name="side") as job:
        assert started.wait(5)  # running before result() is asked for
        release.set()
        assert job.result() == "side"


def test_the_block_ending_in_an_error_still_waits_for_the_call() -> None:
    finished: list[bool] = []

    def slow() -> None:
        time.sleep(0.2)
        finished.append(True)

    with pytest.raises(RuntimeError), Background(slow):
        raise RuntimeError("stage failed")
    assert finished == [True]
