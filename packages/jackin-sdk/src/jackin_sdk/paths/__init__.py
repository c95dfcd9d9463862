"""Where jackin keeps configuration and runtime state on the host."""

from jackin_sdk.paths._home_id import HOME_ID_FILE, HomeIdentity, home_identity
from jackin_sdk.paths._paths import CONFIG_DIR_ENV, HOME_DIR_ENV, JackinPaths

__all__ = [
    "CONFIG_DIR_ENV",
    "HOME_DIR_ENV",
    "HOME_ID_FILE",
    "HomeIdentity",
    "JackinPaths",
    "home_identity",
]
