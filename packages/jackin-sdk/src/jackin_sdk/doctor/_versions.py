"""The doctor's check that jackin's packages are of one version."""

from __future__ import annotations

from jackin_sdk._components import Components
from jackin_sdk.doctor._report import CheckResult, CheckStatus

__all__ = ["check_versions"]

_HINT = (
    "Reinstall jackin so every package is of one version (`uv tool install --reinstall jackin-cli`)"
)


def check_versions(components: Components) -> CheckResult:
    """Warn when the capsule packed into images is missing or of another version."""
    details: dict[str, object] = {"sdk": components.sdk, **components.others()}
    mismatched = components.mismatched
    if not mismatched:
        return CheckResult("versions", CheckStatus.OK, components.describe(), details=details)
    return CheckResult(
        "versions",
        CheckStatus.WARN,
        f"{components.describe()}: not all of version {components.sdk}",
        _HINT,
        details=details,
    )
