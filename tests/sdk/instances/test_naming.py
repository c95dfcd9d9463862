from __future__ import annotations

import hashlib
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jackin_sdk.instances import (
    ID_ALPHABET,
    NAME_BUDGET,
    compact,
    container_base_name,
    instance_id_from_container,
    is_container_selector,
    is_dns_label,
    is_instance_id,
    new_instance_id,
    role_family_matches,
)

ID = "k7p9m2xq"


def _cut(component: str, budget: int) -> str:
    """The reference's truncation, computed independently."""
    digest = hashlib.sha256(component.encode()).hexdigest()
    return component[: budget - 4] + digest[:4]


def test_instance_id_takes_the_low_five_bits_eight_times() -> None:
    asked: list[int] = []

    def bits(n: int) -> int:
        asked.append(n)
        return sum(value << (5 * position) for position, value in enumerate(range(1, 9)))

    assert new_instance_id(bits) == "12345678"
    assert asked == [64]
    assert new_instance_id(lambda _: 0) == "00000000"
    assert new_instance_id(lambda _: 2**64 - 1) == "zzzzzzzz"
    assert new_instance_id(lambda _: 31 | (18 << 5)) == "zj000000"


def test_generated_ids_use_the_alphabet() -> None:
    ids = {new_instance_id() for _ in range(500)}
    assert all(is_instance_id(i) for i in ids)
    assert len(ids) > 490
    assert not set("ilou") & set("".join(ids))
    assert len(ID_ALPHABET) == 32


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Agent-Brown!", "agentbrown"), ("ÄBC 12", "bc12"), ("--", "role"), ("", "role")],
)
def test_compact(text: str, expected: str) -> None:
    assert compact(text, "role") == expected


def test_names_with_and_without_workspace() -> None:
    assert (
        container_base_name(ID, "agent-brown", "chainargos-project")
        == "jk-k7p9m2xq-chainargosproject-agentbrown"
    )
    assert container_base_name(ID, "agent-brown") == "jk-k7p9m2xq-agentbrown"
    assert container_base_name(ID, "chainargos/agent-brown") == "jk-k7p9m2xq-agentbrown"
    assert container_base_name(ID, "!!", "") == "jk-k7p9m2xq-workspace-role"


def test_long_parts_split_22_23_with_a_hash_suffix() -> None:
    ws = "workspace-name-with-a-very-long-human-friendly-label"
    role = "role-name-with-a-very-long-human-friendly-label"
    name = container_base_name(ID, role, ws)
    assert name == f"jk-{ID}-{_cut(compact(ws, ''), 22)}-{_cut(compact(role, ''), 23)}"
    assert len(name) == NAME_BUDGET


def test_a_short_workspace_does_not_lend_its_share() -> None:
    role = "r" * 36
    assert container_base_name(ID, role, "w" * 9) == f"jk-{ID}-{'w' * 9}-{role}"  # 45: fits
    assert container_base_name(ID, role, "w" * 10) == f"jk-{ID}-{'w' * 10}-{_cut(role, 23)}"


def test_ad_hoc_role_budget_is_46() -> None:
    assert container_base_name(ID, "r" * 46) == f"jk-{ID}-{'r' * 46}"
    assert container_base_name(ID, "r" * 47) == f"jk-{ID}-{_cut('r' * 47, 46)}"


def test_a_bad_id_is_refused() -> None:
    with pytest.raises(ValueError, match="not an instance id"):
        container_base_name("k7p9m2xQ", "role")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a", True),
        ("a" * 63, True),
        ("a" * 64, False),
        ("", False),
        ("-a", False),
        ("a-", False),
        ("A", False),
        ("a_b", False),
        ("jk-1-x", True),
    ],
)
def test_dns_label(name: str, expected: bool) -> None:
    assert is_dns_label(name) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("jk-k7p9m2xq-workspace-agentsmith", "k7p9m2xq"),
        ("jk-k7p9m2xq-agentsmith", "k7p9m2xq"),
        ("nojkprefix-k7p9m2xq", None),
        ("jk-noid", None),
    ],
)
def test_instance_id_from_container(name: str, expected: str | None) -> None:
    assert instance_id_from_container(name) == expected


def test_role_family() -> None:
    assert role_family_matches("jk-k7p9m2xq-chainargosproject-agentbrown", "agent-brown")
    assert role_family_matches("jk-k7p9m2xq-agentbrown", "chainargos/agent-brown")
    assert not role_family_matches("jk-k7p9m2xq-chainargosproject-agentblue", "agent-brown")
    assert not role_family_matches("jk-k7p9m2xq-agentbrown", "brown")
    assert not role_family_matches("jk-k7p9m2xq-brown", "agentbrown")
    assert not role_family_matches("jk-noid", "noid")
    assert not role_family_matches("agentbrown", "agentbrown")


def test_role_family_finds_long_role_names() -> None:
    role = "role-name-with-a-very-long-human-friendly-label"
    assert role_family_matches(container_base_name(ID, role, "w" * 30), role)
    assert role_family_matches(container_base_name(ID, role), role)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jk-k7p9m2xq-agentbrown", True),
        ("jk-abc_def-1", True),
        ("jk-", False),
        ("jk-ABC", False),
        ("jk-a.b", False),
        ("jk-a/b", False),
        ("agent-brown", False),
    ],
)
def test_container_selector(text: str, expected: bool) -> None:
    assert is_container_selector(text) is expected


ids = st.text(alphabet=ID_ALPHABET, min_size=8, max_size=8)


@given(ids, st.text(max_size=120), st.one_of(st.none(), st.text(max_size=120)))
def test_every_name_leaves_room_for_dind(instance_id: str, role: str, ws: str | None) -> None:
    name = container_base_name(instance_id, role, ws)
    assert len(name) <= NAME_BUDGET
    assert is_dns_label(name)
    assert is_dns_label(f"{name}-dind")
    assert is_container_selector(name)
    assert instance_id_from_container(name) == instance_id
    assert role_family_matches(name, role)


def test_many_random_ascii_names_fit() -> None:
    rng = random.Random(20260102)  # noqa: S311 - a seeded sample, not a secret
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ ./"
    for _ in range(5000):
        role = "".join(rng.choices(letters, k=rng.randint(0, 90)))
        ws = "".join(rng.choices(letters, k=rng.randint(0, 90))) if rng.random() < 0.7 else None
        name = container_base_name(new_instance_id(rng.getrandbits), role, ws)
        assert len(f"{name}-dind") <= 63
        assert is_dns_label(f"{name}-dind"), name
