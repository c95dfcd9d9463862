from __future__ import annotations

import dataclasses

import pytest

from jackin_sdk.images import ImageRecipe, RebuildReason, decide_image

RECIPE = ImageRecipe(
    manifest_version="v1alpha6",
    manifest_hash="m" * 64,
    role_git_sha="abcdef1",
    role_source_ref=None,
    base_image="jk_x__base:abcdef1",
    base_image_id="sha256:" + "b" * 64,
    construct_image="projectjackin/construct:trixie",
    context_hash="c" * 64,
    supported_agents=("claude",),
    capsule_version="0.1.0",
    hooks_hash="h" * 64,
    plugin_recipe_hash="p" * 64,
    host_uid=1000,
)


def test_hash_is_stable_and_sensitive_to_every_field() -> None:
    assert RECIPE.hash == dataclasses.replace(RECIPE).hash
    changed = dataclasses.replace(RECIPE, plugin_recipe_hash="q" * 64)
    assert changed.hash != RECIPE.hash


def test_same_labels_mean_reuse() -> None:
    decision = decide_image("jk_x:abcdef1", RECIPE.labels(), RECIPE)
    assert decision.reuse
    assert str(decision) == "reusing jk_x:abcdef1: recipe unchanged"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"role_git_sha": "1234567"}, RebuildReason.ROLE_GIT_SHA_CHANGED),
        ({"manifest_version": "v1alpha7"}, RebuildReason.MANIFEST_VERSION_CHANGED),
        ({"manifest_hash": "n" * 64}, RebuildReason.MANIFEST_CHANGED),
        ({"construct_image": "local/c:1"}, RebuildReason.CONSTRUCT_IMAGE_CHANGED),
        ({"capsule_version": "0.2.0"}, RebuildReason.CAPSULE_VERSION_CHANGED),
        ({"host_uid": 1001}, RebuildReason.HOST_UID_CHANGED),
        ({"base_image_id": "sha256:" + "d" * 64}, RebuildReason.BASE_IMAGE_CHANGED),
        ({"hooks_hash": "i" * 64}, RebuildReason.RECIPE_HASH_CHANGED),
    ],
)
def test_each_change_names_its_reason(change: dict[str, object], reason: RebuildReason) -> None:
    new = dataclasses.replace(RECIPE, **change)  # type: ignore[arg-type]
    decision = decide_image("jk_x:abcdef1", RECIPE.labels(), new)
    assert decision.reason is reason
    assert str(decision).startswith(f"building jk_x:abcdef1 ({reason.value}): ")


def test_missing_image_foreign_image_old_recipe_and_rebuild() -> None:
    assert decide_image("i", None, RECIPE).reason is RebuildReason.LOCAL_IMAGE_MISSING
    assert decide_image("i", {}, RECIPE).reason is RebuildReason.MISSING_RECIPE_LABEL
    old = {**RECIPE.labels(), "jackin.image.recipe.version": "v9"}
    assert decide_image("i", old, RECIPE).reason is RebuildReason.RECIPE_VERSION_CHANGED
    assert (
        decide_image("i", RECIPE.labels(), RECIPE, rebuild=True).reason
        is RebuildReason.EXPLICIT_REBUILD
    )
