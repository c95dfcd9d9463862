"""Rewriting an existing table keeps the operator's comments above, inside and after it.

`set_path` used to replace the whole table with a new one, dropping every comment inside
it (a `src = "…"  # on the host` note vanished when Settings toggled read-only)."""

from __future__ import annotations

import tomllib

import pytest

from jackin_sdk.auth import Agent, AuthForwardMode
from jackin_sdk.config import (
    ConfigEditor,
    add_global_mount,
    load_operator_config,
    set_global_auth,
)
from jackin_sdk.config._document import set_path
from jackin_sdk.mounts import Mount
from jackin_sdk.paths import JackinPaths

MOUNT_TABLE = """
# the shared cache: keep this note
[docker.mounts.cache]
# where it lives
src = "/srv/cache"  # on the host
dst = "/cache"   # in the container
# end of the cache table

[docker.mounts."acme/*".data]
src = "/srv/data"  # scoped note
dst = "/data"
"""


@pytest.fixture
def paths(jackin_paths: JackinPaths) -> JackinPaths:
    load_operator_config(jackin_paths)
    text = jackin_paths.config_file.read_text()
    jackin_paths.config_file.write_text(text + MOUNT_TABLE)
    return jackin_paths


def _lines(text: str) -> list[str]:
    return text.splitlines()


def test_replacing_a_global_mount_keeps_comments_and_untouched_lines(paths: JackinPaths) -> None:
    before = paths.config_file.read_text()
    with ConfigEditor(paths) as editor:
        add_global_mount(editor, "cache", Mount("/srv/cache", "/cache", readonly=True))
        editor.commit()
    after = paths.config_file.read_text()
    # Every line of the file is still there, byte for byte; only `readonly` is new.
    added = [line for line in _lines(after) if line not in _lines(before)]
    assert added == ["readonly = true"], after
    assert [line for line in _lines(before) if line not in _lines(after)] == []
    cache = after.split("[docker.mounts.cache]\n")[1].split("\n\n")[0]
    assert cache == (
        "# where it lives\n"
        'src = "/srv/cache"  # on the host\n'
        'dst = "/cache"   # in the container\n'
        "# end of the cache table\n"
        "readonly = true"
    )
    data = tomllib.loads(after)["docker"]["mounts"]
    assert data["cache"] == {"src": "/srv/cache", "dst": "/cache", "readonly": True}


def test_changed_values_keep_their_trailing_comment_and_dropped_keys_go(
    paths: JackinPaths,
) -> None:
    with ConfigEditor(paths) as editor:
        add_global_mount(editor, "cache", Mount("/srv/cache", "/cache", readonly=True))
        editor.commit()
    with ConfigEditor(paths) as editor:
        add_global_mount(editor, "cache", Mount("/srv/other", "/c2"))
        add_global_mount(editor, "data", Mount("/srv/d2", "/data"), scope="acme/*")
        editor.commit()
    after = paths.config_file.read_text()
    assert 'src = "/srv/other"  # on the host\n' in after
    assert 'dst = "/c2"   # in the container\n' in after
    assert "# where it lives\n" in after
    assert "# end of the cache table\n" in after
    assert "# the shared cache: keep this note\n[docker.mounts.cache]" in after
    assert 'src = "/srv/d2"  # scoped note\n' in after
    assert "readonly" not in after


def test_set_path_merges_into_an_existing_table_and_creates_a_missing_one(
    paths: JackinPaths,
) -> None:
    with ConfigEditor(paths) as editor:
        set_path(editor.config, ["env"], {"A": "1"})
        editor.commit()
    paths.config_file.write_text(
        paths.config_file.read_text().replace('A = "1"', '# why A\nA = "1"  # note a')
    )
    with ConfigEditor(paths) as editor:
        set_path(editor.config, ["env"], {"A": "1", "B": "2"})
        editor.commit()
    text = paths.config_file.read_text()
    assert '# why A\nA = "1"  # note a\nB = "2"\n' in text
    assert tomllib.loads(text)["env"] == {"A": "1", "B": "2"}


def test_auth_table_keeps_its_comments(paths: JackinPaths) -> None:
    with ConfigEditor(paths) as editor:
        set_global_auth(editor, Agent.CLAUDE, AuthForwardMode.SYNC)
        editor.commit()
    paths.config_file.write_text(
        paths.config_file.read_text().replace("[claude]\n", "# my agent\n[claude]\n# mode note\n")
    )
    with ConfigEditor(paths) as editor:
        set_global_auth(editor, Agent.CLAUDE, AuthForwardMode.IGNORE)
        editor.commit()
    text = paths.config_file.read_text()
    assert '# my agent\n[claude]\n# mode note\nauth_forward = "ignore"' in text, text
