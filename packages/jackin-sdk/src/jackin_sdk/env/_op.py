"""The 1Password CLI (`op`): probing it and reading `op://` references.

Every call goes through `run_command`. A read never lets the secret cross stdout, which
`run_command` traces at debug level before returning: `op read --out-file` writes it into
a 0600 file in a private (0700) temporary directory that is removed straight after.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from jackin_sdk.debug import redact, register_secret
from jackin_sdk.env._errors import EnvError
from jackin_sdk.env._values import OpRef
from jackin_sdk.errors import CodedError, ErrorCode
from jackin_sdk.process import CommandError, CommandResult, run_command

__all__ = ["OpClient"]

_INSTALL_HINT = (
    "Install the 1Password CLI (https://developer.1password.com/docs/cli/get-started/) "
    "and run `op signin`, or replace the `op://` references with other values"
)
_SIGNED_OUT_MARKERS = ("not currently signed in", "not signed in", "session expired")


def _stderr_tail(result: CommandResult) -> str:
    lines = result.stderr.strip().splitlines()
    return redact(lines[-1].strip()) if lines else ""


class OpClient:
    """Runs the 1Password CLI; probed once, then reused for every read of one launch."""

    def __init__(self, binary: str | Path = "op", *, timeout: float = 120.0) -> None:
        self.binary = str(binary)
        self.timeout = timeout
        self._version: str | None = None

    def _run(self, *args: str, describe: str) -> CommandResult:
        return run_command(
            [self.binary, *args], timeout=self.timeout, check=False, describe=describe
        )

    def probe(self) -> str:
        """Check `op` is installed and has an account; return its version, else raise E013."""
        if self._version is not None:
            return self._version
        if shutil.which(self.binary) is None:
            raise CodedError(
                ErrorCode.E013,
                detail=f"`{self.binary}` was not found; install the 1Password CLI",
                hint=_INSTALL_HINT,
            )
        try:
            version = self._run("--version", describe="op --version")
            accounts = self._run("account", "list", "--format=json", describe="op account list")
        except CommandError as exc:
            raise CodedError(ErrorCode.E013, detail=str(exc)) from None
        if not version.ok:
            detail = f"`op --version` exited with {version.returncode}: {_stderr_tail(version)}"
            raise CodedError(ErrorCode.E013, detail=detail, hint=_INSTALL_HINT)
        if not accounts.ok:
            raise CodedError(
                ErrorCode.E013,
                detail=(
                    f"`op account list` exited with {accounts.returncode}: {_stderr_tail(accounts)}"
                ),
            )
        try:
            listed = json.loads(accounts.stdout or "[]")
        except json.JSONDecodeError:
            raise CodedError(
                ErrorCode.E013, detail="`op account list` did not return JSON"
            ) from None
        if not isinstance(listed, list) or not listed:
            raise CodedError(ErrorCode.E013, detail="`op account list` lists no account")
        self._version = version.stdout.strip() or "unknown"
        return self._version

    def read(self, ref: OpRef) -> str:
        """Return the value `ref.op` points at, without its trailing newline.

        Probes `op` first (once). The value travels through a 0600 file in a private
        temporary directory (`op read --out-file`), never through stdout, and is registered
        as a secret before it is returned. Failures raise `EnvError` naming the reference
        and the redacted last line of `op`'s stderr, never a value; an `op` that reports
        it is signed out raises E013.
        """
        self.probe()
        with tempfile.TemporaryDirectory(prefix="jackin-op-") as private:
            out = Path(private) / "value"
            args = ["read"]
            if ref.account:
                args += ["--account", ref.account]
            args += ["--out-file", str(out), "--file-mode", "0600", "--", ref.op]
            try:
                result = self._run(*args, describe="op read")
            except CommandError as exc:
                raise EnvError(f"{ref.op}: {exc}") from None
            if not result.ok:
                tail = _stderr_tail(result)
                if any(marker in tail.lower() for marker in _SIGNED_OUT_MARKERS):
                    raise CodedError(ErrorCode.E013, detail=tail)
                reason = f"op read exited with {result.returncode}"
                raise EnvError(f"{ref.op}: {reason}: {tail}" if tail else f"{ref.op}: {reason}")
            try:
                value = out.read_text(encoding="utf-8")
            except FileNotFoundError:
                raise EnvError(f"{ref.op}: op read wrote no value") from None
        value = value.removesuffix("\n")
        register_secret(value)
        return value
