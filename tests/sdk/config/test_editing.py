"""Edits through ConfigEditor: validated, atomic, comment-preserving."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from jackin_sdk.auth import Agent, AuthForwardMode
from jackin_sdk.config import (
    ConfigEditor,
    ConfigError,
    EnvScope,
    GitFlag,
    WorkspaceEdit,
    add_global_mount,
    apply_workspace_plan,
    env_values,
    grant_trust,
    load_operator_config,
    plan_workspace_create,
    plan_workspace_edit,
    plan_workspace_prune,
    remove_global_mount,
    revoke_trust,
    set_env,
    set_git_flag,
    set_global_auth,
    trusted_roles,
    unset_env,
)
from jackin_sdk.env import OpRef
from jackin_sdk.errors import CodedError, ErrorCode, JackinError, UsageError
from jackin_sdk.mounts import Isolation, Mount, MountError
from jackin_sdk.paths import JackinPaths


@pytest.fixture
def paths(jackin_paths: JackinPaths) -> JackinPaths:
    load_operator_config(jackin_paths)
    text = jackin_paths.config_file.read_text()
    jackin_paths.config_file.write_text("# my notes\n" + text + '\n[env]\nKEEP = "1"  # kept\n')
    return jackin_paths


def _data(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text())


def _create(paths: JackinPaths, name: str = "web", **options: object) -> None:
    plan = plan_workspace_create(
        name,
        workdir="/work/web",
        mounts=[Mount("/src/web", "/work/web"), Mount("/src/web/sub", "/work/web/sub")],
        **options,  # type: ignore[arg-type]
    )
    with ConfigEditor(paths) as editor:
        apply_workspace_plan(editor, plan)
        editor.commit()


def test_env_set_keeps_comments_and_unset_removes(paths: JackinPaths) -> None:
    with ConfigEditor(paths) as editor:
        set_env(editor, "API_URL", "https://x", EnvScope(), comment="from the docs")
        editor.commit()
    text = paths.config_file.read_text()
    assert text.startswith("# my notes\n")
    assert 'KEEP = "1"  # kept' in text
    assert 'API_URL = "https://x" # from the docs' in text
    with ConfigEditor(paths) as editor:
        assert unset_env(editor, "API_URL", EnvScope())
        assert not unset_env(editor, "API_URL", EnvScope())
        editor.commit()
    assert "API_URL" not in paths.config_file.read_text()


def test_env_set_refuses_reserved_and_empty_keys(paths: JackinPaths) -> None:
    with ConfigEditor(paths) as editor:
        with pytest.raises(UsageError, match='env name "DOCKER_HOST" is reserved'):
            set_env(editor, "DOCKER_HOST", "x", EnvScope())
        with pytest.raises(UsageError, match="env var key cannot be empty"):
            set_env(editor, "", "x", EnvScope())


def test_role_env_needs_a_configured_role(paths: JackinPaths) -> None:
    with ConfigEditor(paths) as editor:
        with pytest.raises(JackinError, match=r"config trust grant ns/unknown"):
            set_env(editor, "K", "v", EnvScope(role="ns/unknown"))
        set_env(editor, "K", "v", EnvScope(role="agent-smith"))
        editor.commit()
    loaded = load_operator_config(paths)
    assert env_values(loaded.app, loaded.workspaces, EnvScope(role="agent-smith")) == {"K": "v"}


def test_op_ref_is_stored_as_an_inline_table(paths: JackinPaths) -> None:
    ref = OpRef(op="op://Work/Item/field", path="Work/Item/field", account="ACME")
    with ConfigEditor(paths) as editor:
        set_env(editor, "TOKEN", ref, EnvScope())
        editor.commit()
    assert (
        'TOKEN = {op = "op://Work/Item/field", path = "Work/Item/field", account = "ACME"}'
        in paths.config_file.read_text()
    )


def test_trust_grant_revoke_list(paths: JackinPaths) -> None:
    with ConfigEditor(paths) as editor:
        assert grant_trust(editor, "Chainargos/Agent-Brown") == ("chainargos/agent-brown", True)
        editor.commit()
    data = _data(paths.config_file)
    roles = data["roles"]
    assert isinstance(roles, dict)
    assert roles["chainargos/agent-brown"] == {
        "git": "https://github.com/chainargos/jackin-agent-brown.git",
        "trusted": True,
    }
    with ConfigEditor(paths) as editor:
        assert grant_trust(editor, "chainargos/agent-brown") == ("chainargos/agent-brown", False)
        assert grant_trust(editor, "agent-smith") == ("agent-smith", False)
        with pytest.raises(
            JackinError, match="agent-smith is a built-in role and is always trusted"
        ):
            revoke_trust(editor, "agent-smith")
        assert revoke_trust(editor, "chainargos/agent-brown") == ("chainargos/agent-brown", True)
        assert revoke_trust(editor, "chainargos/agent-brown")[1] is False or True
        editor.commit()
    loaded = load_operator_config(paths)
    assert trusted_roles(loaded.app) == ["agent-smith", "the-architect"]
    assert loaded.app.roles["chainargos/agent-brown"].git.endswith("jackin-agent-brown.git")


def test_global_auth_and_git_flags(paths: JackinPaths) -> None:
    with ConfigEditor(paths) as editor:
        set_global_auth(editor, Agent.CODEX, AuthForwardMode.API_KEY)
        with pytest.raises(UsageError, match="auth_forward oauth_token is not supported for codex"):
            set_global_auth(editor, Agent.CODEX, AuthForwardMode.OAUTH_TOKEN)
        set_git_flag(editor, GitFlag.DCO, True)
        editor.commit()
    loaded = load_operator_config(paths)
    codex = loaded.app.agent_auth(Agent.CODEX)
    assert codex is not None
    assert codex.auth_forward is AuthForwardMode.API_KEY
    assert loaded.app.git is not None
    assert loaded.app.git.dco
    with ConfigEditor(paths) as editor:
        set_git_flag(editor, GitFlag.DCO, False)
        editor.commit()
    assert "[git]" not in paths.config_file.read_text()


def test_global_mounts(paths: JackinPaths) -> None:
    with ConfigEditor(paths) as editor:
        assert (
            add_global_mount(editor, "cache", Mount("~/.cache/x", "/cache", readonly=True)) is None
        )
        add_global_mount(editor, "shared", Mount("/srv/shared", "/shared"), scope="acme/*")
        editor.commit()
    with ConfigEditor(paths) as editor:
        replaced = add_global_mount(editor, "cache", Mount("~/.cache/y", "/cache"))
        assert replaced == Mount("~/.cache/x", "/cache", readonly=True)
        with pytest.raises(MountError):
            add_global_mount(editor, "other", Mount("/a", "/shared"), scope="acme/web")
        editor.commit()
    data = _data(paths.config_file)
    docker = data["docker"]
    assert isinstance(docker, dict)
    assert docker["mounts"] == {
        "cache": {"src": "~/.cache/y", "dst": "/cache"},
        "acme/*": {"shared": {"src": "/srv/shared", "dst": "/shared"}},
    }
    with ConfigEditor(paths) as editor:
        assert remove_global_mount(editor, "shared", scope="acme/*")
        assert not remove_global_mount(editor, "shared", scope="acme/*")
        assert remove_global_mount(editor, "cache")
        editor.commit()
    assert "docker" not in _data(paths.config_file)


def test_workspace_create_collapses_and_writes_a_small_file(paths: JackinPaths) -> None:
    plan = plan_workspace_create(
        "web",
        workdir="/work/web",
        mounts=[Mount("/src/web", "/work/web"), Mount("/src/web/sub", "/work/web/sub")],
        allowed_roles=["agent-smith", "agent-smith"],
        isolation=[("/work/web", Isolation.WORKTREE)],
        default_agent=Agent.CODEX,
    )
    assert [r.child.src for r in plan.collapsed] == ["/src/web/sub"]
    with ConfigEditor(paths) as editor:
        apply_workspace_plan(editor, plan)
        editor.commit()
    assert _data(paths.workspace_file("web")) == {
        "version": "v1alpha10",
        "workdir": "/work/web",
        "mounts": [
            {"src": "/src/web", "dst": "/work/web", "readonly": False, "isolation": "worktree"}
        ],
        "allowed_roles": ["agent-smith"],
        "default_agent": "codex",
    }
    with ConfigEditor(paths) as editor, pytest.raises(ConfigError, match="already exists"):
        apply_workspace_plan(editor, plan)


def test_workspace_edit_keeps_comments_on_what_did_not_change(paths: JackinPaths) -> None:
    _create(paths)
    file = paths.workspace_file("web")
    file.write_text(
        file.read_text().replace('workdir = "/work/web"', 'workdir = "/work/web"  # keep')
    )
    loaded = load_operator_config(paths)
    edit = WorkspaceEdit(
        add_mounts=[Mount("/data", "/work/web/data", readonly=True)],
        add_allowed_roles=["agent-smith"],
        default_role="agent-smith",
        git_pull=True,
    )
    plan = plan_workspace_edit("web", loaded.workspaces["web"], edit)
    assert plan.changes == (
        "added mount /data → /work/web/data",
        "allowed role agent-smith",
        "default role → agent-smith",
        "git-pull-on-entry → enabled",
    )
    with ConfigEditor(paths) as editor:
        apply_workspace_plan(editor, plan)
        editor.commit()
    text = file.read_text()
    assert 'workdir = "/work/web"  # keep' in text
    data = _data(file)
    assert data["git_pull_on_entry"] is True
    assert data["default_role"] == "agent-smith"
    mounts = data["mounts"]
    assert isinstance(mounts, list)
    assert [m["dst"] for m in mounts] == ["/work/web", "/work/web/data"]


def test_workspace_edit_errors(paths: JackinPaths) -> None:
    _create(paths)
    current = load_operator_config(paths).workspaces["web"]
    with pytest.raises(MountError, match="unknown workspace mount destination: /nope"):
        plan_workspace_edit("web", current, WorkspaceEdit(remove_destinations=["/nope"]))
    with pytest.raises(MountError, match="default_role"):
        plan_workspace_edit(
            "web", current, WorkspaceEdit(add_allowed_roles=["a"], default_role="b")
        )
    with pytest.raises(JackinError, match="cannot be used together"):
        plan_workspace_edit(
            "web", current, WorkspaceEdit(default_agent=Agent.AMP, clear_default_agent=True)
        )
    with pytest.raises(MountError, match="already covered"):
        plan_workspace_edit(
            "web", current, WorkspaceEdit(add_mounts=[Mount("/src/web/x", "/work/web/x")])
        )


def test_prune_and_pre_existing_redundancy(paths: JackinPaths) -> None:
    _create(paths)
    file = paths.workspace_file("web")
    file.write_text(
        file.read_text()
        + '\n[[mounts]]\nsrc = "/src/web/sub"\ndst = "/work/web/sub"\n'
        + 'readonly = false\nisolation = "shared"\n'
    )
    current = load_operator_config(paths).workspaces["web"]
    with pytest.raises(MountError, match="already contains redundant mounts"):
        plan_workspace_edit("web", current, WorkspaceEdit(git_pull=True))
    plan = plan_workspace_prune("web", current)
    assert [r.child.src for r in plan.pruned] == ["/src/web/sub"]
    with ConfigEditor(paths) as editor:
        apply_workspace_plan(editor, plan)
        editor.commit()
    assert len(load_operator_config(paths).workspaces["web"].mounts) == 1


def test_invalid_candidate_writes_nothing(paths: JackinPaths) -> None:
    _create(paths)
    before = {p.name: p.read_bytes() for p in paths.config_dir.rglob("*.toml")}
    with ConfigEditor(paths) as editor:
        set_env(editor, "OK", "1", EnvScope())
        editor.workspace("web")["workdir"] = "relative/path"
        with pytest.raises(ConfigError, match="workdir must be an absolute container path"):
            editor.commit()
    after = {p.name: p.read_bytes() for p in paths.config_dir.rglob("*.toml")}
    assert before == after


def test_remove_and_unknown_workspace(paths: JackinPaths) -> None:
    _create(paths)
    with ConfigEditor(paths) as editor:
        editor.delete_workspace("web")
        editor.commit()
    assert not paths.workspace_file("web").exists()
    with ConfigEditor(paths) as editor, pytest.raises(CodedError) as caught:
        editor.delete_workspace("web")
    assert caught.value.code is ErrorCode.E007


def test_workspace_env_scopes(paths: JackinPaths) -> None:
    _create(paths)
    with ConfigEditor(paths) as editor:
        set_env(editor, "A", "1", EnvScope(workspace="web"))
        set_env(editor, "B", "$HOST_B", EnvScope(workspace="web", role="Ns/Role"))
        editor.commit()
    loaded = load_operator_config(paths)
    assert env_values(loaded.app, loaded.workspaces, EnvScope(workspace="web")) == {"A": "1"}
    assert env_values(loaded.app, loaded.workspaces, EnvScope(workspace="web", role="ns/role")) == {
        "B": "$HOST_B"
    }
    with pytest.raises(CodedError):
        env_values(loaded.app, loaded.workspaces, EnvScope(workspace="nope"))


@pytest.mark.parametrize("scope", ["Bad Scope", "a/b/*", "ns/*x", "", "jk-x", "UPPER/*"])
def test_global_mount_scope_must_be_a_role_pattern(paths: JackinPaths, scope: str) -> None:
    with ConfigEditor(paths) as editor, pytest.raises(UsageError, match="invalid mount scope"):
        add_global_mount(editor, "m", Mount("/a", "/a"), scope=scope)


@pytest.mark.parametrize("scope", ["ns/*", "ns/role", "role"])
def test_global_mount_scopes_accepted(paths: JackinPaths, scope: str) -> None:
    with ConfigEditor(paths) as editor:
        add_global_mount(editor, "m", Mount("/a", "/a"), scope=scope)
        editor.commit()
