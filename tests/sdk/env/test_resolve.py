from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest

from jackin_sdk.debug import contains_secret
from jackin_sdk.env import (
    EnvError,
    EnvLayer,
    EnvSource,
    EnvValue,
    ExtendedValue,
    OpClient,
    OpRef,
    ResolvedEnv,
    host_ref_name,
    merge_layers,
    resolve_env,
)
from jackin_sdk.errors import CodedError, ErrorCode
from tests.sdk.env._fake_op import FakeOp


def _resolve(
    values: dict[str, EnvValue],
    *,
    host_env: dict[str, str] | None = None,
    op: OpClient | None = None,
    include_on_demand: bool = False,
) -> ResolvedEnv:
    return resolve_env(
        merge_layers([EnvLayer.global_env(values)]),
        host_env=host_env or {},
        op=op,
        include_on_demand=include_on_demand,
    )


def _ref(uri: str, *, account: str | None = None, on_demand: bool = False) -> OpRef:
    return OpRef(op=uri, path=uri.removeprefix("op://"), account=account, on_demand=on_demand)


@pytest.mark.parametrize("text", ["$PROJECT_DIR", "${PROJECT_DIR}"])
@pytest.mark.parametrize("extended", [False, True])
def test_whole_string_host_reference(text: str, extended: bool) -> None:
    value: EnvValue = ExtendedValue(value=text) if extended else text
    env = _resolve({"DIR": value}, host_env={"PROJECT_DIR": "/srv/app"})
    assert env.values == {"DIR": "/srv/app"}
    assert env.sources["DIR"] == EnvSource("host", "$PROJECT_DIR", "global [env]")


@pytest.mark.parametrize(
    "text",
    ["x-${FOO}", "${FOO}-x", "$FOO/bar", "${FOO", "$1FOO", "$$FOO", "${FO-O}", "", "op://v/i/f"],
)
def test_anything_but_a_whole_reference_is_literal(text: str) -> None:
    assert host_ref_name(text) is None
    env = _resolve({"V": text}, host_env={"FOO": "foo"})
    assert env.values == {"V": text}
    assert env.sources["V"].kind == "literal"


def test_unset_host_variable_names_key_and_variable() -> None:
    with pytest.raises(EnvError) as caught:
        _resolve({"TOKEN": "${NOT_THERE}"}, host_env={})
    assert str(caught.value) == 'TOKEN: host env var "NOT_THERE" is not set'


def test_empty_host_variable_is_set() -> None:
    assert _resolve({"V": "$EMPTY"}, host_env={"EMPTY": ""}).values == {"V": ""}


def test_on_demand_values_are_skipped_unless_asked_for(fake_op: FakeOp) -> None:
    fake_op.add("op://v/i/ondemand", "on-demand-secret-7c1e")
    values: dict[str, EnvValue] = {
        "LATER": ExtendedValue(value="$HOST_ONLY", on_demand=True),
        "LATER_OP": _ref("op://v/i/ondemand", on_demand=True),
        "NOW": "now",
    }
    env = _resolve(values, op=fake_op.client())
    assert env.values == {"NOW": "now"}
    assert env.on_demand == ("LATER", "LATER_OP")
    assert fake_op.calls() == []  # nothing to read, so `op` is not even probed

    env = _resolve(values, host_env={"HOST_ONLY": "h"}, op=fake_op.client(), include_on_demand=True)
    assert env.values == {"LATER": "h", "LATER_OP": "on-demand-secret-7c1e", "NOW": "now"}
    assert env.on_demand == ()


def test_op_reference_is_read_with_its_account(fake_op: FakeOp) -> None:
    fake_op.add("op://Work/OpenAI/api-key", "sk-acme-openai-9f2b\n", account="ACME")
    env = _resolve(
        {"OPENAI_API_KEY": _ref("op://Work/OpenAI/api-key", account="ACME")},
        op=fake_op.client(),
    )
    # The fake adds a newline after the stored value; exactly one is stripped.
    assert env.values == {"OPENAI_API_KEY": "sk-acme-openai-9f2b\n"}
    assert env.sources["OPENAI_API_KEY"] == EnvSource(
        "op", "op://Work/OpenAI/api-key", "global [env]"
    )
    read = fake_op.commands()[-1]
    assert read[:3] == ["read", "--account", "ACME"]
    assert read[-2:] == ["--", "op://Work/OpenAI/api-key"]
    assert contains_secret("sk-acme-openai-9f2b")


def test_op_is_probed_once_for_many_references(fake_op: FakeOp) -> None:
    fake_op.add("op://v/i/one", "first-secret-0a1b")
    fake_op.add("op://v/i/two", "second-secret-2c3d")
    env = _resolve({"ONE": _ref("op://v/i/one"), "TWO": _ref("op://v/i/two")}, op=fake_op.client())
    assert env.values == {"ONE": "first-secret-0a1b", "TWO": "second-secret-2c3d"}
    assert [c[0] for c in fake_op.commands()] == ["--version", "account", "read", "read"]


def test_secret_goes_through_a_private_file_that_is_removed(
    fake_op: FakeOp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    fake_op.add("op://v/i/f", "file-secret-4e5f")
    assert fake_op.client().read(_ref("op://v/i/f")) == "file-secret-4e5f"
    call = fake_op.calls()[-1]
    assert call["dir_mode"] == "0o700"
    args = call["args"]
    assert isinstance(args, list)
    out = Path(args[2])
    assert out.parent.parent == private_tmp
    assert args == [
        "read",
        "--out-file",
        str(out),
        "--file-mode",
        "0600",
        "--",
        "op://v/i/f",
    ]
    assert list(private_tmp.iterdir()) == []


def test_every_failure_is_reported_at_once(fake_op: FakeOp) -> None:
    fake_op.add("op://v/i/good", "good-secret-6a7b")
    with pytest.raises(EnvError) as caught:
        _resolve(
            {
                "GOOD": _ref("op://v/i/good"),
                "MISSING_REF": _ref("op://v/i/missing"),
                "HOST": "$UNSET_ONE",
                "LITERAL": "fine",
                "OTHER": ExtendedValue(value="${UNSET_TWO}"),
            },
            op=fake_op.client(),
        )
    assert caught.value.problems == (
        "MISSING_REF: op://v/i/missing: op read exited with 1: "
        "[ERROR] could not read secret op://v/i/missing",
        'HOST: host env var "UNSET_ONE" is not set',
        'OTHER: host env var "UNSET_TWO" is not set',
    )
    assert "good-secret-6a7b" not in str(caught.value)


def test_op_error_text_is_redacted(fake_op: FakeOp) -> None:
    fake_op.stderr_extra = " (session token=leaky-session-value-8d9e)"
    fake_op.save()
    with pytest.raises(EnvError) as caught:
        fake_op.client().read(_ref("op://v/i/nope"))
    assert "leaky-session-value-8d9e" not in str(caught.value)
    assert "op://v/i/nope" in str(caught.value)


def test_references_without_an_op_client_fail(fake_op: FakeOp) -> None:
    with pytest.raises(EnvError, match=r"^KEY: op://v/i/f needs the 1Password CLI"):
        _resolve({"KEY": _ref("op://v/i/f"), "OK": "x"}, op=None)
    assert _resolve({"OK": "x"}, op=None).values == {"OK": "x"}


def test_missing_op_binary_is_e013(tmp_path: Path) -> None:
    client = OpClient(tmp_path / "no-such-op")
    with pytest.raises(CodedError) as caught:
        _resolve({"KEY": _ref("op://v/i/f")}, op=client)
    assert caught.value.code is ErrorCode.E013
    assert caught.value.detail is not None
    assert "install the 1Password CLI" in caught.value.detail


@pytest.mark.parametrize("mode", ["signed-out", "account-error", "session-expired"])
def test_signed_out_op_is_e013(fake_op: FakeOp, mode: str) -> None:
    fake_op.add("op://v/i/f", "unreachable-secret-1234")
    fake_op.set_mode(mode)
    with pytest.raises(CodedError) as caught:
        _resolve({"KEY": _ref("op://v/i/f")}, op=fake_op.client())
    assert caught.value.code is ErrorCode.E013
    assert str(caught.value).startswith("[E013] 1Password CLI is not signed in")


def test_summary_and_trace_lines(fake_op: FakeOp) -> None:
    fake_op.add("op://v/i/f", "summary-secret-5b6c")
    env = resolve_env(
        merge_layers(
            [
                EnvLayer.global_env({"API_TOKEN": _ref("op://v/i/f"), "HOME_DIR": "$HOME"}),
                EnvLayer.workspace("my-app", {"MODE": "dev"}),
            ]
        ),
        host_env={"HOME": "/home/neo"},
        op=fake_op.client(),
    )
    assert env.summary() == "3 resolved (1 op://, 1 host ref, 1 literal)"
    assert env.trace_lines() == [
        "API_TOKEN from op://v/i/f (global [env])",
        "HOME_DIR from $HOME (global [env])",
        "MODE from literal (workspace my-app [env])",
    ]
    # A host path under a harmless name is not registered: that would mask it in every
    # trace and make run_command refuse any argv that contains it.
    assert not contains_secret("/home/neo")


def test_values_never_reach_the_debug_log_or_repr(fake_op: FakeOp, debug_log: io.StringIO) -> None:
    fake_op.add("op://v/i/token", "debug-op-secret-3f4a")
    env = _resolve(
        {
            "GH_TOKEN": _ref("op://v/i/token"),
            "DB_PASSWORD": "$HOST_DB_PASSWORD",
            "PROJECT": "${PROJECT_NAME}",
            "MODE": "plain-literal-value",
            "LITERAL_TOKEN": "literal-token-value-5c6d",
        },
        host_env={"HOST_DB_PASSWORD": "host-db-secret-7e8f", "PROJECT_NAME": "project-value-9a0b"},
        op=fake_op.client(),
    )
    log = debug_log.getvalue()
    assert "op read" in log
    assert "operator env: 5 resolved (1 op://, 2 host ref, 2 literal)" in log
    assert "GH_TOKEN from op://v/i/token (global [env])" in log
    assert "DB_PASSWORD from $HOST_DB_PASSWORD (global [env])" in log
    for value in env.values.values():
        assert value not in log
        assert value not in repr(env)
        assert value not in str(env)
    assert repr(env) == (
        "ResolvedEnv(5 resolved (1 op://, 2 host ref, 2 literal); "
        "keys: GH_TOKEN, DB_PASSWORD, PROJECT, MODE, LITERAL_TOKEN)"
    )
    assert contains_secret("debug-op-secret-3f4a")
    assert contains_secret("host-db-secret-7e8f")
    assert not contains_secret("project-value-9a0b")
    assert not contains_secret("literal-token-value-5c6d")
