from __future__ import annotations

import importlib

from jackin_sdk import mounts
from jackin_sdk.errors import JackinError

PRIVATE = ["_errors", "_global", "_isolation", "_mount", "_paths", "_redundancy",
           "_sensitive", "_spec", "_types", "_validate"]  # fmt: skip


def test_public_names_resolve() -> None:
    assert sorted(mounts.__all__) == sorted(set(mounts.__all__))
    for name in mounts.__all__:
        assert getattr(mounts, name) is not None


def test_every_private_module_declares_all() -> None:
    for module in PRIVATE:
        loaded = importlib.import_module(f"jackin_sdk.mounts.{module}")
        assert loaded.__all__
        for name in loaded.__all__:
            assert hasattr(loaded, name)


def test_mount_error_is_a_jackin_error() -> None:
    assert issubclass(mounts.MountError, JackinError)
    assert mounts.MountError("x").exit_code == 1
