"""Garbage collection of the Docker objects of instances that no longer exist."""

from jackin_sdk.gc._orphans import DEFAULT_GRACE, GcReport, collect_orphans

__all__ = ["DEFAULT_GRACE", "GcReport", "collect_orphans"]
