"""Where jackin keeps configuration and runtime state on the host."""

from jackin_sdk.paths._paths import CONFIG_DIR_ENV, HOME_DIR_ENV, JackinPaths

__all__ = ["CONFIG_DIR_ENV", "HOME_DIR_ENV", "JackinPaths"]
