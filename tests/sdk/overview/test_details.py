"""The detail blocks of a workspace row."""

from __future__ import annotations

from pathlib import Path

from jackin_sdk.config import ConfigEditor, RoleSource
from jackin_sdk.overview import (
    DetailBlock,
    EntryKind,
    WorkspaceEntry,
    mount_type,
    workspace_details,
)
from jackin_sdk.paths import JackinPaths
from tests.sdk.overview.support import config_of, save_workspace


def test_mount_type(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (tmp_path / "file").write_text("x")
    assert mount_type(str(repo)) == "git"
    assert mount_type(str(tmp_path)) == "folder"
    assert mount_type(str(tmp_path / "file")) == "file"
    assert mount_type(str(tmp_path / "nothing")) == "missing"


def _blocks(blocks: tuple[DetailBlock, ...]) -> dict[str, DetailBlock]:
    return {b.title: b for b in blocks}


def test_saved_workspace_blocks(jackin_paths: JackinPaths, tmp_path: Path) -> None:
    project = tmp_path / "proj"
    (project / ".git").mkdir(parents=True)
    save_workspace(
        jackin_paths, "alpha", project, allowed_roles=["agent-smith", "neo"], default_role="neo"
    )
    shared = tmp_path / "shared"
    shared.mkdir()
    with ConfigEditor(jackin_paths) as editor:
        editor.config["docker"] = {
            "mounts": {
                "cache": {"src": str(shared), "dst": "/cache", "readonly": True},
                "neo": {"notes": {"src": str(shared), "dst": "/notes"}},
            }
        }
        editor.commit()
    entry = WorkspaceEntry(EntryKind.SAVED, "alpha", name="alpha")
    blocks = _blocks(workspace_details(config_of(jackin_paths), entry))
    assert list(blocks) == ["General", "Mounts", "Global mounts", "Roles"]
    assert blocks["General"].rows == (("Working dir", "/workspace"),)
    assert blocks["Mounts"].columns == ("Destination", "Mode", "Isolation", "Type")
    assert blocks["Mounts"].rows == (("/workspace", "rw", "shared", "git"),)
    assert blocks["Global mounts"].rows == (("/cache", "ro"), ("/notes", "rw · neo only"))
    assert blocks["Roles"].rows == (("Default", "neo"), ("Allowed", "agent-smith, neo"))


def test_current_directory_and_new_rows(jackin_paths: JackinPaths, tmp_path: Path) -> None:
    with ConfigEditor(jackin_paths) as editor:
        editor.config["roles"] = {"neo": {"git": "https://example.invalid/neo.git"}}
        editor.commit()
    config = config_of(jackin_paths)
    assert isinstance(config.app.roles["neo"], RoleSource)
    here = WorkspaceEntry(EntryKind.CURRENT, "Current directory", directory=str(tmp_path))
    blocks = _blocks(workspace_details(config, here))
    assert blocks["General"].rows == (("Working dir", str(tmp_path)),)
    assert blocks["Mounts"].rows == ((str(tmp_path), "rw", "shared", "folder"),)
    assert blocks["Global mounts"].rows == ()
    assert blocks["Global mounts"].empty == "no global mounts"
    default, allowed = blocks["Roles"].rows
    assert default == ("Default", "none")
    assert allowed[1].startswith("any configured role (")
    assert "neo" in allowed[1]
    (new,) = workspace_details(config, WorkspaceEntry(EntryKind.NEW, "+ New workspace"))
    assert new.title == "New workspace"
