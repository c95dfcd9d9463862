"""`run_once` on the real engine: a container that outlives its timeout is removed anyway."""

from __future__ import annotations

import pytest

from jackin_sdk.docker import DockerApi, DockerError, RunSpec
from tests.conftest import TEST_DIND_IMAGE, require_image
from tests.contract.support import LABEL

pytestmark = pytest.mark.docker


def test_a_run_that_outlives_its_timeout_is_an_error_and_leaves_nothing(
    engine: DockerApi,
) -> None:
    require_image(engine, TEST_DIND_IMAGE)
    spec = RunSpec(image=TEST_DIND_IMAGE, entrypoint=("sleep", "30"), labels=LABEL)
    with pytest.raises(DockerError, match=r"was still running after 1 s") as caught:
        engine.run_once(spec, timeout=1)
    assert type(caught.value) is DockerError  # not E001: the engine did answer
    assert engine.list_containers(LABEL) == []
