from __future__ import annotations

from typing import Any

import pytest

from jackin_capsule.input import (
    DEFAULT_ESCAPE_TIME,
    MAX_ESCAPE_TIME,
    InputConfig,
    parse_escape_time,
    parse_key_spec,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C-b", 0x02),
        ("c-B", 0x02),
        ("C-a", 0x01),
        ("C-z", 0x1A),
        ("C-\\", 0x1C),
        ("C-\\\\", 0x1C),
        ("C-]", 0x1D),
        ("C-^", 0x1E),
        ("C-_", 0x1F),
        ("C-@", 0x00),
        ("C-space", 0x00),
        ("C-Space", 0x00),
        ("0x1c", 0x1C),
        ("0x1C", 0x1C),
        ("0x2", 0x02),
        ("0x00", 0x00),
        ("0x7f", 0x7F),
        ("`", 0x60),
        ("a", 0x61),
        ("  C-b  ", 0x02),
        ("none", None),
        ("NONE", None),
        (" None ", None),
    ],
)
def test_parse_key_spec_accepts(text: str, expected: int | None) -> None:
    assert parse_key_spec(text, 0x42) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "C-",
        "C-1",
        "C-[",  # ESC would break every escape sequence
        "0x1b",
        "0x80",
        "0xfff",
        "0x",
        "0xg1",
        "é",
        "\x1b",
        "ctrl-b",
        "C-bb",
        "C-é",
        "bogus",
    ],
)
def test_parse_key_spec_falls_back_to_default(text: str) -> None:
    assert parse_key_spec(text, 0x42) == 0x42
    assert parse_key_spec(text, None) is None


def test_parse_key_spec_none_text_gives_default() -> None:
    assert parse_key_spec(None, 0x1C) == 0x1C
    assert parse_key_spec(None, None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, DEFAULT_ESCAPE_TIME),
        ("", DEFAULT_ESCAPE_TIME),
        ("50", 0.05),
        ("0", 0.0),
        (" 10 ", 0.01),
        ("12.5", 0.0125),
        ("5000", MAX_ESCAPE_TIME),
        ("-1", DEFAULT_ESCAPE_TIME),
        ("nan", DEFAULT_ESCAPE_TIME),
        ("inf", DEFAULT_ESCAPE_TIME),
        ("fast", DEFAULT_ESCAPE_TIME),
    ],
)
def test_parse_escape_time(text: str | None, expected: float) -> None:
    assert parse_escape_time(text) == pytest.approx(expected)


def test_defaults() -> None:
    config = InputConfig()
    assert config.palette_key == 0x1C
    assert config.prefix_key is None
    assert config.escape_time == pytest.approx(0.05)


def test_from_env_empty_is_default() -> None:
    assert InputConfig.from_env({}) == InputConfig()


def test_from_env_reads_all_three() -> None:
    env = {"JACKIN_PALETTE_KEY": "C-]", "JACKIN_PREFIX": "C-b", "JACKIN_ESCAPE_TIME": "20"}
    assert InputConfig.from_env(env) == InputConfig(
        palette_key=0x1D, prefix_key=0x02, escape_time=0.02
    )


def test_from_env_none_disables_palette_and_bad_values_fall_back() -> None:
    env = {"JACKIN_PALETTE_KEY": "none", "JACKIN_PREFIX": "garbage", "JACKIN_ESCAPE_TIME": "x"}
    assert InputConfig.from_env(env) == InputConfig(palette_key=None, prefix_key=None)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"palette_key": 0x1B},
        {"prefix_key": 0x1B},
        {"palette_key": 0x80},
        {"prefix_key": -1},
        {"escape_time": -0.1},
        {"escape_time": float("nan")},
    ],
)
def test_config_rejects_invalid_values(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="must be"):
        InputConfig(**kwargs)
