"""The instance's global git config, written once and kept in `/jackin/state` (runtime §4.4).

It lives at `<state>/gitconfig` (the entrypoint points `GIT_CONFIG_GLOBAL` at it), so it
survives the container being recreated, unlike `~/.gitconfig` in the container layer
(spec runtime §12 item 13). It is written when the marker `<state>/container-init.done`
or the file itself is missing: an include of the image's own `~/.gitconfig` (when there
is one), the identity from `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL`, SSH→HTTPS rewrites for
GitHub and, when `gh` is installed, gh as GitHub's credential helper.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Mapping

from jackin_capsule._setup._paths import SetupError, SetupPaths, note
from jackin_capsule.contract import GIT_CONFIG_NAME

__all__ = ["GITCONFIG", "INIT_MARKER", "setup_git"]

GITCONFIG = GIT_CONFIG_NAME
INIT_MARKER = "container-init.done"
_GITHUB = "https://github.com/"
_REWRITTEN = ("git@github.com:", "ssh://git@github.com/")
_GH_HELPER = "!gh auth git-credential"


def _entries(paths: SetupPaths, env: Mapping[str, str]) -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []
    own = paths.home / ".gitconfig"
    if own.is_file():
        entries.append(("include.path", str(own)))
    for key, name in (("user.name", "GIT_AUTHOR_NAME"), ("user.email", "GIT_AUTHOR_EMAIL")):
        if env.get(name):
            entries.append((key, env[name]))
    entries += [(f"url.{_GITHUB}.insteadOf", prefix) for prefix in _REWRITTEN]
    if shutil.which("gh", path=env.get("PATH")):
        entries.append((f"credential.{_GITHUB.rstrip('/')}.helper", _GH_HELPER))
    return entries


def setup_git(paths: SetupPaths, env: Mapping[str, str]) -> None:
    """Write `<state>/gitconfig` and the marker, unless both are there already."""
    target = paths.state / GITCONFIG
    marker = paths.state / INIT_MARKER
    if marker.exists() and target.exists():
        return
    git = shutil.which("git", path=env.get("PATH"))
    if git is None:
        note("git is not installed; skipping the git setup")
        return
    staged = paths.state / f".{GITCONFIG}.jackin-tmp"
    try:
        paths.state.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            staged.unlink()
        staged.touch(mode=0o600)
        for key, value in _entries(paths, env):
            done = subprocess.run(
                [git, "config", "--file", str(staged), "--add", key, value],
                capture_output=True,
                text=True,
                check=False,
                env={**env, "GIT_CONFIG_NOSYSTEM": "1"},
            )
            if done.returncode != 0:
                reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[0]
                raise SetupError(f"git config {key} failed: {reason}")
        staged.replace(target)
        marker.touch()
    except OSError as exc:
        raise SetupError(f"cannot write {target}: {exc.strerror or exc}") from None
