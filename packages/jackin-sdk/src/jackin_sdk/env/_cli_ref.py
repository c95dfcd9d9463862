"""Values typed on the command line (`config env set`, `workspace env set`): `op://`
references, values read from standard input, and the warning for a secret in argv."""

from __future__ import annotations

from jackin_sdk.debug import is_secret_name, looks_secret_value
from jackin_sdk.env._op import OpClient
from jackin_sdk.env._resolve import host_ref_name
from jackin_sdk.env._stored import parse_stored_ref
from jackin_sdk.env._values import EnvValue, OpRef
from jackin_sdk.errors import UsageError

__all__ = [
    "argv_secret_warning",
    "coerce_cli_env_value",
    "env_value_from_input",
    "is_env_reference",
    "op_ref_from_cli",
]

_SCHEME = "op://"
_SHAPE = "op://<vault>/<item>/[<section>/]<field>"


def _display_path(uri: str) -> str:
    if not uri.startswith(_SCHEME):
        raise UsageError(f'"{uri}" is not an op:// reference; expected {_SHAPE}')
    if "${" in uri:
        raise UsageError(f'op:// reference "{uri}" must not contain "${{"')
    body, _, query = uri.removeprefix(_SCHEME).partition("?")
    segments = body.split("/")
    if len(segments) not in (3, 4):
        raise UsageError(f'op:// reference "{uri}" must look like {_SHAPE}')
    if any(not segment.strip() for segment in segments):
        raise UsageError(f'op:// reference "{uri}" has an empty segment; expected {_SHAPE}')
    if "?" in uri and "=" not in query:
        raise UsageError(f'op:// reference "{uri}" has a malformed query; expected ?name=value')
    return "/".join(segments)


def op_ref_from_cli(uri: str, *, account: str | None, client: OpClient) -> OpRef:
    """Validate `uri`, check with `op` that it resolves, and return it as an `OpRef` table.

    The value read is discarded. The operator's URI is stored as typed, with the
    `<vault>/<item>/[<section>/]<field>` part as the display path.
    """
    path = _display_path(uri)
    client.probe()
    client.read(OpRef(op=uri, path=path, account=account))
    return OpRef(op=uri, path=path, account=account)


def coerce_cli_env_value(text: str, *, account: str | None, client: OpClient) -> EnvValue:
    """An `op://…` argument becomes a checked `OpRef`; anything else stays a plain string."""
    if text.startswith(_SCHEME):
        return op_ref_from_cli(text, account=account, client=client)
    return text


def is_env_reference(text: str) -> bool:
    """Whether `text` names where a value lives (`$VAR`, `${VAR}`, `op://…`, `keyring:…`,
    `private-file:…`) rather than being the value itself."""
    return (
        text.startswith(_SCHEME) or host_ref_name(text) is not None or bool(parse_stored_ref(text))
    )


def argv_secret_warning(key: str, value: str, *, command: str) -> str | None:
    """The warning for a secret given as a command-line argument; None when there is none.

    A literal is a secret when its key is named like one (`*TOKEN*`, `*_KEY`, …) or its
    value is shaped like a credential (`ghp_…`, `sk-…`, `scheme://user:pw@…`). References
    (`$VAR`, `op://…`, `keyring:…`, `private-file:…`) are never secrets themselves.
    `command` is how the operator runs the command without the key (`jackin config env set`).
    """
    if is_env_reference(value) or not (is_secret_name(key) or looks_secret_value(value)):
        return None
    return (
        f"warning: the value of {key} looks like a secret and was visible in the process list "
        f"(ps, /proc/<pid>/cmdline) while this command ran, and may be in your shell history; "
        f"pass it on standard input instead (`{command} {key} --stdin`), leave it out to be "
        f"prompted without echo, or store a reference ($VAR, op://…, keyring:…)"
    )


def env_value_from_input(key: str, text: str) -> str:
    """The value of `key` read from standard input or a prompt: one trailing newline
    dropped; an empty or multi-line value is a `UsageError` (env values are one line)."""
    value = text.removesuffix("\n").removesuffix("\r")
    if not value:
        raise UsageError(
            f'no value for {key} on standard input; to store an empty value pass "" as the argument'
        )
    if any(c in value for c in "\n\r\0"):
        raise UsageError(
            f"the value of {key} spans several lines (or holds a NUL); an env value is one line"
        )
    return value
