"""The agent registry both sides read: each agent's home paths and hand-off slot."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from jackin_capsule.contract import AGENT_HOMES, HANDOFF_ROOT, AgentHome, Handoff


def _relative(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return bool(parts) and not PurePosixPath(path).is_absolute() and ".." not in parts


@pytest.mark.parametrize("home", AGENT_HOMES.values(), ids=list(AGENT_HOMES))
def test_every_path_stays_inside_the_home_and_the_slot(home: AgentHome) -> None:
    slot = home.slot
    assert AGENT_HOMES[home.slug] is home
    assert slot.target == f"{HANDOFF_ROOT}/{slot.name}"
    for path in (*home.home_dirs, *home.home_files, home.credential, *slot.trees):
        assert _relative(path), path
    for file in slot.files:
        assert _relative(file.home_path), file
        assert "/" not in file.name
        assert file.name not in ("", ".", "..")
    assert len(set(slot.entries)) == len(slot.entries)
    # The credential sits in a durable path, so a login inside the container is kept.
    assert any(
        home.credential == d or home.credential.startswith(f"{d}/")
        for d in (*home.home_dirs, *home.home_files)
    )


def test_slot_names_are_distinct() -> None:
    names = [home.slot.name for home in AGENT_HOMES.values()]
    assert len(set(names)) == len(names)


def test_a_file_slot_hands_each_file_to_its_home_path() -> None:
    claude = AGENT_HOMES["claude"]
    assert claude.handoffs == (
        Handoff("claude/credentials.json", ".claude/.credentials.json"),
        Handoff("claude/account.json", ".claude.json", credential=False, refill_blank=True),
    )


@pytest.mark.parametrize(
    "home", [h for h in AGENT_HOMES.values() if h.slot.mirror], ids=lambda h: h.slug
)
def test_a_mirror_slot_is_a_copy_of_one_home_folder(home: AgentHome) -> None:
    mirror = home.slot.mirror
    for file in home.slot.files:
        assert file.home_path == f"{mirror}/{file.name}"
    for tree in home.slot.trees:
        assert PurePosixPath(tree).parent == PurePosixPath(mirror)
    assert home.handoffs == (Handoff(home.slot.name, mirror, tree=True),)
