from __future__ import annotations

import stat
from pathlib import Path

import pytest

from jackin_sdk.paths import JackinPaths


def test_defaults_ignore_xdg(tmp_path: Path) -> None:
    paths = JackinPaths.resolve(env={"XDG_CONFIG_HOME": "/elsewhere"}, home=tmp_path)
    assert paths.config_dir == tmp_path / ".config" / "jackin"
    assert paths.home_dir == tmp_path / ".jackin"
    assert paths.config_file == tmp_path / ".config" / "jackin" / "config.toml"
    assert paths.workspace_file("web") == paths.workspaces_dir / "web.toml"
    assert paths.instances_index == tmp_path / ".jackin" / "data" / "instances.json"
    assert paths.instance_dir("jk-abc") == tmp_path / ".jackin" / "data" / "jk-abc"
    assert paths.config_lock.name == "config.lock"


def test_env_overrides_expand_and_absolutise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    paths = JackinPaths.resolve(
        env={"JACKIN_CONFIG_DIR": "rel/cfg", "JACKIN_HOME_DIR": "~/jh", "HOME": str(tmp_path)},
        home=tmp_path,
    )
    assert paths.config_dir == tmp_path / "rel" / "cfg"
    assert paths.home_dir == Path("~/jh").expanduser()


def test_empty_override_means_default(tmp_path: Path) -> None:
    paths = JackinPaths.resolve(env={"JACKIN_CONFIG_DIR": ""}, home=tmp_path)
    assert paths.config_dir == tmp_path / ".config" / "jackin"


def test_ensure_base_dirs_creates_private_runtime_folders(tmp_path: Path) -> None:
    paths = JackinPaths(config_dir=tmp_path / "c", home_dir=tmp_path / "h")
    paths.ensure_base_dirs()
    paths.ensure_base_dirs()  # idempotent
    for folder in (paths.config_dir, paths.roles_dir, paths.data_dir, paths.cache_dir):
        assert folder.is_dir()
    assert stat.S_IMODE(paths.home_dir.stat().st_mode) & 0o077 == 0
