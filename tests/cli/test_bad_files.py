"""The installed commands on bad files, end to end in child processes: a non-zero exit, a
message naming the file (and line), no traceback, no hang; and symlinked config files
that stay symlinks through `config env set` and a migrating `workspace list`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from jackin_sdk.config import CONFIG_VERSION

BIN = Path(sys.executable).parent
# A hang is the bug for the FIFO case: fail after this long instead of blocking CI.
HANG_GUARD = 120


def _run(tool: str, args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "JACKIN_CONFIG_DIR": str(tmp_path / "config"),
        "JACKIN_HOME_DIR": str(tmp_path / "home"),
        "DOCKER_HOST": f"unix://{tmp_path}/no-engine.sock",  # doctor stays off the engine
        "NO_COLOR": "1",
    }
    env.pop("JACKIN_DEBUG", None)
    return subprocess.run(
        [str(BIN / tool), *args],
        check=False,
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        stdin=subprocess.DEVNULL,
    )


def _clean_failure(done: subprocess.CompletedProcess[str]) -> str:
    output = done.stdout + done.stderr
    assert done.returncode not in (0, None), output
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    return output


def _config(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir(exist_ok=True)
    return folder / "config.toml"


CONFIGS: dict[str, tuple[Callable[[Path], object], str]] = {
    "key twice": (
        lambda p: p.write_text('version = "v1alpha10"\n[env]\nA = "1"\nA = "2"\n'),
        'config.toml:4:8: malformed TOML: Key "A" already exists',
    ),
    "invalid UTF-8": (
        lambda p: p.write_bytes(b'version = "v1alpha10"\n# caf\xe9\n'),
        "config.toml:2:6: is not valid UTF-8",
    ),
    "/dev/zero": (
        lambda p: p.symlink_to("/dev/zero"),
        "config.toml: is a character device, not a regular file",
    ),
    "FIFO": (os.mkfifo, "config.toml: is a named pipe (FIFO), not a regular file"),
}
COMMANDS = [["workspace", "list"], ["load", "--dry-run"], ["doctor"]]


@pytest.mark.parametrize("case", list(CONFIGS), ids=list(CONFIGS))
@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_jackin_on_a_bad_config_toml(tmp_path: Path, case: str, command: list[str]) -> None:
    make, message = CONFIGS[case]
    make(_config(tmp_path))
    output = _clean_failure(_run("jackin", command, tmp_path))
    assert message in output
    if command == ["doctor"]:
        assert "fail  config_files" in output


MANIFEST = 'version = "v1alpha5"\ndockerfile = "Dockerfile"\n[claude]\n'
MANIFESTS: dict[str, tuple[Callable[[Path], object], str]] = {
    "invalid UTF-8": (
        lambda p: p.write_bytes(MANIFEST.encode() + b'model = "caf\xe9"\n'),
        "jackin.role.toml:4",
    ),
    "key twice": (
        lambda p: p.write_text(MANIFEST + 'model = "a"\nmodel = "b"\n'),
        "jackin.role.toml:5",
    ),
    "FIFO": (os.mkfifo, "is a named pipe (FIFO), not a regular file"),
}


@pytest.mark.parametrize("case", list(MANIFESTS), ids=list(MANIFESTS))
@pytest.mark.parametrize("verb", ["validate", "migrate"])
def test_jackin_role_on_a_bad_manifest(tmp_path: Path, case: str, verb: str) -> None:
    make, message = MANIFESTS[case]
    role = tmp_path / "role"
    role.mkdir()
    (role / "Dockerfile").write_text("FROM projectjackin/construct:0.35-trixie\n")
    make(role / "jackin.role.toml")
    output = _clean_failure(_run("jackin-role", [verb, str(role)], tmp_path))
    assert message in output
    if verb == "migrate":
        assert "[E004]" in output


def test_a_failed_migrating_load_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    config = _config(tmp_path)
    original = b'version = "v1alpha8"\n# mine\n[claude]\nauth_forward = "telepathy"\n'
    config.write_bytes(original)
    output = _clean_failure(_run("jackin", ["workspace", "list"], tmp_path))
    assert "telepathy" in output
    assert config.read_bytes() == original
    assert sorted(p.name for p in config.parent.iterdir()) == ["config.lock", "config.toml"]


@pytest.fixture
def linked_config(tmp_path: Path) -> Path:
    """config.toml as a symlink into a dotfiles folder; returns the link's target."""
    target = tmp_path / "dotfiles" / "jackin" / "config.toml"
    target.parent.mkdir(parents=True)
    target.write_text('version = "v1alpha8"\n# tracked in git\n')
    _config(tmp_path).symlink_to(target)
    return target


def test_a_migrating_workspace_list_keeps_the_symlink(tmp_path: Path, linked_config: Path) -> None:
    done = _run("jackin", ["workspace", "list"], tmp_path)
    assert done.returncode == 0, done.stderr
    link = _config(tmp_path)
    assert link.is_symlink()
    assert link.resolve() == linked_config
    assert linked_config.read_text().startswith(f'version = "{CONFIG_VERSION}"\n# tracked in git')
    assert sorted(p.name for p in linked_config.parent.iterdir()) == ["config.toml"]


def test_config_env_set_keeps_the_symlink(tmp_path: Path, linked_config: Path) -> None:
    done = _run("jackin", ["config", "env", "set", "API_URL", "https://example.invalid"], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    link = _config(tmp_path)
    assert link.is_symlink()
    assert link.resolve() == linked_config
    text = linked_config.read_text()
    assert 'API_URL = "https://example.invalid"' in text
    assert "# tracked in git" in text


def test_a_symlinked_workspace_file_stays_a_symlink(tmp_path: Path) -> None:
    _config(tmp_path).write_text(f'version = "{CONFIG_VERSION}"\n')
    target = tmp_path / "dotfiles" / "web.toml"
    target.parent.mkdir()
    target.write_text(
        'version = "v1alpha8"\nworkdir = "/work/web"\n\n'
        '[[mounts]]\nsrc = "/src/web"\ndst = "/work/web"\n'
    )
    link = tmp_path / "config" / "workspaces" / "web.toml"
    link.parent.mkdir()
    link.symlink_to(target)
    done = _run("jackin", ["workspace", "env", "set", "web", "WEB_ONLY", "1"], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert link.is_symlink()
    assert 'WEB_ONLY = "1"' in target.read_text()


ROLE_MANIFEST = MANIFEST + '[hooks]\nsetup_once = "setup.sh"\n'
HOOK = "#!/bin/sh\necho ready\n"
# (file made bad, how, the file and line the message names, what it says)
ROLE_FILES: dict[str, tuple[str, Callable[[Path], object], str, str]] = {
    "FIFO Dockerfile": (
        "Dockerfile",
        os.mkfifo,
        "Dockerfile:",
        "[E004] dockerfile is a named pipe (FIFO), not a regular file",
    ),
    "10 MiB Dockerfile": (
        "Dockerfile",
        lambda p: p.write_bytes(b"FROM projectjackin/construct:0.35-trixie\n" + b"#" * (10 << 20)),
        "Dockerfile:",
        "[E004] dockerfile is larger than 1024 KiB",
    ),
    "non-UTF-8 hook": (
        "setup.sh",
        lambda p: p.write_bytes(b"#!/bin/sh\n# caf\xe9\n"),
        "setup.sh:2:",
        "[E004] hooks.setup_once is not valid UTF-8 (byte 0xe9 at line 2, column 6)",
    ),
}


@pytest.mark.parametrize("case", list(ROLE_FILES), ids=list(ROLE_FILES))
def test_jackin_role_validate_on_a_bad_dockerfile_or_hook(tmp_path: Path, case: str) -> None:
    """The Dockerfile and hooks are read bounded: a FIFO does not hang validation, 10 MiB
    is not read whole, bytes that are not UTF-8 are refused; each an E004 naming the file."""
    name, make, where, message = ROLE_FILES[case]
    role = tmp_path / "role"
    role.mkdir()
    (role / "jackin.role.toml").write_text(ROLE_MANIFEST)
    (role / "Dockerfile").write_text("FROM projectjackin/construct:0.35-trixie\n")
    (role / "setup.sh").write_text(HOOK)
    (role / name).unlink()
    make(role / name)
    output = _clean_failure(_run("jackin-role", ["validate", str(role)], tmp_path))
    assert f"role/{where} {message}" in output, output
