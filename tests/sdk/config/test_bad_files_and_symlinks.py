"""Files that are not what they should be give a ConfigError naming file and line; a
failed load writes nothing; symlinked config and workspace files stay symlinks."""

from __future__ import annotations

from pathlib import Path

import pytest

from jackin_sdk.config import (
    CONFIG_VERSION,
    WORKSPACE_VERSION,
    ConfigEditor,
    ConfigError,
    EnvScope,
    load_operator_config,
    set_env,
)
from jackin_sdk.errors import JackinError
from jackin_sdk.fs import FileLock, LockTimeout
from jackin_sdk.paths import JackinPaths

WORKSPACE_V8 = (
    'version = "v1alpha8"\nworkdir = "/work/web"\n\n'
    '[[mounts]]\nsrc = "/src/web"\ndst = "/work/web"\n'
)


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data)


def _files(root: Path) -> dict[str, bytes]:
    """Every file under `root` (links reported by their target), except the lock."""
    return {
        str(p.relative_to(root)): (
            f"-> {p.readlink()}".encode() if p.is_symlink() else p.read_bytes()
        )
        for p in sorted(root.rglob("*"))
        if (p.is_file() or p.is_symlink()) and p.name != "config.lock"
    }


def _error(paths: JackinPaths, *, write: bool = True) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_operator_config(paths, write=write)
    return caught.value


# --- parser errors ----------------------------------------------------------------------


def test_a_key_defined_twice_in_a_table_names_its_line(jackin_paths: JackinPaths) -> None:
    """tomlkit raises KeyAlreadyPresent (no position) for this; it used to escape as an
    internal error from `workspace list`, `load --dry-run` and `doctor`."""
    _write(jackin_paths.config_file, 'version = "v1alpha10"\n[env]\nA = "1"\nA = "2"\n')
    error = _error(jackin_paths)
    assert error.location is not None
    assert (error.location.file, error.location.line) == (jackin_paths.config_file, 4)
    assert 'malformed TOML: Key "A" already exists' in str(error)


def test_a_table_declared_twice_is_refused_though_tomlkit_accepts_it(
    jackin_paths: JackinPaths,
) -> None:
    text = '[docker]\ndind = true\n[env]\nA = "1"\n[docker.mounts]\n[docker]\ndind_image = "x"\n'
    _write(jackin_paths.config_file, text)
    error = _error(jackin_paths)
    assert error.location is not None
    assert error.location.line == 6
    assert "malformed TOML: Cannot declare ('docker',) twice" in str(error)


def test_invalid_utf8_in_config_toml_names_line_and_column(jackin_paths: JackinPaths) -> None:
    _write(jackin_paths.config_file, b'version = "v1alpha10"\n# caf\xe9\n')
    error = _error(jackin_paths)
    assert str(error).startswith(f"{jackin_paths.config_file}:2:6: is not valid UTF-8")


def test_invalid_utf8_in_a_workspace_file_names_that_file(jackin_paths: JackinPaths) -> None:
    load_operator_config(jackin_paths)
    _write(jackin_paths.workspace_file("web"), b'workdir = "/w\xff"\n')
    error = _error(jackin_paths, write=False)
    assert error.location is not None
    assert (error.location.file, error.location.line, error.location.column) == (
        jackin_paths.workspace_file("web"),
        1,
        14,
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.symlink_to("/dev/zero"), "is a character device, not a regular file"),
        (lambda p: p.mkdir(), "is a directory, not a regular file"),
        (lambda p: p.write_bytes(b"#" * (1024 * 1024 + 1)), "is larger than 1024 KiB"),
    ],
)
def test_config_toml_that_is_not_a_small_regular_file(
    jackin_paths: JackinPaths, make: object, message: str
) -> None:
    jackin_paths.config_dir.mkdir(parents=True)
    make(jackin_paths.config_file)  # type: ignore[operator]
    error = _error(jackin_paths)
    assert str(error).startswith(f"{jackin_paths.config_file}: {message}")


def test_a_legacy_workspace_entry_that_is_not_a_table(jackin_paths: JackinPaths) -> None:
    """Found by the fuzzer: `dict(value.unwrap())` on a string raised ValueError."""
    _write(jackin_paths.config_file, '[workspaces]\nweb = "x"\n')
    assert "`workspaces.web` must be a table" in str(_error(jackin_paths))


def test_a_bad_legacy_workspace_name_names_config_toml(jackin_paths: JackinPaths) -> None:
    _write(jackin_paths.config_file, '[workspaces.".."]\nworkdir = "/w"\n')
    with pytest.raises(JackinError) as caught:
        load_operator_config(jackin_paths)
    assert str(jackin_paths.config_file) in str(caught.value)


# --- a failed load writes nothing -------------------------------------------------------


def test_an_invalid_old_config_stays_byte_identical_without_backup(
    jackin_paths: JackinPaths,
) -> None:
    original = b'version = "v1alpha8"\n# mine\n[claude]\nauth_forward = "telepathy"\n'
    _write(jackin_paths.config_file, original)
    with pytest.raises(ConfigError, match="telepathy"):
        load_operator_config(jackin_paths)
    assert _files(jackin_paths.config_dir) == {"config.toml": original}


def test_a_failing_workspace_file_stops_every_write(jackin_paths: JackinPaths) -> None:
    """An old config and an old workspace that would migrate, and a second workspace that
    is invalid: nothing is restamped, nothing backed up."""
    _write(jackin_paths.config_file, 'version = "v1alpha8"\n')
    _write(jackin_paths.workspace_file("a-web"), WORKSPACE_V8)
    _write(jackin_paths.workspace_file("z-bad"), 'version = "v1alpha8"\nworkdir = 7\n')
    before = _files(jackin_paths.config_dir)
    with pytest.raises(ConfigError, match="z-bad"):
        load_operator_config(jackin_paths)
    assert _files(jackin_paths.config_dir) == before


def test_a_failing_legacy_split_creates_no_workspace_file(jackin_paths: JackinPaths) -> None:
    original = (
        'version = "v1alpha3"\n[workspaces.web]\nworkdir = "/w"\n'
        '[codex]\nauth_forward = "oauth_token"\n'
    )
    _write(jackin_paths.config_file, original)
    with pytest.raises(ConfigError):
        load_operator_config(jackin_paths)
    assert _files(jackin_paths.config_dir) == {"config.toml": original.encode()}


def test_a_successful_migration_still_backs_up_then_writes(jackin_paths: JackinPaths) -> None:
    original = b'version = "v1alpha8"\n# mine\n'
    _write(jackin_paths.config_file, original)
    _write(jackin_paths.workspace_file("web"), WORKSPACE_V8)
    load_operator_config(jackin_paths)
    files = _files(jackin_paths.config_dir)
    assert files["config.toml.bak-v1alpha8"] == original
    assert files["config.toml"].startswith(f'version = "{CONFIG_VERSION}"\n# mine\n'.encode())
    assert files["workspaces/web.toml.bak-v1alpha8"] == WORKSPACE_V8.encode()
    assert files["workspaces/web.toml"].startswith(f'version = "{WORKSPACE_VERSION}"'.encode())


# --- symlinked files stay symlinks ------------------------------------------------------


@pytest.fixture
def dotfiles(tmp_path: Path) -> Path:
    folder = tmp_path / "dotfiles"
    folder.mkdir()
    return folder


def _link(link: Path, target: Path, text: str) -> None:
    _write(target, text)
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


def test_a_migrating_load_writes_through_a_symlinked_config(
    jackin_paths: JackinPaths, dotfiles: Path
) -> None:
    target = dotfiles / "config.toml"
    _link(jackin_paths.config_file, target, 'version = "v1alpha8"\n# in git\n')
    target.chmod(0o644)
    load_operator_config(jackin_paths)
    assert jackin_paths.config_file.is_symlink()
    assert jackin_paths.config_file.readlink() == target
    assert target.read_text().startswith(f'version = "{CONFIG_VERSION}"\n# in git\n')
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
    # The backup sits next to the link, in jackin's folder; the dotfiles folder is untouched.
    backup = jackin_paths.config_dir / "config.toml.bak-v1alpha8"
    assert backup.read_text() == 'version = "v1alpha8"\n# in git\n'
    assert sorted(p.name for p in dotfiles.iterdir()) == ["config.toml"]


def test_an_env_edit_writes_through_a_symlinked_config(
    jackin_paths: JackinPaths, dotfiles: Path
) -> None:
    target = dotfiles / "config.toml"
    _link(jackin_paths.config_file, target, f'version = "{CONFIG_VERSION}"\n')
    with ConfigEditor(jackin_paths) as editor:
        set_env(editor, "API_URL", "https://x", EnvScope())
        editor.commit()
    assert jackin_paths.config_file.is_symlink()
    assert 'API_URL = "https://x"' in target.read_text()
    assert sorted(p.name for p in dotfiles.iterdir()) == ["config.toml"]


def test_workspace_files_write_through_their_symlinks(
    jackin_paths: JackinPaths, dotfiles: Path
) -> None:
    _write(jackin_paths.config_file, f'version = "{CONFIG_VERSION}"\n')
    link = jackin_paths.workspace_file("web")
    target = dotfiles / "web.toml"
    _link(link, target, WORKSPACE_V8)
    load_operator_config(jackin_paths)
    assert link.is_symlink()
    assert target.read_text().startswith(f'version = "{WORKSPACE_VERSION}"')
    assert (jackin_paths.workspaces_dir / "web.toml.bak-v1alpha8").read_text() == WORKSPACE_V8
    with ConfigEditor(jackin_paths) as editor:
        set_env(editor, "WEB_ONLY", "1", EnvScope(workspace="web"))
        editor.commit()
    assert link.is_symlink()
    assert 'WEB_ONLY = "1"' in target.read_text()


def test_the_config_lock_is_one_lock_whichever_path_names_the_folder(
    tmp_path: Path, dotfiles: Path
) -> None:
    """The whole config folder kept in dotfiles and reached through a symlink: an editor
    through the link and a locker through the real path contend for one lock."""
    real = dotfiles / "jackin"
    real.mkdir()
    (tmp_path / "config").symlink_to(real)
    through_link = JackinPaths(config_dir=tmp_path / "config", home_dir=tmp_path / "home")
    with ConfigEditor(through_link), pytest.raises(LockTimeout):
        FileLock(real / "config.lock", timeout=0).acquire()


def test_a_dangling_config_symlink_is_an_error_not_a_fresh_install(
    jackin_paths: JackinPaths, dotfiles: Path
) -> None:
    jackin_paths.config_dir.mkdir(parents=True)
    jackin_paths.config_file.symlink_to(dotfiles / "missing" / "config.toml")
    for write in (False, True):
        error = _error(jackin_paths, write=write)
        assert str(error).startswith(f"{jackin_paths.config_file}: cannot open the file")
    assert jackin_paths.config_file.is_symlink()
    assert list(dotfiles.iterdir()) == []
