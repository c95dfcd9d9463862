"""The bases of every table model, and the two type forms TOML needs beyond pydantic's.

Every table validates strictly (a string is never a number, a number never a boolean; an
integer is accepted where a number is expected), hides input values from pydantic's own
error text (a value in the wrong key may be a secret) and builds its validator on first
use (`defer_build`), so defining the models costs little and a command pays only for the
files it reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Discriminator, Strict, Tag

__all__ = ["UNION_TAGS", "Keyword", "LaxTable", "StrictTable", "Table", "member", "shape_union"]

#: The tag of every `shape_union` member. pydantic puts the tag of the member it chose
#: into an error's location, where it is no key of the file; `_issues` takes it out. Tags
#: are written `<like this>` so that no sensible key is mistaken for one.
UNION_TAGS: set[str] = set()

#: `Annotated[SomeEnum, Keyword]`: an enum read from its value (`"sync"`), where strict
#: validation would accept only the enum member itself.
Keyword = Strict(False)


class Table(BaseModel):
    """The settings every table shares; `StrictTable` and `LaxTable` add strictness.

    Mixins of fields (`_AgentTables`, …) derive from this class directly: pydantic merges
    the configuration of every base in order, so a mixin must not carry `extra` and
    override the strictness of the table it is mixed into.
    """

    model_config = ConfigDict(
        strict=True,
        hide_input_in_errors=True,
        defer_build=True,
        use_attribute_docstrings=True,
        validate_by_name=True,
    )


class StrictTable(Table):
    """A table whose unknown keys are errors (most tables of the reference)."""

    model_config = ConfigDict(extra="forbid")


class LaxTable(Table):
    """A table whose unknown keys are dropped from the model (and kept in the file, since
    edits go through the format-preserving document)."""

    model_config = ConfigDict(extra="ignore")


def member(tag: str) -> Tag:
    """`Annotated[A, member("<a>")]`: the tag of one member of a `shape_union`."""
    UNION_TAGS.add(tag)
    return Tag(tag)


def shape_union(choose: Callable[[Any], str | None], *, expected: str) -> Discriminator:
    """The discriminator of a union whose member is chosen by the value's shape.

    `Annotated[Annotated[A, member("<a>")] | Annotated[B, member("<b>")], shape_union(…)]`:
    `choose` names the tag of the member a value resembles (None when none does), so a
    wrong value is judged by that one member (`{op = "op://…", pth = "…"}` reports the
    misspelt key, not three failed alternatives); `expected` says what fits, for the
    error of a value no member fits.
    """
    return Discriminator(
        choose,
        custom_error_type="jackin_shape",
        custom_error_message="expected {expected}",
        custom_error_context={"expected": expected},
    )
