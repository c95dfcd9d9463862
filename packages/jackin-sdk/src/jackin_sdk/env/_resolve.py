"""Resolving merged operator env into the values a launch injects (upstream-config.md §6.1).

A plain or extended value that is exactly `$NAME` or `${NAME}` reads the host variable;
`keyring:<service>/<username>` and `private-file:<path>` read a stored secret (see `_stored`);
any other string is a literal (no partial interpolation). An `OpRef` is read with `op`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from jackin_sdk.debug import is_secret_name, register_secret, tracer
from jackin_sdk.env._errors import EnvError
from jackin_sdk.env._layers import LayeredValue
from jackin_sdk.env._op import OpClient
from jackin_sdk.env._stored import KeyringRef, parse_stored_ref, read_stored_ref
from jackin_sdk.env._values import EnvValue, ExtendedValue, OpRef

__all__ = ["EnvSource", "ResolvedEnv", "SourceKind", "host_ref_name", "resolve_env"]

_log = tracer("env")
_HOST_REF = re.compile(r"\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})")

SourceKind = Literal["op", "host", "literal", "keyring", "file"]


def host_ref_name(text: str) -> str | None:
    """The host variable a whole-string `$NAME`/`${NAME}` value reads; None for a literal."""
    match = _HOST_REF.fullmatch(text)
    return None if match is None else match[1] or match[2]


@dataclass(frozen=True, slots=True)
class EnvSource:
    """Where a resolved key came from: its kind, origin (op URI, `$NAME`, `keyring:…`,
    `private-file:…`, `literal`) and layer."""

    kind: SourceKind
    origin: str
    layer: str


@dataclass(frozen=True, slots=True, repr=False)
class ResolvedEnv:
    """Resolved operator env: values per key and their sources; values never in repr/str."""

    values: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, EnvSource] = field(default_factory=dict)
    on_demand: tuple[str, ...] = ()
    """Keys left unresolved because they are only exposed on demand."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))
        object.__setattr__(self, "sources", MappingProxyType(dict(self.sources)))

    def summary(self) -> str:
        """The launch diagnostic, e.g. `3 resolved (1 op://, 1 host ref, 1 literal)`.

        Keyring and private-file counts are appended only when there are any.
        """
        kinds = [source.kind for source in self.sources.values()]
        counts = [
            f"{kinds.count('op')} op://",
            f"{kinds.count('host')} host ref",
            f"{kinds.count('literal')} literal",
        ]
        counts += [f"{kinds.count(kind)} {kind}" for kind in ("keyring", "file") if kind in kinds]
        return f"{len(kinds)} resolved ({', '.join(counts)})"

    @property
    def secret_keys(self) -> frozenset[str]:
        """Keys whose values came from a secret store (1Password, keyring, private file)."""
        return frozenset(
            key for key, src in self.sources.items() if src.kind in {"op", "keyring", "file"}
        )

    def trace_lines(self) -> list[str]:
        """One line per key for `--debug`: key, origin (never the value) and layer."""
        return [f"{key} from {src.origin} ({src.layer})" for key, src in self.sources.items()]

    def __repr__(self) -> str:
        return f"ResolvedEnv({self.summary()}; keys: {', '.join(self.values)})"

    __str__ = __repr__


def _on_demand(value: EnvValue) -> bool:
    return isinstance(value, OpRef | ExtendedValue) and value.on_demand


def _resolve_text(
    text: str, layer: str, *, host_env: Mapping[str, str], key: str
) -> tuple[str, EnvSource]:
    stored = parse_stored_ref(text)
    if stored is not None:
        kind: SourceKind = "keyring" if isinstance(stored, KeyringRef) else "file"
        return read_stored_ref(stored), EnvSource(kind, str(stored), layer)
    name = host_ref_name(text)
    if name is None:
        return text, EnvSource("literal", "literal", layer)
    if name not in host_env:
        raise EnvError(f'host env var "{name}" is not set')
    if is_secret_name(key) or is_secret_name(name):
        register_secret(host_env[name])
    return host_env[name], EnvSource("host", f"${name}", layer)


def _resolve_one(
    item: LayeredValue, *, host_env: Mapping[str, str], op: OpClient | None, key: str
) -> tuple[str, EnvSource]:
    value = item.value
    if isinstance(value, OpRef):
        if op is None:
            raise EnvError(f"{value.op} needs the 1Password CLI, which is not set up")
        return op.read(value), EnvSource("op", value.op, item.layer)
    text = value.value if isinstance(value, ExtendedValue) else value
    return _resolve_text(text, item.layer, host_env=host_env, key=key)


def resolve_env(
    merged: Mapping[str, LayeredValue],
    *,
    host_env: Mapping[str, str],
    op: OpClient | None,
    include_on_demand: bool = False,
) -> ResolvedEnv:
    """Resolve every merged value; raise one `EnvError` listing every key that failed.

    `op` is probed once when an `OpRef` needs it (E013 when it is missing or signed out);
    with `op=None` each `OpRef` is reported as a failure. `on_demand` values are skipped
    unless `include_on_demand`. Values read with `op`, and host values whose key or variable
    name looks secret, are registered as secrets so traces mask them; so are values read from
    the keyring or a private file (a missing or unreadable one fails its key). Other host values
    (`$HOME`) and literals are not: a registered value is masked everywhere and refused in
    any command's argv, which would break mounts and flags that merely contain it.
    """
    wanted = {
        key: item for key, item in merged.items() if include_on_demand or not _on_demand(item.value)
    }
    if op is not None and any(isinstance(item.value, OpRef) for item in wanted.values()):
        op.probe()
    values: dict[str, str] = {}
    sources: dict[str, EnvSource] = {}
    problems: list[str] = []
    for key, item in wanted.items():
        try:
            values[key], sources[key] = _resolve_one(item, host_env=host_env, op=op, key=key)
        except EnvError as exc:
            problems.extend(f"{key}: {problem}" for problem in exc.problems)
    if problems:
        raise EnvError(problems)
    env = ResolvedEnv(values, sources, tuple(key for key in merged if key not in wanted))
    _log.debug("operator env: %s", env.summary())
    for line in env.trace_lines():
        _log.debug("  %s", line)
    return env
