"""Repository-controlled config cannot make jackin's git runner run a command (issue 17).

Each test plants one vector in the repository, checks that plain git runs the payload
(the vector is live), then runs the same command through `run_git` and checks that it
did not. The operator's own settings (their global config) keep working.
"""

from __future__ import annotations

import contextlib
import os
import pty
import subprocess
from pathlib import Path

import pytest

from jackin_sdk.process._git import GitFailed, run_git
from tests.security.conftest import Planted, executable, git, touch_later


def _plain(planted: Planted, args: list[str], cwd: Path | None = None) -> None:
    """Run plain git as jackin would have before hardening, and check the payload ran."""
    subprocess.run(
        ["git", *args], cwd=cwd or planted.repo, capture_output=True, check=False, timeout=60,
        stdin=subprocess.DEVNULL, env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
    )  # fmt: skip
    assert planted.fired(), f"the vector is not live: plain `git {' '.join(args)}` ignored it"


def _hardened(planted: Planted, args: list[str], cwd: Path | None = None) -> None:
    with contextlib.suppress(GitFailed):  # refusing to run is as good as not running it
        run_git(args, cwd=cwd or planted.repo, timeout=60, check=False)
    assert not planted.fired(), f"`git {' '.join(args)}` through the runner ran the payload"


def _both(planted: Planted, args: list[str], cwd: Path | None = None) -> None:
    _plain(planted, args, cwd)
    _hardened(planted, args, cwd)


def test_fsmonitor(planted: Planted) -> None:
    planted.config("core.fsmonitor", str(planted.payload))
    _both(planted, ["status", "--porcelain"])


def test_fsmonitor_from_an_included_file(planted: Planted) -> None:
    included = planted.repo / ".git" / "agent.inc"
    included.write_text(f"[core]\n\tfsmonitor = {planted.payload}\n")
    planted.config("include.path", str(included))
    _both(planted, ["status", "--porcelain"])


def test_filter_clean_from_an_included_file(planted: Planted) -> None:
    included = planted.repo / "agent.inc"  # in the working tree, as an agent could write it
    included.write_text(f'[filter "x"]\n\tclean = {planted.payload}\n')
    planted.config("includeIf.gitdir:/.path", str(included))
    (planted.repo / ".git" / "info" / "attributes").write_text("file.txt filter=x\n")
    touch_later(planted.repo / "file.txt")
    _both(planted, ["status", "--porcelain"])


def test_post_checkout_hook(planted: Planted, tmp_path: Path) -> None:
    executable(planted.repo / ".git" / "hooks" / "post-checkout", f"#!/bin/sh\n{planted.payload}\n")
    _plain(planted, ["worktree", "add", "-q", "-b", "one", str(tmp_path / "one")])
    _hardened(planted, ["worktree", "add", "-q", "-b", "two", str(tmp_path / "two")])


def test_reference_transaction_hook(planted: Planted) -> None:
    git(planted.repo, "branch", "one")
    git(planted.repo, "branch", "two")
    executable(
        planted.repo / ".git" / "hooks" / "reference-transaction", f"#!/bin/sh\n{planted.payload}\n"
    )
    _plain(planted, ["branch", "-D", "one"])
    _hardened(planted, ["branch", "-D", "two"])


def test_hooks_path_set_by_the_repository(planted: Planted, tmp_path: Path) -> None:
    git(planted.repo, "branch", "one")
    git(planted.repo, "branch", "two")
    hooks = tmp_path / "agent-hooks"
    executable(hooks / "reference-transaction", f"#!/bin/sh\n{planted.payload}\n")
    planted.config("core.hooksPath", str(hooks))
    _plain(planted, ["branch", "-D", "one"])
    _hardened(planted, ["branch", "-D", "two"])


def test_post_merge_hook_on_pull(planted: Planted, tmp_path: Path) -> None:
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(planted.repo), str(origin))
    git(planted.repo, "remote", "add", "origin", str(origin))
    git(planted.repo, "fetch", "-q", "origin")
    git(planted.repo, "branch", "-q", "--set-upstream-to=origin/main")
    executable(planted.repo / ".git" / "hooks" / "post-merge", f"#!/bin/sh\n{planted.payload}\n")
    for round_ in ("two", "three"):
        other = tmp_path / f"push-{round_}"
        git(tmp_path, "clone", "-q", str(origin), str(other))
        (other / "file.txt").write_text(f"{round_}\n")
        git(other, "commit", "-q", "-am", round_)
        git(other, "push", "-q", "origin", "main")
        if round_ == "two":
            _plain(planted, ["pull", "-q", "--ff-only"])
        else:
            _hardened(planted, ["pull", "-q", "--ff-only"])


def test_ssh_command(planted: Planted) -> None:
    planted.config("remote.origin.url", "ssh://git@example.invalid/agent/repo.git")
    planted.config("core.sshCommand", str(planted.payload))
    _both(planted, ["fetch", "origin"])


def test_the_operators_ssh_command_is_kept(planted: Planted) -> None:
    mine = planted.proof.with_name("operator-ssh")
    operator_ssh = executable(mine.with_suffix(".sh"), f"#!/bin/sh\ntouch '{mine}'\nexit 1\n")
    planted.operator_config.write_text(f"[core]\n\tsshCommand = {operator_ssh}\n")
    planted.config("remote.origin.url", "ssh://git@example.invalid/agent/repo.git")
    planted.config("core.sshCommand", str(planted.payload))
    _hardened(planted, ["fetch", "origin"])
    assert mine.exists(), "the operator's own ssh command still runs"


def test_git_proxy(planted: Planted) -> None:
    planted.config("remote.origin.url", "git://example.invalid/agent/repo.git")
    planted.config("core.gitProxy", str(planted.payload))
    _both(planted, ["fetch", "origin"])


def test_pager(planted: Planted) -> None:
    planted.config("core.pager", str(planted.payload))
    planted.config("pager.status", str(planted.payload))
    leader, follower = pty.openpty()  # a pager only starts on a terminal
    try:
        subprocess.run(
            ["git", "-p", "status"], cwd=planted.repo, stdin=subprocess.DEVNULL,
            stdout=follower, stderr=follower, check=False, timeout=60,
        )  # fmt: skip
    finally:
        os.close(follower)
        os.close(leader)
    assert planted.fired(), "the vector is not live"
    _hardened(planted, ["status"])


def test_editor(planted: Planted) -> None:
    planted.config("core.editor", str(planted.payload))
    _both(planted, ["-c", "user.name=T", "-c", "user.email=t@t", "commit", "--allow-empty"])


def test_sequence_editor(planted: Planted) -> None:
    git(planted.repo, "commit", "-q", "--allow-empty", "-m", "second")
    planted.config("sequence.editor", str(planted.payload))
    _both(planted, ["rebase", "-i", "HEAD~1"])


def test_askpass(planted: Planted, asks_for_credentials: str) -> None:
    planted.config("core.askPass", str(planted.payload))
    _both(planted, ["ls-remote", asks_for_credentials])


def test_credential_helper(planted: Planted, asks_for_credentials: str) -> None:
    planted.config("credential.helper", f"!{planted.payload}")
    _both(planted, ["ls-remote", asks_for_credentials])


def test_credential_helper_for_one_url(planted: Planted, asks_for_credentials: str) -> None:
    site = asks_for_credentials.removesuffix("/repo.git")
    planted.config(f"credential.{site}.helper", f"!{planted.payload}")
    _both(planted, ["ls-remote", asks_for_credentials])


def test_the_operators_credential_helper_is_kept(
    planted: Planted, asks_for_credentials: str
) -> None:
    mine = planted.proof.with_name("operator-helper")
    helper = executable(mine.with_suffix(".sh"), f"#!/bin/sh\ntouch '{mine}'\n")
    planted.operator_config.write_text(f'[credential]\n\thelper = "!{helper}"\n')
    planted.config("credential.helper", f"!{planted.payload}")
    _hardened(planted, ["ls-remote", asks_for_credentials])
    assert mine.exists(), "the operator's own credential helper still runs"


def _attributes(planted: Planted, line: str) -> None:
    (planted.repo / ".gitattributes").write_text(f"{line}\n")
    git(planted.repo, "-c", "core.hooksPath=/dev/null", "add", ".gitattributes")
    git(planted.repo, "commit", "-q", "-m", "attributes")


def test_filter_clean(planted: Planted) -> None:
    _attributes(planted, "file.txt filter=x")
    planted.config("filter.x.clean", str(planted.payload))
    touch_later(planted.repo / "file.txt")
    _plain(planted, ["status", "--porcelain"])
    touch_later(planted.repo / "file.txt")
    _hardened(planted, ["status", "--porcelain"])


def test_filter_process(planted: Planted) -> None:
    _attributes(planted, "file.txt filter=x")
    planted.config("filter.x.process", str(planted.payload))
    touch_later(planted.repo / "file.txt")
    _plain(planted, ["status", "--porcelain"])
    touch_later(planted.repo / "file.txt")
    _hardened(planted, ["status", "--porcelain"])


def test_filter_smudge_on_worktree_add(planted: Planted, tmp_path: Path) -> None:
    _attributes(planted, "file.txt filter=x")
    planted.config("filter.x.smudge", str(planted.payload))
    _plain(planted, ["worktree", "add", "-q", "-b", "one", str(tmp_path / "one")])
    _hardened(planted, ["worktree", "add", "-q", "-b", "two", str(tmp_path / "two")])


def test_filter_from_the_worktree_config(planted: Planted, tmp_path: Path) -> None:
    _attributes(planted, "file.txt filter=x")
    git(planted.repo, "config", "extensions.worktreeConfig", "true")
    checkout = tmp_path / "checkout"
    git(planted.repo, "worktree", "add", "-q", "-b", "scratch", str(checkout))
    git(checkout, "config", "--worktree", "filter.x.clean", str(planted.payload))
    touch_later(checkout / "file.txt")
    _plain(planted, ["status", "--porcelain"], cwd=checkout)
    touch_later(checkout / "file.txt")
    _hardened(planted, ["status", "--porcelain"], cwd=checkout)


def test_diff_textconv(planted: Planted) -> None:
    _attributes(planted, "file.txt diff=x")
    planted.config("diff.x.textconv", str(planted.payload))
    (planted.repo / "file.txt").write_text("two\n")
    _both(planted, ["diff"])


def test_external_diff(planted: Planted) -> None:
    planted.config("diff.external", str(planted.payload))
    (planted.repo / "file.txt").write_text("two\n")
    _both(planted, ["diff"])


def test_merge_driver(planted: Planted) -> None:
    _attributes(planted, "file.txt merge=x")
    planted.config("merge.x.driver", str(planted.payload))
    git(planted.repo, "branch", "other")
    (planted.repo / "file.txt").write_text("main\n")
    git(planted.repo, "commit", "-q", "-am", "main side")
    git(planted.repo, "switch", "-q", "other")
    (planted.repo / "file.txt").write_text("other\n")
    git(planted.repo, "commit", "-q", "-am", "other side")
    git(planted.repo, "switch", "-q", "main")
    _plain(planted, ["-c", "user.name=T", "-c", "user.email=t@t", "merge", "--no-edit", "other"])
    git(planted.repo, "merge", "--abort", check=False)
    git(planted.repo, "reset", "-q", "--hard")
    _hardened(planted, ["-c", "user.name=T", "-c", "user.email=t@t", "merge", "--no-edit", "other"])


def _local_origin(planted: Planted, tmp_path: Path) -> None:
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(planted.repo), str(origin))
    planted.config("remote.origin.url", str(origin))
    planted.config("remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*")
    planted.config("branch.main.remote", "origin")
    planted.config("branch.main.merge", "refs/heads/main")


def test_upload_pack_on_pull(planted: Planted, tmp_path: Path) -> None:
    _local_origin(planted, tmp_path)
    planted.config("remote.origin.uploadpack", f"{planted.payload}; git-upload-pack")
    _both(planted, ["pull", "--ff-only"])


def test_upload_pack_on_fetch_and_clone(planted: Planted, tmp_path: Path) -> None:
    _local_origin(planted, tmp_path)
    planted.config("remote.origin.uploadpack", f"{planted.payload}; git-upload-pack")
    _both(planted, ["fetch", "origin"])
    _hardened(planted, ["clone", "-q", "-u", "ignored", str(planted.repo), str(tmp_path / "c")])


def test_receive_pack(planted: Planted, tmp_path: Path) -> None:
    _local_origin(planted, tmp_path)
    planted.config("remote.origin.receivepack", f"{planted.payload}; git-receive-pack")
    _both(planted, ["push", "origin", "HEAD:refs/heads/pushed"])


def test_partial_clone_naming_an_upload_pack_is_refused(planted: Planted, tmp_path: Path) -> None:
    _local_origin(planted, tmp_path)
    planted.config("remote.origin.promisor", "true")
    planted.config("remote.origin.uploadpack", f"{planted.payload}; git-upload-pack")
    with pytest.raises(GitFailed, match=r"remote\.origin\.uploadpack"):
        run_git(["status"], cwd=planted.repo, timeout=60)


def test_ext_transport_allowed_by_the_repository(planted: Planted) -> None:
    planted.config("protocol.ext.allow", "always")
    planted.config("remote.origin.url", f"ext::{planted.payload}")
    _both(planted, ["fetch", "origin"])


def test_alternate_refs_command(planted: Planted, tmp_path: Path) -> None:
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(planted.repo), str(other))
    alternates = planted.repo / ".git" / "objects" / "info" / "alternates"
    alternates.write_text(f"{other / '.git' / 'objects'}\n")
    planted.config("core.alternateRefsCommand", str(planted.payload))
    (other / "file.txt").write_text("other\n")
    git(other, "commit", "-q", "-am", "other")
    _both(planted, ["fetch", str(other), "main"])


def test_gpg_program_on_verification(planted: Planted) -> None:
    tree = git(planted.repo, "rev-parse", "HEAD^{tree}")
    signed = (
        f"tree {tree}\nauthor T <t@t> 0 +0000\ncommitter T <t@t> 0 +0000\n"
        "gpgsig -----BEGIN PGP SIGNATURE-----\n \n AAAA\n -----END PGP SIGNATURE-----\n"
        "\nsigned\n"
    )
    commit = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=planted.repo,
        input=signed, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    planted.config("gpg.program", str(planted.payload))
    _both(planted, ["verify-commit", commit])
