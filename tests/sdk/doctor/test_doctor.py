from __future__ import annotations

import json
from pathlib import Path

from jackin_sdk.docker import ContainerSpec
from jackin_sdk.doctor import CheckStatus, run_doctor
from jackin_sdk.paths import HomeIdentity, JackinPaths, home_identity
from jackin_sdk.resources import ResourceKind, managed_labels
from jackin_sdk.testing import FakeDocker, FakeDockerHost

NOW = 1_790_000_000.0


def _ready(paths: JackinPaths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.home_dir.mkdir(parents=True)


def test_healthy_host(jackin_paths: JackinPaths) -> None:
    _ready(jackin_paths)
    docker = FakeDocker(images=["docker:29-dind"])
    report = run_doctor(jackin_paths, docker, env={}, now=NOW)
    names = [c.name for c in report.checks]
    assert names == [
        "docker_daemon",
        "docker_version",
        "disk_space",
        "config_dir",
        "jackin_dir",
        "config_files",
        "clock_skew",
        "instances",
        "versions",
        "dind_privilege",
    ]
    assert not report.failed
    assert report.get("instances").message == "index agrees with Docker"
    assert report.get("docker_version").message == "Docker server 20.10.24"
    assert report.get("dind_privilege").status is CheckStatus.OK


def test_unreachable_docker_fails_and_skips_dependants(jackin_paths: JackinPaths) -> None:
    _ready(jackin_paths)
    docker = FakeDocker(host=FakeDockerHost(reachable=False))
    report = run_doctor(jackin_paths, docker, env={}, now=NOW)
    daemon = report.get("docker_daemon")
    assert daemon.status is CheckStatus.FAIL
    assert "fake://docker" in daemon.message
    assert daemon.hint is not None
    assert "DOCKER_HOST" in daemon.hint
    assert report.get("docker_version").status is CheckStatus.SKIP
    assert report.get("dind_privilege").status is CheckStatus.SKIP
    assert [c.name for c in report.failed] == ["docker_daemon"]


def test_missing_folders_warn_with_the_fix(jackin_paths: JackinPaths) -> None:
    report = run_doctor(jackin_paths, FakeDocker(), env={}, now=NOW, probe_dind=False)
    config = report.get("config_dir")
    home = report.get("jackin_dir")
    assert (config.status, config.hint) == (CheckStatus.WARN, f"mkdir -p {jackin_paths.config_dir}")
    assert home.status is CheckStatus.WARN
    assert home.hint is not None
    assert "chmod 700" in home.hint
    assert "dind_privilege" not in [c.name for c in report.checks]


def test_unwritable_config_dir_fails(jackin_paths: JackinPaths) -> None:
    # A file where the folder should be: unwritable for root too, so this runs in CI.
    jackin_paths.config_dir.parent.mkdir(parents=True, exist_ok=True)
    jackin_paths.config_dir.write_text("not a folder")
    report = run_doctor(jackin_paths, FakeDocker(), env={}, now=NOW, probe_dind=False)
    check = report.get("config_dir")
    assert check.status is CheckStatus.FAIL
    assert "is not writable" in check.message


def test_clock_before_2023_fails(jackin_paths: JackinPaths) -> None:
    _ready(jackin_paths)
    report = run_doctor(jackin_paths, FakeDocker(), env={}, now=1_600_000_000, probe_dind=False)
    assert report.get("clock_skew").status is CheckStatus.FAIL


def test_capabilities_host_is_reported_with_details(jackin_paths: JackinPaths) -> None:
    _ready(jackin_paths)
    docker = FakeDocker(images=["docker:29-dind"], host=FakeDockerHost(frozenset({"SYS_RESOURCE"})))
    report = run_doctor(jackin_paths, docker, env={}, now=NOW)
    check = report.get("dind_privilege")
    assert check.status is CheckStatus.WARN
    assert "privileged containers are refused" in check.message
    assert "capabilities mode works" in check.message
    assert check.details["recommended_mode"] == "capabilities"
    assert "SYS_RESOURCE" in check.details["dropped_capabilities"]  # type: ignore[operator]


def test_no_probe_image_skips(jackin_paths: JackinPaths) -> None:
    _ready(jackin_paths)
    report = run_doctor(jackin_paths, FakeDocker(), env={}, now=NOW)
    assert report.get("dind_privilege").status is CheckStatus.SKIP


def test_json_envelope(jackin_paths: JackinPaths) -> None:
    _ready(jackin_paths)
    report = run_doctor(jackin_paths, FakeDocker(), env={}, now=NOW, probe_dind=False)
    document = json.loads(json.dumps(report.to_json()))
    assert document["schema_version"] == "v1"
    assert {row["name"] for row in document["data"]} >= {"docker_daemon", "disk_space"}
    for row in document["data"]:
        assert set(row) - {"details"} == {"name", "status", "message", "hint"}
        assert row["status"] in {"ok", "warn", "fail", "skip"}


def test_disk_space_uses_nearest_existing_folder(tmp_path: Path) -> None:
    paths = JackinPaths(config_dir=tmp_path / "c", home_dir=tmp_path / "deep" / "er" / "home")
    report = run_doctor(paths, FakeDocker(), env={}, now=NOW, probe_dind=False)
    assert report.get("disk_space").status in {CheckStatus.OK, CheckStatus.WARN}
    assert "MiB free" in report.get("disk_space").message


def test_broken_config_fails_the_config_check_without_writing(jackin_paths: JackinPaths) -> None:
    _ready(jackin_paths)
    jackin_paths.config_file.write_text('version = "v1alpha9"\n[claude]\nauth_forward = 3\n')
    report = run_doctor(jackin_paths, FakeDocker(), env={}, now=NOW, probe_dind=False)
    check = report.get("config_files")
    assert check.status is CheckStatus.FAIL
    assert str(jackin_paths.config_file) in check.message
    assert report.get("config_dir").status is CheckStatus.OK


def test_legacy_config_is_checked_in_memory_only(jackin_paths: JackinPaths) -> None:
    _ready(jackin_paths)
    jackin_paths.config_file.write_text('[roles.x]\ngit = "https://e/x.git"\n')
    report = run_doctor(jackin_paths, FakeDocker(), env={}, now=NOW, probe_dind=False)
    assert report.get("config_files").status is CheckStatus.OK
    assert jackin_paths.config_file.read_text() == '[roles.x]\ngit = "https://e/x.git"\n'


def test_instance_drift_is_reported(jackin_paths: JackinPaths) -> None:
    _ready(jackin_paths)
    docker = FakeDocker(images=["img"])
    docker.create_container(
        ContainerSpec(image="img", name="jk-k7p9m2xq-smith", labels=managed_labels(
            "jk-k7p9m2xq-smith", ResourceKind.ROLE, home=_home(jackin_paths)))
    )  # fmt: skip
    report = run_doctor(jackin_paths, docker, env={}, now=NOW, probe_dind=False)
    check = report.get("instances")
    assert check.status is CheckStatus.WARN
    assert "1 orphan containers" in check.message
    assert check.details["orphan_containers"] == ["jk-k7p9m2xq-smith"]


def _home(paths: JackinPaths) -> HomeIdentity:
    found = home_identity(paths.home_dir)
    assert found is not None
    return found


def test_other_homes_role_containers_are_information_not_drift(jackin_paths: JackinPaths) -> None:
    _ready(jackin_paths)
    docker = FakeDocker(images=["img"])
    other = HomeIdentity("b" * 32, Path("/homes/b"))
    labels = managed_labels("jk-k7p9m2xq-smith", ResourceKind.ROLE, home=other)
    docker.create_container(ContainerSpec(image="img", name="jk-k7p9m2xq-smith", labels=labels))
    docker.create_container(
        ContainerSpec(
            image="img",
            name="jk-aaaaaaaa-smith",
            labels={"jackin.managed": "true", "jackin.kind": "role"},
        )
    )
    check = run_doctor(jackin_paths, docker, env={}, now=NOW, probe_dind=False).get("instances")
    assert check.status is CheckStatus.OK
    assert check.message == (
        "index agrees with Docker; role containers left alone: 1 of other jackin homes, "
        "1 unlabelled (an older jackin)"
    )
    assert check.details == {
        "foreign_containers": ["jk-k7p9m2xq-smith"],
        "legacy_containers": ["jk-aaaaaaaa-smith"],
    }
