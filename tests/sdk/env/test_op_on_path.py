"""`resolve_env` with an `OpRef` through a stand-in `op` found on PATH, as a launch runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.debug import contains_secret, redact
from jackin_sdk.env import EnvError, EnvLayer, OpClient, OpRef, merge_layers, resolve_env
from jackin_sdk.errors import CodedError, ErrorCode
from tests.sdk.env._op_stub import OpStub

REF = "op://Private/Claude/oauth-token"


def _resolve(op: OpClient, **values: OpRef | str) -> dict[str, str]:
    merged = merge_layers([EnvLayer.workspace("web", values)])
    return dict(resolve_env(merged, host_env={}, op=op).values)


def _ref(uri: str) -> OpRef:
    return OpRef(op=uri, path=uri.removeprefix("op://"))


def test_reference_resolves_through_op_on_path(op_stub: OpStub) -> None:
    op_stub.add(REF, "op-path-secret-41d9")
    values = _resolve(OpClient(), CLAUDE_CODE_OAUTH_TOKEN=_ref(REF))
    assert values == {"CLAUDE_CODE_OAUTH_TOKEN": "op-path-secret-41d9"}
    assert contains_secret("op-path-secret-41d9")
    assert redact("token op-path-secret-41d9") == "token ***"


def test_signed_out_is_e013(op_stub: OpStub) -> None:
    op_stub.add(REF, "never-read-7a0c")
    op_stub.set_mode("signed-out")
    with pytest.raises(CodedError) as caught:
        _resolve(OpClient(), CLAUDE_CODE_OAUTH_TOKEN=_ref(REF))
    assert caught.value.code is ErrorCode.E013
    assert "You are not currently signed in" in str(caught.value)


def test_unknown_item_names_the_key_and_never_a_value(op_stub: OpStub) -> None:
    op_stub.add(REF, "resolved-alongside-93be")
    with pytest.raises(EnvError) as caught:
        _resolve(
            OpClient(),
            CLAUDE_CODE_OAUTH_TOKEN=_ref(REF),
            OTHER_TOKEN=_ref("op://Private/Nope/password"),
        )
    (problem,) = caught.value.problems
    assert problem.startswith("OTHER_TOKEN: op://Private/Nope/password: op read exited with 1")
    assert '"Nope" isn\'t an item in the "Private" vault' in problem
    assert "resolved-alongside-93be" not in str(caught.value)


def test_hanging_op_times_out(op_stub: OpStub) -> None:
    op_stub.set_mode("hang")
    with pytest.raises(EnvError) as caught:
        _resolve(OpClient(timeout=1.0), CLAUDE_CODE_OAUTH_TOKEN=_ref(REF))
    (problem,) = caught.value.problems
    assert problem.startswith(f"CLAUDE_CODE_OAUTH_TOKEN: {REF}: op read:")
    assert "did not finish within 1 s" in problem


def test_op_missing_from_path_is_e013(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CodedError) as caught:
        _resolve(OpClient(), CLAUDE_CODE_OAUTH_TOKEN=_ref(REF))
    assert caught.value.code is ErrorCode.E013
