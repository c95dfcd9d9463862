"""The daemon side of the attach handshake as a pure state machine (spec A6).

`Handshake.receive(frame)` is called with every frame a `FrameDecoder("client")`
yields. The first must be a `Hello`; it is checked and answered with a
`HandshakeAccepted` (sizes, allowlisted env, derived capabilities, spawn verdict and
`welcome(n)`). Later frames are returned unchanged, after the gate checks below.

Choices (the spec leaves these open):
- Data before Hello (any other first frame) is NOT_HELLO. `classify_first_byte` already
  refuses such a connection from its first byte; this is the same rule one layer up.
- A second Hello on the *same* connection is DUPLICATE_HELLO. Takeover (a Hello on a
  new connection displacing the attached client) is the server's business, not this
  per-connection machine's.
- Version: the Hello context may be `null` (accepted, version 1 assumed); a context
  with `v != 1` is BAD_VERSION.
- An unknown spawn agent is not a protocol error: the client attaches and
  `spawn_error` carries the message the daemon shows in its sticky "Spawn failed"
  dialog (spec A6 step 4). With `agents=None` no allowlist check is made.
- `rows`/`cols` of 0 in Hello are replaced by the default size (24x80 unless given).
- Hello env is filtered to the spec's allowlist (A3); later duplicates win.
- Capabilities: `pointer_shapes` follows the spec's rule; the other flags follow the
  upstream derivation (they gate nothing upstream yet). Overrides win.
- On any rejection the server drops the connection (spec). `farewell(error)` builds
  an optional `Shutdown` carrying the reason, which a server may write best-effort
  first so a real client exits with a message instead of "connection closed".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from jackin_capsule.contract import GIT_COAUTHOR_TRAILER_ENV, GIT_DCO_ENV
from jackin_capsule.protocol._attach import ClientFrame
from jackin_capsule.protocol._errors import ProtocolError, Reason
from jackin_capsule.protocol._frames import Shutdown, Welcome
from jackin_capsule.protocol._hello import ClientTerminal, Hello, ImageProtocol, SpawnAgent

__all__ = [
    "DEFAULT_SIZE",
    "HELLO_ENV_ALLOWLIST",
    "AttachCapabilities",
    "Handshake",
    "HandshakeAccepted",
    "derive_capabilities",
    "farewell",
]

DEFAULT_SIZE = (24, 80)
HELLO_ENV_ALLOWLIST = frozenset(
    {
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GH_TOKEN",
        GIT_COAUTHOR_TRAILER_ENV,
        GIT_DCO_ENV,
        "TZ",
        "ANTHROPIC_AUTH_TOKEN",
        "ANTHROPIC_BASE_URL",
        "ANTHROPIC_DEFAULT_OPUS_MODEL",
        "ANTHROPIC_DEFAULT_SONNET_MODEL",
        "ANTHROPIC_DEFAULT_HAIKU_MODEL",
        "API_TIMEOUT_MS",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC",
        "MINIMAX_API_KEY",
        "JACKIN_CODEX_PROFILE",
        "KIMI_CODE_API_KEY",
    }
)


@dataclass(frozen=True, slots=True)
class AttachCapabilities:
    """What the attached outer terminal can do, after overrides."""

    pointer_shapes: bool
    truecolor: bool
    sync_output: bool
    osc8: bool
    underline_style: bool
    image_protocol: ImageProtocol


def derive_capabilities(terminal: ClientTerminal) -> AttachCapabilities:
    """Capabilities from TERM / TERM_PROGRAM / COLORTERM, then the operator overrides."""
    term = (terminal.term or "").lower()
    program = (terminal.term_program or "").lower()
    known = term not in ("dumb", "linux") and bool(term or program)
    warp = "warp" in program
    ghostty = "ghostty" in term or "ghostty" in program
    kitty = "kitty" in term or "kitty" in program
    wezterm = "wezterm" in term or "wezterm" in program
    pointer = (
        known
        and not warp
        and (bool(program) or any(t in term for t in ("ghostty", "kitty", "foot")))
    )
    image: ImageProtocol = "kitty" if kitty else "none"
    o = terminal.overrides
    return AttachCapabilities(
        pointer_shapes=pointer if o.pointer_shapes is None else o.pointer_shapes,
        truecolor=(
            (terminal.colorterm or "").lower() in ("truecolor", "24bit")
            if o.truecolor is None
            else o.truecolor
        ),
        sync_output=known if o.sync_output is None else o.sync_output,
        osc8=known if o.osc8 is None else o.osc8,
        underline_style=(
            (ghostty or kitty or wezterm or "iterm" in program or "apple_terminal" in program)
            if o.underline_style is None
            else o.underline_style
        ),
        image_protocol=image if o.image_protocol is None else o.image_protocol,
    )


@dataclass(frozen=True, slots=True)
class HandshakeAccepted:
    """A valid Hello, digested for the daemon (spec A6 steps 1-4)."""

    hello: Hello
    rows: int
    cols: int
    session_env: tuple[tuple[str, str], ...]
    capabilities: AttachCapabilities
    spawn_error: str | None

    def welcome(self, session_count: int) -> Welcome:
        """The Welcome to send once spawning/focus/takeover are done (step 6)."""
        return Welcome(session_count)


def farewell(error: ProtocolError) -> Shutdown:
    """A `Shutdown` naming `error`, for a best-effort write before dropping a client."""
    return Shutdown(f"attach protocol error: {error}")


class Handshake:
    """Per-connection gate: Hello first and once, supported context versions only."""

    def __init__(
        self,
        *,
        agents: Sequence[str] | None = None,
        default_size: tuple[int, int] = DEFAULT_SIZE,
    ) -> None:
        self._agents = None if agents is None else tuple(agents)
        self._default_size = default_size
        self._state: Literal["awaiting_hello", "attached", "failed"] = "awaiting_hello"
        self._error: ProtocolError | None = None

    @property
    def state(self) -> Literal["awaiting_hello", "attached", "failed"]:
        return self._state

    def receive(self, frame: ClientFrame) -> HandshakeAccepted | ClientFrame:
        """`HandshakeAccepted` for the Hello, the frame itself afterwards; else raise."""
        if self._error is not None:
            raise ProtocolError(self._error.reason, f"handshake already failed: {self._error}")
        try:
            if self._state == "awaiting_hello":
                accepted = self._accept(frame)
                self._state = "attached"
                return accepted
            return self._check(frame)
        except ProtocolError as exc:
            self._state = "failed"
            self._error = exc
            raise

    def _accept(self, frame: ClientFrame) -> HandshakeAccepted:
        if not isinstance(frame, Hello):
            raise ProtocolError(
                Reason.NOT_HELLO, f"first attach frame is {type(frame).__name__}, not Hello"
            )
        if frame.context is not None:
            frame.context.require_supported()
        rows = frame.rows or self._default_size[0]
        cols = frame.cols or self._default_size[1]
        env = {key: value for key, value in frame.env if key in HELLO_ENV_ALLOWLIST}
        return HandshakeAccepted(
            hello=frame,
            rows=rows,
            cols=cols,
            session_env=tuple(env.items()),
            capabilities=derive_capabilities(frame.terminal),
            spawn_error=self._spawn_error(frame),
        )

    def _spawn_error(self, hello: Hello) -> str | None:
        spawn = hello.spawn
        if self._agents is None or not isinstance(spawn, SpawnAgent):
            return None
        if spawn.slug in self._agents:
            return None
        allowed = ", ".join(self._agents) or "none"
        return f"agent {spawn.slug!r} is not in this role's agents list (allowed: {allowed})"

    def _check(self, frame: ClientFrame) -> ClientFrame:
        if isinstance(frame, Hello):
            raise ProtocolError(Reason.DUPLICATE_HELLO, "a second Hello on one connection")
        return frame
