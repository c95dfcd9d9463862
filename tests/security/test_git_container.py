"""An agent inside a real container plants git config; jackin's host git must not run it.

The two reproductions of issue 17 item 1, on the real engine: a worktree (and a clone)
whose git config the agent changed, then `jackin eject --purge`, which runs git on the
host in that repository; and a shared mount whose `remote.origin.uploadpack` the agent
set, then the next `jackin load --git-pull`. The payload would create `proof` on the
host; the container cannot reach that path itself.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from jackin_sdk.docker import DockerApi
from tests.conftest import TEST_CONSTRUCT_IMAGE, require_image
from tests.integration.launch_support import Home, docker, git, make_home

pytestmark = pytest.mark.docker


@pytest.fixture
def home(engine: DockerApi, tmp_path: Path) -> Iterator[Home]:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    made = make_home(tmp_path)
    try:
        yield made
    finally:
        made.cleanup()


def _repository(home: Home, *, origin: bool = False) -> Path:
    """The operator's repository (cloned from a bare `origin` on the host when asked)."""
    repo = home.root / "repo"
    seed = home.root / "seed" if origin else repo
    seed.mkdir()
    git(seed, "init", "-q", "-b", "main")
    (seed / "app.txt").write_text("v1\n")
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "app")
    if origin:
        bare = home.root / "origin.git"
        git(home.root, "clone", "-q", "--bare", str(seed), str(bare))
        git(home.root, "clone", "-q", str(bare), str(repo))
    return repo


def _workspace(home: Home, repo: Path, isolation: str) -> None:
    workspaces = home.root / "config" / "workspaces"
    workspaces.mkdir()
    (workspaces / "app.toml").write_text(
        'version = "v1alpha9"\nworkdir = "/work/app"\n\n'
        f'[[mounts]]\nsrc = "{repo}"\ndst = "/work/app"\nisolation = "{isolation}"\n'
    )


def _agent(container: str, script: str) -> subprocess.CompletedProcess[str]:
    """Run `script` in the container, in the mounted repository, as the agent would."""
    return docker("exec", "-w", "/work/app", container, "sh", "-c", script)


def _payload(proof: Path) -> str:
    return f"touch {proof}; true"


def test_worktree_config_planted_by_the_agent_does_not_run_on_eject_purge(home: Home) -> None:
    repo = _repository(home)
    _workspace(home, repo, "worktree")
    proof = home.root / "proof"
    c = home.jackin("load", "stand-in", "app", "--detach").stdout.strip()

    # The reproduction: the host repository's own config is read-only now ...
    planted = _agent(c, f"git config core.fsmonitor '{_payload(proof)}'")
    assert planted.returncode != 0, "the host .git/config must not be writable"
    host_git = "/jackin/host/work/app/.git"
    for part in ("config.worktree", "hooks/post-checkout", "worktrees/other"):
        written = _agent(c, f"echo x > {host_git}/{part}")
        assert written.returncode != 0, f".git/{part} must not be writable"
    assert "fsmonitor" not in (repo / ".git" / "config").read_text()
    # ... while the agent's own worktree config, index and commits stay its own.
    _agent(c, f"git config --worktree core.fsmonitor '{_payload(proof)}'")
    own = _agent(c, "git config --worktree --get core.fsmonitor")
    assert own.returncode == 0, own.stderr
    committed = _agent(c, "git -c user.name=A -c user.email=a@a commit -q --allow-empty -m x")
    assert committed.returncode == 0, committed.stderr

    refused = home.jackin("eject", c, "--purge", check=False)  # assesses the worktree
    assert "isolated work would be lost" in refused.stderr, "the agent's commit is kept"
    home.jackin("purge", c, "--discard-isolated")
    assert not proof.exists(), "jackin's host git ran the agent's fsmonitor"


def test_clone_config_and_hooks_planted_by_the_agent_do_not_run_on_eject_purge(
    home: Home,
) -> None:
    repo = _repository(home)
    _workspace(home, repo, "clone")
    proof = home.root / "proof"
    c = home.jackin("load", "stand-in", "app", "--detach").stdout.strip()
    hook = f"#!/bin/sh\\ntouch {proof}\\n"
    planted = _agent(
        c,
        f"git config core.fsmonitor '{_payload(proof)}' && "
        f"git config filter.x.clean '{_payload(proof)}' && "
        "echo 'app.txt filter=x' > .git/info/attributes && "
        f"printf '{hook}' > .git/hooks/reference-transaction && "
        "chmod +x .git/hooks/reference-transaction && touch -d '2001-01-01' app.txt",
    )
    assert planted.returncode == 0, planted.stderr

    home.jackin("eject", c, "--purge", check=False)  # assesses the clone with git status
    assert not proof.exists(), "jackin's host git ran what the agent planted in the clone"


def test_shared_upload_pack_planted_by_the_agent_does_not_run_on_git_pull(home: Home) -> None:
    repo = _repository(home, origin=True)
    _workspace(home, repo, "shared")
    proof = home.root / "proof"
    c = home.jackin("load", "stand-in", "app", "--detach").stdout.strip()
    program = f"touch {proof}; git-upload-pack"
    planted = _agent(c, f"git config --file .git/config remote.origin.uploadpack '{program}'")
    assert planted.returncode == 0, planted.stderr
    assert "uploadpack" in (repo / ".git" / "config").read_text()
    home.jackin("eject", c, "--purge")  # the next load is a new instance, which pulls

    again = home.jackin("load", "stand-in", "app", "--detach", "--git-pull", check=False)
    assert again.returncode == 0, again.stderr
    assert not proof.exists(), "`load --git-pull` ran the agent's upload-pack on the host"
