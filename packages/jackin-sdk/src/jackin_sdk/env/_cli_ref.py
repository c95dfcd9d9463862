"""`op://` references typed on the command line (`config env set`, `workspace env set`)."""

from __future__ import annotations

from jackin_sdk.env._op import OpClient
from jackin_sdk.env._values import EnvValue, OpRef
from jackin_sdk.errors import UsageError

__all__ = ["coerce_cli_env_value", "op_ref_from_cli"]

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
