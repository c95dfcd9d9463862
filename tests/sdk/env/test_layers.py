from __future__ import annotations

from jackin_sdk.env import EnvLayer, ExtendedValue, LayeredValue, OpRef, merge_layers, presence


def _four_layers() -> list[EnvLayer]:
    return [
        EnvLayer.global_env({"A": "global", "B": "global", "C": "global", "D": "global"}),
        EnvLayer.role("agent-smith", {"B": "role", "C": "role", "D": "role"}),
        EnvLayer.workspace("my-app", {"C": "workspace", "D": "workspace"}),
        EnvLayer.workspace_role("my-app", "agent-smith", {"D": ExtendedValue(value="ws-role")}),
    ]


def test_later_layers_win_per_key_and_record_their_label() -> None:
    merged = merge_layers(_four_layers())
    assert merged == {
        "A": LayeredValue("global", "global [env]"),
        "B": LayeredValue("role", "role agent-smith [roles.agent-smith.env]"),
        "C": LayeredValue("workspace", "workspace my-app [env]"),
        "D": LayeredValue(ExtendedValue(value="ws-role"), "workspace my-app × role agent-smith"),
    }


def test_no_layers_merge_to_nothing() -> None:
    assert merge_layers([]) == {}


def test_presence_per_layer() -> None:
    assert presence(_four_layers(), "C") == [
        ("global [env]", True),
        ("role agent-smith [roles.agent-smith.env]", True),
        ("workspace my-app [env]", True),
        ("workspace my-app × role agent-smith", False),
    ]
    assert [found for _, found in presence(_four_layers(), "MISSING")] == [False] * 4


def test_namespaced_role_key_is_quoted_in_the_label() -> None:
    layer = EnvLayer.role("chainargos/agent-smith", {})
    assert layer.label == 'role chainargos/agent-smith [roles."chainargos/agent-smith".env]'


def test_layer_values_are_a_read_only_copy() -> None:
    source: dict[str, str | OpRef | ExtendedValue] = {"A": "1"}
    layer = EnvLayer("x", source)
    source["B"] = "2"
    assert dict(layer.values) == {"A": "1"}
