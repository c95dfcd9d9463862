"""Host checks (`jackin doctor`) and the pre-flight gate's check names."""

from jackin_sdk.doctor._checks import MIN_FREE_BYTES, PREFLIGHT_CHECKS, run_doctor
from jackin_sdk.doctor._report import (
    JSON_SCHEMA_VERSION,
    CheckResult,
    CheckStatus,
    DoctorReport,
    json_envelope,
)

__all__ = [
    "JSON_SCHEMA_VERSION",
    "MIN_FREE_BYTES",
    "PREFLIGHT_CHECKS",
    "CheckResult",
    "CheckStatus",
    "DoctorReport",
    "json_envelope",
    "run_doctor",
]
