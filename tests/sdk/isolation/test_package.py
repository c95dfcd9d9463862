from __future__ import annotations

import importlib
import subprocess
import sys

from jackin_sdk import isolation
from jackin_sdk.errors import CodedError, ErrorCode, JackinError

PRIVATE = ["_assess", "_cleanup", "_errors", "_finalize", "_git", "_layout", "_materialize",
           "_origin", "_preflight", "_records"]  # fmt: skip


def test_public_names_resolve() -> None:
    assert sorted(isolation.__all__) == sorted(set(isolation.__all__))
    for name in isolation.__all__:
        assert getattr(isolation, name) is not None


def test_every_private_module_declares_all() -> None:
    for module in PRIVATE:
        loaded = importlib.import_module(f"jackin_sdk.isolation.{module}")
        assert loaded.__all__
        for name in loaded.__all__:
            assert hasattr(loaded, name)


def test_errors_fit_the_tree() -> None:
    assert issubclass(isolation.IsolationError, JackinError)
    assert issubclass(isolation.AtRiskWork, isolation.IsolationError)
    for drift in (isolation.SourceDrift, isolation.ModeDrift):
        assert issubclass(drift, isolation.MaterializeConflict)
        assert issubclass(drift, CodedError)
    conflict = isolation.MaterializeConflict("x", mount_dst="/w")
    assert conflict.code is ErrorCode.E015


def test_import_keeps_gitpython_off_start_up() -> None:
    code = "import sys, jackin_sdk.isolation; sys.exit('git' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
