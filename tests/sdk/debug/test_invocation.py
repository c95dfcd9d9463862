"""The invocation id a jackin program hands to the one it starts (`JACKIN_INVOCATION_ID`)."""

from __future__ import annotations

import re

from jackin_sdk.debug import INVOCATION_ENV, invocation_id, new_invocation_id


def test_the_handed_id_is_kept() -> None:
    handed = new_invocation_id()
    assert invocation_id({INVOCATION_ENV: handed}) == handed


def test_without_one_or_with_another_shape_a_new_id_is_made() -> None:
    for env in ({}, {INVOCATION_ENV: ""}, {INVOCATION_ENV: "\x1b]0;pwned\x07"}):
        made = invocation_id(env)
        assert re.fullmatch(r"[0-9a-f]{12}", made), made
        assert made != env.get(INVOCATION_ENV)
