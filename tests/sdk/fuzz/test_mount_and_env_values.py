"""Mount specs and operator env values, from any text: a value or the documented error
(MountError, EnvError, UsageError, E013), never another exception."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jackin_sdk.env import (
    EnvError,
    EnvLayer,
    ExtendedValue,
    OpClient,
    OpRef,
    coerce_cli_env_value,
    host_ref_name,
    merge_layers,
    parse_stored_ref,
    resolve_env,
)
from jackin_sdk.errors import CodedError, ErrorCode, UsageError
from jackin_sdk.mounts import (
    MountError,
    find_redundant,
    parse_isolation_override,
    parse_mount_spec,
    validate_mount_specs,
)
from jackin_sdk.tables import TableError, validate_table

FUZZ = settings(
    max_examples=int(os.environ.get("JACKIN_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
CWD = Path("/work/project")
HOME = Path("/home/operator")

_mount_parts = st.sampled_from(
    ["~", "~/", "/", ".", "..", ":", ":ro", ":rw", "ro", "src", "/dst", "a b", "\x00", "\n",
     "~user", "//", "\\", "/proc", "/jackin", "é", "\u202e", "*", "$HOME"]
)  # fmt: skip
mount_specs = st.text(max_size=30) | st.lists(_mount_parts, max_size=8).map("".join)


@FUZZ
@given(mount_specs)
def test_a_mount_spec_parses_or_is_a_mount_error(spec: str) -> None:
    try:
        mount = parse_mount_spec(spec, cwd=CWD, home=HOME)
    except MountError:
        return
    assert mount.src.startswith("/")


@FUZZ
@given(st.lists(mount_specs, max_size=5))
def test_a_mount_list_validates_or_is_a_mount_error(specs: list[str]) -> None:
    mounts = []
    for spec in specs:
        try:
            mounts.append(parse_mount_spec(spec, cwd=CWD, home=HOME))
        except MountError:
            continue
    try:
        validate_mount_specs(mounts)
    except MountError:
        return
    find_redundant(mounts)


@FUZZ
@given(mount_specs)
def test_an_isolation_override_parses_or_is_refused(text: str) -> None:
    with contextlib.suppress(MountError, UsageError):
        parse_isolation_override(text)


_env_text = st.text(max_size=24) | st.sampled_from(
    ["$", "$HOME", "${HOME}", "${", "$1", "${A-B}", "keyring:", "keyring:svc/", "keyring:s/u",
     "keyring: /u", "private-file:", "private-file:/", "private-file:relative",
     "private-file:/dev/zero", "op://", "op://v/i/f", "op://v/i/s/f", "op://v//f",
     "op://v/i/f?attr", "op://v/i/f?a=b", "op://${X}/i/f", "file:///tmp/x"]
)  # fmt: skip
_env_values = st.one_of(
    _env_text,
    st.builds(ExtendedValue, value=_env_text, on_demand=st.booleans()),
    st.builds(OpRef, op=_env_text.map(lambda t: "op://" + t), path=_env_text),
)
_toml_env_values = st.recursive(
    st.text(max_size=8) | st.booleans() | st.integers() | st.sampled_from(["op://v/i/f", "$X"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["op", "path", "account", "on_demand", "value", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=8,
)


@FUZZ
@given(_env_text)
def test_value_forms_are_recognised_without_raising(text: str) -> None:
    name = host_ref_name(text)
    assert name is None or text in {f"${name}", f"${{{name}}}"}
    parse_stored_ref(text)


@FUZZ
@given(st.dictionaries(st.text(min_size=1, max_size=8), _toml_env_values, max_size=4))
def test_an_env_table_from_toml_validates_or_is_a_schema_error(table: dict[str, object]) -> None:
    from jackin_sdk.config import AppConfig  # noqa: PLC0415

    try:
        validate_table(AppConfig, {"env": table})
    except TableError as exc:
        issues = exc.issues
    else:
        return
    assert issues


@FUZZ
@given(
    st.dictionaries(
        st.from_regex(r"[A-Z_][A-Z0-9_]{0,6}", fullmatch=True), _env_values, max_size=4
    ),
    st.booleans(),
)
def test_env_resolves_or_is_an_env_error(values: dict[str, object], on_demand: bool) -> None:
    merged = merge_layers([EnvLayer.global_env(values)])  # type: ignore[arg-type]
    host = {"HOME": "/home/operator", "A": "host-fuzz-value"}
    try:
        resolved = resolve_env(merged, host_env=host, op=None, include_on_demand=on_demand)
    except EnvError as exc:
        problems = exc.problems
    else:
        assert set(resolved.values) <= set(values)
        return
    assert problems


@FUZZ
@given(_env_text)
def test_a_cli_env_value_is_coerced_or_refused(text: str) -> None:
    client = OpClient(binary="/nonexistent/jackin-fuzz-op")  # probing it fails: E013
    try:
        coerce_cli_env_value(text, account=None, client=client)
    except UsageError:
        refusal = "usage"
    except CodedError as exc:
        refusal = exc.code.name
    else:
        assert not text.startswith("op://")  # an op:// value is always probed
        return
    assert text.startswith("op://")
    assert refusal in {"usage", ErrorCode.E013.name}
