"""How `config env list` and `workspace env list` show a stored value: as written, except
a literal that looks like a secret, which is masked unless the operator asks to see it.

The reference prints every stored value as is (upstream-cli.md §3.9). A literal secret in
`config.toml` is already a risk the operator took; printing it again puts it in a
terminal's scrollback, a screen share or a pasted bug report. References (`$VAR`,
`op://…`, `keyring:…`, `private-file:…`) say only where a value lives, so they are shown.
"""

from __future__ import annotations

from jackin_sdk.debug import MASK, is_secret_name, looks_secret_value
from jackin_sdk.env._cli_ref import is_env_reference
from jackin_sdk.env._values import EnvValue, ExtendedValue, OpRef

__all__ = ["describe_env_value", "is_secret_literal"]


def _literal(value: EnvValue) -> str | None:
    """The text of a literal value; None for a reference."""
    if isinstance(value, OpRef):
        return None
    text = value.value if isinstance(value, ExtendedValue) else value
    return None if is_env_reference(text) else text


def is_secret_literal(key: str, value: EnvValue) -> bool:
    """Whether `value` of `key` is a stored literal (not a reference) that looks like a
    secret: its key is named like one (`*TOKEN*`, `*_KEY`, `*PASSWORD*`, …) or the value
    is shaped like a credential (`ghp_…`, `sk-…`, `scheme://user:pw@…`, a long mixed
    token), as `jackin_sdk.debug` recognises them. An empty literal hides nothing."""
    text = _literal(value)
    return bool(text) and (is_secret_name(key) or looks_secret_value(text or ""))


def describe_env_value(key: str, value: EnvValue, *, show_values: bool = False) -> str:
    """The stored value of `key` as a listing shows it (never resolved): an `op://`
    reference with its account, a literal or `$VAR`, `(on demand)` when so marked; a
    secret-looking literal as `***` unless `show_values`."""
    if isinstance(value, OpRef):
        text = value.op + (f" (account {value.account})" if value.account else "")
        return text + (" (on demand)" if value.on_demand else "")
    on_demand = isinstance(value, ExtendedValue) and value.on_demand
    shown = value.value if isinstance(value, ExtendedValue) else value
    if not show_values and is_secret_literal(key, value):
        shown = MASK
    return shown + (" (on demand)" if on_demand else "")
