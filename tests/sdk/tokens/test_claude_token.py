"""Storing, locating and clearing a workspace's Claude token (keyring, file, 1Password)."""

from __future__ import annotations

import secrets
import stat
import tomllib
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

from jackin_sdk.config import ConfigEditor, EnvScope, set_env
from jackin_sdk.debug import contains_secret
from jackin_sdk.errors import CodedError, ErrorCode, JackinError, UsageError
from jackin_sdk.paths import JackinPaths
from jackin_sdk.tokens import (
    CLAUDE_TOKEN_ENV,
    TokenSource,
    TokenStore,
    check_claude_token_target,
    claude_token_source,
    clear_claude_token,
    keyring_available,
    secrets_dir,
    set_claude_token,
    set_claude_token_reference,
    token_fingerprint,
)
from tests.sdk.env._op_stub import OpStub

REF = "op://Private/Claude/oauth-token"


def _token() -> str:
    return "sk-ant-oat01-" + secrets.token_urlsafe(64)


def _file(paths: JackinPaths, name: str = "web") -> dict[str, object]:
    return tomllib.loads(paths.workspace_file(name).read_text())


def _env(paths: JackinPaths, name: str = "web", role: str | None = None) -> object:
    """The stored `CLAUDE_CODE_OAUTH_TOKEN` of the scope, as written in the file."""
    table: Any = _file(paths, name)
    if role is not None:
        table = table.get("roles", {}).get(role, {})
    return table.get("env", {}).get(CLAUDE_TOKEN_ENV)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_keyring_is_the_default_store(
    workspaces: JackinPaths, keyring_file: KeyringBackend
) -> None:
    token = _token()
    stored = set_claude_token(workspaces, "web", token)
    assert keyring.get_password("jackin", "claude-token:web") == token
    assert _env(workspaces) == "keyring:jackin/claude-token:web"
    assert token not in workspaces.workspace_file("web").read_text()
    assert stored.source == TokenSource(
        "keyring", "jackin/claude-token:web", "workspace web [env]", in_scope=True
    )
    assert stored.fingerprint == token_fingerprint(token)
    assert not stored.keyring_fallback
    assert contains_secret(token)
    assert not secrets_dir(workspaces).exists()


def test_role_scope_uses_its_own_entry(
    workspaces: JackinPaths, keyring_file: KeyringBackend
) -> None:
    token = _token()
    set_claude_token(workspaces, "web", token, role="Chainargos/Agent-Smith")
    assert keyring.get_password("jackin", "claude-token:web:chainargos/agent-smith") == token
    assert _env(workspaces, role="chainargos/agent-smith") == (
        "keyring:jackin/claude-token:web:chainargos/agent-smith"
    )
    assert _env(workspaces) is None


def test_without_a_keyring_the_token_goes_to_a_private_file(workspaces: JackinPaths) -> None:
    assert not keyring_available()
    token = _token()
    stored = set_claude_token(workspaces, "web", token, role="agent-smith")
    path = secrets_dir(workspaces) / "claude-token-web+agent-smith"
    assert stored.keyring_fallback
    assert stored.source.kind == "file"
    assert stored.source.location == str(path)
    assert path.read_text() == token + "\n"
    assert _mode(path) == 0o600
    assert _mode(path.parent) == 0o700
    assert _env(workspaces, role="agent-smith") == f"private-file:{path}"
    assert not list(path.parent.glob("*.tmp.*"))


def test_file_store_can_be_chosen_with_a_keyring(
    workspaces: JackinPaths, keyring_file: KeyringBackend
) -> None:
    stored = set_claude_token(workspaces, "web", _token(), store=TokenStore.FILE)
    assert stored.source.kind == "file"
    assert not stored.keyring_fallback
    assert keyring.get_password("jackin", "claude-token:web") is None


def test_loose_secrets_folder_is_tightened(workspaces: JackinPaths) -> None:
    secrets_dir(workspaces).mkdir(mode=0o755, parents=True)
    secrets_dir(workspaces).chmod(0o755)
    set_claude_token(workspaces, "web", _token(), store=TokenStore.FILE)
    assert _mode(secrets_dir(workspaces)) == 0o700


@pytest.mark.parametrize(
    ("workspace", "role", "username", "filename"),
    [
        ("a:b", None, "claude-token:a%3Ab", "claude-token-a%3Ab"),
        ("a", "b", "claude-token:a:b", "claude-token-a+b"),
        ("a+b", None, "claude-token:a%2Bb", "claude-token-a%2Bb"),
        ("my app", "ns/r", "claude-token:my%20app:ns/r", "claude-token-my%20app+ns_r"),
    ],
)
def test_slot_names_cannot_collide(
    jackin_paths: JackinPaths, workspace: str, role: str | None, username: str, filename: str
) -> None:
    from jackin_sdk.roles import RoleSelector  # noqa: PLC0415
    from jackin_sdk.tokens._slots import file_slot, keyring_slot  # noqa: PLC0415

    selector = RoleSelector.parse(role) if role else None
    assert keyring_slot(workspace, selector).username == username
    assert file_slot(jackin_paths, workspace, selector).path.name == filename


def test_keyring_store_without_a_backend_is_refused(workspaces: JackinPaths) -> None:
    with pytest.raises(JackinError, match="no usable OS keyring backend on this host"):
        set_claude_token(workspaces, "web", _token(), store=TokenStore.KEYRING)
    assert _env(workspaces) is None


def test_op_store_needs_a_reference(workspaces: JackinPaths) -> None:
    with pytest.raises(UsageError, match="op:// reference"):
        set_claude_token(workspaces, "web", _token(), store=TokenStore.OP)


@pytest.mark.parametrize("token", ["", "  \n", "two words", "a\nb"])
def test_malformed_tokens_are_refused(workspaces: JackinPaths, token: str) -> None:
    with pytest.raises(UsageError):
        set_claude_token(workspaces, "web", token)
    assert not secrets_dir(workspaces).exists()


def test_surrounding_whitespace_is_dropped(workspaces: JackinPaths) -> None:
    token = _token()
    stored = set_claude_token(workspaces, "web", f"  {token}\n")
    assert Path(stored.source.location).read_text() == token + "\n"


def test_unknown_workspace_stores_nothing(jackin_paths: JackinPaths) -> None:
    with pytest.raises(CodedError) as caught:
        set_claude_token(jackin_paths, "nope", _token())
    assert caught.value.code is ErrorCode.E007
    assert not secrets_dir(jackin_paths).exists()


def test_role_must_be_allowed_by_the_workspace(workspaces: JackinPaths) -> None:
    with pytest.raises(UsageError) as caught:
        set_claude_token(workspaces, "api", _token(), role="the-architect")
    assert str(caught.value) == (
        'role "the-architect" is not allowed in workspace "api"; allowed roles: agent-smith'
    )
    assert not secrets_dir(workspaces).exists()
    set_claude_token(workspaces, "api", _token(), role="agent-smith")


def test_switching_stores_deletes_the_previous_secret(
    workspaces: JackinPaths, keyring_file: KeyringBackend
) -> None:
    first = set_claude_token(workspaces, "web", _token(), store=TokenStore.FILE)
    path = Path(first.source.location)
    assert path.exists()
    second = _token()
    set_claude_token(workspaces, "web", second)
    assert not path.exists()
    assert keyring.get_password("jackin", "claude-token:web") == second
    set_claude_token(workspaces, "web", _token(), store=TokenStore.FILE)
    assert keyring.get_password("jackin", "claude-token:web") is None


def test_reference_is_stored_as_an_op_table(
    workspaces: JackinPaths, keyring_file: KeyringBackend, op_stub: OpStub
) -> None:
    op_stub.add(REF, "value-read-only-to-check-it-9f2e")
    set_claude_token(workspaces, "web", _token())
    stored = set_claude_token_reference(workspaces, "web", REF)
    assert _env(workspaces) == {"op": REF, "path": "Private/Claude/oauth-token"}
    assert stored.source == TokenSource("op", REF, "workspace web [env]", in_scope=True)
    assert stored.fingerprint is None
    assert keyring.get_password("jackin", "claude-token:web") is None
    assert "value-read-only" not in workspaces.workspace_file("web").read_text()


def test_unresolvable_reference_changes_nothing(workspaces: JackinPaths, op_stub: OpStub) -> None:
    op_stub.set_mode("signed-out")
    with pytest.raises(CodedError) as caught:
        set_claude_token_reference(workspaces, "web", REF)
    assert caught.value.code is ErrorCode.E013
    assert _env(workspaces) is None


def test_source_of_an_unset_token_is_none(workspaces: JackinPaths) -> None:
    assert claude_token_source(workspaces, "web") is None
    assert claude_token_source(workspaces, "web", role="agent-smith") is None


def test_source_reports_a_missing_secret(
    workspaces: JackinPaths, keyring_file: KeyringBackend
) -> None:
    set_claude_token(workspaces, "web", _token())
    source = claude_token_source(workspaces, "web")
    assert source is not None
    assert source.present is True
    assert source.describe() == "OS keyring entry jackin/claude-token:web"
    keyring.delete_password("jackin", "claude-token:web")
    source = claude_token_source(workspaces, "web")
    assert source is not None
    assert source.describe() == "OS keyring entry jackin/claude-token:web (missing)"


def test_source_follows_the_launch_layers(workspaces: JackinPaths) -> None:
    stored = set_claude_token(workspaces, "web", _token())
    inherited = claude_token_source(workspaces, "web", role="agent-smith")
    assert inherited is not None
    assert inherited.location == stored.source.location
    assert inherited.layer == "workspace web [env]"
    assert not inherited.in_scope
    with ConfigEditor(workspaces) as editor:
        set_env(editor, CLAUDE_TOKEN_ENV, "$HOST_CLAUDE_TOKEN", EnvScope())
        editor.commit()
    api = claude_token_source(workspaces, "api")
    assert api == TokenSource("host", "$HOST_CLAUDE_TOKEN", "global [env]", in_scope=False)
    assert api.describe() == "host env var $HOST_CLAUDE_TOKEN"


def test_clear_removes_the_reference_and_the_secret(workspaces: JackinPaths) -> None:
    stored = set_claude_token(workspaces, "web", _token(), role="agent-smith")
    path = Path(stored.source.location)
    cleared = clear_claude_token(workspaces, "web", role="agent-smith")
    assert cleared.removed is not None
    assert cleared.removed.kind == "file"
    assert cleared.deleted == (f"file {path}",)
    assert not path.exists()
    assert _env(workspaces, role="agent-smith") is None
    again = clear_claude_token(workspaces, "web", role="agent-smith")
    assert again.removed is None
    assert again.deleted == ()


def test_clear_deletes_the_keyring_entry(
    workspaces: JackinPaths, keyring_file: KeyringBackend
) -> None:
    set_claude_token(workspaces, "web", _token())
    cleared = clear_claude_token(workspaces, "web")
    assert cleared.deleted == ("OS keyring entry jackin/claude-token:web",)
    assert keyring.get_password("jackin", "claude-token:web") is None
    assert "env" not in _file(workspaces)


def test_clear_leaves_secrets_jackin_did_not_make(workspaces: JackinPaths, tmp_path: Path) -> None:
    own = tmp_path / "my-token"
    own.write_text("operator-owned")
    own.chmod(0o600)
    with ConfigEditor(workspaces) as editor:
        set_env(editor, CLAUDE_TOKEN_ENV, f"private-file:{own}", EnvScope(workspace="web"))
        editor.commit()
    cleared = clear_claude_token(workspaces, "web")
    assert cleared.removed is not None
    assert cleared.removed.location == str(own)
    assert cleared.deleted == ()
    assert own.exists()
    assert _env(workspaces) is None


def test_clear_of_an_op_reference_touches_no_secret(
    workspaces: JackinPaths, op_stub: OpStub
) -> None:
    op_stub.add(REF, "op-held-token-51aa")
    set_claude_token_reference(workspaces, "web", REF)
    cleared = clear_claude_token(workspaces, "web")
    assert cleared.removed is not None
    assert cleared.removed.describe() == f"1Password reference {REF}"
    assert cleared.deleted == ()


def test_clear_removes_an_orphaned_file(workspaces: JackinPaths) -> None:
    stored = set_claude_token(workspaces, "web", _token())
    with ConfigEditor(workspaces) as editor:
        editor.workspace("web")["env"] = {}
        editor.commit()
    cleared = clear_claude_token(workspaces, "web")
    assert cleared.removed is None
    assert cleared.deleted == (f"file {stored.source.location}",)


def test_target_is_checked_before_any_token_exists(workspaces: JackinPaths) -> None:
    check_claude_token_target(workspaces, "api", role="agent-smith", store=TokenStore.FILE)
    check_claude_token_target(workspaces, "web", store=TokenStore.OP)
    with pytest.raises(CodedError):
        check_claude_token_target(workspaces, "nope")
    with pytest.raises(UsageError, match="is not allowed in workspace"):
        check_claude_token_target(workspaces, "api", role="the-architect")
    with pytest.raises(JackinError, match="no usable OS keyring backend"):
        check_claude_token_target(workspaces, "web", store=TokenStore.KEYRING)
