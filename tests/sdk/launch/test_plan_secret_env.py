"""`load --dry-run` names the operator env keys that travel as secrets, never their values."""

from __future__ import annotations

import json

from jackin_sdk.launch import LaunchPlan, resolve_target
from tests.sdk.launch.conftest import World, write_config
from tests.sdk.launch.test_secret_values import (
    ANTHROPIC_SHAPED,
    DB_URL,
    OPERATOR_ENV,
    PAT,
    SHORT_URL,
)


def test_the_dry_run_plan_names_the_secret_keys_never_the_values(world: World) -> None:
    write_config(world.paths, world.role_repo, env=OPERATOR_ENV)
    config = world.config()
    target = resolve_target(config, selector="stand-in", cwd=world.project)
    plan = LaunchPlan.for_target(target, config=config)

    assert plan.secret_env == ("DATABASE_URL", "FOO", "FROM_HOST", "GITHUB_PAT", "NODE_ENV",
                               "ROLE_KNOB", "SHORT_DATABASE_URL")  # fmt: skip
    shown = "\n".join(plan.human_lines()) + json.dumps(plan.to_data())
    assert "Secret env: DATABASE_URL, FOO, FROM_HOST, GITHUB_PAT" in shown
    assert plan.to_data()["secret_env"] == list(plan.secret_env)
    for secret in (PAT, DB_URL, SHORT_URL, ANTHROPIC_SHAPED, "$PAT", "development"):
        assert secret not in shown


def test_the_plan_lists_a_credential_key_only_when_an_auth_mode_uses_it(world: World) -> None:
    env = (
        'ANTHROPIC_API_KEY = "sk-ant-x"\nOPENAI_API_KEY = "sk-x"\n'
        'LATER = { value = "x", on_demand = true }\n'
    )
    write_config(world.paths, world.role_repo, env=env)
    world.paths.config_file.write_text(
        world.paths.config_file.read_text() + '\n[codex]\nauth_forward = "api_key"\n'
    )
    config = world.config()
    target = resolve_target(config, selector="stand-in", cwd=world.project)
    assert LaunchPlan.for_target(target, config=config).secret_env == ("OPENAI_API_KEY",)
