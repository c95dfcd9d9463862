"""`jackin doctor` warns when jackin's packages are not of one version."""

from __future__ import annotations

import jackin_capsule
from jackin_sdk import Components, __version__, loaded_components
from jackin_sdk.doctor import CheckResult, CheckStatus, run_doctor
from jackin_sdk.paths import JackinPaths
from jackin_sdk.testing import FakeDocker


def _doctor(paths: JackinPaths, components: Components | None = None) -> CheckResult:
    paths.config_dir.mkdir(parents=True)
    paths.home_dir.mkdir(parents=True)
    report = run_doctor(paths, FakeDocker(), env={}, probe_dind=False, components=components)
    return report.get("versions")


def test_the_loaded_packages_are_the_installed_ones() -> None:
    found = loaded_components()
    assert found == Components(sdk=__version__, capsule=jackin_capsule.__version__)
    assert found.describe() == f"sdk {__version__}, capsule {__version__}"
    assert found.mismatched == ()


def test_one_version_is_ok(jackin_paths: JackinPaths) -> None:
    check = _doctor(jackin_paths)
    assert check.status is CheckStatus.OK
    assert check.details == {"sdk": __version__, "capsule": __version__}


def test_another_capsule_version_warns_with_the_fix(jackin_paths: JackinPaths) -> None:
    check = _doctor(jackin_paths, Components(sdk="0.1.0", capsule="0.0.9"))
    assert check.status is CheckStatus.WARN
    assert check.message == "sdk 0.1.0, capsule 0.0.9: not all of version 0.1.0"
    assert check.hint is not None
    assert "Reinstall" in check.hint


def test_a_missing_capsule_warns(jackin_paths: JackinPaths) -> None:
    check = _doctor(jackin_paths, Components(sdk="0.1.0", capsule=None))
    assert check.status is CheckStatus.WARN
    assert "capsule missing" in check.message
