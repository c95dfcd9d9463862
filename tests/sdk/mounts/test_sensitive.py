from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.mounts import SENSITIVE_PATTERNS, Mount, SensitiveHit, find_sensitive

HOME = Path("/home/op")


def _hits(src: str, *, home: Path = HOME, cwd: Path = Path("/work")) -> list[tuple[str, str]]:
    return [
        (hit.pattern, hit.reason)
        for hit in find_sensitive([Mount(src, "/dst")], home=home, cwd=cwd)
    ]


def test_the_eleven_patterns_in_order() -> None:
    assert [(p.pattern, p.reason) for p in SENSITIVE_PATTERNS] == [
        (".ssh", "SSH keys and configuration"),
        (".aws", "AWS credentials and configuration"),
        (".gnupg", "GPG keys and trust database"),
        (".config/gcloud", "Google Cloud credentials"),
        (".kube", "Kubernetes credentials and configuration"),
        (".docker", "Docker credentials and configuration"),
        (".config/gh", "GitHub CLI credentials"),
        (".netrc", "Network client credentials"),
        (".npmrc", "npm registry credentials"),
        (".git-credentials", "Git credential-store secrets"),
        (".config/op", "1Password CLI configuration"),
    ]
    assert SENSITIVE_PATTERNS[3].components == (".config", "gcloud")


@pytest.mark.parametrize(
    ("src", "pattern"),
    [
        ("~/.ssh", ".ssh"),
        ("~/.ssh/", ".ssh"),
        ("~/.ssh/id_ed25519", ".ssh"),
        ("/root/.aws", ".aws"),
        ("/srv/backup/.gnupg/private", ".gnupg"),
        ("~/.config/gcloud", ".config/gcloud"),
        ("~/.config/gh/hosts.yml", ".config/gh"),
        ("~/.config/op", ".config/op"),
        ("~/.kube/config", ".kube"),
        ("~/.docker", ".docker"),
        ("~/.netrc", ".netrc"),
        ("~/.npmrc", ".npmrc"),
        ("~/.git-credentials", ".git-credentials"),
        ("~/code/../.ssh", ".ssh"),
        (".ssh", ".ssh"),
        ("../op/.aws", ".aws"),
        ("~/.ssh/.aws", ".ssh"),
    ],
)
def test_sensitive_sources(src: str, pattern: str) -> None:
    [(found, _)] = _hits(src)
    assert found == pattern


@pytest.mark.parametrize(
    "src",
    [
        "~",
        "~/code",
        "~/.sshd",
        "~/ssh",
        "~/.config",
        "~/.config/ghost",
        "~/.config-gh",
        "~/gh/.config",
        "~/.ssh/../code",
        "/etc/docker",
        "~/my.npmrc",
    ],
)
def test_ordinary_sources(src: str) -> None:
    assert _hits(src) == []


def test_a_symlink_to_a_credential_store_is_caught(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    link = tmp_path / "innocent"
    link.symlink_to(home / ".ssh")
    assert _hits(str(link), home=home) == [(".ssh", "SSH keys and configuration")]
    assert _hits(str(link / "id_rsa"), home=home) == [(".ssh", "SSH keys and configuration")]


def test_a_credential_store_that_is_itself_a_symlink_is_caught(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    (home / ".aws").symlink_to(keys)
    assert _hits("~/.aws", home=home) == [(".aws", "AWS credentials and configuration")]


def test_relative_sources_resolve_against_cwd(tmp_path: Path) -> None:
    (tmp_path / ".kube").mkdir()
    assert _hits(".kube", cwd=tmp_path) == [(".kube", "Kubernetes credentials and configuration")]
    assert _hits("sub/..", cwd=tmp_path / ".docker") == [
        (".docker", "Docker credentials and configuration")
    ]


def test_hits_keep_the_mount_and_list_order() -> None:
    mounts = [Mount("~/.ssh", "/a"), Mount("/code", "/b"), Mount("~/.npmrc", "/c", True)]
    assert find_sensitive(mounts, home=HOME, cwd=Path("/")) == [
        SensitiveHit(mounts[0], ".ssh", "SSH keys and configuration"),
        SensitiveHit(mounts[2], ".npmrc", "npm registry credentials"),
    ]


def test_cwd_defaults_to_the_process_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    [hit] = find_sensitive([Mount(".gnupg", "/g")], home=HOME)
    assert hit.pattern == ".gnupg"
