"""Table models on pydantic: strictness, unions by shape, and messages in a TOML file's words.

The models here are built on the same bases as config.toml's, the workspace files' and the
role manifest's (`StrictTable`, `LaxTable`, `Keyword`, `shape_union`), so every type form
those files use is covered once, with the message an operator reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Literal

import pytest
from pydantic import ConfigDict, Field

from jackin_sdk.tables import (
    Issue,
    Keyword,
    LaxTable,
    StrictTable,
    TableError,
    member,
    shape_union,
    validate_table,
)


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


class Ref(StrictTable):
    model_config = ConfigDict(frozen=True)

    op: Annotated[str, Field(pattern=r"^op://")]
    path: str


class Plain(StrictTable):
    model_config = ConfigDict(frozen=True)

    value: str
    on_demand: bool = False


def _kind(value: object) -> str | None:
    if isinstance(value, str):
        return "<string>"
    if isinstance(value, Ref | Plain):  # serialising, or a model built in code
        return "<ref>" if isinstance(value, Ref) else "<plain>"
    if isinstance(value, Mapping):
        return "<ref>" if "op" in value else "<plain>"
    return None


Value = Annotated[
    Annotated[Ref, member("<ref>")]
    | Annotated[Plain, member("<plain>")]
    | Annotated[str, member("<string>")],
    shape_union(_kind, expected="a table or a string"),
]


class Inner(StrictTable):
    name: str
    size: Annotated[int, Field(ge=0)] = 0


class Outer(StrictTable):
    title: str
    ratio: float = 1.0
    colour: Annotated[Colour, Keyword] = Colour.RED
    mode: Literal["a", "b"] | None = None
    tags: list[str] = Field(default_factory=list)
    inner: Inner | None = None
    inners: list[Inner] = Field(default_factory=list)
    env: dict[str, Value] = Field(default_factory=dict)


class Loose(LaxTable):
    title: str


class LooseChild(Loose):
    extra_field: bool = False


def issues(model: type[StrictTable | LaxTable], data: object) -> list[Issue]:
    with pytest.raises(TableError) as caught:
        validate_table(model, data)
    return caught.value.issues


def test_a_full_table_becomes_typed_models() -> None:
    outer = validate_table(
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
    first = validate_table(Outer, {"title": "a"})
    second = validate_table(Outer, {"title": "b"})
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


def test_lax_tables_drop_unknown_keys_and_subclasses_inherit_it() -> None:
    assert validate_table(Loose, {"title": "t", "whatever": 1}) == Loose(title="t")
    assert validate_table(LooseChild, {"title": "t", "other": 1}).extra_field is False


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
            {"title": "t", "inner": {"name": "n", "size": 1.5}},
            ("inner", "size"),
            "expected an integer, got 1.5",
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
    found = issues(Outer, data)
    assert [(i.loc, i.message) for i in found] == [(loc, message)]


def test_a_table_in_a_union_is_judged_by_the_member_of_its_shape() -> None:
    found = issues(Outer, {"title": "t", "env": {"A": {"op": "op://v/i", "pth": "p"}}})
    assert sorted((i.loc, i.kind) for i in found) == [
        (("env", "A", "path"), "missing"),
        (("env", "A", "pth"), "extra"),
    ]


def test_a_key_named_like_a_union_tag_keeps_its_place() -> None:
    found = issues(Outer, {"title": "t", "env": {"ref": {"op": "op://v/i", "ref": 1}}})
    assert sorted(i.loc for i in found) == [("env", "ref", "path"), ("env", "ref", "ref")]
    found = issues(Outer, {"title": "t", "env": {"<ref>": {"op": "op://v/i"}}})
    assert [i.loc for i in found] == [("env", "<ref>", "path")]


def test_a_table_without_op_is_an_extended_value() -> None:
    assert validate_table(Outer, {"title": "t", "env": {"A": {"value": "v"}}}).env["A"] == Plain(
        value="v"
    )


def test_strict_values_are_not_coerced() -> None:
    assert issues(Outer, {"title": None})[0].message == "expected a string, got NoneType"
    assert issues(Outer, {"title": "t", "env": {"A": {"value": "v", "on_demand": "yes"}}})[
        0
    ].message == ("expected true or false, got a string")


def test_the_top_level_must_be_a_table() -> None:
    assert issues(Outer, ["x"]) == [Issue((), "type", "expected a table, got a list")]


def test_table_errors_are_value_errors_that_list_every_issue() -> None:
    with pytest.raises(ValueError, match=r"title: required key is missing"):
        validate_table(Outer, {})


def test_frozen_tables_are_hashable_and_others_are_not() -> None:
    assert len({Ref(op="op://a", path="p"), Ref(op="op://a", path="p")}) == 1
    with pytest.raises(TypeError):
        hash(Inner(name="n"))


def test_dumping_gives_plain_data_in_field_order() -> None:
    outer = Outer(title="t", colour=Colour.BLUE, inner=Inner(name="n"), env={"A": Plain(value="v")})
    data = outer.model_dump(mode="json")
    assert data == {
        "title": "t",
        "ratio": 1.0,
        "colour": "blue",
        "mode": None,
        "tags": [],
        "inner": {"name": "n", "size": 0},
        "inners": [],
        "env": {"A": {"value": "v", "on_demand": False}},
    }
    assert list(data) == ["title", "ratio", "colour", "mode", "tags", "inner", "inners", "env"]
    assert outer.model_dump(mode="json", exclude_defaults=True) == {
        "title": "t",
        "colour": "blue",
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
    assert validate_table(Outer, data).model_dump(mode="json") == data


@pytest.mark.parametrize(
    "data",
    [
        {"title": "t", "tags": "sk-live-0123456789"},
        {"title": "t", "inner": "sk-live-0123456789"},
        {"title": 7, "env": {"A": ["sk-live-0123456789"]}},
        {"title": "t", "env": {"A": {"op": "sk-live-0123456789", "path": "p"}}},
        {"title": "t", "inner": {"name": "n", "size": "sk-live-0123456789"}},
        {"title": "t", "colour": "sk-live-0123456789-0123456789-0123456789"},
        {"title": "t", "mode": "sk-live-0123456789-0123456789-0123456789"},
    ],
)
def test_a_string_in_the_wrong_place_is_never_echoed(data: dict[str, object]) -> None:
    with pytest.raises(TableError) as caught:
        validate_table(Outer, data)
    assert "sk-live" not in str(caught.value)
    assert all("sk-live" not in issue.message for issue in caught.value.issues)
