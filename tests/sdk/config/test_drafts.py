"""Editing drafts: the CLI's rules per edit, one comment-keeping save, no secret in sight."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from jackin_sdk.config import (
    ConfigEditor,
    DraftError,
    GitFlag,
    SettingsDraft,
    WorkspaceDraft,
    add_global_mount,
    apply_workspace_plan,
    load_operator_config,
    plan_workspace_create,
    sensitive_declined,
)
from jackin_sdk.errors import CodedError, ErrorCode
from jackin_sdk.mounts import Isolation, Mount
from jackin_sdk.paths import JackinPaths
from tests.sdk.config.draft_home import CONFIG_NOTE, seed_draft_home

SECRET = "sk-ant-abcdefghijklmnopqrstuvwxyz012345"


@pytest.fixture
def paths(jackin_paths: JackinPaths) -> JackinPaths:
    seed_draft_home(jackin_paths, "agent-smith")
    return jackin_paths


def _edit(paths: JackinPaths, tmp_path: Path, name: str = "web") -> WorkspaceDraft:
    return WorkspaceDraft.edit(load_operator_config(paths), name, home=tmp_path, cwd=tmp_path)


def _settings(paths: JackinPaths, tmp_path: Path) -> SettingsDraft:
    return SettingsDraft(load_operator_config(paths), home=tmp_path, cwd=tmp_path)


def _files(paths: JackinPaths) -> dict[str, bytes]:
    found = {str(p): p.read_bytes() for p in paths.config_dir.rglob("*.toml")}
    assert found
    return found


# ── the workspace draft ──────────────────────────────────────────────────────────────────


def test_an_edit_saves_through_the_cli_path_and_keeps_comments(
    paths: JackinPaths, tmp_path: Path
) -> None:
    draft = _edit(paths, tmp_path)
    assert draft.changes == 0
    draft.add_mount("/src/lib:/work/lib:ro")
    draft.cycle_isolation("/work/web")
    draft.add_role("Chainargos/Agent-Brown")
    draft.toggle_default_role("agent-smith")
    draft.set_env("API_URL", "https://x")
    draft.set_auth("codex", "api_key")
    draft.toggle_git_pull()
    assert draft.changes == 7
    draft.save()
    assert draft.changes == 0
    text = paths.workspace_file("web").read_text()
    assert text.startswith("# the web workspace: keep this note\n")
    assert 'workdir = "/work/web"  # where agents start' in text
    assert 'KEEP = "1"  # kept' in text
    data = tomllib.loads(text)
    assert data["mounts"] == [
        {"src": "/src/web", "dst": "/work/web", "readonly": False, "isolation": "worktree"},
        {"src": "/src/lib", "dst": "/work/lib", "readonly": True, "isolation": "shared"},
    ]
    assert data["allowed_roles"] == ["agent-smith", "chainargos/agent-brown"]
    assert data["default_role"] == "agent-smith"
    assert data["env"] == {"KEEP": "1", "API_URL": "https://x"}
    assert data["codex"] == {"auth_forward": "api_key"}
    assert data["git_pull_on_entry"] is True


def test_workdir_outside_every_mount_is_refused_with_the_cli_message(
    paths: JackinPaths, tmp_path: Path
) -> None:
    draft = _edit(paths, tmp_path)
    with pytest.raises(DraftError) as caught:
        draft.set_workdir("/elsewhere")
    assert caught.value.field == "workdir"
    assert str(caught.value) == (
        'workspace "web" workdir must be equal to, inside, or a parent of one of the workspace '
        "mount destinations"
    )
    assert draft.workdir == "/work/web"
    assert draft.changes == 0
    with pytest.raises(DraftError, match="must be an absolute container path"):
        draft.set_workdir("relative")
    draft.set_workdir("/work/web/src")
    assert draft.workdir == "/work/web/src"
    with pytest.raises(DraftError, match="must define at least one mount"):
        draft.remove_mount("/work/web")
    draft.add_mount("/lib/x:/work/lib")
    with pytest.raises(DraftError, match="workdir must be equal to") as removed:
        draft.remove_mount("/work/web")
    assert removed.value.field == "mounts"
    assert [row.dst for row in draft.mount_rows()] == ["/work/web", "/work/lib"]


def test_role_rules(paths: JackinPaths, tmp_path: Path) -> None:
    draft = _edit(paths, tmp_path)
    with pytest.raises(DraftError) as caught:
        draft.add_role("Not A Role!")
    assert caught.value.field == "roles"
    assert str(caught.value).startswith("invalid selector: Not A Role!")
    draft.add_role("the-architect")
    draft.toggle_default_role("agent-smith")
    with pytest.raises(DraftError, match='default_role "agent-smith" must be a member'):
        draft.toggle_role("agent-smith")
    draft.toggle_default_role("agent-smith")  # cleared
    assert draft.default_role is None
    draft.toggle_role("agent-smith")
    assert draft.allowed_roles == ["the-architect"]


def test_mount_rules_match_the_cli(paths: JackinPaths, tmp_path: Path) -> None:
    draft = _edit(paths, tmp_path)
    with pytest.raises(DraftError, match="mount spec cannot be empty") as empty:
        draft.add_mount("  ")
    assert empty.value.field == "mounts"
    with pytest.raises(DraftError, match=r"\[E018\]"):
        draft.add_mount("/src/x:relative/dst")
    with pytest.raises(DraftError, match="already covered by existing mount /src/web"):
        draft.add_mount("/src/web/sub:/work/web/sub")
    assert draft.mount_collapses("/src:/work") == ("/src/web",)
    assert draft.changes == 0
    with pytest.raises(DraftError, match="mount spec cannot be empty"):
        draft.mount_collapses("")
    assert draft.add_mount("/src:/work") == ("/src/web",)
    draft.add_mount("/lib/other:/work/other")
    draft.cycle_isolation("/work")
    assert draft.cycle_isolation("/work") is Isolation.CLONE
    assert draft.cycle_isolation("/work") is Isolation.SHARED
    draft.toggle_readonly("/work")
    assert [(r.dst, r.mode) for r in draft.mount_rows()][:1] == [("/work", "ro")]
    with pytest.raises(DraftError, match="unknown workspace mount destination: /nope"):
        draft.remove_mount("/nope")


def test_create_needs_a_name_and_a_mount_and_refuses_clashes(
    paths: JackinPaths, tmp_path: Path
) -> None:
    draft = WorkspaceDraft.create(load_operator_config(paths), home=tmp_path, cwd=tmp_path)
    with pytest.raises(DraftError, match="workspace name cannot be empty") as unnamed:
        draft.save()
    assert unnamed.value.field == "name"
    with pytest.raises(DraftError, match='workspace "web" already exists') as clash:
        draft.set_name("web")
    assert clash.value.field == "name"
    draft.set_name("api")
    with pytest.raises(DraftError, match='workspace "api" must define workdir') as bare:
        draft.save()
    assert bare.value.field == "workdir"
    draft.add_mount("/src/api:/work/api")
    assert draft.workdir == "/work/api"  # the first mount of a new workspace
    draft.save()
    data = tomllib.loads(paths.workspace_file("api").read_text())
    assert data["workdir"] == "/work/api"
    assert not draft.creating
    assert draft.changes == 0


def test_create_writes_env_auth_and_toggles(paths: JackinPaths, tmp_path: Path) -> None:
    draft = WorkspaceDraft.create(load_operator_config(paths), home=tmp_path, cwd=tmp_path)
    draft.set_name("api")
    draft.set_workdir("/work/api/src")  # before any mount: checked once there is one
    with pytest.raises(DraftError, match="workdir must be equal to"):
        draft.add_mount("/src/other:/work/other")
    draft.add_mount("/src/api:/work/api")
    draft.set_env("API_URL", "https://x")
    draft.set_env("K", "v", role="agent-smith")
    draft.set_auth("claude", "oauth_token")
    draft.set_auth("github", "ignore")
    draft.toggle_keep_awake()
    assert draft.describe_changes()[0] == "new workspace"
    draft.save()
    data = tomllib.loads(paths.workspace_file("api").read_text())
    assert data["workdir"] == "/work/api/src"
    assert data["env"] == {"API_URL": "https://x"}
    assert data["claude"] == {"auth_forward": "oauth_token"}
    assert data["github"] == {"auth_forward": "ignore"}
    assert data["keep_awake"] == {"enabled": True}
    assert data["roles"] == {"agent-smith": {"env": {"K": "v"}}}


def test_create_for_a_directory(paths: JackinPaths, tmp_path: Path) -> None:
    config = load_operator_config(paths)
    draft = WorkspaceDraft.create(config, home=tmp_path, cwd=tmp_path, directory=Path("/src/shop"))
    assert (draft.name, draft.workdir) == ("shop", "/src/shop")
    assert [(r.src, r.dst) for r in draft.mount_rows()] == [("/src/shop", "/src/shop")]
    taken = WorkspaceDraft.create(config, home=tmp_path, cwd=tmp_path, directory=Path("/x/web"))
    assert taken.name == ""  # "web" is saved already


def test_rename_keeps_the_file_comments(paths: JackinPaths, tmp_path: Path) -> None:
    draft = _edit(paths, tmp_path)
    draft.set_name("site")
    assert draft.describe_changes() == ("rename → site",)
    draft.save()
    assert not paths.workspace_file("web").exists()
    assert paths.workspace_file("site").read_text().startswith("# the web workspace")


def test_sensitive_mounts_need_confirmation_and_nothing_is_written(
    paths: JackinPaths, tmp_path: Path
) -> None:
    before = _files(paths)
    draft = _edit(paths, tmp_path)
    draft.add_mount(f"{tmp_path}/.ssh:/work/web/ssh:ro")
    hits = draft.sensitive()
    assert [hit.mount.dst for hit in hits] == ["/work/web/ssh"]
    with pytest.raises(DraftError) as caught:
        draft.save()
    assert caught.value.field == "mounts"
    assert isinstance(caught.value.cause, CodedError)
    assert caught.value.cause.code is ErrorCode.E020
    assert _files(paths) == before
    assert str(sensitive_declined()) == "aborted — sensitive mount paths were not confirmed"
    draft.save(confirmed_sensitive=True)
    assert "/work/web/ssh" in paths.workspace_file("web").read_text()


def test_a_save_refused_by_the_whole_tree_check_writes_nothing(
    paths: JackinPaths, tmp_path: Path
) -> None:
    draft = _edit(paths, tmp_path)
    draft.set_env("API_URL", "https://x")
    # Someone else breaks another workspace file meanwhile: commit validates every file.
    paths.workspace_file("broken").write_text('version = "v1alpha10"\nworkdir = 3\n')
    before = _files(paths)
    with pytest.raises(DraftError, match='workspace "broken" is invalid') as caught:
        draft.save()
    assert caught.value.field == "general"
    assert _files(paths) == before
    assert draft.changes == 1


def test_env_and_auth_rules_and_secrets_stay_hidden(paths: JackinPaths, tmp_path: Path) -> None:
    draft = _edit(paths, tmp_path)
    with pytest.raises(DraftError, match='env name "DOCKER_HOST" is reserved') as reserved:
        draft.set_env("DOCKER_HOST", "tcp://x")
    assert reserved.value.field == "env.DOCKER_HOST"
    with pytest.raises(DraftError, match="env var key cannot be empty"):
        draft.set_env("", "x")
    with pytest.raises(DraftError, match="spans several lines"):
        draft.set_env("MULTI", "a\nb")
    with pytest.raises(DraftError, match="set it with `jackin workspace env set web TOKEN`"):
        draft.set_env("TOKEN", "op://Work/Item/field")
    draft.set_env("ANTHROPIC_API_KEY", SECRET)
    draft.set_env("PLAIN", "hello", secret=True)
    draft.set_env("VISIBLE", "hello")
    rows = {row.key: row for row in draft.env_rows()}
    assert rows["ANTHROPIC_API_KEY"].masked
    assert rows["PLAIN"].masked
    assert SECRET not in rows["ANTHROPIC_API_KEY"].shown
    assert rows["VISIBLE"].shown == "hello"
    draft.toggle_mask("PLAIN")
    assert {row.key: row.shown for row in draft.env_rows()}["PLAIN"] == "hello"
    assert SECRET not in repr(draft)
    assert SECRET not in " ".join(draft.describe_changes())
    with pytest.raises(DraftError) as bad_mode:
        draft.set_auth("codex", "oauth_token")
    assert str(bad_mode.value) == (
        "auth_forward oauth_token is not supported for codex; supported modes: "
        "[sync, api_key, ignore]"
    )
    assert bad_mode.value.field == "auth.codex"
    assert draft.cycle_auth("github") == "sync"
    assert draft.cycle_auth("github") == "token"
    assert [r.shown for r in draft.auth_rows() if r.target == "claude"] == ["inherit (sync)"]
    draft.discard()
    assert draft.changes == 0


def test_role_env_sections_save_per_role(paths: JackinPaths, tmp_path: Path) -> None:
    draft = _edit(paths, tmp_path)
    with pytest.raises(DraftError, match="invalid selector: Bad!") as bad:
        draft.add_env_section("Bad!")
    assert bad.value.field == "env-roles"
    assert draft.add_env_section("Acme/Brown") == "acme/brown"
    assert draft.env_sections() == ["acme/brown"]
    assert draft.changes == 0  # an empty section writes nothing
    draft.set_env("TOKEN", SECRET, role="acme/brown")
    assert draft.env_rows("acme/brown")[0].masked
    assert draft.env_rows() == [draft.env_rows()[0]]  # the workspace's own KEEP only
    assert draft.describe_changes() == ("added env TOKEN (role acme/brown)",)
    with pytest.raises(DraftError) as reserved:
        draft.set_env("DOCKER_HOST", "x", role="acme/brown")
    assert reserved.value.field == "env[acme/brown].DOCKER_HOST"
    assert SECRET not in repr(draft)
    draft.save()
    data = tomllib.loads(paths.workspace_file("web").read_text())
    assert data["roles"] == {"acme/brown": {"env": {"TOKEN": SECRET}}}
    assert data["env"] == {"KEEP": "1"}
    again = _edit(paths, tmp_path)
    assert again.env_sections() == ["acme/brown"]
    again.unset_env("TOKEN", role="acme/brown")
    again.save()
    assert "roles" not in tomllib.loads(paths.workspace_file("web").read_text())


def test_settings_role_env_needs_a_configured_role(paths: JackinPaths, tmp_path: Path) -> None:
    draft = _settings(paths, tmp_path)
    with pytest.raises(DraftError, match="trust it first with `jackin config trust grant x/y`"):
        draft.add_env_section("x/y")
    draft.add_env_section("agent-smith")
    draft.set_env("K", "v", role="agent-smith")
    draft.save()
    roles = tomllib.loads(paths.config_file.read_text())["roles"]
    assert roles["agent-smith"]["env"] == {"K": "v"}


# ── the settings draft ───────────────────────────────────────────────────────────────────


def test_settings_save_every_panel_and_keep_comments(paths: JackinPaths, tmp_path: Path) -> None:
    with ConfigEditor(paths) as editor:
        apply_workspace_plan(
            editor, plan_workspace_create("x", workdir="/w", mounts=[Mount("/s", "/w")])
        )
        editor.commit()
    draft = _settings(paths, tmp_path)
    draft.add_mount("cache", "/srv/cache", "/cache", readonly=True)
    draft.add_mount("shared", "/srv/shared", "/shared", scope="acme/*")
    draft.set_env("API_URL", "https://x")
    draft.unset_env("KEEP")
    draft.set_auth("claude", "api_key")
    draft.set_auth("github", "token")
    draft.toggle_git_flag(GitFlag.DCO)
    assert draft.changes == 7
    draft.save()
    text = paths.config_file.read_text()
    assert text.startswith(CONFIG_NOTE)
    data = tomllib.loads(text)
    assert data["docker"]["mounts"] == {
        "cache": {"src": "/srv/cache", "dst": "/cache", "readonly": True},
        "acme/*": {"shared": {"src": "/srv/shared", "dst": "/shared"}},
    }
    assert data["env"] == {"API_URL": "https://x"}
    assert data["claude"] == {"auth_forward": "api_key"}
    assert data["github"] == {"auth_forward": "token"}
    assert data["git"] == {"dco": True}
    draft.toggle_readonly("cache")
    draft.remove_mount("acme/*:shared")
    draft.set_auth("claude", None)
    draft.save()
    data = tomllib.loads(paths.config_file.read_text())
    assert data["docker"]["mounts"] == {"cache": {"src": "/srv/cache", "dst": "/cache"}}
    assert "claude" not in data


def test_settings_mount_rules(paths: JackinPaths, tmp_path: Path) -> None:
    draft = _settings(paths, tmp_path)
    with pytest.raises(DraftError, match="mount name cannot be empty"):
        draft.add_mount(" ", "/a", "/a")
    with pytest.raises(DraftError, match="invalid mount scope `Bad Scope`"):
        draft.add_mount("x", "/a", "/a", scope="Bad Scope")
    with pytest.raises(DraftError, match=r"\[E018\]") as relative:
        draft.add_mount("x", "/a", "relative")
    assert relative.value.field == "mounts"
    draft.add_mount("one", "/a", "/same")
    with pytest.raises(DraftError, match="duplicate global mount destination"):
        draft.add_mount("two", "/b", "/same")
    assert [row.key for row in draft.mount_rows()] == ["one"]
    draft.add_mount_spec("spec", "~/notes:/notes:ro", scope="acme/*")
    assert [(r.key, r.src, r.mode) for r in draft.mount_rows()][1:] == [
        ("acme/*:spec", f"{tmp_path}/notes", "ro")
    ]
    draft.remove_mount("acme/*:spec")
    with pytest.raises(DraftError, match="mount spec `:x` has an empty source"):
        draft.add_mount_spec("bad", ":x")
    draft.add_mount("home", str(tmp_path), "/home-copy")
    assert [hit.mount.dst for hit in draft.sensitive()] == ["/home-copy"]
    before = _files(paths)
    with pytest.raises(DraftError, match=r"\[E020\]"):
        draft.save()
    assert _files(paths) == before


def test_settings_mount_edits_in_place(paths: JackinPaths, tmp_path: Path) -> None:
    with ConfigEditor(paths) as editor:
        add_global_mount(editor, "cache", Mount("~/.cache/x", "/cache"))
        editor.commit()
    draft = _settings(paths, tmp_path)
    draft.add_mount("tools", "/srv/tools", "/tools")
    key = draft.edit_mount("cache", name="cache2")
    assert key == "cache2"
    assert draft.mount_rows()[0].src == "~/.cache/x"  # untouched fields kept as written
    key = draft.edit_mount(key, scope="acme/*")
    assert key == "acme/*:cache2"
    draft.edit_mount(key, dst="/cache2")
    draft.edit_mount(key, src="relative/dir")
    assert [(r.key, r.src, r.dst) for r in draft.mount_rows()] == [
        ("tools", "/srv/tools", "/tools"),
        ("acme/*:cache2", f"{tmp_path}/relative/dir", "/cache2"),
    ]
    with pytest.raises(DraftError, match=r"duplicate global mount entry: tools \[global\]"):
        draft.edit_mount(key, name="tools", unscoped=True)
    with pytest.raises(DraftError, match="duplicate global mount destination"):
        draft.edit_mount(key, dst="/tools", unscoped=True)
    with pytest.raises(DraftError, match="invalid mount scope"):
        draft.edit_mount(key, scope="Nope Nope")
    assert draft.edit_mount(key, unscoped=True) == "cache2"
    draft.save()
    mounts = tomllib.loads(paths.config_file.read_text())["docker"]["mounts"]
    assert mounts == {
        "cache2": {"src": f"{tmp_path}/relative/dir", "dst": "/cache2"},
        "tools": {"src": "/srv/tools", "dst": "/tools"},
    }


def test_trust_toggles(paths: JackinPaths, tmp_path: Path) -> None:
    with ConfigEditor(paths) as editor:
        from jackin_sdk.config import grant_trust  # noqa: PLC0415

        grant_trust(editor, "acme/brown")
        editor.commit()
    draft = _settings(paths, tmp_path)
    rows = {row.key: row for row in draft.trust_rows()}
    assert rows["agent-smith"].builtin
    assert rows["acme/brown"].trusted
    with pytest.raises(DraftError, match="agent-smith is a built-in role and is always trusted"):
        draft.toggle_trust("agent-smith")
    assert draft.toggle_trust("acme/brown") is False
    draft.save()
    assert not load_operator_config(paths).app.roles["acme/brown"].trusted
    assert draft.toggle_trust("acme/brown") is True
    draft.save()
    assert load_operator_config(paths).app.roles["acme/brown"].trusted


def test_an_env_reference_is_shown_as_config_env_list_shows_it(
    paths: JackinPaths, tmp_path: Path
) -> None:
    """`$VAR` says where a value lives, not the value: a row masks only what
    `jackin config env list` masks (`jackin_sdk.env.is_secret_literal`)."""
    text = paths.workspace_file("web").read_text()
    paths.workspace_file("web").write_text(text + 'GITHUB_TOKEN = "$GH_TOKEN"\n')
    draft = _edit(paths, tmp_path)
    draft.set_env("API_KEY", "${HOST_API_KEY}")
    draft.set_env("ANTHROPIC_API_KEY", SECRET)
    rows = {row.key: (row.shown, row.masked) for row in draft.env_rows()}
    assert rows["GITHUB_TOKEN"] == ("$GH_TOKEN", False)
    assert rows["API_KEY"] == ("${HOST_API_KEY}", False)
    assert rows["ANTHROPIC_API_KEY"][1]
