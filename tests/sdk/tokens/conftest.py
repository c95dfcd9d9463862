"""Fixtures for the token tests: saved workspaces, keyring backends and a stand-in `op`.

Every test runs with no keyring backend unless it asks for `keyring_file`, so nothing
ever reaches the keyring of the machine running the tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from jackin_sdk.config import ConfigEditor, MountConfig, WorkspaceConfig
from jackin_sdk.paths import JackinPaths
from tests.sdk.env._keyrings import keyring_file, keyring_missing, no_keyring
from tests.sdk.env._op_stub import op_stub

__all__ = ["keyring_file", "keyring_missing", "no_host_keyring", "op_stub", "workspaces"]


@pytest.fixture(autouse=True)
def no_host_keyring() -> Iterator[KeyringBackend]:
    """Start every test without a keyring backend; `keyring_file` swaps in a real one."""
    with no_keyring() as backend:
        yield backend


@pytest.fixture
def workspaces(jackin_paths: JackinPaths, tmp_path: Path) -> JackinPaths:
    """Saved workspaces `web` (any role) and `api` (only `agent-smith`)."""
    source = tmp_path / "src"
    source.mkdir()
    with ConfigEditor(jackin_paths) as editor:
        for name, allowed in (("web", []), ("api", ["agent-smith"])):
            editor.create_workspace(
                name,
                WorkspaceConfig(
                    workdir="/work",
                    mounts=[MountConfig(src=str(source), dst="/work")],
                    allowed_roles=allowed,
                ),
            )
        editor.commit()
    return jackin_paths
