"""Any bytes in config.toml, a workspace file or jackin.role.toml either load or give the
documented error (ConfigError naming the file for operator config; findings or E004 for a manifest),
never another exception. A failed writing load leaves every file as it was."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jackin_sdk.config import ConfigError, load_operator_config
from jackin_sdk.errors import CodedError, ErrorCode, JackinError
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import MANIFEST_FILE, ValidationReport, load_manifest, migrate_role
from tests.sdk.fuzz.strategies import file_bytes

#: `JACKIN_FUZZ_EXAMPLES=5000` searches harder locally; CI keeps the default.
FUZZ = settings(
    max_examples=int(os.environ.get("JACKIN_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@contextmanager
def _paths() -> Iterator[JackinPaths]:
    with tempfile.TemporaryDirectory(prefix="jackin-fuzz-") as tmp:
        root = Path(tmp)
        yield JackinPaths(config_dir=root / "config", home_dir=root / "home")


def _tree(paths: JackinPaths) -> dict[str, bytes]:
    return {
        str(p.relative_to(paths.config_dir)): p.read_bytes()
        for p in sorted(paths.config_dir.rglob("*"))
        if p.is_file() and p.name != "config.lock"
    }


def _raised(call: Callable[[], object]) -> JackinError | None:
    """The JackinError `call` raised, or None; any other exception fails the test."""
    try:
        call()
    except JackinError as exc:
        return exc
    return None


@FUZZ
@given(data=file_bytes, write=st.booleans())
def test_config_toml_loads_or_is_a_config_error(data: bytes, write: bool) -> None:
    with _paths() as paths:
        paths.config_dir.mkdir(parents=True)
        paths.config_file.write_bytes(data)
        before = _tree(paths)
        error = _raised(lambda: load_operator_config(paths, write=write))
        if error is not None:
            # ConfigError, or a workspace name rule's MountError / E017: all name the file.
            assert str(paths.config_file) in str(error)
        if error is not None or not write:
            assert _tree(paths) == before  # a failed (or read-only) load writes nothing


@FUZZ
@given(data=file_bytes, write=st.booleans())
def test_workspace_file_loads_or_is_a_config_error(data: bytes, write: bool) -> None:
    with _paths() as paths:
        paths.workspaces_dir.mkdir(parents=True)
        paths.config_file.write_text('version = "v1alpha10"\n')
        paths.workspace_file("fuzz").write_bytes(data)
        before = _tree(paths)
        error = _raised(lambda: load_operator_config(paths, write=write))
        if error is not None:
            assert isinstance(error, ConfigError), error
            assert error.location is not None
            assert error.location.file == paths.workspace_file("fuzz")
            assert _tree(paths) == before


@FUZZ
@given(data=file_bytes)
def test_role_manifest_loads_or_reports_findings(data: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="jackin-fuzz-role-") as tmp:
        root = Path(tmp)
        (root / MANIFEST_FILE).write_bytes(data)
        report = ValidationReport(root=root)
        manifest, _ = load_manifest(root, report)
        assert (manifest is None) == (not report.valid)
        for finding in report.errors:
            assert finding.file == root / MANIFEST_FILE


@FUZZ
@given(data=file_bytes)
def test_role_migrate_migrates_or_raises_a_jackin_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="jackin-fuzz-role-") as tmp:
        root = Path(tmp)
        (root / MANIFEST_FILE).write_bytes(data)
        error = _raised(lambda: migrate_role(root))
        if error is None:
            return
        assert (root / MANIFEST_FILE).read_bytes() == data
        if isinstance(error, CodedError):  # unreadable or malformed
            assert error.code is ErrorCode.E004
            assert error.location is not None
            assert error.location.file == root / MANIFEST_FILE
        else:  # a `version` this jackin cannot migrate
            assert "version" in str(error) or "migration" in str(error), error
