"""Values shaped like credentials are recognised and masked whatever their names."""

from __future__ import annotations

import pytest

from jackin_sdk.debug import MASK, looks_secret_value, redact, secret_parts

GITHUB_CLASSIC = "ghp_" + "Q8x2Lr7Vn4Kd9Wm3Ts6Yb1Hc5Jf0Pa2Ze7Ug"
ANTHROPIC = "sk-ant-api03-" + "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm-AA"


@pytest.mark.parametrize(
    "value",
    [
        GITHUB_CLASSIC,
        "github_pat_11ABCDEFG0abcdefghijklmnopqrstuvwxyz",
        ANTHROPIC,
        "sk-proj-abcdefghijklmnopqrstuvwx",
        "xoxb-1234567890-abcdefghij",
        "glpat-abcdefghijklmnopqrst",
        "AKIAIOSFODNN7EXAMPLE",
        "AIza" + "SyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n",
        "postgres://u:pw@h/db",
        "redis://:hunter22@cache:6379/0",
        "https://deploy:s3cr3t@git.example.com/org/repo.git",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",  # AWS secret access key shape
    ],
)
def test_credential_shapes_are_recognised(value: str) -> None:
    assert looks_secret_value(value)


@pytest.mark.parametrize(
    "value",
    [
        "development",
        "https://api.example.com/v1",
        "postgres://db.internal:5432/app",
        "/Users/Alice/src/Project2024/backend/services/api",
        "0123456789abcdef0123456789abcdef01234567",  # a commit id
        "123e4567-e89b-12d3-a456-426614174000",  # a UUID
        "task-abcdefghijklmnopqrstuvwxyz",  # `sk-` inside a word
        "$GITHUB_TOKEN",
        "op://Private/GitHub/token",
        "",
    ],
)
def test_ordinary_values_are_not_taken_for_credentials(value: str) -> None:
    assert not looks_secret_value(value)


def test_redact_masks_shapes_and_url_passwords_under_any_name() -> None:
    text = (
        f"GITHUB_PAT={GITHUB_CLASSIC} FOO={ANTHROPIC}\n"
        "cloning https://deploy:s3cr3t@git.example.com/org/repo.git\n"
        "db at postgres://app:Pw-7f3kq9x2@db.internal/app, docs at https://x.dev:8080/a\n"
    )
    out = redact(text)
    for leaked in (GITHUB_CLASSIC, ANTHROPIC, "s3cr3t", "Pw-7f3kq9x2"):
        assert leaked not in out
    assert f"https://deploy:{MASK}@git.example.com/org/repo.git" in out
    assert "https://x.dev:8080/a" in out


def test_secret_parts_include_a_url_password() -> None:
    assert secret_parts("postgres://app:Pw-7f3kq9x2@db/app") == [
        "postgres://app:Pw-7f3kq9x2@db/app",
        "Pw-7f3kq9x2",
    ]
    assert secret_parts("plain") == ["plain"]
