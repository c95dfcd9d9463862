from __future__ import annotations

from pathlib import Path

import pytest

import jackin_sdk
from jackin_sdk.errors import (
    Cancelled,
    CodedError,
    DockerUnavailable,
    ErrorCode,
    JackinError,
    Location,
    UsageError,
)


def test_catalogue_codes_are_numbered_in_order() -> None:
    names = [code.name for code in ErrorCode]
    assert names == [f"E{n:03d}" for n in range(1, len(names) + 1)]
    assert len(names) >= 18
    assert all(code.headline and code.hint for code in ErrorCode)


def test_catalogue_hints_name_only_real_commands() -> None:
    assert "config trust grant" in ErrorCode.E006.hint
    assert "trust add" not in ErrorCode.E006.hint
    assert "prune isolation" not in ErrorCode.E015.hint


def test_exit_codes_by_family() -> None:
    assert JackinError("x").exit_code == 1
    assert CodedError(ErrorCode.E007).exit_code == 1
    assert UsageError("bad flag").exit_code == 2
    assert Cancelled().exit_code == 0


def test_coded_error_carries_location_and_detail() -> None:
    where = Location(file=Path("/cfg/config.toml"), line=3, column=7, field="docker.mounts")
    err = CodedError(ErrorCode.E008, detail="Config declares version v9.", location=where)
    assert err.hint == ErrorCode.E008.hint
    assert str(where) == "/cfg/config.toml:3:7, field `docker.mounts`"
    assert str(err) == (
        "[E008] Workspace config version is not supported "
        "(/cfg/config.toml:3:7, field `docker.mounts`): Config declares version v9."
    )


def test_plain_error_with_location_prefixes_it() -> None:
    err = JackinError("unknown key", location=Location(file=Path("a.toml"), field="x.y"))
    assert str(err) == "a.toml, field `x.y`: unknown key"


def test_docker_unavailable_is_e001_and_names_the_endpoint() -> None:
    err = DockerUnavailable("unix:///var/run/docker.sock", "connection refused")
    assert err.code is ErrorCode.E001
    assert err.detail is not None
    assert "unix:///var/run/docker.sock" in err.detail
    assert "jackin doctor" in err.detail


def test_root_package_exports_resolve_lazily() -> None:
    for name in jackin_sdk.__all__:
        assert getattr(jackin_sdk, name) is not None
    with pytest.raises(AttributeError):
        _ = jackin_sdk.NoSuchThing
