"""Operator env values: types, the four layers, reserved names and resolution."""

from jackin_sdk.env._cli_ref import (
    argv_secret_warning,
    coerce_cli_env_value,
    env_value_from_input,
    is_env_reference,
    op_ref_from_cli,
)
from jackin_sdk.env._display import describe_env_value, is_secret_literal
from jackin_sdk.env._errors import EnvError
from jackin_sdk.env._layers import EnvLayer, LayeredValue, merge_layers, presence
from jackin_sdk.env._op import OpClient
from jackin_sdk.env._reserved import RESERVED_ENV_NAMES, check_reserved, is_reserved
from jackin_sdk.env._resolve import (
    EnvSource,
    ResolvedEnv,
    SourceKind,
    host_ref_name,
    resolve_env,
)
from jackin_sdk.env._stored import (
    FileRef,
    KeyringRef,
    StoredRef,
    parse_stored_ref,
    read_stored_ref,
)
from jackin_sdk.env._values import EnvValue, ExtendedValue, OpRef

__all__ = [
    "RESERVED_ENV_NAMES",
    "EnvError",
    "EnvLayer",
    "EnvSource",
    "EnvValue",
    "ExtendedValue",
    "FileRef",
    "KeyringRef",
    "LayeredValue",
    "OpClient",
    "OpRef",
    "ResolvedEnv",
    "SourceKind",
    "StoredRef",
    "argv_secret_warning",
    "check_reserved",
    "coerce_cli_env_value",
    "describe_env_value",
    "env_value_from_input",
    "host_ref_name",
    "is_env_reference",
    "is_reserved",
    "is_secret_literal",
    "merge_layers",
    "op_ref_from_cli",
    "parse_stored_ref",
    "presence",
    "read_stored_ref",
    "resolve_env",
]
