"""The records that cross the container boundary, defined once (stdlib only).

The capsule owns them: it runs inside the container and must not import the SDK, so the
SDK imports these (it depends on `jackin-capsule`) instead of keeping its own copy.
"""

from jackin_capsule.contract._exit import EXIT_MARKER, CapsuleExit

__all__ = ["EXIT_MARKER", "CapsuleExit"]
