"""`ensure_role_image` on FakeDocker: reuse and rebuild decisions, construct override, logs."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.docker import BuildSpec, ImageBuildError
from jackin_sdk.errors import JackinError
from jackin_sdk.images import ImageEvent, ImageEventKind, RebuildReason, ensure_role_image
from jackin_sdk.testing import FakeDocker
from tests.sdk.images.conftest import CONSTRUCT, request_for


def test_first_launch_builds_base_and_overlay(fake: FakeDocker, role_dir: Path) -> None:
    events: list[ImageEvent] = []
    image = ensure_role_image(fake, request_for(role_dir), progress=events.append)
    assert image.built
    assert image.decision.reason is RebuildReason.LOCAL_IMAGE_MISSING
    assert image.image == "jk_stand-in:0123456"
    assert [b.tag for b in fake.builder.builds] == ["jk_stand-in__base:0123456", image.image]
    labels = fake.image_labels(image.image)
    assert labels["jackin.image.recipe.hash"] == image.recipe.hash
    assert labels["jackin.role.git.sha"] == "0123456"
    assert labels["jackin.construct.version"] == "0.35-trixie"
    overlay = fake.builder.builds[1]
    assert overlay.build_args == {"JACKIN_RUN_UID": "1000"}
    assert (overlay.context / ".jackin-runtime" / "hooks" / "preflight.sh").parent.name == "hooks"
    decisions = [e.message for e in events if e.kind is ImageEventKind.DECISION]
    assert decisions[0].startswith("building jk_stand-in__base:0123456")
    assert decisions[1].startswith("building jk_stand-in:0123456 (local_image_missing)")
    steps = [e for e in events if e.kind is ImageEventKind.STEP]
    assert steps[0].step == 1
    assert steps[0].total is not None


def test_second_launch_reuses_both_images(fake: FakeDocker, role_dir: Path) -> None:
    first = ensure_role_image(fake, request_for(role_dir))
    events: list[ImageEvent] = []
    second = ensure_role_image(fake, request_for(role_dir), progress=events.append)
    assert not second.built
    assert second.image_id == first.image_id
    assert len(fake.builder.builds) == 2
    messages = [e.message for e in events]
    assert messages == [
        "reusing jk_stand-in__base:0123456: role commit 0123456 already built",
        "reusing jk_stand-in:0123456: recipe unchanged",
    ]


def test_manifest_change_rebuilds_with_its_reason(fake: FakeDocker, role_dir: Path) -> None:
    ensure_role_image(fake, request_for(role_dir))
    manifest = role_dir / "jackin.role.toml"
    manifest.write_text(manifest.read_text() + '\n[env.EDITOR]\ndefault = "vim"\n')
    image = ensure_role_image(fake, request_for(role_dir))
    assert image.built
    assert image.decision.reason is RebuildReason.MANIFEST_CHANGED
    assert "jackin.role.toml changed" in str(image.decision)


def test_hook_change_rebuilds_the_overlay_only(fake: FakeDocker, role_dir: Path) -> None:
    ensure_role_image(fake, request_for(role_dir))
    (role_dir / "hooks" / "preflight.sh").write_text("#!/bin/sh\necho changed\n")
    image = ensure_role_image(fake, request_for(role_dir))
    assert image.decision.reason is RebuildReason.RECIPE_HASH_CHANGED
    assert [b.tag for b in fake.builder.builds].count("jk_stand-in__base:0123456") == 1


def test_new_commit_and_other_host_uid(fake: FakeDocker, role_dir: Path) -> None:
    ensure_role_image(fake, request_for(role_dir))
    moved = ensure_role_image(fake, request_for(role_dir, commit="fedcba9876543210"))
    assert moved.image == "jk_stand-in:fedcba9"
    assert moved.decision.reason is RebuildReason.LOCAL_IMAGE_MISSING
    other_uid = ensure_role_image(fake, request_for(role_dir, host_uid=1234))
    assert other_uid.decision.reason is RebuildReason.HOST_UID_CHANGED
    assert fake.builder.builds[-1].build_args == {"JACKIN_RUN_UID": "1234"}


def test_rebuild_rebuilds_both_without_cache(fake: FakeDocker, role_dir: Path) -> None:
    first = ensure_role_image(fake, request_for(role_dir))
    again = ensure_role_image(fake, request_for(role_dir, rebuild=True))
    assert again.decision.reason is RebuildReason.EXPLICIT_REBUILD
    assert all(b.no_cache for b in fake.builder.builds[2:])
    assert again.image_id != first.image_id


def test_unknown_commit_rebuilds_base_from_cache_and_reuses_overlay(
    fake: FakeDocker, role_dir: Path
) -> None:
    ensure_role_image(fake, request_for(role_dir, commit=None))
    again = ensure_role_image(fake, request_for(role_dir, commit=None))
    assert again.image == "jk_stand-in:latest"
    assert not again.built
    (role_dir / "Dockerfile").write_text((role_dir / "Dockerfile").read_text() + "RUN true\n")
    changed = ensure_role_image(fake, request_for(role_dir, commit=None))
    assert changed.decision.reason is RebuildReason.BASE_IMAGE_CHANGED


def test_construct_override_rewrites_the_role_dockerfile(fake: FakeDocker, role_dir: Path) -> None:
    fake.add_image("local/construct:dev")
    env = {"JACKIN_CONSTRUCT_IMAGE": "local/construct:dev"}
    image = ensure_role_image(fake, request_for(role_dir, env=env))
    base = fake.builder.builds[0]
    assert base.dockerfile != role_dir / "Dockerfile"
    assert fake.builder.dockerfiles[0].splitlines()[0] == "FROM local/construct:dev"
    assert fake.image_labels(image.base_image)["jackin.construct.image"] == "local/construct:dev"
    assert image.recipe.construct_image == "local/construct:dev"


def test_missing_construct_fails_naming_the_step_and_log(tmp_path: Path, role_dir: Path) -> None:
    fake = FakeDocker()
    log = tmp_path / "state" / "build.log"
    with pytest.raises(ImageBuildError) as caught:
        ensure_role_image(fake, request_for(role_dir), log_path=log)
    message = str(caught.value)
    assert f"Step 1/2 : FROM {CONSTRUCT}" in message
    assert f"full build log: {log}" in message
    assert "pull access denied" in log.read_text()


def test_failing_overlay_step_is_reported(fake: FakeDocker, role_dir: Path, tmp_path: Path) -> None:
    def fail_capsule(spec: BuildSpec, step: str) -> str | None:
        if "install-capsule.sh" in step and step.startswith("RUN"):
            return "jackin: jackin-capsule needs python3"
        return None

    fake.builder.handler = fail_capsule
    log = tmp_path / "build.log"
    with pytest.raises(ImageBuildError) as caught:
        ensure_role_image(fake, request_for(role_dir), log_path=log)
    assert caught.value.step is not None
    assert "install-capsule.sh" in caught.value.step
    assert "needs python3" in log.read_text()
    assert "Step 1/" in log.read_text()


def test_symlinked_hook_is_refused_with_its_field(fake: FakeDocker, role_dir: Path) -> None:
    hook = role_dir / "hooks" / "preflight.sh"
    hook.unlink()
    hook.symlink_to("/etc/passwd")
    with pytest.raises(JackinError) as caught:
        ensure_role_image(fake, request_for(role_dir))
    assert "field `hooks.preflight`" in str(caught.value)
    assert "symlink" in str(caught.value)
