"""The host tree's `status` before isolating is kept to `LISTING_LIMIT` bytes: a
repository that was a shared mount is the agent's to fill with files."""

from __future__ import annotations

from jackin_sdk.isolation import preflight
from jackin_sdk.isolation._git import LISTING_LIMIT
from tests.sdk.isolation.conftest import Host

LONG = "n" * 200


def test_a_host_status_past_the_limit_is_cut_and_still_a_warning(host: Host) -> None:
    count = LISTING_LIMIT // len(f"?? {LONG}00000\n") + 100
    for index in range(count):
        (host.repo / f"{LONG}{index:05d}").touch()
    [warning] = preflight(host.mount(), force=True)
    more = int(warning.split(" and ")[1].split()[0])
    assert 0 < more < count - 5  # the listing was cut: fewer than there are (5 are named)
    assert "uncommitted changes" in warning
