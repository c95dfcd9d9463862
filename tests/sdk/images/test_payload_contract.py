"""The shell payload names only the container contract's paths and variables.

`entrypoint.sh`, `install-capsule.sh` and the `jackin-capsule` launcher are copied into
every role image as they are; a shell script cannot import `jackin_capsule.contract`, so
this reads them and holds every `/jackin/…` path and `JACKIN_*` name to a contract value.
"""

from __future__ import annotations

import importlib.resources
import re

import pytest

from jackin_capsule.contract import _env, _paths

PAYLOAD = ("entrypoint.sh", "install-capsule.sh", "jackin-capsule")
_PATH = re.compile(r"(?<![\w.$}/])/jackin(?:/[\w.-]+)*")
_NAME = re.compile(r"\bJACKIN_[A-Z0-9_]+\b")


def _values(module: object) -> set[str]:
    return {getattr(module, name) for name in module.__all__}  # type: ignore[attr-defined]


def _payload(name: str) -> str:
    return (importlib.resources.files("jackin_sdk.images") / "payload" / name).read_text()


@pytest.mark.parametrize("name", PAYLOAD)
def test_every_jackin_path_in_the_payload_is_a_contract_path(name: str) -> None:
    used = set(_PATH.findall(_payload(name)))
    assert used, f"{name} names no /jackin/ path: the pattern no longer finds them"
    assert used <= _values(_paths), sorted(used - _values(_paths))


@pytest.mark.parametrize("name", PAYLOAD)
def test_every_jackin_variable_in_the_payload_is_a_contract_name(name: str) -> None:
    used = set(_NAME.findall(_payload(name)))
    assert used <= _values(_env), sorted(used - _values(_env))


def test_the_entrypoint_reads_what_the_host_and_the_capsule_put_there() -> None:
    text = _payload("entrypoint.sh")
    assert {_env.AGENT_ENV, _env.PROVIDER_ENV} <= set(_NAME.findall(text))
    assert {
        _paths.RUNTIME_DIR,
        _paths.SECRETS_FILE,
        _paths.STATE_HOOKS_DIR,
        _paths.GIT_CONFIG_FILE,
    } <= set(_PATH.findall(text))
