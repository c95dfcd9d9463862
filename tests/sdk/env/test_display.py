"""`describe_env_value` / `is_secret_literal`: how a listing shows a stored env value."""

from __future__ import annotations

import pytest

from jackin_sdk.env import EnvValue, ExtendedValue, OpRef, describe_env_value, is_secret_literal

GITHUB = "ghp_" + "A1b2C3d4E5f6G7h8I9j0" * 2


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("PLAIN", "visible", "visible"),
        ("SERVICE_TOKEN", "tok-1234", "***"),  # by the key's name
        ("DB_PASSWORD", "x", "***"),
        ("UPSTREAM", GITHUB, "***"),  # by the value's shape
        ("DATABASE_URL", "postgres://u:pw@h/db", "***"),
        ("DATABASE_URL", "postgres://h/db", "postgres://h/db"),
        ("API_TOKEN", "$HOST_TOKEN", "$HOST_TOKEN"),  # references say where, not what
        ("API_TOKEN", "${HOST_TOKEN}", "${HOST_TOKEN}"),
        ("API_TOKEN", "keyring:jackin/x", "keyring:jackin/x"),
        ("API_TOKEN", "op://Work/Item/f", "op://Work/Item/f"),
        ("API_TOKEN", "", ""),
        ("LATE_KEY", ExtendedValue(value="abc", on_demand=True), "*** (on demand)"),
        ("LATE_TOKEN", ExtendedValue(value="$HOST", on_demand=True), "$HOST (on demand)"),
        ("PLAIN", ExtendedValue(value="visible"), "visible"),
        (
            "API_TOKEN",
            OpRef(op="op://W/I/f", path="W/I/f", account="ACME", on_demand=True),
            "op://W/I/f (account ACME) (on demand)",
        ),
    ],
)
def test_secret_literals_are_masked_references_shown(key: str, value: EnvValue, shown: str) -> None:
    assert describe_env_value(key, value) == shown
    assert is_secret_literal(key, value) == (shown.startswith("***"))


def test_show_values_prints_them() -> None:
    assert describe_env_value("UPSTREAM", GITHUB, show_values=True) == GITHUB
    late = ExtendedValue(value="abc", on_demand=True)
    assert describe_env_value("LATE_KEY", late, show_values=True) == "abc (on demand)"
