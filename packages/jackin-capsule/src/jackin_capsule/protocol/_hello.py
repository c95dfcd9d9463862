"""The attach `Hello` frame (tag 0x01): layout, caps and validation (spec A6).

Payload, in order, every integer big-endian:

    rows u16 | cols u16 | spawn_kind u8 (0 none, 1 shell, 2 agent, 3 agent+provider)
    agent_len u16 | agent                      (empty for kinds 0/1, non-empty for 2/3)
    [kind 3] provider_len u16 (1..64) | provider
    env_count u16 (<=64) | env_count x {key_len u16 (<=1024) | val_len u32 (<=8192) | key | val}
    focus_kind u8 (0/1) | [focus_session_id u64]
    term_len u16 | TERM | term_program_len u16 | TERM_PROGRAM | colorterm_len u16 | COLORTERM
                                               (each <=1024 bytes, empty = absent)
    fg_present u8 (0/1) | [r g b] ; bg_present u8 (0/1) | [r g b]
    6 override bytes: pointer_shapes, truecolor, sync_output, osc8, underline_style
                      (0 unset / 1 false / 2 true), image_protocol (0 unset / 1 none / 2 kitty)
    ctx_len u16 | ctx JSON (`null` or a context envelope)

Choices:
- The full layout is required, override bytes included (§E14: upstream's "missing
  overrides = unset" path still demands the context length after them, so it can never
  be taken by a well-formed frame). Any byte left over is TRAILING_BYTES.
- `rows`/`cols` of 0 mean "size unknown" (the daemon then uses its default, upstream
  normalises 0 the same way) and are accepted; above `MAX_DIMENSION` is BAD_DIMENSIONS.
- The context may be `null`; a non-null one must be a well-formed envelope
  (BAD_CONTEXT). Its version is checked by `Handshake`, not here.
- Text fields must be UTF-8 (BAD_UTF8); env keys/values are otherwise free-form: the
  daemon filters them by its allowlist (`Handshake` does), so the codec does not.
- An empty TERM/TERM_PROGRAM/COLORTERM is normalised to `None` on construction, so
  `encode`/decode round-trips exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import ClassVar, Literal

from jackin_capsule.protocol._context import TelemetryContext
from jackin_capsule.protocol._errors import ProtocolError, Reason
from jackin_capsule.protocol._limits import (
    MAX_DIMENSION,
    MAX_FRAME_PAYLOAD,
    MAX_HELLO_CONTEXT,
    MAX_HELLO_ENV,
    MAX_HELLO_ENV_KEY,
    MAX_HELLO_ENV_VALUE,
    MAX_HELLO_PROVIDER,
    MAX_TERMINAL_FIELD,
)
from jackin_capsule.protocol._wire import (
    U16_MAX,
    U64_MAX,
    Reader,
    check_uint,
    dump_json,
    load_json,
    text_bytes,
    u8,
    u16,
    u32,
    u64,
)

__all__ = [
    "CapabilityOverrides",
    "ClientTerminal",
    "Hello",
    "ImageProtocol",
    "SpawnAgent",
    "SpawnKind",
    "SpawnRequest",
    "SpawnShell",
]

ImageProtocol = Literal["none", "kitty"]
RGB = tuple[int, int, int]


class SpawnKind(IntEnum):
    NONE = 0
    SHELL = 1
    AGENT = 2
    AGENT_WITH_PROVIDER = 3


@dataclass(frozen=True, slots=True)
class SpawnShell:
    """`jackin-capsule new` without an agent: open a shell tab."""


@dataclass(frozen=True, slots=True)
class SpawnAgent:
    """Open an agent tab; `provider` set means the console already picked one (kind 3)."""

    slug: str
    provider: str | None = None

    def __post_init__(self) -> None:
        slug = text_bytes(self.slug, "agent slug")
        if not slug:
            raise ProtocolError(Reason.BAD_VALUE, "an agent spawn needs a non-empty slug")
        if len(slug) > U16_MAX:
            raise ProtocolError(Reason.BAD_LENGTH, "agent slug is longer than 65535 bytes")
        if self.provider is not None:
            provider = text_bytes(self.provider, "provider label")
            if not 1 <= len(provider) <= MAX_HELLO_PROVIDER:
                raise ProtocolError(
                    Reason.BAD_LENGTH,
                    f"provider label must be 1..{MAX_HELLO_PROVIDER} bytes, got {len(provider)}",
                )


SpawnRequest = SpawnShell | SpawnAgent


def _check_tristate(value: object, name: str) -> None:
    if value is not None and not isinstance(value, bool):
        raise ProtocolError(Reason.BAD_VALUE, f"override {name} must be a bool or None")


@dataclass(frozen=True, slots=True)
class CapabilityOverrides:
    """Operator overrides (`JACKIN_ATTACH_*`): `None` = not set."""

    pointer_shapes: bool | None = None
    truecolor: bool | None = None
    sync_output: bool | None = None
    osc8: bool | None = None
    underline_style: bool | None = None
    image_protocol: ImageProtocol | None = None

    BOOL_FIELDS: ClassVar[tuple[str, ...]] = (
        "pointer_shapes",
        "truecolor",
        "sync_output",
        "osc8",
        "underline_style",
    )

    def __post_init__(self) -> None:
        for name in self.BOOL_FIELDS:
            _check_tristate(getattr(self, name), name)
        if self.image_protocol not in (None, "none", "kitty"):
            raise ProtocolError(Reason.BAD_VALUE, "image_protocol must be none, kitty or None")

    def any(self) -> bool:
        """True when at least one override is set."""
        return any(getattr(self, name) is not None for name in self.BOOL_FIELDS) or (
            self.image_protocol is not None
        )

    def to_wire(self) -> bytes:
        out = bytearray()
        for name in self.BOOL_FIELDS:
            value = getattr(self, name)
            out.append(0 if value is None else 2 if value else 1)
        out.append({None: 0, "none": 1, "kitty": 2}[self.image_protocol])
        return bytes(out)

    @classmethod
    def read(cls, reader: Reader) -> CapabilityOverrides:
        flags: list[bool | None] = []
        for name in cls.BOOL_FIELDS:
            byte = reader.u8(f"{name} override")
            if byte > 2:
                raise ProtocolError(Reason.BAD_VALUE, f"{name} override byte {byte} is not 0..2")
            flags.append(None if byte == 0 else byte == 2)
        byte = reader.u8("image_protocol override")
        image: dict[int, ImageProtocol | None] = {0: None, 1: "none", 2: "kitty"}
        if byte not in image:
            raise ProtocolError(Reason.BAD_VALUE, f"image_protocol override byte {byte}")
        return cls(
            pointer_shapes=flags[0],
            truecolor=flags[1],
            sync_output=flags[2],
            osc8=flags[3],
            underline_style=flags[4],
            image_protocol=image[byte],
        )


def _check_rgb(value: RGB | None, name: str) -> None:
    if value is None:
        return
    if not isinstance(value, tuple) or len(value) != 3:
        raise ProtocolError(Reason.BAD_VALUE, f"{name} must be an (r, g, b) tuple")
    for channel in value:
        check_uint(channel, 0xFF, name)


@dataclass(frozen=True, slots=True)
class ClientTerminal:
    """The attaching terminal's identity and default colours (from its OSC 10/11 probe)."""

    term: str | None = None
    term_program: str | None = None
    colorterm: str | None = None
    default_fg: RGB | None = None
    default_bg: RGB | None = None
    overrides: CapabilityOverrides = field(default_factory=CapabilityOverrides)

    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("term", "term_program", "colorterm")

    def __post_init__(self) -> None:
        for name in self.TEXT_FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            if value == "":
                object.__setattr__(self, name, None)  # empty = absent on the wire
                continue
            if len(text_bytes(value, name)) > MAX_TERMINAL_FIELD:
                raise ProtocolError(
                    Reason.BAD_LENGTH, f"{name} is longer than {MAX_TERMINAL_FIELD} bytes"
                )
        _check_rgb(self.default_fg, "default_fg")
        _check_rgb(self.default_bg, "default_bg")


def _check_dimension(value: int, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProtocolError(Reason.BAD_DIMENSIONS, f"{name} must be an integer")
    if not 0 <= value <= MAX_DIMENSION:
        raise ProtocolError(Reason.BAD_DIMENSIONS, f"{name} {value} is outside 0..={MAX_DIMENSION}")


@dataclass(frozen=True, slots=True)
class Hello:
    """Client -> daemon 0x01: the first frame of every attach connection."""

    rows: int
    cols: int
    spawn: SpawnRequest | None = None
    env: tuple[tuple[str, str], ...] = ()
    focus_session: int | None = None
    terminal: ClientTerminal = field(default_factory=ClientTerminal)
    context: TelemetryContext | None = None

    TAG: ClassVar[int] = 0x01
    CAP: ClassVar[int] = MAX_FRAME_PAYLOAD

    def __post_init__(self) -> None:
        _check_dimension(self.rows, "rows")
        _check_dimension(self.cols, "cols")
        if len(self.env) > MAX_HELLO_ENV:
            raise ProtocolError(
                Reason.BAD_LENGTH, f"{len(self.env)} env entries exceed {MAX_HELLO_ENV}"
            )
        for key, value in self.env:
            if len(text_bytes(key, "env key")) > MAX_HELLO_ENV_KEY:
                raise ProtocolError(
                    Reason.BAD_LENGTH, f"env key is longer than {MAX_HELLO_ENV_KEY} bytes"
                )
            if len(text_bytes(value, "env value")) > MAX_HELLO_ENV_VALUE:
                raise ProtocolError(
                    Reason.BAD_LENGTH, f"env value is longer than {MAX_HELLO_ENV_VALUE} bytes"
                )
        if self.focus_session is not None:
            check_uint(self.focus_session, U64_MAX, "focus_session")
        if len(self._context_json()) > MAX_HELLO_CONTEXT:
            raise ProtocolError(Reason.BAD_LENGTH, "hello context is longer than 65535 bytes")

    @property
    def spawn_kind(self) -> SpawnKind:
        match self.spawn:
            case None:
                return SpawnKind.NONE
            case SpawnShell():
                return SpawnKind.SHELL
            case SpawnAgent(provider=None):
                return SpawnKind.AGENT
            case SpawnAgent():
                return SpawnKind.AGENT_WITH_PROVIDER

    def _context_json(self) -> bytes:
        return b"null" if self.context is None else dump_json(self.context.to_json())

    def payload(self) -> bytes:
        out = bytearray(u16(self.rows) + u16(self.cols) + u8(self.spawn_kind))
        agent = self.spawn.slug.encode() if isinstance(self.spawn, SpawnAgent) else b""
        out += u16(len(agent)) + agent
        if isinstance(self.spawn, SpawnAgent) and self.spawn.provider is not None:
            provider = self.spawn.provider.encode()
            out += u16(len(provider)) + provider
        out += u16(len(self.env))
        for key, value in self.env:
            key_raw, value_raw = key.encode(), value.encode()
            out += u16(len(key_raw)) + u32(len(value_raw)) + key_raw + value_raw
        out += b"\x00" if self.focus_session is None else b"\x01" + u64(self.focus_session)
        for name in ClientTerminal.TEXT_FIELDS:
            raw = (getattr(self.terminal, name) or "").encode()
            out += u16(len(raw)) + raw
        for colour in (self.terminal.default_fg, self.terminal.default_bg):
            out += b"\x00" if colour is None else b"\x01" + bytes(colour)
        out += self.terminal.overrides.to_wire()
        context = self._context_json()
        out += u16(len(context)) + context
        return bytes(out)

    @classmethod
    def from_payload(cls, payload: bytes) -> Hello:
        r = Reader(payload, "hello")
        rows = r.u16("rows")
        cols = r.u16("cols")
        spawn = _read_spawn(r)
        env = _read_env(r)
        focus_kind = r.u8("focus kind")
        if focus_kind > 1:
            raise ProtocolError(Reason.BAD_VALUE, f"unknown focus kind {focus_kind}")
        focus = r.u64("focus session id") if focus_kind == 1 else None
        terminal = _read_terminal(r)
        raw_context = load_json(r.take(r.u16("ctx length"), "ctx"), "hello ctx", Reason.BAD_CONTEXT)
        context = None if raw_context is None else TelemetryContext.from_json(raw_context)
        r.finish()
        return cls(rows, cols, spawn, env, focus, terminal, context)


def _read_spawn(r: Reader) -> SpawnRequest | None:
    kind = r.u8("spawn kind")
    if kind not in SpawnKind._value2member_map_:
        raise ProtocolError(Reason.BAD_VALUE, f"unknown spawn kind {kind}")
    agent = r.text(r.u16("agent length"), "agent slug")
    if kind in (SpawnKind.NONE, SpawnKind.SHELL):
        if agent:
            raise ProtocolError(Reason.BAD_VALUE, f"spawn kind {kind} must not name an agent")
        return None if kind == SpawnKind.NONE else SpawnShell()
    if kind == SpawnKind.AGENT:
        return SpawnAgent(agent)
    length = r.u16("provider length")
    if not 1 <= length <= MAX_HELLO_PROVIDER:
        raise ProtocolError(Reason.BAD_LENGTH, f"provider length {length} is outside 1..64")
    return SpawnAgent(agent, r.text(length, "provider label"))


def _read_env(r: Reader) -> tuple[tuple[str, str], ...]:
    count = r.u16("env count")
    if count > MAX_HELLO_ENV:
        raise ProtocolError(Reason.BAD_LENGTH, f"env count {count} exceeds {MAX_HELLO_ENV}")
    env: list[tuple[str, str]] = []
    for _ in range(count):
        key_len = r.u16("env key length")
        value_len = r.u32("env value length")
        if key_len > MAX_HELLO_ENV_KEY:
            raise ProtocolError(Reason.BAD_LENGTH, f"env key length {key_len} over cap")
        if value_len > MAX_HELLO_ENV_VALUE:
            raise ProtocolError(Reason.BAD_LENGTH, f"env value length {value_len} over cap")
        env.append((r.text(key_len, "env key"), r.text(value_len, "env value")))
    return tuple(env)


def _read_terminal(r: Reader) -> ClientTerminal:
    texts: list[str | None] = []
    for name in ClientTerminal.TEXT_FIELDS:
        length = r.u16(f"{name} length")
        if length > MAX_TERMINAL_FIELD:
            raise ProtocolError(Reason.BAD_LENGTH, f"{name} length {length} over cap")
        texts.append(r.text(length, name) or None)
    colours: list[RGB | None] = []
    for name in ("default fg", "default bg"):
        present = r.u8(f"{name} presence")
        if present > 1:
            raise ProtocolError(Reason.BAD_VALUE, f"{name} presence byte {present}")
        colours.append(
            (r.u8(f"{name} r"), r.u8(f"{name} g"), r.u8(f"{name} b")) if present else None
        )
    overrides = CapabilityOverrides.read(r)
    return ClientTerminal(texts[0], texts[1], texts[2], colours[0], colours[1], overrides)
