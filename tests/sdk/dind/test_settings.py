from __future__ import annotations

from jackin_sdk.config import (
    AppConfig,
    DockerConfig,
    MountConfig,
    WorkspaceConfig,
    WorkspaceDockerConfig,
)
from jackin_sdk.dind import DindPrivilegeMode, resolve_dind_settings
from jackin_sdk.roles import RoleManifest
from jackin_sdk.tables import validate_table


def _ws(**docker: object) -> WorkspaceConfig:
    return WorkspaceConfig(
        workdir="/w",
        mounts=[MountConfig(src="/s", dst="/w")],
        docker=WorkspaceDockerConfig(**docker),  # type: ignore[arg-type]
    )


def test_on_by_default_with_the_upstream_image() -> None:
    settings = resolve_dind_settings(AppConfig(), None, None, env={})
    assert (settings.enabled, settings.image, settings.privilege) == (True, "docker:29-dind", None)


def test_environment_then_config_then_workspace_choose_the_image_and_mode() -> None:
    env = {"JACKIN_DIND_IMAGE": "local/dind:1"}
    assert resolve_dind_settings(AppConfig(), None, None, env=env).image == "local/dind:1"
    app = AppConfig(docker=DockerConfig(dind_image="cfg/dind:2", dind_privilege="capabilities"))
    settings = resolve_dind_settings(app, None, None, env=env)
    assert (settings.image, settings.privilege) == ("cfg/dind:2", DindPrivilegeMode.CAPABILITIES)
    settings = resolve_dind_settings(app, _ws(dind_privilege="privileged"), None, env=env)
    assert (settings.image, settings.privilege) == ("cfg/dind:2", DindPrivilegeMode.PRIVILEGED)


def test_turned_off_by_role_workspace_or_config() -> None:
    off = AppConfig(docker=DockerConfig(dind=False))
    assert resolve_dind_settings(off, None, None, env={}).disabled_by == (
        "config.toml ([docker] dind = false)"
    )
    assert resolve_dind_settings(off, _ws(dind=True), None, env={}).enabled
    settings = resolve_dind_settings(
        AppConfig(), _ws(dind=False), None, env={}, workspace_name="web"
    )
    assert settings.disabled_by == "web ([docker] dind = false)"
    manifest = validate_table(
        RoleManifest, {"dockerfile": "Dockerfile", "claude": {}, "docker": {"dind": "none"}}
    )
    settings = resolve_dind_settings(AppConfig(), _ws(dind=True), manifest, env={})
    assert not settings.enabled
    assert settings.disabled_by == 'the role ([docker] dind = "none")'
