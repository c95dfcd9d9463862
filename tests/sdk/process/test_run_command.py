from __future__ import annotations

import io
import sys
from collections.abc import Iterator

import pytest

from jackin_sdk.debug import disable_debug, enable_debug, register_secret
from jackin_sdk.process import CommandError, run_command


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = enable_debug(stream)
    yield stream
    disable_debug(handler)


def test_success_returns_output_and_traces(debug_log: io.StringIO) -> None:
    result = run_command([sys.executable, "-c", "print('hi')"])
    assert result.ok
    assert result.stdout == "hi\n"
    log = debug_log.getvalue()
    assert "$ " in log
    assert "exit 0" in log
    assert "stdout: hi" in log


def test_failure_raises_with_last_stderr_line() -> None:
    with pytest.raises(CommandError, match=r"exited with 3: nope") as caught:
        run_command(
            [sys.executable, "-c", "import sys; sys.stderr.write('x\\nnope\\n'); sys.exit(3)"]
        )
    assert caught.value.result is not None
    assert caught.value.result.returncode == 3


def test_unchecked_failure_is_returned() -> None:
    result = run_command([sys.executable, "-c", "raise SystemExit(5)"], check=False)
    assert result.returncode == 5
    assert not result.ok


def test_missing_program() -> None:
    with pytest.raises(CommandError, match="not installed or not on PATH"):
        run_command(["jackin-no-such-program-xyz"])


def test_timeout_is_bounded() -> None:
    with pytest.raises(CommandError, match=r"did not finish within 0\.2 s"):
        run_command([sys.executable, "-c", "import time; time.sleep(5)"], timeout=0.2)


def test_secret_in_argv_is_refused_before_running() -> None:
    register_secret("sk-ant-never-in-argv-123")
    with pytest.raises(CommandError, match="contain a secret"):
        run_command(["echo", "--key=sk-ant-never-in-argv-123"])


def test_secret_goes_through_stdin_and_output_is_redacted(debug_log: io.StringIO) -> None:
    register_secret("stdin-secret-value-42")
    result = run_command(
        [sys.executable, "-c", "import sys; print(sys.stdin.read())"],
        input_text="stdin-secret-value-42",
    )
    assert result.stdout.strip() == "stdin-secret-value-42"
    assert "stdin-secret-value-42" not in debug_log.getvalue()
    assert "stdout: ***" in debug_log.getvalue()


def test_env_is_added_to_the_process_env() -> None:
    result = run_command(
        [sys.executable, "-c", "import os; print(os.environ['JACKIN_T'], 'PATH' in os.environ)"],
        env={"JACKIN_T": "v"},
    )
    assert result.stdout.split() == ["v", "True"]
