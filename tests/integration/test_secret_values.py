"""Secrets by value, not only by name, on the real engine (jackin issue 17, item 4).

Token-shaped operator values under innocent names are launched with `load --detach`;
none may show in `docker inspect`, `docker logs`, the host's process list during the
launch or the `--debug` output, and none is in the container's configured environment
(`docker exec printenv` does not see it), while the agent's session gets every one.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk.docker import DockerApi
from tests.conftest import TEST_CONSTRUCT_IMAGE, require_image
from tests.integration.launch_support import Home, docker, git, jackin_sampling_ps, make_home

pytestmark = pytest.mark.docker

VALUES = {
    "GITHUB_PAT": "ghp_" + "Q8x2Lr7Vn4Kd9Wm3Ts6Yb1Hc5Jf0Pa2Ze7Ug",
    "DATABASE_URL": "postgres://u:pw-3kq9x2f7@h/db",
    "FOO": "sk-ant-api03-" + "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm-AA",
    "NODE_ENV": "development-7f3k",
}
HOST_PAT = "ghp_" + "H0st5ide7oken9Valu3Xy2Wv4Ut6Sr8Qp1On3M"
EXPECTED = {**VALUES, "FROM_HOST": HOST_PAT}


@pytest.fixture
def home(engine: DockerApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Home]:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    made = make_home(tmp_path)
    manifest = made.root / "role" / "jackin.role.toml"
    manifest.write_text(manifest.read_text() + '\n[env.ROLE_SETTING]\ndefault = "from-the-role"\n')
    git(made.root / "role", "commit", "-q", "-am", "a published default")
    made.commit = git(made.root / "role", "rev-parse", "HEAD")
    made.configure(env={**VALUES, "FROM_HOST": "$PAT"}, modes={"claude": "ignore"})
    monkeypatch.setenv("PAT", HOST_PAT)  # the host variable `$PAT` reads
    try:
        yield made
    finally:
        made.cleanup()


def _load_sampling_ps(home: Home) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    return jackin_sampling_ps(home, "--debug", "load", "stand-in", "--detach")


def test_token_shaped_values_under_innocent_names_stay_out_of_docker_inspect(home: Home) -> None:
    dry = home.jackin("load", "stand-in", "--dry-run", "--format", "json").stdout
    assert json.loads(dry)["data"]["secret_env"] == sorted(EXPECTED)
    assert not any(value in dry for value in EXPECTED.values())

    run, samples = _load_sampling_ps(home)
    c = run.stdout.strip().splitlines()[-1]
    assert "operator env:" in run.stderr, "the --debug output was captured"

    inspected = docker("inspect", c, check=True).stdout
    logs = docker("logs", c)
    for value in EXPECTED.values():
        assert value not in run.stdout + run.stderr, "a value in the --debug output"
        assert not any(value in sample for sample in samples), "a value on a command line"
        assert value not in inspected, "a value in docker inspect"
        assert value not in logs.stdout + logs.stderr
    config_env = json.loads(inspected)[0]["Config"]["Env"]
    assert "ROLE_SETTING=from-the-role" in config_env, "the role's published default"

    # Not in the configured environment: a bare `docker exec` does not see them.
    for key in EXPECTED:
        bare = docker("exec", c, "printenv", key)
        assert (bare.returncode, bare.stdout) == (1, "")

    # Every session (agent or shell) goes through the entrypoint, which exports them.
    [record] = home.wait_records(c, 1)
    for key, value in EXPECTED.items():
        assert f"env: {key}={value}" in record
    for key, value in EXPECTED.items():
        session = docker("exec", c, "/jackin/runtime/entrypoint.sh", "printenv", key)
        assert session.returncode == 0, session.stderr
        assert session.stdout.splitlines()[-1] == value  # after the role's preflight line
