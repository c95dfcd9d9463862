"""`JackinSettings` is the one documented source of the `JACKIN_*` settings; the import-free
start-up reader (`jackin_sdk._env`) agrees with it on everything it reads."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jackin_sdk._env import is_debug_enabled
from jackin_sdk.config import AppConfig
from jackin_sdk.dind import resolve_dind_settings
from jackin_sdk.images import construct_image
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import projects_default
from jackin_sdk.settings import JackinSettings, settings_json_schema

SDK = Path(__file__).resolve().parents[3] / "packages/jackin-sdk/src/jackin_sdk"
HOME = Path("/home/op")
NAMES = {f"JACKIN_{name.upper()}" for name in JackinSettings.model_fields}

values = st.one_of(
    st.sampled_from(["", " ", "0", "1", "n", "no", "NO", " off ", "false", "F", "yes", "on"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\0")),
)


@given(value=values)
def test_the_fast_reader_and_the_settings_agree_on_jackin_debug(value: str) -> None:
    env = {"JACKIN_DEBUG": value}
    assert is_debug_enabled(env) == JackinSettings.read(env).debug


@given(config=values, home=values)
def test_the_fast_reader_and_the_settings_agree_on_the_roots(config: str, home: str) -> None:
    env = {"JACKIN_CONFIG_DIR": config, "JACKIN_HOME_DIR": home}
    paths = JackinPaths.resolve(env, HOME)
    settings = JackinSettings.read(env)
    assert paths.config_dir == (settings.config_dir or HOME / ".config" / "jackin")
    assert paths.home_dir == (settings.home_dir or HOME / ".jackin")


def test_unset_means_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in os.environ if name.startswith("JACKIN_")]:
        monkeypatch.delenv(name)  # CI sets JACKIN_DIND_IMAGE and JACKIN_REQUIRE_DOCKER
    assert not is_debug_enabled({})
    assert JackinSettings.read({}) == JackinSettings()
    assert JackinPaths.resolve({}, HOME) == JackinPaths(HOME / ".config/jackin", HOME / ".jackin")


def test_names_are_matched_exactly_as_the_fast_reader_does() -> None:
    env = {"jackin_debug": "1", "Jackin_Dind_Image": "x"}
    assert JackinSettings.read(env) == JackinSettings.read({})
    assert not is_debug_enabled(env)


def test_the_process_environment_is_read_when_no_mapping_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JACKIN_DIND_IMAGE", " mirror/dind:1 ")
    monkeypatch.setenv("JACKIN_DEBUG", "off")
    settings = JackinSettings.read()
    assert (settings.dind_image, settings.debug) == ("mirror/dind:1", False)


def test_the_sdk_reads_its_settings_through_the_class() -> None:
    env = {
        "HOME": "/home/op",
        "JACKIN_CONSTRUCT_IMAGE": " mirror/construct:1 ",
        "JACKIN_DIND_IMAGE": "mirror/dind:2",
        "JACKIN_PROJECTS_DIR": "~/roles",
    }
    assert construct_image(env) == "mirror/construct:1"
    assert resolve_dind_settings(AppConfig(), None, None, env=env).image == "mirror/dind:2"
    assert projects_default(env) == Path("/home/op/roles")
    blank = {"JACKIN_CONSTRUCT_IMAGE": "  ", "JACKIN_DIND_IMAGE": ""}
    assert construct_image(blank) == "projectjackin/construct:trixie"
    assert resolve_dind_settings(AppConfig(), None, None, env=blank).image == "docker:29-dind"


def _declared_setting_names() -> set[str]:
    """Every `*_ENV = "JACKIN_…"` constant of the SDK: the names of host settings."""
    found: set[str] = set()
    for source in SDK.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id.endswith("_ENV")
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
                and node.value.value.startswith("JACKIN_")
            ):
                found.add(node.value.value)
    return found


def test_every_setting_the_sdk_names_is_a_documented_field() -> None:
    assert _declared_setting_names() == NAMES
    for name, field in JackinSettings.model_fields.items():
        assert (field.description or "").startswith(f"`JACKIN_{name.upper()}`: "), name
    schema = settings_json_schema()
    assert set(schema["properties"]) == {n.removeprefix("JACKIN_") for n in NAMES}
