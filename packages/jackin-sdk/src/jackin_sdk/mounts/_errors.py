"""The error every mount rule raises."""

from __future__ import annotations

from jackin_sdk.errors import JackinError

__all__ = ["MountError"]


class MountError(JackinError):
    """A mount spec, mount list, workspace layout or global mount set breaks a rule."""
