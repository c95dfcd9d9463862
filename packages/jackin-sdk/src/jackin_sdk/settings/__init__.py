"""jackin's environment settings: every `JACKIN_*` variable an operator may set, in one
pydantic-settings class (`JackinSettings`), documented field by field.

The variables jackin sets *inside* containers (`JACKIN_ROLE`, `JACKIN_WORKDIR`, …) are
not settings and are not here. Importing this package imports pydantic-settings; the
start-up paths read `JACKIN_DEBUG`, `JACKIN_CONFIG_DIR` and `JACKIN_HOME_DIR` with the
import-free reader of `jackin_sdk._env`, which parses them with the same functions.
"""

from jackin_sdk.settings._settings import JackinSettings, settings_json_schema

__all__ = ["JackinSettings", "settings_json_schema"]
