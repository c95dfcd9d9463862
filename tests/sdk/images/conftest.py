"""A copy of the stand-in fixture role per test, and a FakeDocker holding the construct."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from jackin_sdk.images import RoleImageRequest
from jackin_sdk.roles import RoleManifest, RoleSelector
from jackin_sdk.tables import validate_table
from jackin_sdk.testing import FakeDocker

FIXTURE = Path(__file__).parents[2] / "fixtures" / "roles" / "stand-in"
CONSTRUCT = "projectjackin/construct:0.35-trixie"
COMMIT = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture
def role_dir(tmp_path: Path) -> Path:
    target = tmp_path / "role"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture
def fake() -> FakeDocker:
    docker = FakeDocker()
    docker.add_image(CONSTRUCT, labels={"jackin.construct.version": "0.35-trixie"})
    docker.add_image("projectjackin/construct:trixie")
    return docker


def manifest_of(role_dir: Path) -> RoleManifest:
    return validate_table(RoleManifest, tomllib.loads((role_dir / "jackin.role.toml").read_text()))


def request_for(role_dir: Path, **changes: object) -> RoleImageRequest:
    values: dict[str, object] = {
        "selector": RoleSelector.parse("stand-in"),
        "role_dir": role_dir,
        "manifest": manifest_of(role_dir),
        "commit": COMMIT,
        "host_uid": 1000,
        "env": {},
    }
    values.update(changes)
    return RoleImageRequest(**values)  # type: ignore[arg-type]
