"""A stand-in `op` first on PATH: the commands `OpClient` runs, nothing more.

`OpClient` runs `op --version`, `op account list --format=json` and `op read [--account A]
--out-file F --file-mode 0600 -- <ref>`. The stub serves secrets from a JSON file and
behaves per `JACKIN_TEST_OP_MODE`: `ok`; `signed-out` (`op read` fails the way the real CLI
does without a session: exit 1, `[ERROR] <date> You are not currently signed in. …`);
`hang` (`op read` sleeps far past any test timeout). An unknown reference fails with the
real CLI's "isn't an item" message.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

MODE_ENV = "JACKIN_TEST_OP_MODE"
SECRETS_ENV = "JACKIN_TEST_OP_SECRETS"

_SCRIPT = """#!{python}
import json, os, sys, time

args = sys.argv[1:]
mode = os.environ.get({mode_env!r}, "ok")
stamp = time.strftime("%Y/%m/%d %H:%M:%S")

def fail(message):
    sys.stderr.write("[ERROR] " + stamp + " " + message + "\\n")
    sys.exit(1)

if args == ["--version"]:
    print("2.30.3")
    sys.exit(0)
if args == ["account", "list", "--format=json"]:
    print(json.dumps([{{"url": "my.1password.com", "email": "neo@example.com",
                        "user_uuid": "U1", "account_uuid": "A1"}}]))
    sys.exit(0)
if args[:1] == ["read"]:
    options, rest = {{}}, args[1:]
    while rest and rest[0] != "--":
        options[rest[0]] = rest[1]
        rest = rest[2:]
    ref = rest[1]
    if mode == "hang":
        time.sleep(60)
    if mode == "signed-out":
        fail("You are not currently signed in. Please run `op signin --help` for instructions")
    with open(os.environ[{secrets_env!r}]) as handle:
        secrets = json.load(handle)
    if ref not in secrets:
        vault, item = ref[len("op://"):].split("/")[:2]
        fail("could not read secret '" + ref + "': could not get item " + vault + "/" + item
             + ': "' + item + '" isn\\'t an item in the "' + vault + '" vault. Specify the item '
             "with its UUID, name, or domain.")
    fd = os.open(options["--out-file"], os.O_WRONLY | os.O_CREAT | os.O_EXCL,
                 int(options["--file-mode"], 8))
    os.write(fd, (secrets[ref] + "\\n").encode())
    os.close(fd)
    sys.exit(0)
fail('unknown command "' + " ".join(args) + '" for "op"')
"""


class OpStub:
    """The stub's secrets and mode; the executable itself is `<tmp>/bin/op` on PATH."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        bin_dir = root / "bin"
        bin_dir.mkdir(parents=True, exist_ok=True)
        self.path = bin_dir / "op"
        self.path.write_text(
            _SCRIPT.format(python=sys.executable, mode_env=MODE_ENV, secrets_env=SECRETS_ENV)
        )
        self.path.chmod(0o755)
        self._secrets_file = root / "op-secrets.json"
        self._secrets: dict[str, str] = {}
        self._monkeypatch = monkeypatch
        self._save()
        monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
        monkeypatch.setenv(SECRETS_ENV, str(self._secrets_file))
        self.set_mode("ok")

    def _save(self) -> None:
        self._secrets_file.write_text(json.dumps(self._secrets))

    def add(self, ref: str, value: str) -> None:
        """Serve `value` for `ref`."""
        self._secrets[ref] = value
        self._save()

    def set_mode(self, mode: str) -> None:
        """`ok`, `signed-out` or `hang`."""
        self._monkeypatch.setenv(MODE_ENV, mode)


@pytest.fixture
def op_stub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> OpStub:
    """A stand-in `op` first on PATH, in `ok` mode with no secrets."""
    return OpStub(tmp_path / "op-stub", monkeypatch)
