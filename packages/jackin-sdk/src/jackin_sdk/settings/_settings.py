"""`JackinSettings`: the `JACKIN_*` environment settings (pydantic-settings)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import AliasGenerator, BeforeValidator
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from jackin_sdk._env import env_flag, env_root, env_text

__all__ = ["JackinSettings", "settings_json_schema"]


def _flag(value: object) -> object:
    return env_flag(value) if isinstance(value, str) else value


def _root(value: object) -> object:
    return env_root(value) if isinstance(value, str) else value


def _text(value: object) -> object:
    return env_text(value) if isinstance(value, str) else value


#: Each value is parsed by the function the import-free reader (`jackin_sdk._env`) uses.
Flag = Annotated[bool, BeforeValidator(_flag)]
Root = Annotated[Path | None, BeforeValidator(_root)]
Text = Annotated[str | None, BeforeValidator(_text)]


class JackinSettings(BaseSettings):
    """The `JACKIN_*` environment variables that change what jackin does on the host.

    Names are matched exactly (upper case, as the shell spells them). Read them with
    `JackinSettings.read()` (the process environment) or `JackinSettings.read(env)`.
    """

    model_config = SettingsConfigDict(
        env_prefix="JACKIN_",
        env_prefix_target="all",
        case_sensitive=True,
        alias_generator=AliasGenerator(validation_alias=str.upper),
        validate_by_name=True,
        use_attribute_docstrings=True,
        extra="ignore",
        frozen=True,
    )

    debug: Flag = False
    """`JACKIN_DEBUG`: trace every external command jackin runs (as `--debug` does) and
    start agents with debug telemetry. Off when unset, empty, `0`, `n`, `no`, `f`,
    `false` or `off` (any case); on for anything else."""

    config_dir: Root = None
    """`JACKIN_CONFIG_DIR`: the folder of `config.toml` and `workspaces/`; default
    `~/.config/jackin`. `~` is expanded; a relative path is taken from the current
    folder."""

    home_dir: Root = None
    """`JACKIN_HOME_DIR`: jackin's state (instances, role and image caches, sockets);
    default `~/.jackin`. `~` is expanded; a relative path is taken from the current
    folder."""

    projects_dir: Text = None
    """`JACKIN_PROJECTS_DIR`: where `jackin role create` puts new role repositories;
    default `~/Projects`. A leading `~` means `$HOME`."""

    construct_image: Text = None
    """`JACKIN_CONSTRUCT_IMAGE`: the construct image role images build on when a role's
    Dockerfile does not pin one; default `projectjackin/construct:trixie`."""

    dind_image: Text = None
    """`JACKIN_DIND_IMAGE`: the Docker-in-Docker sidecar image when neither the
    workspace nor config.toml sets `[docker] dind_image`; default `docker:29-dind`."""

    invocation_id: Text = None
    """`JACKIN_INVOCATION_ID`: the invocation id a jackin command in debug mode hands to
    the console it opens, so the console's status row shows the id the command printed.
    Set by jackin; 12 lowercase hex characters, anything else is ignored and a fresh id
    is made."""

    @classmethod
    def read(cls, env: Mapping[str, str] | None = None) -> JackinSettings:
        """The settings of `env`, or of the process environment when None."""
        if env is None:
            return cls()
        source: PydanticBaseSettingsSource = _MappingSource(cls, env)
        built: dict[str, Any] = {}
        return cls(_build_sources=((source,), built))  # type: ignore[call-arg]


class _MappingSource(EnvSettingsSource):
    """pydantic-settings' environment source, over a given mapping instead of
    `os.environ` (tests, and callers that pass the environment they were given)."""

    def __init__(self, settings_cls: type[BaseSettings], env: Mapping[str, str]) -> None:
        self._mapping = env
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return dict(self._mapping)


def settings_json_schema() -> dict[str, Any]:
    """The settings as a JSON Schema: each variable (without `JACKIN_`) and its
    description."""
    return JackinSettings.model_json_schema()
