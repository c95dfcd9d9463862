"""Manifest strings jackin prints are refused when they carry control characters (E017)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jackin_sdk.roles import format_report, validate_role

DOCKERFILE = "FROM projectjackin/construct:0.35-trixie\n"
HEAD = 'version = "v1alpha6"\ndockerfile = "Dockerfile"\n'
# TOML escapes: the file itself is plain text, the parsed strings hold ESC, BEL and CR.
TITLE = r"\u001b]0;pwned\u0007"
FORGED = r"\u001b[2K\rTrusted by jackin (verified)"
RAW = ("\x1b", "\x07", "\r", "\u202e")


def _repo(tmp_path: Path, manifest: str) -> Path:
    root = tmp_path / "role"
    root.mkdir()
    (root / "jackin.role.toml").write_text(manifest)
    (root / "Dockerfile").write_text(DOCKERFILE)
    return root


@pytest.mark.parametrize("name", [TITLE, FORGED], ids=["osc-title", "erase-and-forge"])
def test_identity_name_with_escapes_is_refused(tmp_path: Path, name: str) -> None:
    root = _repo(tmp_path, HEAD + f'\n[identity]\nname = "{name}"\n\n[claude]\n')
    report = validate_role(root, offline=True)
    (finding,) = report.errors
    assert finding.field == "identity.name"
    assert (finding.file, finding.line) == (root / "jackin.role.toml", 5)
    assert finding.message.startswith("[E017] `identity.name` contains \\x1b")
    for output_format in ("human", "github", "json"):
        text = format_report(report, output_format)
        assert not any(char in text for char in RAW), (output_format, text)


@pytest.mark.parametrize(
    ("table", "field"),
    [
        ('published_image = "ghcr.io/acme/role\\u202e:1"\n[claude]\n', "published_image"),
        ('[claude]\nplugins = ["ok", "evil\\u0007"]\n', "claude.plugins"),
        ('[claude]\nmodel = "opus\\nTrusted"\n', "claude.model"),
        ('[claude]\n[env."A\\u001b[2K"]\ndefault = "x"\n', "env.A\\x1b[2K"),
        ('[claude]\n[env.A]\ndefault = "x"\nprompt = "\\u001b]52;c;aGk=\\u0007"\n', "env.A.prompt"),
    ],
    ids=["bidi-image", "bel-in-plugin", "newline-in-model", "esc-in-env-name", "osc52-in-prompt"],
)  # fmt: skip
def test_every_manifest_string_is_checked(tmp_path: Path, table: str, field: str) -> None:
    report = validate_role(_repo(tmp_path, HEAD + table), offline=True)
    e017 = [f for f in report.errors if f.message.startswith("[E017]")]
    assert [f.field for f in e017] == [field]
    human = format_report(report, "human")
    assert not any(char in human for char in RAW)
    assert json.loads(format_report(report, "json"))["data"]["valid"] is False


def test_plain_unicode_names_stay_valid(tmp_path: Path) -> None:
    manifest = HEAD + '\n[identity]\nname = "Agent Smith — 日本 👍🏽"\n\n[claude]\n'
    assert validate_role(_repo(tmp_path, manifest), offline=True).valid


def test_reports_escape_values_quoted_by_other_findings(tmp_path: Path) -> None:
    # "hooks.source does not exist: <value>" quotes the role's own text: every format
    # must still be safe to print.
    root = _repo(tmp_path, HEAD + f'[claude]\n[hooks]\nsource = "{TITLE}.sh"\n')
    report = validate_role(root, offline=True)
    assert any(f.message.startswith("hooks.source") and "\x1b" in f.message for f in report.errors)
    for output_format in ("human", "github", "json"):
        text = format_report(report, output_format)
        assert not any(char in text for char in RAW), (output_format, text)
    assert "(or is not a regular file): \\x1b]0;pwned\\x07.sh" in format_report(report, "human")
