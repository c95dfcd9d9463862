"""A manifest that is not small UTF-8 TOML in a regular file: a finding with its line from
`validate` (and `load`'s E004), a coded E004 from `migrate`; never a traceback or hang."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from jackin_sdk.config import load_operator_config
from jackin_sdk.errors import CodedError, ErrorCode
from jackin_sdk.launch import resolve_role
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import MANIFEST_FILE, RoleSelector, migrate_role, validate_role

DOCKERFILE = "FROM projectjackin/construct:0.35-trixie\n"
OLD = 'version = "v1alpha5"\ndockerfile = "Dockerfile"\n'


def _repo(tmp_path: Path, make: Callable[[Path], object]) -> Path:
    root = tmp_path / "role"
    root.mkdir()
    (root / "Dockerfile").write_text(DOCKERFILE)
    make(root / MANIFEST_FILE)
    return root


BAD = {
    "invalid UTF-8": (
        lambda p: p.write_bytes(OLD.encode() + b'[claude]\nmodel = "caf\xe9"\n'),
        "is not valid UTF-8 (byte 0xe9 at line 4, column 13)",
        4,
    ),
    "key twice": (
        lambda p: p.write_text(OLD + '[claude]\nmodel = "a"\nmodel = "b"\n'),
        'malformed TOML: Key "model" already exists',
        5,
    ),
    "fifo": (os.mkfifo, "is a named pipe (FIFO), not a regular file", None),
    "dev zero": (
        lambda p: p.symlink_to("/dev/zero"),
        "is a character device, not a regular file",
        None,
    ),
    "too large": (
        lambda p: p.write_bytes(OLD.encode() + b"#" * (1024 * 1024)),
        "is larger than 1024 KiB",
        None,
    ),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_validate_reports_the_file_and_line(tmp_path: Path, case: str) -> None:
    make, message, line = BAD[case]
    root = _repo(tmp_path, make)
    report = validate_role(root, offline=True)
    assert not report.valid
    first = report.errors[0]
    assert message in first.message
    assert (first.file, first.line) == (root.resolve() / MANIFEST_FILE, line)


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_migrate_is_a_coded_e004_and_changes_nothing(tmp_path: Path, case: str) -> None:
    make, message, line = BAD[case]
    root = _repo(tmp_path, make)
    manifest = root / MANIFEST_FILE
    before = manifest.readlink() if manifest.is_symlink() else None
    with pytest.raises(CodedError) as caught:
        migrate_role(root)
    assert caught.value.code is ErrorCode.E004
    assert message in str(caught.value)
    assert caught.value.location is not None
    assert caught.value.location.file == root.resolve() / MANIFEST_FILE
    assert caught.value.location.line == line
    if before is not None:
        assert manifest.readlink() == before


def test_load_refuses_the_role_with_e004_naming_file_and_line(
    tmp_path: Path, jackin_paths: JackinPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`jackin load`'s role stage: clone, validate, then E004 with the finding's line."""
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    repo = _repo(tmp_path, BAD["invalid UTF-8"][0])
    (repo / MANIFEST_FILE).write_bytes(
        b'version = "v1alpha6"\ndockerfile = "Dockerfile"\n[claude]\nmodel = "caf\xe9"\n'
    )
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "role"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
            cwd=repo, check=True, capture_output=True, timeout=60,
        )  # fmt: skip
    jackin_paths.config_dir.mkdir(parents=True)
    jackin_paths.config_file.write_text(
        f'version = "v1alpha10"\n[roles.bad]\ngit = "{repo.as_uri()}"\ntrusted = true\n'
    )
    config = load_operator_config(jackin_paths)
    with pytest.raises(CodedError) as caught:
        resolve_role(
            config, RoleSelector.parse("bad"), branch=None, confirm=None, force_refresh=False
        )
    assert caught.value.code is ErrorCode.E004
    assert f"{MANIFEST_FILE}:4: is not valid UTF-8 (byte 0xe9 at line 4, column 13)" in str(
        caught.value.detail
    )
