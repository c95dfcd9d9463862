"""The jackin home's identity (`<home>/home-id`): made once, kept, told apart when copied."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jackin_sdk.errors import CodedError, ErrorCode
from jackin_sdk.paths import HOME_ID_FILE, HomeIdentity, home_identity


def _made(home: Path) -> HomeIdentity:
    found = home_identity(home)
    assert found is not None
    return found


def test_the_first_use_makes_a_random_id_and_later_ones_read_it(tmp_path: Path) -> None:
    home = tmp_path / "jackin"
    assert home_identity(home, create=False) is None
    assert not home.exists()  # a read-only command makes nothing

    first = _made(home)

    assert home.stat().st_mode & 0o777 == 0o700
    assert len(first.id) == 32
    assert first.path == home.resolve()
    assert _made(home) == first
    assert home_identity(home, create=False) == first
    document = json.loads((home / HOME_ID_FILE).read_text())
    assert document == {"version": 1, "id": first.id, "path": str(home.resolve())}
    assert (home / HOME_ID_FILE).stat().st_mode & 0o777 == 0o600
    assert _made(tmp_path / "another") != first


def test_a_copied_home_takes_a_new_id_and_the_original_keeps_its(tmp_path: Path) -> None:
    original = _made(tmp_path / "a")
    shutil.copytree(tmp_path / "a", tmp_path / "b")

    copy = _made(tmp_path / "b")

    assert copy.id != original.id
    assert copy.path == (tmp_path / "b").resolve()
    assert _made(tmp_path / "b") == copy
    assert _made(tmp_path / "a") == original


def test_a_moved_home_keeps_its_id_and_records_where_it_is(tmp_path: Path) -> None:
    original = _made(tmp_path / "a")
    (tmp_path / "a").rename(tmp_path / "moved")

    moved = _made(tmp_path / "moved")

    assert moved == HomeIdentity(original.id, (tmp_path / "moved").resolve())
    recorded = json.loads((tmp_path / "moved" / HOME_ID_FILE).read_text())["path"]
    assert recorded == str((tmp_path / "moved").resolve())


def test_the_same_home_through_a_symlink_is_the_same_home(tmp_path: Path) -> None:
    original = _made(tmp_path / "a")
    (tmp_path / "link").symlink_to(tmp_path / "a")
    assert _made(tmp_path / "link") == original


def test_a_home_reached_by_a_path_resolve_does_not_map_is_not_a_copy(tmp_path: Path) -> None:
    """The recorded folder holds the very same file (a bind mount, a hard-linked folder):
    nothing changes, not even the recorded path."""
    original = _made(tmp_path / "a")
    other = tmp_path / "mounted"
    other.mkdir()
    (other / HOME_ID_FILE).hardlink_to(tmp_path / "a" / HOME_ID_FILE)
    before = (other / HOME_ID_FILE).read_text()

    assert _made(other).id == original.id
    assert (other / HOME_ID_FILE).read_text() == before


_RACE = """
import sys
from pathlib import Path
from jackin_sdk.paths import home_identity
print(home_identity(Path(sys.argv[1])).id)
"""


def test_racing_first_uses_agree_on_one_id(tmp_path: Path) -> None:
    home = tmp_path / "jackin"
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", _RACE, str(home)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(6)
    ]
    ids = {racer.communicate(timeout=60)[0].strip() for racer in racers}
    assert ids == {_made(home).id}
    assert sorted(p.name for p in home.iterdir()) == [HOME_ID_FILE]  # no temporary left


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("not json", None),
        ("[]", None),
        ('{"version": 2, "id": "' + "a" * 32 + '", "path": "/x"}', "version"),
        ('{"version": 1, "id": "ABC", "path": "/x"}', "id"),
        ('{"version": 1, "id": "' + "a" * 32 + '", "path": "relative"}', "path"),
    ],
)
def test_an_unreadable_identity_is_e022_naming_the_file(
    tmp_path: Path, text: str, field: str | None
) -> None:
    home = tmp_path / "jackin"
    home.mkdir()
    (home / HOME_ID_FILE).write_text(text)
    with pytest.raises(CodedError) as caught:
        home_identity(home)
    error = caught.value
    assert error.code is ErrorCode.E022
    assert error.location is not None
    assert error.location.file == home / HOME_ID_FILE
    assert error.location.field == field
    assert "Delete the named file" in error.hint
    assert (home / HOME_ID_FILE).read_text() == text  # never rewritten behind the operator


def test_a_folder_in_place_of_the_file_is_e022(tmp_path: Path) -> None:
    (tmp_path / HOME_ID_FILE).mkdir()
    with pytest.raises(CodedError) as caught:
        home_identity(tmp_path)
    assert caught.value.code is ErrorCode.E022
    assert "a directory" in str(caught.value)
