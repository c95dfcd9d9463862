"""`set_env_text`: the operator's text for `config env set` and `workspace env set`, an
`op://` value checked with 1Password only after the key and the scope are."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from jackin_sdk.config import (
    ConfigEditor,
    EnvScope,
    apply_workspace_plan,
    load_operator_config,
    plan_workspace_create,
    set_env_text,
)
from jackin_sdk.env import OpClient
from jackin_sdk.errors import CodedError, ErrorCode, JackinError, UsageError
from jackin_sdk.mounts import Mount
from jackin_sdk.paths import JackinPaths
from tests.sdk.env._fake_op import FakeOp


@pytest.fixture
def paths(jackin_paths: JackinPaths) -> JackinPaths:
    load_operator_config(jackin_paths)
    plan = plan_workspace_create(
        "web", workdir="/work/web", mounts=[Mount("/src/web", "/work/web")]
    )
    with ConfigEditor(jackin_paths) as editor:
        apply_workspace_plan(editor, plan)
        editor.commit()
    return jackin_paths


@pytest.fixture
def no_op(tmp_path: Path) -> OpClient:
    """An `op` that is not installed: reaching it is E013."""
    return OpClient(tmp_path / "no-such-op")


def test_the_scope_is_refused_before_1password_is_asked(
    paths: JackinPaths, no_op: OpClient
) -> None:
    with ConfigEditor(paths) as editor:
        with pytest.raises(JackinError, match=r"config trust grant ns/unknown") as refused:
            set_env_text(editor, "K", "op://v/i/f", EnvScope(role="ns/unknown"), op_client=no_op)
        assert not isinstance(refused.value, CodedError)
        with pytest.raises(CodedError) as unknown:
            set_env_text(editor, "K", "op://v/i/f", EnvScope(workspace="nope"), op_client=no_op)
        assert unknown.value.code is ErrorCode.E007
        with pytest.raises(CodedError) as no_cli:
            set_env_text(editor, "K", "op://v/i/f", EnvScope(workspace="web"), op_client=no_op)
        assert no_cli.value.code is ErrorCode.E013


def test_op_account_applies_only_to_an_op_value(paths: JackinPaths, no_op: OpClient) -> None:
    refusal = r"^--op-account applies only to op:// values$"
    with ConfigEditor(paths) as editor, pytest.raises(UsageError, match=refusal):
        set_env_text(editor, "K", "plain", EnvScope(), op_account="ACME", op_client=no_op)


def test_plain_text_is_stored_and_an_op_value_as_its_checked_reference(
    paths: JackinPaths, tmp_path: Path
) -> None:
    op = FakeOp(tmp_path)
    op.add("op://Work/Item/field", "secret", account="ACME")
    with ConfigEditor(paths) as editor:
        set_env_text(editor, "A", "$HOST_A", EnvScope(workspace="web"), op_client=op.client())
        set_env_text(
            editor,
            "T",
            "op://Work/Item/field",
            EnvScope(),
            comment="docs",
            op_account="ACME",
            op_client=op.client(),
        )
        editor.commit()
    assert [c[0] for c in op.commands()] == ["--version", "account", "read"]
    text = paths.config_file.read_text()
    assert 'T = {op = "op://Work/Item/field", path = "Work/Item/field", account = "ACME"}' in text
    workspace = tomllib.loads(paths.workspace_file("web").read_text())
    assert workspace["env"] == {"A": "$HOST_A"}
