from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jackin_sdk.versioning import SchemaVersion, SchemaVersionError

ORDERED = ["legacy", "v1alpha1", "v1alpha2", "v1alpha9", "v1alpha10", "v1beta1", "v1beta2",
           "v1", "v2alpha1", "v2", "v10alpha1"]  # fmt: skip


def test_documented_order() -> None:
    parsed = [SchemaVersion.parse(text) for text in ORDERED]
    assert parsed == sorted(parsed)
    assert len(set(parsed)) == len(parsed)


@pytest.mark.parametrize("text", ORDERED)
def test_round_trip(text: str) -> None:
    assert str(SchemaVersion.parse(text)) == text


@pytest.mark.parametrize(
    "text", ["", "v0", "v01", "v1alpha0", "v1alpha01", "v1gamma1", "V1", "1", "v1alpha", "v1 "]
)
def test_rejects_outside_the_grammar(text: str) -> None:
    with pytest.raises(SchemaVersionError, match="invalid schema version"):
        SchemaVersion.parse(text)


def test_document_values() -> None:
    assert SchemaVersion.from_document(None).is_legacy
    assert SchemaVersion.from_document("v1alpha9") == SchemaVersion.parse("v1alpha9")
    with pytest.raises(SchemaVersionError, match="must be a string"):
        SchemaVersion.from_document(9)


versions = st.builds(
    lambda major, stage, seq: f"v{major}" if stage == "" else f"v{major}{stage}{seq}",
    st.integers(1, 50),
    st.sampled_from(["", "alpha", "beta"]),
    st.integers(1, 50),
)


@given(versions, versions)
def test_order_matches_major_stage_sequence(a: str, b: str) -> None:
    def key(text: str) -> tuple[int, int, int]:
        v = SchemaVersion.parse(text)
        return (v.major, int(v.stage), v.seq)

    assert (SchemaVersion.parse(a) < SchemaVersion.parse(b)) == (key(a) < key(b))
    assert SchemaVersion.parse(a) > SchemaVersion.LEGACY
    assert str(SchemaVersion.parse(a)) == a
