"""Test doubles shipped with the SDK, for jackin's tests and for script authors' tests."""

from jackin_sdk.testing._fake_docker import FakeDocker, FakeDockerHost

__all__ = ["FakeDocker", "FakeDockerHost"]
