from __future__ import annotations

import pytest

from jackin_capsule.terminal import OscPolicy


def test_defaults_deny_clipboard_and_allow_the_rest() -> None:
    policy = OscPolicy.from_env({})
    assert policy == OscPolicy(osc52=False, title=True, notify=True, hyperlink=True)


def test_osc52_needs_explicit_allow() -> None:
    assert OscPolicy.from_env({"JACKIN_OSC52": "allow"}).osc52
    assert OscPolicy.from_env({"JACKIN_OSC52": " ALLOW "}).osc52
    assert not OscPolicy.from_env({"JACKIN_OSC52": "yes"}).osc52
    assert not OscPolicy.from_env({"JACKIN_OSC52": ""}).osc52


@pytest.mark.parametrize("value", ["deny", "off", "no", "OFF", " No "])
@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("JACKIN_OSC_TITLE", "title"),
        ("JACKIN_OSC_NOTIFY", "notify"),
        ("JACKIN_OSC_HYPERLINK", "hyperlink"),
    ],
)
def test_deny_words_disable_forwarding(name: str, field: str, value: str) -> None:
    policy = OscPolicy.from_env({name: value})
    assert getattr(policy, field) is False
    others = {"title", "notify", "hyperlink"} - {field}
    assert all(getattr(policy, other) for other in others)


@pytest.mark.parametrize("value", ["allow", "1", "yes", "anything"])
def test_other_values_keep_forwarding(value: str) -> None:
    assert OscPolicy.from_env({"JACKIN_OSC_TITLE": value}).title
