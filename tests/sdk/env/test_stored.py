"""`keyring:` and `private-file:` env values: parsing, and reading them at resolution."""

from __future__ import annotations

import io
import secrets
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from jackin_sdk.debug import contains_secret, redact
from jackin_sdk.env import (
    EnvError,
    EnvLayer,
    EnvSource,
    EnvValue,
    ExtendedValue,
    FileRef,
    KeyringRef,
    ResolvedEnv,
    merge_layers,
    parse_stored_ref,
    resolve_env,
)


def _fresh(label: str) -> str:
    """A value no earlier test has registered as a secret."""
    return f"{label}-{secrets.token_hex(12)}"


def _resolve(values: dict[str, EnvValue]) -> ResolvedEnv:
    return resolve_env(merge_layers([EnvLayer.workspace("web", values)]), host_env={}, op=None)


def _private_file(path: Path, text: str, mode: int = 0o600) -> Path:
    path.write_text(text)
    path.chmod(mode)
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("keyring:jackin/claude-token:web", KeyringRef("jackin", "claude-token:web")),
        ("keyring:svc/user/with/slashes", KeyringRef("svc", "user/with/slashes")),
        ("private-file:/home/neo/.secrets/t", FileRef(Path("/home/neo/.secrets/t"))),
        ("keyring:no-username", None),
        ("keyring:/user", None),
        ("keyring:svc/", None),
        ("keyring:svc/ padded", None),
        ("private-file:relative/path", None),
        ("private-file:", None),
        ("file:/data/app.db", None),
        ("file:///data/app.db", None),
        (" keyring:svc/user", None),
        ("prefix keyring:svc/user", None),
    ],
)
def test_parse_stored_ref(text: str, expected: KeyringRef | FileRef | None) -> None:
    assert parse_stored_ref(text) == expected
    if expected is not None:
        assert str(expected) == text


def test_keyring_value_is_read_and_registered(keyring_file: KeyringBackend) -> None:
    token = _fresh("keyring-token")
    keyring.set_password("jackin", "claude-token:web", token)
    assert not contains_secret(token)
    env = _resolve({"CLAUDE_CODE_OAUTH_TOKEN": "keyring:jackin/claude-token:web"})
    assert env.values == {"CLAUDE_CODE_OAUTH_TOKEN": token}
    assert env.sources["CLAUDE_CODE_OAUTH_TOKEN"] == EnvSource(
        "keyring", "keyring:jackin/claude-token:web", "workspace web [env]"
    )
    assert env.secret_keys == {"CLAUDE_CODE_OAUTH_TOKEN"}
    assert redact(f"token={token}") == "token=***"
    assert env.summary() == "1 resolved (0 op://, 0 host ref, 0 literal, 1 keyring)"


def test_extended_value_form_is_read_too(keyring_file: KeyringBackend) -> None:
    token = _fresh("extended")
    keyring.set_password("svc", "user", token)
    env = _resolve({"T": ExtendedValue(value="keyring:svc/user")})
    assert env.values == {"T": token}


def test_missing_keyring_entry_fails_its_key(keyring_file: KeyringBackend) -> None:
    with pytest.raises(EnvError) as caught:
        _resolve({"T": "keyring:jackin/claude-token:gone"})
    assert caught.value.problems == ("T: keyring entry jackin/claude-token:gone does not exist",)


def test_no_keyring_backend_fails_its_key(keyring_missing: KeyringBackend) -> None:
    with pytest.raises(EnvError) as caught:
        _resolve({"T": "keyring:jackin/claude-token:web"})
    (problem,) = caught.value.problems
    assert problem.startswith("T: keyring entry jackin/claude-token:web could not be read: ")


def test_private_file_is_read_without_its_newline(tmp_path: Path) -> None:
    token = _fresh("file-token")
    path = _private_file(tmp_path / "token", token + "\n")
    env = _resolve({"CLAUDE_CODE_OAUTH_TOKEN": f"private-file:{path}"})
    assert env.values == {"CLAUDE_CODE_OAUTH_TOKEN": token}
    assert env.sources["CLAUDE_CODE_OAUTH_TOKEN"].kind == "file"
    assert env.sources["CLAUDE_CODE_OAUTH_TOKEN"].origin == f"private-file:{path}"
    assert redact(token) == "***"
    assert env.summary() == "1 resolved (0 op://, 0 host ref, 0 literal, 1 file)"


def test_private_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    token = _fresh("loose")
    path = _private_file(tmp_path / "token", token, mode=0o644)
    with pytest.raises(EnvError) as caught:
        _resolve({"T": f"private-file:{path}"})
    assert caught.value.problems == (
        f"T: private file {path} is readable by other users (mode 0644); run `chmod 600 {path}`",
    )
    assert token not in str(caught.value)


@pytest.mark.parametrize(
    ("make", "reason"), [("missing", "does not exist"), ("folder", "is not a regular file")]
)
def test_unusable_private_file(tmp_path: Path, make: str, reason: str) -> None:
    path = tmp_path / "token"
    if make == "folder":
        path.mkdir()
    with pytest.raises(EnvError) as caught:
        _resolve({"T": f"private-file:{path}"})
    assert caught.value.problems == (f"T: private file {path} {reason}",)


def test_file_uris_stay_literals(tmp_path: Path) -> None:
    path = _private_file(tmp_path / "app.db", "not a secret")
    env = _resolve({"DATABASE_URL": f"file:{path}"})
    assert env.values == {"DATABASE_URL": f"file:{path}"}
    assert env.sources["DATABASE_URL"].kind == "literal"


def test_every_failure_is_listed_with_the_good_values_kept_out(
    tmp_path: Path, keyring_file: KeyringBackend
) -> None:
    good = _fresh("good")
    keyring.set_password("svc", "good", good)
    with pytest.raises(EnvError) as caught:
        _resolve(
            {
                "GOOD": "keyring:svc/good",
                "BAD_KEYRING": "keyring:svc/absent",
                "BAD_FILE": f"private-file:{tmp_path / 'absent'}",
            }
        )
    assert [p.split(":")[0] for p in caught.value.problems] == ["BAD_KEYRING", "BAD_FILE"]
    assert good not in str(caught.value)


def test_stored_values_never_reach_the_debug_log(
    tmp_path: Path, keyring_file: KeyringBackend, debug_log: io.StringIO
) -> None:
    from_keyring, from_file = _fresh("log-keyring"), _fresh("log-file")
    keyring.set_password("jackin", "claude-token:web", from_keyring)
    path = _private_file(tmp_path / "token", from_file)
    env = _resolve({"A": "keyring:jackin/claude-token:web", "B": f"private-file:{path}"})
    log = debug_log.getvalue()
    assert "A from keyring:jackin/claude-token:web (workspace web [env])" in log
    assert f"B from private-file:{path} (workspace web [env])" in log
    for value in (from_keyring, from_file):
        assert value not in log
        assert value not in repr(env)
