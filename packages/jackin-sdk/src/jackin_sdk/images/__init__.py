"""Role images: names, the generated overlay, the recipe that decides reuse, and builds."""

from jackin_sdk.images._build import (
    ImageEvent,
    ImageEventKind,
    ImageProgress,
    RoleImage,
    RoleImageRequest,
    ensure_role_image,
    rewrite_construct,
)
from jackin_sdk.images._context import OverlayContext, prepare_overlay_context
from jackin_sdk.images._names import (
    CONSTRUCT_IMAGE_ENV,
    DEFAULT_CONSTRUCT_IMAGE,
    ImageNames,
    construct_image,
    short_sha,
)
from jackin_sdk.images._overlay import OverlayPlan, render_overlay
from jackin_sdk.images._python_probe import image_python
from jackin_sdk.images._recipe import (
    RECIPE_VERSION,
    ImageDecision,
    ImageRecipe,
    RebuildReason,
    decide_image,
)
from jackin_sdk.images._wheels import Wheel, capsule_wheels

__all__ = [
    "CONSTRUCT_IMAGE_ENV",
    "DEFAULT_CONSTRUCT_IMAGE",
    "RECIPE_VERSION",
    "ImageDecision",
    "ImageEvent",
    "ImageEventKind",
    "ImageNames",
    "ImageProgress",
    "ImageRecipe",
    "OverlayContext",
    "OverlayPlan",
    "RebuildReason",
    "RoleImage",
    "RoleImageRequest",
    "Wheel",
    "capsule_wheels",
    "construct_image",
    "decide_image",
    "ensure_role_image",
    "image_python",
    "prepare_overlay_context",
    "render_overlay",
    "rewrite_construct",
    "short_sha",
]
