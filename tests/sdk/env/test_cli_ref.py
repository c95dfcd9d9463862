from __future__ import annotations

import pytest

from jackin_sdk.env import EnvError, OpRef, coerce_cli_env_value, op_ref_from_cli
from jackin_sdk.errors import CodedError, ErrorCode, UsageError
from tests.sdk.env._fake_op import FakeOp


@pytest.mark.parametrize(
    ("uri", "path"),
    [
        ("op://Work/OpenAI/api-key", "Work/OpenAI/api-key"),
        ("op://Work/Prod DB/connection/url", "Work/Prod DB/connection/url"),
        ("op://Work/GitHub/one-time password?attribute=otp", "Work/GitHub/one-time password"),
    ],
)
def test_valid_reference_is_checked_and_kept_as_typed(fake_op: FakeOp, uri: str, path: str) -> None:
    fake_op.add(uri, "cli-checked-secret-1a2b", account="ACME")
    ref = op_ref_from_cli(uri, account="ACME", client=fake_op.client())
    assert ref == OpRef(op=uri, path=path, account="ACME")
    assert fake_op.commands()[-1][-2:] == ["--", uri]


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("https://Work/Item/field", "is not an op:// reference"),
        ("op://Work/Item", "must look like"),
        ("op://Work/Item/Section/field/extra", "must look like"),
        ("op://Work//field", "empty segment"),
        ("op:///Item/field", "empty segment"),
        ("op://Work/Item/ ", "empty segment"),
        ("op://${VAULT}/Item/field", r"must not contain \"\$\{\""),
        ("op://Work/Item/field?attribute", "malformed query"),
    ],
)
def test_malformed_references_are_rejected_before_running_op(
    fake_op: FakeOp, uri: str, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        op_ref_from_cli(uri, account=None, client=fake_op.client())
    assert fake_op.calls() == []


def test_unresolvable_reference_names_the_uri(fake_op: FakeOp) -> None:
    with pytest.raises(EnvError, match=r"^op://Work/Nope/field: op read exited with 1"):
        op_ref_from_cli("op://Work/Nope/field", account=None, client=fake_op.client())


def test_signed_out_op_is_e013(fake_op: FakeOp) -> None:
    fake_op.set_mode("signed-out")
    with pytest.raises(CodedError) as caught:
        op_ref_from_cli("op://Work/Item/field", account=None, client=fake_op.client())
    assert caught.value.code is ErrorCode.E013


def test_coerce_keeps_plain_strings_and_converts_op_uris(fake_op: FakeOp) -> None:
    client = fake_op.client()
    assert coerce_cli_env_value("$HOME", account=None, client=client) == "$HOME"
    assert coerce_cli_env_value("x op://a/b/c", account=None, client=client) == "x op://a/b/c"
    assert fake_op.calls() == []
    fake_op.add("op://Work/Item/field", "coerced-secret-3c4d")
    assert coerce_cli_env_value("op://Work/Item/field", account=None, client=client) == OpRef(
        op="op://Work/Item/field", path="Work/Item/field"
    )
