"""A fake `op` executable for tests: serves secrets from a JSON file beside it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from jackin_sdk.env import OpClient

_SCRIPT = """#!{python}
import json, os, sys
from pathlib import Path

args = sys.argv[1:]
config = json.loads(Path({config!r}).read_text())
call = {{"args": args}}
mode = config["mode"]

def finish(code, out="", err=""):
    with open({calls!r}, "a") as log:
        log.write(json.dumps(call) + "\\n")
    sys.stdout.write(out)
    sys.stderr.write(err)
    sys.exit(code)

if args == ["--version"]:
    finish(0, "2.30.0\\n")
if args[:2] == ["account", "list"]:
    if mode == "account-error":
        finish(1, err="[ERROR] cannot list accounts\\n")
    if mode == "signed-out":
        finish(0, "[]\\n")
    finish(0, json.dumps([{{"url": "acme.1password.com", "account_uuid": "A1"}}]) + "\\n")
if args[:1] == ["read"]:
    rest, options = args[1:], {{}}
    while rest and rest[0] != "--":
        flag = rest.pop(0)
        options[flag] = rest.pop(0)
    ref = rest[1]
    if mode == "session-expired":
        finish(1, err="[ERROR] You are not currently signed in. Run op signin\\n")
    account = options.get("--account")
    key = account + ":" + ref if account else ref
    if key not in config["secrets"]:
        finish(1, err="[ERROR] could not read secret " + ref + config["stderr_extra"] + "\\n")
    out = options["--out-file"]
    call["dir_mode"] = oct(os.stat(os.path.dirname(out)).st_mode & 0o777)
    mode_bits = int(options.get("--file-mode", "0644"), 8)
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode_bits)
    os.write(fd, (config["secrets"][key] + "\\n").encode())
    os.close(fd)
    finish(0, out + "\\n")
finish(2, err="[ERROR] unknown command\\n")
"""


class FakeOp:
    """Writes the fake `op` into `directory`; tests change its secrets and mode."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / "op"
        self._config = directory / "op-config.json"
        self._calls = directory / "op-calls.jsonl"
        self.secrets: dict[str, str] = {}
        self.mode = "ok"
        self.stderr_extra = ""
        self.save()
        self.path.write_text(
            _SCRIPT.format(python=sys.executable, config=str(self._config), calls=str(self._calls))
        )
        self.path.chmod(0o755)

    def save(self) -> None:
        """Write the current secrets, mode and extra stderr text for the script to serve."""
        self._config.write_text(
            json.dumps(
                {"secrets": self.secrets, "mode": self.mode, "stderr_extra": self.stderr_extra}
            )
        )

    def add(self, ref: str, value: str, *, account: str | None = None) -> None:
        """Serve `value` for `ref` (only when read with `account`, if given)."""
        self.secrets[f"{account}:{ref}" if account else ref] = value
        self.save()

    def set_mode(self, mode: str) -> None:
        """`ok`, `signed-out` (no accounts), `account-error` or `session-expired`."""
        self.mode = mode
        self.save()

    def client(self) -> OpClient:
        """An `OpClient` running this fake."""
        return OpClient(self.path)

    def calls(self) -> list[dict[str, object]]:
        """Every invocation so far, in order, with its arguments."""
        if not self._calls.exists():
            return []
        return [json.loads(line) for line in self._calls.read_text().splitlines()]

    def commands(self) -> list[list[str]]:
        """The argument lists of every invocation so far."""
        result: list[list[str]] = []
        for call in self.calls():
            args = call["args"]
            assert isinstance(args, list)
            result.append([str(arg) for arg in args])
        return result
