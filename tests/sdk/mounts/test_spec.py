from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jackin_sdk.errors import JackinError
from jackin_sdk.mounts import Isolation, Mount, MountError, expand_tilde, parse_mount_spec

CWD = Path("/work/project")
HOME = Path("/home/op")


def parse(spec: str) -> Mount:
    return parse_mount_spec(spec, cwd=CWD, home=HOME)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("/src", Mount("/src", "/src")),
        ("/src:/dst", Mount("/src", "/dst")),
        ("/src:ro", Mount("/src", "/src", readonly=True)),
        ("/src:/dst:ro", Mount("/src", "/dst", readonly=True)),
        ("~", Mount("/home/op", "/home/op")),
        ("~/code", Mount("/home/op/code", "/home/op/code")),
        ("~/code:/workspace", Mount("/home/op/code", "/workspace")),
        ("~/code:~/code", Mount("/home/op/code", "/home/op/code")),
        ("lib", Mount("/work/project/lib", "/work/project/lib")),
        (".", Mount("/work/project", "/work/project")),
        ("../other:/other:ro", Mount("/work/other", "/other", readonly=True)),
        ("/a/./b/../c/", Mount("/a/c", "/a/c")),
        ("//a//b", Mount("/a/b", "/a/b")),
        ("~other/x", Mount("/work/project/~other/x", "/work/project/~other/x")),
        ("/src:/dst:rw", Mount("/src", "/dst:rw")),
        ("/src:relative", Mount("/src", "relative")),
    ],
)
def test_parse_mount_spec(spec: str, expected: Mount) -> None:
    assert parse(spec) == expected


def test_parsed_mounts_are_shared() -> None:
    assert parse("/a:/b:ro").isolation is Isolation.SHARED


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "mount spec cannot be empty"),
        ("   ", "mount spec cannot be empty"),
        (":ro", "mount spec `:ro` has an empty source"),
        (":/dst", "mount spec `:/dst` has an empty source"),
        ("/src:", "mount spec `/src:` has an empty destination"),
        ("/src::ro", "mount spec `/src::ro` has an empty destination"),
    ],
)
def test_parse_mount_spec_errors(spec: str, message: str) -> None:
    with pytest.raises(MountError) as caught:
        parse(spec)
    assert str(caught.value) == message
    assert isinstance(caught.value, JackinError)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("~", "/home/op"),
        ("~/", "/home/op"),
        ("~/a/b", "/home/op/a/b"),
        ("~//a", "/home/op/a"),
        ("~user/a", "~user/a"),
        ("/abs", "/abs"),
        ("rel/~", "rel/~"),
    ],
)
def test_expand_tilde(path: str, expected: str) -> None:
    assert expand_tilde(path, home=HOME) == expected


_segment = st.text(alphabet="abcxyz019_-.", min_size=1, max_size=6).filter(
    lambda s: s not in {".", ".."}
)
_abs_path = st.lists(_segment, min_size=1, max_size=4).map(lambda parts: "/" + "/".join(parts))


@given(src=_abs_path, dst=_abs_path, readonly=st.booleans())
def test_spec_round_trips(src: str, dst: str, readonly: bool) -> None:
    spec = f"{src}:{dst}" + (":ro" if readonly else "")
    assert parse(spec) == Mount(src, dst, readonly=readonly)
    assert parse(src + (":ro" if readonly else "")) == Mount(src, src, readonly=readonly)
