"""Kimi from PyPI: the role image's Python, the wheelhouse cache, the offline overlay.

The probe runs in FakeDocker (its run handler answers as the image's python3 would);
cache entries are made by hand, as `AgentCache.ensure` leaves them, so these tests need
no index; `test_pip_failure_*` runs the real pip against a closed port.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from jackin_sdk.agents import (
    AgentCache,
    AgentFetchError,
    AgentInstall,
    AgentSource,
    PythonTarget,
)
from jackin_sdk.auth import Agent
from jackin_sdk.docker import RunOutcome, RunSpec
from jackin_sdk.errors import ErrorCode
from jackin_sdk.images import ensure_role_image
from jackin_sdk.testing import FakeDocker
from tests.sdk.images.conftest import request_for

TRIXIE = PythonTarget("3.13", "cpython", "glibc", "2.41", "x86_64")
PIP_WHEEL = "pip-26.3-py3-none-any.whl"


def _probe_answer(version: str, libc: str = "glibc", libc_version: str = "2.41") -> str:
    return json.dumps({"version": version, "implementation": "cpython", "libc": libc,
                       "libc_version": libc_version, "machine": "x86_64"})  # fmt: skip


def _kimi_role(role_dir: Path) -> Path:
    manifest = role_dir / "jackin.role.toml"
    text = manifest.read_text().replace('agents = ["claude"]', 'agents = ["kimi"]')
    manifest.write_text(text.replace("[claude]\n", "[kimi]\n"))
    return role_dir


def _wheel_entry(cache: Path, version: str, target: PythonTarget = TRIXIE) -> Path:
    """A complete Kimi entry, as `AgentCache.ensure` leaves it."""
    folder = cache / "kimi" / version
    (folder / "payload").mkdir(parents=True)
    for name in (PIP_WHEEL, f"kimi_cli-{version}-py3-none-any.whl"):
        (folder / "payload" / name).write_bytes(b"PK wheel")
    (folder / "jackin-agent.json").write_text(json.dumps({
        "agent": "kimi", "version": version, "spec": f"kimi-cli=={version}",
        "platform": target.tag, "integrity": f"sha256-{version}", "entry": "kimi",
        "registry": "pypi", "installer": PIP_WHEEL,
    }))  # fmt: skip
    return folder


def _kimi(version: str | None = "1.50.0") -> tuple[AgentInstall, ...]:
    return (AgentInstall(Agent.KIMI, AgentSource.REGISTRY, version),)


def _probing(answer: str, exit_code: int = 0) -> tuple[FakeDocker, list[RunSpec]]:
    runs: list[RunSpec] = []

    def run(spec: RunSpec) -> RunOutcome:
        runs.append(spec)
        return RunOutcome(exit_code, answer)

    docker = FakeDocker(run_handler=run)
    docker.add_image("projectjackin/construct:0.35-trixie")
    docker.add_image("projectjackin/construct:trixie")
    return docker, runs


def test_the_target_chooses_wheels_for_the_images_python_glibc_and_machine() -> None:
    target = PythonTarget.parse("noise\n" + _probe_answer("3.13") + "\n")
    assert target == TRIXIE
    assert target.tag == "cp313-manylinux_2_41_x86_64"
    assert target.problem() is None
    args = target.pip_args()
    assert args[:3] == ["--only-binary=:all:", "--python-version", "3.13"]
    platforms = [args[i + 1] for i, a in enumerate(args) if a == "--platform"]
    assert platforms[0] == "manylinux_2_41_x86_64"
    assert "manylinux_2_5_x86_64" in platforms
    assert {"manylinux2014_x86_64", "manylinux1_x86_64"} <= set(platforms)
    assert "manylinux_2_42_x86_64" not in platforms


def test_an_old_python_or_musl_is_named_as_the_problem() -> None:
    bookworm = PythonTarget.parse(_probe_answer("3.11", libc_version="2.36"))
    assert bookworm.problem() == "its python3 is 3.11; the agent needs 3.12 or newer"
    alpine = PythonTarget.parse(_probe_answer("3.12", libc="", libc_version=""))
    assert "not glibc" in str(alpine.problem())
    with pytest.raises(ValueError, match="no answer"):
        PythonTarget.parse("python3: not found")


def test_overlay_installs_kimi_offline_into_a_venv_from_the_cached_wheels(
    role_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "agents"
    _wheel_entry(cache, "1.50.0")
    docker, runs = _probing(_probe_answer("3.13"))
    request = request_for(_kimi_role(role_dir), agent_installs=_kimi(), agent_cache=cache)
    image = ensure_role_image(docker, request)
    dockerfile = docker.builder.dockerfiles[-1]
    assert "COPY .jackin-runtime/agents/kimi/ /jackin/agents/kimi/wheels/" in dockerfile
    assert "python3 -m venv --without-pip /jackin/agents/kimi/venv" in dockerfile
    assert (
        f"/jackin/agents/kimi/venv/bin/python /jackin/agents/kimi/wheels/{PIP_WHEEL}/pip "
        "install --no-index --find-links /jackin/agents/kimi/wheels"
    ) in dockerfile
    assert "kimi-cli==1.50.0" in dockerfile
    assert "ln -sf /jackin/agents/kimi/venv/bin/kimi /home/agent/.kimi-code/bin/kimi" in dockerfile
    assert "code.kimi.com" not in dockerfile
    labels = docker.image_labels(image.image)
    assert labels["jackin.agent.kimi.version"] == "1.50.0"
    # The probe ran python3 in the role base image, once; its answer is kept by image id.
    [probe] = runs
    assert probe.entrypoint == ("python3",)
    assert probe.image == docker.image_id(image.base_image)
    ensure_role_image(docker, request)
    assert len(runs) == 1


def test_unpinned_kimi_is_its_last_working_release_not_the_registrys_latest(
    role_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "agents"
    _wheel_entry(cache, "1.50.0")
    docker, _ = _probing(_probe_answer("3.13"))
    request = request_for(_kimi_role(role_dir), agent_installs=_kimi(None), agent_cache=cache)
    image = ensure_role_image(docker, request)  # no index asked: the entry is there
    assert docker.image_labels(image.image)["jackin.agent.kimi.version"] == "1.50.0"
    assert (
        AgentInstall(Agent.KIMI, AgentSource.REGISTRY)
        .describe()
        .startswith("registry 1.50.0 (its default)")
    )


def test_a_role_image_without_python_312_is_a_coded_error_and_no_cache_entry(
    role_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "agents"
    docker, _ = _probing(_probe_answer("3.11", libc_version="2.36"))
    request = request_for(_kimi_role(role_dir), agent_installs=_kimi(), agent_cache=cache)
    with pytest.raises(AgentFetchError) as caught:
        ensure_role_image(docker, request)
    error = caught.value
    assert error.code is ErrorCode.E019
    assert "kimi: kimi-cli 1.50.0 (kimi-cli==1.50.0)" in str(error)
    assert "its python3 is 3.11; the agent needs 3.12 or newer" in str(error)
    assert "pip index versions kimi-cli" in error.hint
    assert list((cache / "kimi").iterdir()) == []
    assert not docker.builder.dockerfiles[1:]  # the overlay was never built


def test_a_role_image_without_python3_at_all_says_so(role_dir: Path, tmp_path: Path) -> None:
    docker, _ = _probing("exec: python3: not found", exit_code=127)
    request = request_for(
        _kimi_role(role_dir), agent_installs=_kimi(), agent_cache=tmp_path / "agents"
    )
    with pytest.raises(AgentFetchError) as caught:
        ensure_role_image(docker, request)
    assert caught.value.code is ErrorCode.E019
    assert "cannot run it: it has no python3 (3.12 or newer is needed)" in str(caught.value)


def test_an_entry_for_another_python_is_not_used(tmp_path: Path) -> None:
    _wheel_entry(tmp_path, "1.50.0")
    cache = AgentCache(tmp_path)
    assert cache.cached(Agent.KIMI, "1.50.0", TRIXIE) is not None
    other = PythonTarget("3.12", "cpython", "glibc", "2.36", "x86_64")
    assert cache.cached(Agent.KIMI, "1.50.0", other) is None


@pytest.mark.skipif(shutil.which("pip3") is None and shutil.which("pip") is None,
                    reason="needs pip")  # fmt: skip
def test_pip_failure_names_agent_package_version_and_leaves_no_half_entry(
    tmp_path: Path,
) -> None:
    closed = {"PIP_CONFIG_FILE": "/dev/null", "PIP_INDEX_URL": "http://127.0.0.1:9/simple",
              "PIP_RETRIES": "0", "PIP_TIMEOUT": "2", "PIP_NO_CACHE_DIR": "1",
              "PIP_FIND_LINKS": "", "PIP_EXTRA_INDEX_URL": ""}  # fmt: skip
    pip = (sys.executable, "-m", "pip") if shutil.which("pip3") is None else None
    cache = AgentCache(tmp_path / "agents", env=closed, pip=pip)
    with pytest.raises(AgentFetchError) as caught:
        cache.ensure(Agent.KIMI, "1.50.0", TRIXIE)
    error = caught.value
    assert error.code is ErrorCode.E019
    assert "kimi: kimi-cli 1.50.0 (kimi-cli==1.50.0): cannot fetch pip" in str(error)
    assert 'source = "installer"' in error.hint
    assert list((tmp_path / "agents" / "kimi").iterdir()) == []
