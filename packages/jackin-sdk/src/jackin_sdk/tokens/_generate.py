"""Minting a token with `claude setup-token` on the host.

`claude setup-token` is interactive (browser OAuth, then maybe a pasted code), so it runs
in a pseudo-terminal: the operator's keystrokes are relayed to it and its screen is
relayed to `echo` with anything that looks like a token masked on the way; the token is
then taken from the captured output. This is the one external call that cannot go
through `run_command`, which captures pipes and has no terminal to offer.
"""

from __future__ import annotations

import codecs
import os
import re
import shutil
import subprocess
import sys
import time
from typing import TextIO

from jackin_sdk.debug import MASK, register_secret, tracer
from jackin_sdk.errors import JackinError

__all__ = ["extract_token", "generate_claude_token", "mask_tokens"]

_log = tracer("tokens")
_TOKEN = re.compile(r"sk-ant-[A-Za-z0-9_-]{20,}")
_TOKEN_LINE = re.compile(r"sk-ant-[A-Za-z0-9_-]+|[A-Za-z0-9_-]{80,}")
_MASKED = re.compile(r"sk-ant-[A-Za-z0-9_-]*|[A-Za-z0-9_-]{80,}")
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
# What may continue in the next chunk: a run of token characters, with the (maybe
# unfinished) escape sequence right before it, which must not be split from it.
_TRAILING = re.compile(r"(?:\x1b(?:\[[0-?]*[ -/]*[@-~]?)?)?[A-Za-z0-9_-]*\Z")
# Wide enough that the ~110-character token is never wrapped onto two lines.
_COLUMNS = 512
_ROWS = 50
_READ_SIZE = 65536


def mask_tokens(text: str) -> str:
    """`text` with every `sk-ant-…` run, and any run of 80+ token characters, masked.

    Terminal escape sequences are kept intact (`\x1b[33m` before a token stays a colour).
    """
    parts: list[str] = []
    start = 0
    for escape in _ANSI.finditer(text):
        parts += [_MASKED.sub(MASK, text[start : escape.start()]), escape[0]]
        start = escape.end()
    parts.append(_MASKED.sub(MASK, text[start:]))
    return "".join(parts)


def extract_token(output: str) -> str | None:
    """The token in `claude setup-token`'s output: the last `sk-ant-…` run, else the last
    non-empty line that looks like a token (80+ characters of `A-Za-z0-9_-`)."""
    clean = _ANSI.sub("", output).replace("\r", "\n")
    found = _TOKEN.findall(clean)
    if found:
        return str(found[-1])
    lines = [line.strip() for line in clean.splitlines() if line.strip()]
    return next((line for line in reversed(lines) if _TOKEN_LINE.fullmatch(line)), None)


class _Masker:
    """Masks tokens in a stream; holds back a trailing run that may continue a token."""

    def __init__(self) -> None:
        self._held = ""

    def feed(self, text: str) -> str:
        text = self._held + text
        match = _TRAILING.search(text)
        cut = match.start() if match else len(text)
        self._held = text[cut:]
        return mask_tokens(text[:cut])

    def flush(self) -> str:
        text, self._held = self._held, ""
        return mask_tokens(text)


def _set_size(fd: int) -> None:
    import fcntl  # noqa: PLC0415 - POSIX only
    import struct  # noqa: PLC0415
    import termios  # noqa: PLC0415

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", _ROWS, _COLUMNS, 0, 0))


def _relay(process: subprocess.Popen[bytes], master: int, *, echo: TextIO, deadline: float) -> str:
    """Pump bytes between the terminal and `master` until the child closes it."""
    import select  # noqa: PLC0415

    stdin_fd = sys.stdin.fileno() if sys.stdin is not None and sys.stdin.isatty() else None
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    masker = _Masker()
    captured: list[str] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        watched = [master] if stdin_fd is None else [master, stdin_fd]
        ready, _, _ = select.select(watched, [], [], min(remaining, 0.5))
        if stdin_fd is not None and stdin_fd in ready:
            data = os.read(stdin_fd, _READ_SIZE)
            if data:
                os.write(master, data)
        if master in ready:
            try:
                chunk = os.read(master, _READ_SIZE)
            except OSError:  # EIO: the child closed its side of the terminal
                chunk = b""
            if not chunk:
                break
            text = decoder.decode(chunk)
            captured.append(text)
            echo.write(masker.feed(text))
            echo.flush()
        elif process.poll() is not None and not ready:
            break
    tail = decoder.decode(b"", final=True)
    captured.append(tail)
    echo.write(masker.flush() + mask_tokens(tail))
    echo.flush()
    return "".join(captured)


def _run_in_terminal(argv: list[str], *, echo: TextIO, timeout: float) -> tuple[int, str]:
    import pty  # noqa: PLC0415 - POSIX only
    import termios  # noqa: PLC0415
    import tty  # noqa: PLC0415

    master, slave = pty.openpty()
    _set_size(slave)
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, start_new_session=True
    )
    os.close(slave)
    stdin_fd = sys.stdin.fileno() if sys.stdin is not None and sys.stdin.isatty() else None
    saved = termios.tcgetattr(stdin_fd) if stdin_fd is not None else None
    try:
        if stdin_fd is not None:
            tty.setraw(stdin_fd)
        output = _relay(process, master, echo=echo, deadline=time.monotonic() + timeout)
        return process.wait(timeout=5), output
    except TimeoutError:
        raise JackinError(f"claude setup-token did not finish within {timeout:g} s") from None
    finally:
        if stdin_fd is not None and saved is not None:
            termios.tcsetattr(stdin_fd, termios.TCSADRAIN, saved)
        os.close(master)
        if process.poll() is None:
            process.kill()
            process.wait()


def generate_claude_token(
    *, claude: str = "claude", echo: TextIO | None = None, timeout: float = 600.0
) -> str:
    """Run `claude setup-token` in a pseudo-terminal and return the token it prints.

    The operator sees its screen on `echo` (default stderr) with the token masked; the
    token is registered as a secret. Raises `JackinError` when `claude` is not on PATH,
    exits non-zero, prints no token or runs past `timeout` seconds.
    """
    if os.name != "posix":
        raise JackinError("--generate needs a POSIX host; pass the token with --token-stdin")
    found = shutil.which(claude)
    if found is None:
        raise JackinError(
            f"`{claude}` is not on PATH; install Claude Code, or run `claude setup-token` "
            "elsewhere and pass the token with --token-stdin"
        )
    _log.debug("$ %s setup-token (in a pseudo-terminal)", found)
    code, output = _run_in_terminal(
        [found, "setup-token"], echo=echo if echo is not None else sys.stderr, timeout=timeout
    )
    _log.debug("  exit %d", code)
    token = extract_token(output)
    if token is not None:
        register_secret(token)
    if code != 0:
        raise JackinError(f"claude setup-token exited with {code}; no token was stored")
    if token is None:
        raise JackinError("claude setup-token finished without printing a token")
    return token
