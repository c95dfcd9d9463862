"""Which tables of jackin's files forbid unknown keys: exactly the reference's choice
(upstream-config.md §2–3, the role manifest all strict). Mixins of fields must not
override the strictness of the table they are mixed into."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from jackin_sdk.agents import AgentInstallConfig, InstallConfig
from jackin_sdk.config import _models as config_models
from jackin_sdk.env import ExtendedValue, OpRef
from jackin_sdk.roles import _manifest as manifest_models
from jackin_sdk.tables import TableError, validate_table

LAX = {"AppConfig", "RuntimeConfig", "MountConfig", "WorkspaceConfig", "WorkspaceRuntimeConfig"}


def _tables() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = [AgentInstallConfig, InstallConfig, OpRef, ExtendedValue]
    for module in (config_models, manifest_models):
        found += [
            value
            for name, value in vars(module).items()
            if isinstance(value, type)
            and issubclass(value, BaseModel)
            and value.__module__ == module.__name__
            and not name.startswith("_")
        ]
    return found


@pytest.mark.parametrize("table", _tables(), ids=lambda t: t.__name__)
def test_each_table_is_strict_or_lax_as_the_reference(table: type[BaseModel]) -> None:
    expected = "ignore" if table.__name__ in LAX else "forbid"
    assert table.model_config.get("extra") == expected


def test_a_lax_table_keeps_its_strict_sub_tables_strict() -> None:
    app = validate_table(config_models.AppConfig, {"future_key": 1, "claude": {}})
    assert app.claude is not None
    with pytest.raises(TableError, match=r"claude\.future_key: unknown key"):
        validate_table(config_models.AppConfig, {"claude": {"future_key": 1}})
