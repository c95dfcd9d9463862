from __future__ import annotations

import pytest

from jackin_capsule.contract import RESERVED_CONTAINER_ENV
from jackin_sdk.env import RESERVED_ENV_NAMES, EnvError, EnvLayer, check_reserved, is_reserved


def test_the_nineteen_reserved_names() -> None:
    assert len(RESERVED_ENV_NAMES) == 19
    assert {"JACKIN", "DOCKER_HOST", "JACKIN_SUDO", "TESTCONTAINERS_HOST_OVERRIDE"} <= (
        RESERVED_ENV_NAMES
    )
    assert is_reserved("JACKIN_ROLE")
    assert not is_reserved("jackin_role")
    assert not is_reserved("JACKIN_DEBUG")


def test_every_offence_in_every_layer_is_listed() -> None:
    layers = [
        EnvLayer.global_env({"DOCKER_HOST": "tcp://x", "FINE": "1"}),
        EnvLayer.role("agent-smith", {"JACKIN": "0"}),
        EnvLayer.workspace("my-app", {"OK": "1"}),
        EnvLayer.workspace_role("my-app", "agent-smith", {"JACKIN_SUDO": "1", "JACKIN_ROLE": "x"}),
    ]
    with pytest.raises(EnvError) as caught:
        check_reserved(layers)
    assert str(caught.value).splitlines() == [
        '"DOCKER_HOST" is reserved by the jackin runtime; declared in global [env]',
        '"JACKIN" is reserved by the jackin runtime; declared in '
        "role agent-smith [roles.agent-smith.env]",
        '"JACKIN_SUDO" is reserved by the jackin runtime; declared in '
        "workspace my-app × role agent-smith",
        '"JACKIN_ROLE" is reserved by the jackin runtime; declared in '
        "workspace my-app × role agent-smith",
    ]
    assert len(caught.value.problems) == 4


def test_layers_without_reserved_names_pass() -> None:
    check_reserved([EnvLayer.global_env({"API_URL": "https://x"}), EnvLayer("empty")])


def test_operator_env_may_not_declare_what_the_container_contract_sets() -> None:
    """The host's and the capsule's own names (`jackin_capsule.contract`) are reserved."""
    layer = EnvLayer.global_env(dict.fromkeys(RESERVED_CONTAINER_ENV, "x"))
    with pytest.raises(EnvError) as caught:
        check_reserved([layer])
    assert len(caught.value.problems) == len(RESERVED_CONTAINER_ENV) == 10
