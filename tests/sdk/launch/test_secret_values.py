"""Operator env values travel in the secrets file, whatever their names (jackin issue 17, 4).

Token-shaped values under innocent names must not reach the role container's spec (env,
labels, command), the image builds, any engine call FakeDocker records, or the debug log.
Only the role's own published `[env]` defaults stay in the container's env.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from jackin_sdk.debug import disable_debug, enable_debug
from jackin_sdk.launch import LaunchOptions, launch, resolve_target
from jackin_sdk.testing import FakeContainer
from tests.sdk.launch.conftest import World, git, write_config

PAT = "ghp_" + "Q8x2Lr7Vn4Kd9Wm3Ts6Yb1Hc5Jf0Pa2Ze7Ug"
DB_URL = "postgres://app:Pw-7f3kq9x2@db.internal/app"
SHORT_URL = "postgres://u:pw@h/db"
ANTHROPIC_SHAPED = "sk-ant-api03-" + "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm-AA"
HOST_PAT = "ghp_" + "H0st5ide7oken9Valu3Xy2Wv4Ut6Sr8Qp1On3M"
SECRET_VALUES = (PAT, DB_URL, SHORT_URL, ANTHROPIC_SHAPED, HOST_PAT, "Pw-7f3kq9x2")

OPERATOR_ENV = f"""\
GITHUB_PAT = "{PAT}"
DATABASE_URL = "{DB_URL}"
SHORT_DATABASE_URL = "{SHORT_URL}"
FOO = "{ANTHROPIC_SHAPED}"
FROM_HOST = "$PAT"
NODE_ENV = "development"
ROLE_KNOB = "operator-choice"
"""

ROLE_ENV = """
[env.ROLE_SETTING]
default = "from-the-role"

[env.ROLE_KNOB]
default = "role-choice"

[env.ROLE_API_TOKEN]
default = "role-published-token"

[env.ROLE_SHAPED]
default = "xoxb-1234567890-abcdefghij"
"""


def _role_with_env(world: World) -> None:
    manifest = world.role_repo / "jackin.role.toml"
    manifest.write_text(manifest.read_text() + ROLE_ENV)
    git(world.role_repo, "commit", "-q", "-am", "declare env")


def _role_container(world: World, name: str) -> FakeContainer:
    return next(x for x in world.docker.containers.values() if x.name == name)


def _launch_with_debug(world: World) -> tuple[str, Path, str]:
    target = resolve_target(world.config(), selector="stand-in", cwd=world.project)
    stream = io.StringIO()
    handler = enable_debug(stream)
    try:
        context = world.context(
            host_env={"GIT_AUTHOR_NAME": "Op", "GIT_AUTHOR_EMAIL": "op@x.invalid", "PAT": HOST_PAT}
        )
        result = launch(target, LaunchOptions(detach=True), context)
    finally:
        disable_debug(handler)
    return result.container, result.state_dir, stream.getvalue()


def test_token_shaped_values_under_innocent_names_never_reach_the_container_config(
    world: World,
) -> None:
    _role_with_env(world)
    write_config(world.paths, world.role_repo, env=OPERATOR_ENV)
    c, state_dir, log = _launch_with_debug(world)

    spec = _role_container(world, c).spec
    assert spec is not None
    recorded = [
        repr(spec),
        json.dumps(dict(spec.env)),
        json.dumps(dict(spec.labels)),
        " ".join(spec.command),
        " ".join(spec.entrypoint or ()),
        *(repr(build) for build in world.docker.builder.builds),
        *(repr(run) for run in world.docker.runs),
        *(repr(e) for e in world.docker.execs),
        log,
    ]
    for secret in SECRET_VALUES:
        for text in recorded:
            assert secret not in text
    assert "operator env:" in log, "the debug log was captured"

    # Every operator value travels privately, innocent ones too; the role's own
    # published default stays in the container's env unless it looks like a credential.
    operator_keys = {"GITHUB_PAT", "DATABASE_URL", "SHORT_DATABASE_URL", "FOO", "FROM_HOST",
                     "NODE_ENV", "ROLE_KNOB"}  # fmt: skip
    assert operator_keys.isdisjoint(spec.env)
    assert spec.env["ROLE_SETTING"] == "from-the-role"
    assert "ROLE_API_TOKEN" not in spec.env
    assert "ROLE_SHAPED" not in spec.env
    assert spec.env["JACKIN_CONTAINER_NAME"] == c

    secrets_file = state_dir / "secrets" / "agent.env"
    assert secrets_file.stat().st_mode & 0o777 == 0o600
    exported = dict(
        line.removeprefix("export ").split("=", 1) for line in secrets_file.read_text().splitlines()
    )
    assert exported["GITHUB_PAT"] == PAT
    assert exported["FOO"] == ANTHROPIC_SHAPED
    assert exported["FROM_HOST"] == HOST_PAT
    assert exported["NODE_ENV"] == "development"
    assert exported["ROLE_KNOB"] == "operator-choice", "the operator's value wins, privately"
    assert exported["ROLE_API_TOKEN"] == "role-published-token"
    assert "ROLE_SETTING" not in exported
