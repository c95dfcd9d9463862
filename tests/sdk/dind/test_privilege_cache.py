"""The privilege probe runs once per engine; a configured mode is never probed (issue 18 item 8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jackin_sdk.dind import (
    PRIVILEGE_CACHE_FILE,
    DindPrivilegeMode,
    SidecarPrivileges,
    cached_dind_privilege,
    engine_key,
    sidecar_privileges,
)
from jackin_sdk.dind._privilege import COMMONLY_REFUSED_CAPABILITIES
from jackin_sdk.dind._privilege_cache import read_cached_probe
from jackin_sdk.docker import RunOutcome, RunSpec
from jackin_sdk.paths import HomeIdentity
from jackin_sdk.resources import probe_labels
from jackin_sdk.testing import FakeDocker, FakeDockerHost

IMAGE = "docker:29-dind"
HOME = HomeIdentity("a" * 32, Path("/homes/a"))


def _caps_host() -> FakeDocker:
    return FakeDocker(images=[IMAGE], host=FakeDockerHost(frozenset({"SYS_RESOURCE"})))


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "home" / "cache" / PRIVILEGE_CACHE_FILE


def test_the_first_probe_is_cached_and_the_second_call_runs_no_container(cache: Path) -> None:
    docker = _caps_host()
    first = cached_dind_privilege(docker, IMAGE, cache, home=HOME, local_guess=("SYS_RESOURCE",))
    probes = len(docker.runs)
    assert probes == 2  # privileged refused, then capabilities mode
    assert all(dict(run.labels) == probe_labels(HOME) for run in docker.runs)
    assert docker.containers == {}

    again = cached_dind_privilege(docker, IMAGE, cache, home=HOME, local_guess=("SYS_RESOURCE",))
    assert again == first
    assert len(docker.runs) == probes
    document = json.loads(cache.read_text())
    assert list(document["engines"]) == ["fake://docker|FAKE:ENGINE:0001|20.10.24"]
    assert engine_key(docker) == "fake://docker|FAKE:ENGINE:0001|20.10.24"


@pytest.mark.parametrize("change", ["engine_id", "version"])
def test_another_engine_or_version_is_probed_afresh(cache: Path, change: str) -> None:
    docker = _caps_host()
    cached_dind_privilege(docker, IMAGE, cache, home=HOME, local_guess=("SYS_RESOURCE",))
    probes = len(docker.runs)
    setattr(docker.host, change, "other")
    docker.host.refused_capabilities = frozenset()  # e.g. a privileged-capable engine now
    probe = cached_dind_privilege(docker, IMAGE, cache, home=HOME, local_guess=())
    assert len(docker.runs) == probes + 1
    assert probe.recommended_mode is DindPrivilegeMode.PRIVILEGED
    assert len(json.loads(cache.read_text())["engines"]) == 2  # both engines stay cached


def test_refresh_probes_even_with_a_cached_answer_and_rewrites_it(cache: Path) -> None:
    docker = _caps_host()
    cached_dind_privilege(docker, IMAGE, cache, home=HOME, local_guess=("SYS_RESOURCE",))
    probes = len(docker.runs)
    docker.host.refused_capabilities = frozenset()
    fresh = cached_dind_privilege(docker, IMAGE, cache, home=HOME, refresh=True, local_guess=())
    assert len(docker.runs) == probes + 1
    assert fresh.privileged_works
    assert read_cached_probe(cache, engine_key(docker)) == fresh


def test_a_probe_that_found_no_mode_is_not_cached(cache: Path) -> None:
    def mount_denied(spec: RunSpec) -> RunOutcome:
        del spec
        return RunOutcome(exit_code=32, output="mount: permission denied\n")

    docker = FakeDocker(images=[IMAGE], run_handler=mount_denied)
    probe = cached_dind_privilege(docker, IMAGE, cache, home=HOME, local_guess=())
    assert probe.recommended_mode is None
    assert not cache.exists()


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"format": 99, "engines": {}}',
        '{"format": 1, "engines": {"fake://docker|FAKE:ENGINE:0001|20.10.24": {"image": 1}}}',
        '{"format": 1, "engines": []}',
    ],
)
def test_an_unreadable_cache_is_ignored_and_rewritten(cache: Path, content: str) -> None:
    cache.parent.mkdir(parents=True)
    cache.write_text(content)
    docker = _caps_host()
    probe = cached_dind_privilege(docker, IMAGE, cache, home=HOME, local_guess=("SYS_RESOURCE",))
    assert len(docker.runs) == 2
    assert read_cached_probe(cache, engine_key(docker)) == probe


def test_a_configured_privileged_mode_is_never_probed(cache: Path) -> None:
    docker = _caps_host()
    chosen = sidecar_privileges(docker, DindPrivilegeMode.PRIVILEGED, IMAGE, cache, home=HOME)
    assert chosen == SidecarPrivileges.for_privileged()
    assert docker.runs == []
    assert not cache.exists()


def test_a_configured_capabilities_mode_is_never_probed(cache: Path) -> None:
    docker = _caps_host()
    chosen = sidecar_privileges(docker, DindPrivilegeMode.CAPABILITIES, IMAGE, cache, home=HOME)
    assert docker.runs == []
    assert chosen.cap_add == ("ALL",)
    assert set(COMMONLY_REFUSED_CAPABILITIES) <= set(chosen.cap_drop)
    assert not cache.exists()


def test_a_configured_capabilities_mode_uses_the_cached_answer_of_this_engine(
    cache: Path,
) -> None:
    docker = _caps_host()
    cached_dind_privilege(docker, IMAGE, cache, home=HOME, local_guess=("SYS_RESOURCE",))
    probes = len(docker.runs)
    chosen = sidecar_privileges(docker, DindPrivilegeMode.CAPABILITIES, IMAGE, cache, home=HOME)
    assert chosen == SidecarPrivileges.for_capabilities(["SYS_RESOURCE"])
    assert len(docker.runs) == probes


def test_an_unset_mode_probes_once_per_engine(cache: Path) -> None:
    docker = FakeDocker(images=[IMAGE])
    for _ in range(3):
        assert (
            sidecar_privileges(docker, None, IMAGE, cache, home=HOME)
            == SidecarPrivileges.for_privileged()
        )
    assert len(docker.runs) == 1
