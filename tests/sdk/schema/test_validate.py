"""The record validator: every type form, strictness, unions, constraints and dumping."""

from __future__ import annotations

from dataclasses import field
from enum import StrEnum
from typing import Annotated, Literal

import pytest

from jackin_sdk.schema import AtLeast, Issue, Matches, Record, SchemaError, to_data, validate


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


class Ref(Record, frozen=True):
    op: Annotated[str, Matches(r"^op://")]
    path: str


class Plain(Record, frozen=True):
    value: str
    on_demand: bool = False


Value = Ref | Plain | str


class Inner(Record):
    name: str
    size: Annotated[int, AtLeast(0)] = 0


class Outer(Record):
    title: str
    ratio: float = 1.0
    colour: Colour = Colour.RED
    mode: Literal["a", "b"] | None = None
    tags: list[str] = field(default_factory=list)
    inner: Inner | None = None
    inners: list[Inner] = field(default_factory=list)
    env: dict[str, Value] = field(default_factory=dict)


class Loose(Record, extra="ignore"):
    title: str


class LooseChild(Loose):
    extra_field: bool = False


def issues(record: type[Record], data: object) -> list[Issue]:
    with pytest.raises(SchemaError) as caught:
        validate(record, data)
    return caught.value.issues


def test_a_full_table_becomes_typed_records() -> None:
    outer = validate(
        Outer,
        {
            "title": "t",
            "ratio": 2,
            "colour": "blue",
            "mode": "b",
            "tags": ["x"],
            "inner": {"name": "n", "size": 3},
            "inners": [{"name": "m"}],
            "env": {
                "A": "lit",
                "B": {"value": "v", "on_demand": True},
                "C": {"op": "op://v/i", "path": "p"},
            },
        },
    )
    assert outer == Outer(
        title="t",
        ratio=2.0,
        colour=Colour.BLUE,
        mode="b",
        tags=["x"],
        inner=Inner(name="n", size=3),
        inners=[Inner(name="m")],
        env={"A": "lit", "B": Plain(value="v", on_demand=True), "C": Ref(op="op://v/i", path="p")},
    )
    assert isinstance(outer.ratio, float)
    assert isinstance(outer.colour, Colour)


def test_defaults_are_fresh_per_instance() -> None:
    first = validate(Outer, {"title": "a"})
    second = validate(Outer, {"title": "b"})
    first.tags.append("x")
    assert second.tags == []


def test_unknown_and_missing_keys_are_each_reported_with_their_path() -> None:
    found = issues(Outer, {"inner": {"nmae": "x"}, "titel": "t"})
    assert {(i.loc, i.kind) for i in found} == {
        (("titel",), "extra"),
        (("title",), "missing"),
        (("inner", "nmae"), "extra"),
        (("inner", "name"), "missing"),
    }


def test_lax_records_drop_unknown_keys_and_subclasses_inherit_it() -> None:
    assert validate(Loose, {"title": "t", "whatever": 1}) == Loose(title="t")
    assert validate(LooseChild, {"title": "t", "other": 1}).extra_field is False


@pytest.mark.parametrize(
    ("data", "loc", "message"),
    [
        ({"title": 5}, ("title",), "expected a string, got 5"),
        ({"title": "t", "ratio": "1"}, ("ratio",), "expected a number, got a string"),
        ({"title": "t", "ratio": True}, ("ratio",), "expected a number, got true"),
        (
            {"title": "t", "inner": {"name": "n", "size": True}},
            ("inner", "size"),
            "expected an integer, got true",
        ),
        (
            {"title": "t", "inner": {"name": "n", "size": -1}},
            ("inner", "size"),
            "must be at least 0",
        ),
        (
            {"title": "t", "colour": "green"},
            ("colour",),
            "expected one of 'red', 'blue', got 'green'",
        ),
        ({"title": "t", "mode": "c"}, ("mode",), "expected one of 'a', 'b', got 'c'"),
        ({"title": "t", "tags": "x"}, ("tags",), "expected a list, got a string"),
        ({"title": "t", "tags": ["x", 2]}, ("tags", 1), "expected a string, got 2"),
        (
            {"title": "t", "inners": [{"name": "a"}, {}]},
            ("inners", 1, "name"),
            "required key is missing",
        ),
        ({"title": "t", "inner": "x"}, ("inner",), "expected a table, got a string"),
        ({"title": "t", "env": []}, ("env",), "expected a table, got a list"),
        ({"title": "t", "env": {"A": 5}}, ("env", "A"), "expected a table or a string, got 5"),
        (
            {"title": "t", "env": {"A": {"op": "vault://x", "path": "p"}}},
            ("env", "A", "op"),
            "must match ^op://",
        ),
    ],
)
def test_wrong_values_name_the_key_and_what_was_expected(
    data: dict[str, object], loc: tuple[str | int, ...], message: str
) -> None:
    assert issues(Outer, data) == [Issue(loc, issues(Outer, data)[0].kind, message)]


def test_a_table_in_a_union_is_judged_by_the_closest_table_member() -> None:
    found = issues(Outer, {"title": "t", "env": {"A": {"op": "op://v/i", "pth": "p"}}})
    assert [(i.loc, i.kind) for i in found] == [
        (("env", "A", "pth"), "extra"),
        (("env", "A", "path"), "missing"),
    ]


def test_the_first_accepting_union_member_wins() -> None:
    # Both table members could describe {"value": …} only if Ref were lax; it is strict.
    assert validate(Outer, {"title": "t", "env": {"A": {"value": "v"}}}).env["A"] == Plain(
        value="v"
    )


def test_none_is_accepted_only_where_the_type_allows_it() -> None:
    assert validate(Outer, {"title": "t", "inner": None}).inner is None
    assert issues(Outer, {"title": None})[0].message == "expected a string, got NoneType"


def test_existing_records_are_accepted_as_they_are() -> None:
    inner = Inner(name="n")
    assert validate(Outer, {"title": "t", "inner": inner}).inner is inner


def test_the_top_level_must_be_a_table() -> None:
    assert issues(Outer, ["x"]) == [Issue((), "type", "expected a table, got a list")]


def test_schema_errors_are_value_errors_that_list_every_issue() -> None:
    with pytest.raises(ValueError, match=r"title: required key is missing"):
        validate(Outer, {})


def test_frozen_records_are_hashable_and_others_are_not() -> None:
    assert len({Ref(op="op://a", path="p"), Ref(op="op://a", path="p")}) == 1
    with pytest.raises(TypeError):
        hash(Inner(name="n"))


def test_to_data_gives_plain_data_in_field_order() -> None:
    outer = Outer(title="t", colour=Colour.BLUE, inner=Inner(name="n"), env={"A": Plain(value="v")})
    assert to_data(outer) == {
        "title": "t",
        "ratio": 1.0,
        "colour": "blue",
        "mode": None,
        "tags": [],
        "inner": {"name": "n", "size": 0},
        "inners": [],
        "env": {"A": {"value": "v", "on_demand": False}},
    }
    data = to_data(outer)
    assert isinstance(data, dict)
    assert list(data) == ["title", "ratio", "colour", "mode", "tags", "inner", "inners", "env"]


def test_to_data_can_leave_out_defaults() -> None:
    outer = Outer(title="t", inner=Inner(name="n"), env={"A": Plain(value="v")})
    assert to_data(outer, exclude_defaults=True) == {
        "title": "t",
        "inner": {"name": "n"},
        "env": {"A": {"value": "v"}},
    }


def test_validate_then_dump_round_trips() -> None:
    data = {
        "title": "t",
        "ratio": 0.5,
        "colour": "blue",
        "mode": "a",
        "tags": ["x"],
        "inner": {"name": "n", "size": 1},
        "inners": [{"name": "m", "size": 0}],
        "env": {
            "A": "s",
            "B": {"value": "v", "on_demand": True},
            "C": {"op": "op://x", "path": "p"},
        },
    }
    assert to_data(validate(Outer, data)) == data


@pytest.mark.parametrize(
    "data",
    [
        {"title": "t", "tags": "sk-live-0123456789"},
        {"title": "t", "inner": "sk-live-0123456789"},
        {"title": 7, "env": {"A": ["sk-live-0123456789"]}},
        {"title": "t", "colour": "sk-live-0123456789-0123456789-0123456789"},
    ],
)
def test_a_string_in_the_wrong_place_is_never_echoed(data: dict[str, object]) -> None:
    with pytest.raises(SchemaError) as caught:
        validate(Outer, data)
    assert "sk-live" not in str(caught.value)
    assert all("sk-live" not in issue.message for issue in caught.value.issues)
