"""The JSON Schemas in `schemas/` are the ones the models generate, and jackin's new files
point editors at them.

Regenerate after changing a model: `uv run python tests/sdk/tables/test_published_schemas.py`
(or `jackin config schema config > schemas/config.schema.json`, and so on).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jackin_sdk.config import (
    CONFIG_SCHEMA,
    WORKSPACE_SCHEMA,
    ConfigEditor,
    apply_workspace_plan,
    config_json_schema,
    load_operator_config,
    plan_workspace_create,
    workspace_json_schema,
)
from jackin_sdk.mounts import Mount
from jackin_sdk.paths import JackinPaths
from jackin_sdk.roles import MANIFEST_FILE, MANIFEST_SCHEMA, manifest_json_schema
from jackin_sdk.tables import SCHEMA_URL_BASE

ROOT = Path(__file__).resolve().parents[3]
SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    CONFIG_SCHEMA: config_json_schema,
    WORKSPACE_SCHEMA: workspace_json_schema,
    MANIFEST_SCHEMA: manifest_json_schema,
}


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _file(name: str) -> Path:
    return ROOT / "schemas" / f"{name}.schema.json"


@pytest.mark.parametrize("name", SCHEMAS)
def test_the_committed_schema_is_current(name: str) -> None:
    assert _file(name).read_text() == _text(SCHEMAS[name]()), (
        f"schemas/{name}.schema.json is stale: run "
        "`uv run python tests/sdk/tables/test_published_schemas.py`"
    )


@pytest.mark.parametrize("name", [CONFIG_SCHEMA, WORKSPACE_SCHEMA])
def test_jackin_config_schema_prints_the_committed_file(name: str) -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "jackin_cli", "config", "schema", name],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert printed == _file(name).read_text()


def test_jackin_config_schema_refuses_an_unknown_file() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jackin_cli", "config", "schema", "manifest"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert 'unknown file "manifest"; expected config or workspace' in result.stderr


@pytest.mark.parametrize("name", SCHEMAS)
def test_each_schema_names_its_published_url_and_forbids_strict_tables_extra_keys(
    name: str,
) -> None:
    schema = SCHEMAS[name]()
    assert schema["$id"] == f"{SCHEMA_URL_BASE}/{name}.schema.json"
    assert any(d.get("additionalProperties") is False for d in schema["$defs"].values())
    assert "null" not in json.dumps(schema)  # TOML has no null: optional keys are omitted


def test_the_schemas_describe_what_the_loader_accepts() -> None:
    properties = config_json_schema()["properties"]
    assert properties["claude"] == {"$ref": "#/$defs/AgentAuthConfig"}
    assert set(properties["env"]["additionalProperties"]["oneOf"][2].values()) == {"string"}
    assert manifest_json_schema()["required"] == ["dockerfile"]


def test_files_jackin_creates_start_with_the_editor_hint(tmp_path: Path) -> None:
    paths = JackinPaths(config_dir=tmp_path / "config", home_dir=tmp_path / "home")
    load_operator_config(paths)
    first = paths.config_file.read_text().splitlines()[0]
    assert first == f"#:schema {SCHEMA_URL_BASE}/config.schema.json"
    assert tomllib.loads(paths.config_file.read_text())["version"]
    plan = plan_workspace_create("web", workdir="/work/web", mounts=[Mount("/src", "/work/web")])
    with ConfigEditor(paths) as editor:
        apply_workspace_plan(editor, plan)
        editor.commit()
    text = paths.workspace_file("web").read_text()
    assert text.splitlines()[0] == f"#:schema {SCHEMA_URL_BASE}/workspace.schema.json"
    assert load_operator_config(paths).workspace("web").workdir == "/work/web"


def test_files_jackin_did_not_create_get_no_hint(tmp_path: Path) -> None:
    paths = JackinPaths(config_dir=tmp_path / "config", home_dir=tmp_path / "home")
    paths.config_dir.mkdir(parents=True)
    paths.config_file.write_text('version = "v1alpha11"\n')
    load_operator_config(paths)
    assert paths.config_file.read_text() == 'version = "v1alpha11"\n'


def test_a_scaffolded_manifest_starts_with_the_editor_hint(tmp_path: Path) -> None:
    from jackin_sdk.roles import scaffold_role  # noqa: PLC0415
    from jackin_sdk.vocab import RoleSelector  # noqa: PLC0415

    created = scaffold_role(RoleSelector.parse("hinted"), tmp_path)
    text = (created / MANIFEST_FILE).read_text()
    assert text.splitlines()[0] == f"#:schema {SCHEMA_URL_BASE}/role.schema.json"


if __name__ == "__main__":
    for schema_name, make in SCHEMAS.items():
        _file(schema_name).write_text(_text(make()))
        print(f"wrote {_file(schema_name).relative_to(ROOT)}")
