"""A stand-in `claude` first on PATH whose `setup-token` prints a screen like the real one."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import pytest

MODE_ENV = "JACKIN_TEST_CLAUDE_MODE"
TOKEN_ENV = "JACKIN_TEST_CLAUDE_TOKEN"

# Prints a screen like the real command's: colours, an OAuth URL with long query values,
# then the token, written in pieces so it straddles reads.
_CLAUDE = """#!{python}
import os, sys, time

mode = os.environ[{mode_env!r}]
token = os.environ[{token_env!r}]
if sys.argv[1:] != ["setup-token"] or not os.isatty(1):
    sys.exit(64)
out = sys.stdout
out.write("\\x1b[1mWelcome to Claude Code\\x1b[0m\\r\\n")
out.write("Browser didn't open? Use the url below to sign in:\\r\\n")
out.write("https://claude.ai/oauth/authorize?code=true&state=" + "s" * 43 + "\\r\\n")
out.flush()
if mode == "hang":
    time.sleep(60)
if mode == "fail":
    out.write("OAuth error: access denied\\r\\n")
    sys.exit(1)
if mode == "none":
    sys.exit(0)
out.write("\\x1b[32m✓ Long-lived authentication token created successfully!\\x1b[39m\\r\\n")
out.write("Your OAuth token (valid for 1 year):\\r\\n\\r\\n\\x1b[33m")
if mode == "bare":
    token = token[len("sk-ant-oat01-"):]
for start in range(0, len(token), 16):
    out.write(token[start:start + 16])
    out.flush()
    time.sleep(0.02)
out.write("\\x1b[39m\\r\\n\\r\\nStore this token securely.\\r\\n")
out.flush()
"""


@pytest.fixture
def claude(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A stand-in `claude` first on PATH; returns the token it will print."""
    bin_dir = tmp_path / "claude-bin"
    bin_dir.mkdir()
    script = bin_dir / "claude"
    script.write_text(_CLAUDE.format(python=sys.executable, mode_env=MODE_ENV, token_env=TOKEN_ENV))
    script.chmod(0o755)
    token = "sk-ant-oat01-" + secrets.token_urlsafe(72) + "AA"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv(TOKEN_ENV, token)
    monkeypatch.setenv(MODE_ENV, "ok")
    return token
