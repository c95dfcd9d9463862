from __future__ import annotations

from jackin_sdk.images import DEFAULT_CONSTRUCT_IMAGE, ImageNames, construct_image, short_sha
from jackin_sdk.roles import RoleSelector


def test_names_follow_the_reference_scheme() -> None:
    names = ImageNames.for_role(RoleSelector.parse("acme/smith"), commit="ABCDEF1234567")
    assert names.derived == "jk_acme_smith:abcdef1"
    assert names.base == "jk_acme_smith__base:abcdef1"


def test_branch_builds_get_their_own_repository() -> None:
    names = ImageNames.for_role(RoleSelector.parse("smith"), commit="abcdef12", branch="Feat/X")
    assert names.derived == "jk_smith_feat-x:abcdef1"
    assert names.base == "jk_smith_feat-x__base:abcdef1"


def test_unknown_or_non_hex_commit_falls_back_to_latest() -> None:
    assert ImageNames.for_role(RoleSelector.parse("smith"), commit=None).derived == (
        "jk_smith:latest"
    )
    assert short_sha("not-a-sha") is None
    assert short_sha("abc") is None


def test_construct_image_honours_the_override() -> None:
    assert construct_image({}) == DEFAULT_CONSTRUCT_IMAGE
    assert construct_image({"JACKIN_CONSTRUCT_IMAGE": " local/construct:dev "}) == (
        "local/construct:dev"
    )
