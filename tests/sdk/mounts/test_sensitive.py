from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.errors import ErrorCode
from jackin_sdk.mounts import (
    SENSITIVE_PATTERNS,
    Mount,
    SensitiveHit,
    SensitiveMountsNotConfirmed,
    find_sensitive,
)

HOME = Path("/home/op")


def _hits(
    src: str,
    *,
    home: Path = HOME,
    cwd: Path = Path("/work"),
    environ: dict[str, str] | None = None,
) -> list[tuple[str, str]]:
    mounts = [Mount(src, "/dst")]
    found = find_sensitive(mounts, home=home, cwd=cwd, environ=environ or {})
    return [(hit.pattern, hit.reason) for hit in found]


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
        "~/code",
        "~/.sshd",
        "~/ssh",
        "~/.config/ghost",
        "~/.config-gh",
        "~/gh/.config",
        "~/.ssh/../code",
        "/etc/docker",
        "~/my.npmrc",
        "/home/op-projects",
        "/home/other/code",
        "/srv/work",
        "/var/tmp/build",
        "/tmp",
        "/usr/local/src",
        "/run/user/1000/app",
        "/etc/nginx",
        "/root/project",
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


HOME_REASON = "your home folder, where SSH keys, cloud credentials and tokens live"
ENGINE = "a container engine socket: whoever holds it controls the host"


@pytest.mark.parametrize(
    ("src", "found"),
    [
        # jackin#17 item 2: a mount of the home, of `/`, or of any ancestor of a store.
        ("~", ("~", HOME_REASON)),
        ("~/", ("~", HOME_REASON)),
        ("/home/op", ("~", HOME_REASON)),
        ("~/code/..", ("~", HOME_REASON)),
        ("/", ("/", "the host's whole filesystem")),
        ("/home", ("/home", "every user's home folder")),
        ("/Users", ("/Users", "every user's home folder")),
        ("/root", ("/root", "every user's home folder")),
        ("~/.config", ("~/.config/gcloud", "contains ~/.config/gcloud (Google Cloud credentials)")),
        ("/etc", ("/etc/shadow", "contains /etc/shadow (the host's password hashes)")),
        ("/etc/ssh", ("/etc/ssh", "the host's SSH server keys")),
        ("/etc/ssh/ssh_host_ed25519_key",
         ("/etc/ssh", "inside /etc/ssh (the host's SSH server keys)")),
        ("/var/run/docker.sock", ("docker.sock", ENGINE)),
        ("/run/docker.sock", ("docker.sock", ENGINE)),
        ("~/.colima/default/docker.sock", ("docker.sock", ENGINE)),
        ("/run/user/1000/podman/podman.sock", ("podman.sock", ENGINE)),
        ("/var/run", ("/var/run/docker.sock", f"contains /var/run/docker.sock ({ENGINE})")),
        ("/var", ("/var/run/docker.sock", f"contains /var/run/docker.sock ({ENGINE})")),
        ("/var/lib/docker/volumes",
         ("/var/lib/docker",
          "inside /var/lib/docker (the Docker engine's data: every container's files)")),
        ("/proc", ("/proc", "the host's processes and kernel interfaces")),
        ("/sys/kernel", ("/sys", "inside /sys (the host's kernel and device settings)")),
        ("/dev/sda", ("/dev", "inside /dev (the host's devices, its disks included)")),
    ],
)  # fmt: skip
def test_sources_that_are_or_contain_a_sensitive_path(src: str, found: tuple[str, str]) -> None:
    assert _hits(src) == [found]


def test_run_contains_the_engine_socket() -> None:
    # /var/run is a link to /run on Linux: either name of the socket may be the one found.
    [(label, reason)] = _hits("/run")
    assert label in {"/run/docker.sock", "/var/run/docker.sock"}
    assert reason == f"contains {label} ({ENGINE})"


def test_an_ancestor_of_the_home_is_sensitive_wherever_the_home_is() -> None:
    home = Path("/srv/people/op")
    assert _hits("/srv/people", home=home) == [("~", f"contains ~ ({HOME_REASON})")]
    assert _hits("/srv", home=home) == [("~", f"contains ~ ({HOME_REASON})")]
    assert _hits("/srv/people/op-two", home=home) == []


def test_a_symlink_to_the_home_or_its_parent_is_caught(tmp_path: Path) -> None:
    home = tmp_path / "people" / "op"
    (home / ".ssh").mkdir(parents=True)
    (tmp_path / "to-home").symlink_to(home)
    (tmp_path / "to-people").symlink_to(home.parent)
    assert _hits(str(tmp_path / "to-home"), home=home) == [("~", HOME_REASON)]
    assert _hits(str(tmp_path / "to-people"), home=home) == [("~", f"contains ~ ({HOME_REASON})")]
    sibling = tmp_path / "people" / "projects"
    sibling.mkdir()
    assert _hits(str(sibling), home=home) == []


def test_a_home_that_is_a_symlink_is_compared_by_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real-home"
    real.mkdir()
    link = tmp_path / "home"
    link.symlink_to(real)
    assert _hits(str(real), home=link) == [("~", HOME_REASON)]


def test_a_folder_that_holds_a_home_credential_store_is_another_home(tmp_path: Path) -> None:
    bob = tmp_path / "bob"
    (bob / ".gnupg").mkdir(parents=True)
    assert _hits(str(bob)) == [(".gnupg", "contains .gnupg (GPG keys and trust database)")]
    backup = tmp_path / "backup"
    backup.mkdir()
    (backup / ".git-credentials").write_text("https://u:p@example.invalid\n")
    assert _hits(str(backup))[0][0] == ".git-credentials"


def test_files_projects_commit_do_not_make_a_folder_a_home(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / ".docker").mkdir(parents=True)
    (project / ".npmrc").write_text("registry=https://registry.npmjs.org/\n")
    (project / ".netrc").write_text("")
    assert _hits(str(project)) == []
    assert _hits(str(project / ".npmrc")) == [(".npmrc", "npm registry credentials")]


def test_the_engine_and_ssh_agent_sockets_of_the_environment() -> None:
    environ = {
        "DOCKER_HOST": "unix:///srv/engine/engine.socket",
        "SSH_AUTH_SOCK": "/tmp/ssh-XYZ/agent.42",
    }
    [(label, reason)] = _hits("/srv/engine", environ=environ)
    assert label == "/srv/engine/engine.socket"
    assert reason.startswith("contains /srv/engine/engine.socket (DOCKER_HOST: a container")
    [(label, reason)] = _hits("/tmp/ssh-XYZ", environ=environ)
    assert (label, reason.split(":")[0]) == (
        "/tmp/ssh-XYZ/agent.42",
        "contains /tmp/ssh-XYZ/agent.42 (SSH_AUTH_SOCK",
    )
    assert _hits("/srv/engine", environ={"DOCKER_HOST": "tcp://127.0.0.1:2375"}) == []
    assert _hits("/tmp/ssh-XYZ") == []


def test_jackin_own_roots_are_sensitive(tmp_path: Path) -> None:
    environ = {
        "JACKIN_CONFIG_DIR": str(tmp_path / "cfg"),
        "JACKIN_HOME_DIR": str(tmp_path / "data"),
    }
    config = str(tmp_path / "cfg")
    assert _hits(config, environ=environ)[0][0] == config
    assert _hits(f"{config}/workspaces", environ=environ)[0][1].startswith(f"inside {config} (")
    assert _hits(str(tmp_path), environ=environ)[0][1].startswith(f"contains {config} (")
    assert _hits(str(tmp_path / "data" / "data" / "x"), environ=environ)[0][0] == str(
        tmp_path / "data"
    )
    # By default they live in the home: ~/.config/jackin and ~/.jackin.
    [(label, reason)] = _hits("~/.jackin/data")
    assert (label, reason.split(":")[0]) == (
        "/home/op/.jackin",
        "inside /home/op/.jackin (jackin's data",
    )


def test_unconfirmed_hits_are_e020_listing_each_source() -> None:
    mounts = [Mount("/home/op", "/h"), Mount("/etc/ssh", "/s")]
    error = SensitiveMountsNotConfirmed(find_sensitive(mounts, home=HOME, environ={}))
    assert error.code is ErrorCode.E020
    assert error.exit_code == 1
    assert str(error) == (
        "[E020] Sensitive host path mounted without confirmation: stdin is not a terminal, "
        "so nobody confirmed these mounts:\n"
        f"  /home/op — {HOME_REASON}\n"
        "  /etc/ssh — the host's SSH server keys"
    )
    assert "--yes" in error.hint
