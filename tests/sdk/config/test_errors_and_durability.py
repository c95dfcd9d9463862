"""Bad files produce precise errors; concurrent edits and crashes lose nothing."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jackin_sdk.auth import Agent, AuthForwardMode
from jackin_sdk.config import (
    AgentAuthConfig,
    ConfigError,
    MountConfig,
    WorkspaceConfig,
    load_operator_config,
    model_to_document,
)
from jackin_sdk.env import ExtendedValue, OpRef
from jackin_sdk.mounts import Isolation
from jackin_sdk.paths import JackinPaths
from jackin_sdk.tables import validate_table


def _write_config(paths: JackinPaths, text: str) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text(text)


def test_malformed_toml_names_file_line_and_column(jackin_paths: JackinPaths) -> None:
    _write_config(jackin_paths, 'version = "v1alpha9"\n[env\nX = 1\n')
    with pytest.raises(ConfigError) as caught:
        load_operator_config(jackin_paths)
    location = caught.value.location
    assert location is not None
    assert (location.file, location.line) == (jackin_paths.config_file, 2)
    assert "malformed TOML" in str(caught.value)


def test_unknown_key_in_strict_table_names_the_field_and_line(jackin_paths: JackinPaths) -> None:
    _write_config(
        jackin_paths,
        'version = "v1alpha9"\n\n[claude]\nauth_forward = "sync"\nauth_fowrard = "ignore"\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_operator_config(jackin_paths)
    message = str(caught.value)
    assert "line 5, `claude.auth_fowrard`: unknown key" in message
    assert str(jackin_paths.config_file) in message


def test_wrong_type_names_the_dotted_path(jackin_paths: JackinPaths) -> None:
    _write_config(
        jackin_paths,
        'version = "v1alpha9"\nrole_repo_refresh_ttl_seconds = "soon"\n\n'
        '[docker.grants]\ncpus = "many"\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_operator_config(jackin_paths)
    message = str(caught.value)
    assert "line 2, `role_repo_refresh_ttl_seconds`" in message
    assert "line 5, `docker.grants.cpus`" in message


def test_bad_auth_mode_values(jackin_paths: JackinPaths) -> None:
    _write_config(jackin_paths, 'version = "v1alpha9"\n[codex]\nauth_forward = "oauth_token"\n')
    with pytest.raises(ConfigError, match="auth_forward 'oauth_token' is not supported for codex"):
        load_operator_config(jackin_paths)
    _write_config(jackin_paths, 'version = "v1alpha9"\n[codex]\nauth_forward = "magic"\n')
    with pytest.raises(ConfigError, match=r"`codex\.auth_forward`"):
        load_operator_config(jackin_paths)


def test_reserved_env_names_are_all_listed(jackin_paths: JackinPaths) -> None:
    _write_config(
        jackin_paths,
        'version = "v1alpha9"\n[env]\nDOCKER_HOST = "x"\n'
        '[roles.r]\ngit = "https://e/r.git"\n[roles.r.env]\nJACKIN_ROLE = "y"\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_operator_config(jackin_paths)
    message = str(caught.value)
    assert '"DOCKER_HOST" is reserved by the jackin runtime; declared in global [env]' in message
    assert '"JACKIN_ROLE" is reserved' in message


def test_workspace_errors_name_the_workspace_file(jackin_paths: JackinPaths) -> None:
    load_operator_config(jackin_paths)
    jackin_paths.workspaces_dir.mkdir()
    bad = jackin_paths.workspace_file("w")
    bad.write_text('version = "v1alpha8"\nworkdir = "/w"\n')
    with pytest.raises(ConfigError) as caught:
        load_operator_config(jackin_paths)
    assert 'workspace "w" must define at least one mount' in str(caught.value)
    assert caught.value.location is not None
    assert caught.value.location.file == bad


_EDIT_SCRIPT = """
import sys
from pathlib import Path
from jackin_sdk.config import ConfigEditor, EnvScope, set_env
from jackin_sdk.paths import JackinPaths
paths = JackinPaths(config_dir=Path(sys.argv[1]), home_dir=Path(sys.argv[2]))
for n in range(int(sys.argv[4])):
    with ConfigEditor(paths, lock_timeout=30) as editor:
        set_env(editor, f"{sys.argv[3]}_{n}", str(n), EnvScope())
        editor.commit()
"""


def test_concurrent_editors_both_land(jackin_paths: JackinPaths) -> None:
    load_operator_config(jackin_paths)
    args = [str(jackin_paths.config_dir), str(jackin_paths.home_dir)]
    procs = [
        subprocess.Popen([sys.executable, "-c", _EDIT_SCRIPT, *args, prefix, "8"])
        for prefix in ("A", "B")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    env = tomllib.loads(jackin_paths.config_file.read_text())["env"]
    assert set(env) == {f"{p}_{n}" for p in "AB" for n in range(8)}


_CRASH_SCRIPT = """
import os, signal, sys
from pathlib import Path
from jackin_sdk.config import ConfigEditor, EnvScope, set_env
from jackin_sdk.paths import JackinPaths
paths = JackinPaths(config_dir=Path(sys.argv[1]), home_dir=Path(sys.argv[2]))
def die(self, target):
    os.kill(os.getpid(), signal.SIGKILL)
Path.replace = die  # the temp file is written and fsynced; the rename never happens
with ConfigEditor(paths) as editor:
    set_env(editor, "NEW", "value", EnvScope())
    editor.commit()
"""


def test_crash_between_write_and_rename_keeps_the_old_file(jackin_paths: JackinPaths) -> None:
    load_operator_config(jackin_paths)
    before = jackin_paths.config_file.read_bytes()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _CRASH_SCRIPT,
            str(jackin_paths.config_dir),
            str(jackin_paths.home_dir),
        ],
        check=False,
    )
    assert result.returncode == -9
    assert jackin_paths.config_file.read_bytes() == before
    assert "NEW" not in load_operator_config(jackin_paths).app.env


env_values = st.dictionaries(
    st.from_regex(r"[A-Z][A-Z0-9_]{0,8}", fullmatch=True).filter(
        lambda k: k not in {"JACKIN", "DOCKER_HOST"}
    ),
    st.one_of(
        st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
        st.builds(ExtendedValue, value=st.text(max_size=8), on_demand=st.just(True)),
        st.builds(
            OpRef,
            op=st.from_regex(r"op://[a-z]{1,4}/[a-z]{1,4}/[a-z]{1,4}", fullmatch=True),
            path=st.just("V/I/F"),
            account=st.one_of(st.none(), st.just("ACME")),
        ),
    ),
    max_size=4,
)
workspaces = st.builds(
    WorkspaceConfig,
    workdir=st.just("/work"),
    mounts=st.lists(
        st.builds(
            MountConfig,
            src=st.from_regex(r"/src/[a-z]{1,6}", fullmatch=True),
            dst=st.from_regex(r"/work/[a-z]{1,6}", fullmatch=True),
            readonly=st.booleans(),
            isolation=st.sampled_from(list(Isolation)),
        ),
        min_size=1,
        max_size=3,
    ),
    allowed_roles=st.lists(st.sampled_from(["a", "b", "ns/c"]), unique=True),
    default_agent=st.one_of(st.none(), st.sampled_from(list(Agent))),
    git_pull_on_entry=st.booleans(),
    env=env_values,
    claude=st.one_of(
        st.none(),
        st.builds(AgentAuthConfig, auth_forward=st.sampled_from(list(AuthForwardMode))),
    ),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(workspaces)
def test_save_load_round_trip(workspace: WorkspaceConfig) -> None:
    text = model_to_document(workspace, version="v1alpha8").as_string()
    reloaded = validate_table(WorkspaceConfig, tomllib.loads(text))
    unversioned = {"version": None}
    assert reloaded.model_copy(update=unversioned) == workspace.model_copy(update=unversioned)
    assert model_to_document(reloaded, version="v1alpha8").as_string() == text


def test_written_files_are_private(jackin_paths: JackinPaths) -> None:
    load_operator_config(jackin_paths)
    assert Path(jackin_paths.config_file).stat().st_mode & 0o077 == 0


def test_extended_value_without_on_demand_collapses_to_a_string() -> None:
    workspace = WorkspaceConfig(
        workdir="/w",
        mounts=[MountConfig(src="/s", dst="/w")],
        env={"A": ExtendedValue(value="$HOST_A")},
    )
    text = model_to_document(workspace, version="v1alpha8").as_string()
    assert 'A = "$HOST_A"' in text
