"""Host directories jackin reads and writes (upstream-config.md §1).

jackin does not follow XDG variables: the roots are `~/.config/jackin` and `~/.jackin`,
relocatable with `JACKIN_CONFIG_DIR` and `JACKIN_HOME_DIR`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from jackin_sdk._env import CONFIG_DIR_ENV, HOME_DIR_ENV, root_from_env

__all__ = ["CONFIG_DIR_ENV", "HOME_DIR_ENV", "JackinPaths"]


@dataclass(frozen=True, slots=True)
class JackinPaths:
    """The two roots and every path derived from them."""

    config_dir: Path
    home_dir: Path

    @classmethod
    def resolve(cls, env: Mapping[str, str] | None = None, home: Path | None = None) -> JackinPaths:
        """Resolve the roots from `env` (default: the process environment) and `home`.

        `JACKIN_CONFIG_DIR` and `JACKIN_HOME_DIR` (see `jackin_sdk.settings`) are read
        by the import-free reader every command can afford, `status` included."""
        env = os.environ if env is None else env
        user_home = home if home is not None else Path.home()
        return cls(
            config_dir=root_from_env(env, CONFIG_DIR_ENV, user_home / ".config" / "jackin"),
            home_dir=root_from_env(env, HOME_DIR_ENV, user_home / ".jackin"),
        )

    @property
    def config_file(self) -> Path:
        """The global operator config, `config.toml`."""
        return self.config_dir / "config.toml"

    @property
    def workspaces_dir(self) -> Path:
        """One `<name>.toml` per saved workspace."""
        return self.config_dir / "workspaces"

    @property
    def config_lock(self) -> Path:
        """Advisory lock taken by every writer of the operator config."""
        return self.config_dir / "config.lock"

    @property
    def roles_dir(self) -> Path:
        """Cached role repository clones."""
        return self.home_dir / "roles"

    @property
    def data_dir(self) -> Path:
        """Durable runtime data: instance state and the instance index."""
        return self.home_dir / "data"

    @property
    def instances_index(self) -> Path:
        """The global instance index, rebuildable from per-instance manifests."""
        return self.data_dir / "instances.json"

    @property
    def cache_dir(self) -> Path:
        """Shared, disposable caches (wheels, version checks)."""
        return self.home_dir / "cache"

    @property
    def sockets_dir(self) -> Path:
        """Non-durable per-instance launch config and sockets."""
        return self.home_dir / "sockets"

    @property
    def run_dir(self) -> Path:
        """Host-side runtime sockets."""
        return self.home_dir / "run"

    def instance_dir(self, container: str) -> Path:
        """Per-instance state directory, named like the container."""
        return self.data_dir / container

    def workspace_file(self, name: str) -> Path:
        """The file of the saved workspace `name`."""
        return self.workspaces_dir / f"{name}.toml"

    def ensure_base_dirs(self) -> None:
        """Create the config root and the runtime folders (0700 for the jackin home)."""
        self.config_dir.mkdir(parents=True, exist_ok=True)
        self.home_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        for path in (self.roles_dir, self.data_dir, self.cache_dir):
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
