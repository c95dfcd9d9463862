"""The one git runner keeps bounded what an agent can grow: a command's stdout when the
caller passes `max_output` (the rest is read and dropped, the result `truncated`), and
always the repository's config listing, which is refused past its cap since the runner
could not outvote settings it did not read."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from jackin_sdk.process import GitFailed, run_git

ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_AUTHOR_NAME": "T",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "T",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("GIT_DIR", raising=False)
    path = tmp_path / "repo"
    path.mkdir()
    subprocess.run(["git", "init", "-q", str(path)], check=True, timeout=30)
    return path


def test_stdout_past_max_output_is_cut_and_marked(repo: Path) -> None:
    for index in range(300):
        (repo / f"untracked-{index:04d}.txt").touch()
    whole = run_git(["status", "--porcelain"], cwd=repo, timeout=60)
    assert not whole.truncated
    assert len(whole.stdout.splitlines()) == 300
    cut = run_git(["status", "--porcelain"], cwd=repo, timeout=60, max_output=1000)
    assert cut.ok  # the rest was read (and dropped): git was never blocked
    assert cut.truncated
    assert cut.stdout.encode() == (whole.stdout + "\n").encode()[:1000]
    fits = run_git(["status", "--porcelain"], cwd=repo, timeout=60, max_output=1_000_000)
    assert (fits.truncated, fits.stdout.splitlines()) == (False, whole.stdout.splitlines())


def test_a_repository_config_past_the_listing_cap_is_refused(repo: Path) -> None:
    # The repository's config is the agent's to write (a clone, a shared mount): past
    # 1 MiB the runner cannot read every setting it has to outvote, so it refuses.
    keys = "".join(f"\tk{index:06d} = {'v' * 100}\n" for index in range(11_000))
    (repo / "big.config").write_text("[padding]\n" + keys)
    subprocess.run(
        ["git", "-C", str(repo), "config", "include.path", "../big.config"], check=True, timeout=30
    )
    with pytest.raises(GitFailed, match=r"its config lists more than 1024 KiB"):
        run_git(["status", "--porcelain"], cwd=repo, timeout=60)
    (repo / "big.config").write_text("[padding]\n" + keys[: 512 * 1024])
    assert run_git(["status", "--porcelain"], cwd=repo, timeout=60).ok
