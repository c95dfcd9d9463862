"""Fixtures of the contract suite: `docker` (FakeDocker and the real engine) and `scratch`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jackin_sdk.docker import DockerApi
from jackin_sdk.testing import FakeDocker
from tests.conftest import TEST_DIND_IMAGE, require_image
from tests.contract.support import Scratch, contract_exec, contract_process, contract_run


@pytest.fixture(params=["fake", pytest.param("engine", marks=pytest.mark.docker)])
def docker(request: pytest.FixtureRequest) -> DockerApi:
    """The same API on FakeDocker and on the real engine."""
    if request.param == "fake":
        return FakeDocker(
            images=[TEST_DIND_IMAGE],
            run_handler=contract_run,
            start_handler=contract_process,
            exec_handler=contract_exec,
        )
    engine: DockerApi = request.getfixturevalue("engine")
    require_image(engine, TEST_DIND_IMAGE)
    return engine


@pytest.fixture
def scratch(docker: DockerApi) -> Iterator[Scratch]:
    """Names for this test; everything carrying them is removed afterwards."""
    made = Scratch(docker)
    try:
        yield made
    finally:
        made.cleanup()
