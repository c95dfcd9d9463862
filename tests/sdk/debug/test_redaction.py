from __future__ import annotations

import io
import logging

import pytest

from jackin_sdk._env import env_flag, is_debug_enabled
from jackin_sdk.debug import (
    LOGGER_NAME,
    MASK,
    RedactingFilter,
    disable_debug,
    enable_debug,
    is_secret_name,
    redact,
    register_secret,
)


@pytest.mark.parametrize("value", [None, "", "0", "n", "no", "f", "false", "off", " OFF ", "No"])
def test_falsey_values(value: str | None) -> None:
    assert env_flag(value) is False


@pytest.mark.parametrize("value", ["1", "yes", "true", "on", "debug", "anything"])
def test_truthy_values(value: str) -> None:
    assert env_flag(value) is True
    assert is_debug_enabled({"JACKIN_DEBUG": value})


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("ANTHROPIC_API_KEY", True),
        ("GH_TOKEN", True),
        ("CLAUDE_CODE_OAUTH_TOKEN", True),
        ("DB_PASSWORD", True),
        ("client_secret", True),
        ("SSH_PRIVATE_KEY", True),
        ("HOME", False),
        ("JACKIN_ROLE", False),
        ("KEYBOARD", False),
    ],
)
def test_secret_names(name: str, secret: bool) -> None:
    assert is_secret_name(name) is secret


def test_assignments_in_env_toml_json_yaml_are_masked() -> None:
    text = (
        "GH_TOKEN=ghp_abcdef123456 HOME=/root\n"
        'api_key = "sk-live-999"\n'
        '{"OPENAI_API_KEY": "sk-proj-777", "model": "gpt"}\n'
        "oauth_token: tok-555\n"
    )
    out = redact(text)
    for leaked in ("ghp_abcdef123456", "sk-live-999", "sk-proj-777", "tok-555"):
        assert leaked not in out
    assert "HOME=/root" in out
    assert '"model": "gpt"' in out
    assert f'api_key = "{MASK}"' in out


def test_registered_values_are_masked_anywhere() -> None:
    register_secret("resolved-from-1password-xyz")
    assert redact("docker said resolved-from-1password-xyz!") == f"docker said {MASK}!"


def test_bearer_tokens_are_masked() -> None:
    assert "abcdefgh12345678" not in redact("Authorization: Bearer abcdefgh12345678")


def test_debug_log_lines_go_through_the_filter() -> None:
    register_secret("hunter2-very-secret")
    stream = io.StringIO()
    handler = enable_debug(stream)
    logger = logging.getLogger(f"{LOGGER_NAME}.test")
    try:
        logger.debug("value %s and TOKEN=%s", "hunter2-very-secret", "abc123xyz")
        try:
            raise ValueError("boom hunter2-very-secret")
        except ValueError:
            logger.exception("failed")
    finally:
        disable_debug(handler)
    out = stream.getvalue()
    assert "hunter2" not in out
    assert "abc123xyz" not in out
    assert "[jackin] value *** and TOKEN=***" in out
    assert "ValueError: boom ***" in out


def test_filter_works_on_foreign_handlers() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "PASSWORD=%s", ("p4ssw0rd!",), None)
    assert RedactingFilter().filter(record)
    assert record.getMessage() == f"PASSWORD={MASK}"
