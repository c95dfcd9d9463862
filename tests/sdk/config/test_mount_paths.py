"""Mount paths the container cannot get are refused when the files load (E018, file+field)."""

from __future__ import annotations

import pytest

from jackin_sdk.config import load_operator_config
from jackin_sdk.errors import ErrorCode
from jackin_sdk.mounts import MountPathError
from jackin_sdk.paths import JackinPaths

WORKSPACE = """version = "v1alpha8"
workdir = "/workspace"

[[mounts]]
src = "/srv/app"
dst = "/workspace"

[[mounts]]
src = "{src}"
dst = "{dst}"
"""


def _workspace(paths: JackinPaths, *, src: str, dst: str) -> None:
    paths.workspaces_dir.mkdir(parents=True, exist_ok=True)
    text = WORKSPACE.format(src=src, dst=dst)
    paths.workspace_file("app").write_text(text)


@pytest.mark.parametrize(
    ("src", "dst", "field", "reason"),
    [
        ("/srv/a:b", "/workspace/ab", "mounts[2].src", "contains `:`"),
        ("/srv/lib", "/workspace/lib:ro", "mounts[2].dst", "contains `:`"),
        ("/srv/lib", "/jackin/state", "mounts[2].dst", "lies in /jackin"),
        ("/srv/lib", "\\u0000", "mounts[2].dst", "must be an absolute path"),
        ("/srv/lib\\u0000x", "/lib", "mounts[2].src", "NUL"),
    ],
)
def test_a_workspace_file_names_the_file_and_the_mount_field(
    jackin_paths: JackinPaths, src: str, dst: str, field: str, reason: str
) -> None:
    _workspace(jackin_paths, src=src, dst=dst)
    for write in (True, False):
        with pytest.raises(MountPathError) as caught:
            load_operator_config(jackin_paths, write=write)
        error = caught.value
        assert error.code is ErrorCode.E018
        assert error.location is not None
        assert error.location.file == jackin_paths.workspace_file("app")
        assert error.location.field == field
        assert reason in (error.detail or "")
        assert (error.detail or "").startswith("[[mounts]] table 2 of 2: ")


@pytest.mark.parametrize(
    ("table", "field"),
    [
        ('[docker.mounts.cache]\nsrc = "~/cache:x"\ndst = "/cache"\n', "docker.mounts.cache.src"),
        (
            '[docker.mounts."ns/*".cache]\nsrc = "/cache"\ndst = "/c:x"\n',
            'docker.mounts."ns/*".cache.dst',
        ),
    ],
)
def test_a_global_mount_names_config_toml_and_the_field(
    jackin_paths: JackinPaths, table: str, field: str
) -> None:
    jackin_paths.config_dir.mkdir(parents=True, exist_ok=True)
    jackin_paths.config_file.write_text(f'version = "v1alpha10"\n\n{table}')
    with pytest.raises(MountPathError) as caught:
        load_operator_config(jackin_paths, write=False)
    assert caught.value.location is not None
    assert caught.value.location.file == jackin_paths.config_file
    assert caught.value.location.field == field
    assert "contains `:`" in (caught.value.detail or "")


def test_paths_the_engine_binds_as_written_still_load(jackin_paths: JackinPaths) -> None:
    _workspace(jackin_paths, src="/srv/a,b c", dst="/workspace/a,b c")
    config = load_operator_config(jackin_paths, write=False)
    assert config.workspaces["app"].mounts[1].src == "/srv/a,b c"
