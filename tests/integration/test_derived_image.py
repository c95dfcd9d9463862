"""Derived images on the real engine: build on the construct stand-in, host UID ownership.

CI runs as root, where uid 0 hides mapping mistakes, so the ownership test also runs as
a non-root user created here and added to the docker group.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sysconfig
import tempfile
import tomllib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import jackin_capsule
import jackin_sdk
from jackin_sdk.docker import DockerApi
from jackin_sdk.images import RebuildReason, RoleImageRequest, ensure_role_image
from jackin_sdk.roles import RoleManifest, RoleSelector
from jackin_sdk.tables import validate_table
from tests.conftest import REQUIRE_DOCKER, require_image

pytestmark = pytest.mark.docker

FIXTURE = Path(__file__).parents[1] / "fixtures" / "roles" / "stand-in"
CONSTRUCT = "projectjackin/construct:0.35-trixie"
COMMIT = "5eed0000000000000000000000000000000c0de5"
TEST_USER = "jackin-test-user"
SYSTEM_PYTHON = Path("/usr/bin/python3")


def _docker(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["docker", *args], capture_output=True, text=True, check=check, timeout=300
    )


@pytest.fixture
def role(tmp_path: Path) -> Iterator[tuple[Path, RoleSelector]]:
    """A copy of the stand-in role under a unique name; its images are removed afterwards."""
    target = tmp_path / "role"
    shutil.copytree(FIXTURE, target)
    selector = RoleSelector.parse(f"jk-test-{uuid.uuid4().hex[:8]}".removeprefix("jk-"))
    yield target, selector
    found = _docker("images", "--format", "{{.Repository}}:{{.Tag}}", check=False).stdout
    mine = [ref for ref in found.split() if ref.startswith(f"jk_{selector.slug}")]
    if mine:
        _docker("rmi", "-f", *mine, check=False)


def _request(role_dir: Path, selector: RoleSelector, uid: int) -> RoleImageRequest:
    manifest = tomllib.loads((role_dir / "jackin.role.toml").read_text())
    return RoleImageRequest(
        selector=selector,
        role_dir=role_dir,
        manifest=validate_table(RoleManifest, manifest),
        commit=COMMIT,
        host_uid=uid,
        env={},
    )


def _run_as_host_user(image: str, workdir: Path, uid: int, gid: int) -> str:
    script = (
        "id -u; touch /work/from-agent; mkdir -p /work/dir && touch /work/dir/nested; "
        "touch ~/.cache/written; claude --version; jackin-capsule --version"
    )
    result = _docker(
        "run", "--rm", "--label", "jackin.test=1", "--user", f"{uid}:{gid}", "--group-add", "0",
        "-e", "HOME=/home/agent", "-v", f"{workdir}:/work",
        "--entrypoint", "/jackin/runtime/entrypoint.sh", image, "sh", "-c", script,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_build_run_as_host_uid_then_reuse_then_rebuild_on_manifest_change(
    engine: DockerApi, role: tuple[Path, RoleSelector], tmp_path: Path
) -> None:
    require_image(engine, CONSTRUCT)
    role_dir, selector = role
    uid, gid = os.geteuid(), os.getegid()
    log = tmp_path / "state" / "build.log"
    first = ensure_role_image(engine, _request(role_dir, selector, uid), log_path=log)
    assert first.built
    assert first.decision.reason is RebuildReason.LOCAL_IMAGE_MISSING
    assert "claude is already in the role image; keeping it" in log.read_text()
    assert engine.image_labels(first.image)["jackin.host.uid"] == str(uid)

    workdir = tmp_path / "work"
    workdir.mkdir()
    output = _run_as_host_user(first.image, workdir, uid, gid)
    assert output.splitlines()[0] == f"preflight ran as {uid}"
    assert "0.0.0 (jackin test stand-in)" in output
    assert "jackin-capsule 0.1.0" in output
    for written in (workdir / "from-agent", workdir / "dir" / "nested"):
        assert (written.stat().st_uid, written.stat().st_gid) == (uid, gid)

    second = ensure_role_image(engine, _request(role_dir, selector, uid))
    assert not second.built
    assert str(second.decision) == f"reusing {first.image}: recipe unchanged"
    assert second.image_id == first.image_id

    manifest = role_dir / "jackin.role.toml"
    manifest.write_text(manifest.read_text() + '\n[env.EDITOR]\ndefault = "vim"\n')
    third = ensure_role_image(engine, _request(role_dir, selector, uid))
    assert third.built
    assert third.decision.reason is RebuildReason.MANIFEST_CHANGED
    assert third.image_id != first.image_id


def _test_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(TEST_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/bin/sh",
             "--groups", "docker", TEST_USER],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return pwd.getpwnam(TEST_USER)


_NON_ROOT_SCRIPT = """
import json, os, subprocess, sys, tomllib
from pathlib import Path
from jackin_sdk.docker import EngineDocker
from jackin_sdk.images import RoleImageRequest, ensure_role_image
from jackin_sdk.roles import RoleManifest, RoleSelector
from jackin_sdk.tables import validate_table

role_dir, name, commit, workdir = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
manifest = validate_table(RoleManifest, tomllib.loads((role_dir / "jackin.role.toml").read_text()))
request = RoleImageRequest(RoleSelector.parse(name), role_dir, manifest, commit, env={})
image = ensure_role_image(EngineDocker(), request, log_path=Path(workdir).parent / "build.log")
run = subprocess.run(
    ["docker", "run", "--rm", "--label", "jackin.test=1",
     "--user", f"{os.geteuid()}:{os.getegid()}", "--group-add", "0",
     "-e", "HOME=/home/agent", "-v", f"{workdir}:/work", "--entrypoint", "sh", image.image,
     "-c", "touch /work/from-agent && touch ~/.cache/ok && id -u"],
    capture_output=True, text=True,
)
labels = EngineDocker().image_labels(image.image)
print(json.dumps({"image": image.image, "uid": os.geteuid(), "run_rc": run.returncode,
                  "run_out": run.stdout, "run_err": run.stderr,
                  "host_uid_label": labels.get("jackin.host.uid")}))
"""


def test_non_root_operator_gets_files_owned_by_their_uid(
    engine: DockerApi, role: tuple[Path, RoleSelector]
) -> None:
    require_image(engine, CONSTRUCT)
    if os.geteuid() != 0:
        message = "creating the non-root test user needs root (CI runs as root)"
        if REQUIRE_DOCKER:
            pytest.fail(message)
        pytest.skip(message)
    assert SYSTEM_PYTHON.exists(), "the non-root run needs Debian's /usr/bin/python3"
    user = _test_user()
    _, selector = role
    # pytest's tmp_path lives under a 0700 folder of root's: use a folder the user owns.
    home = Path(tempfile.mkdtemp(prefix="jackin-non-root-"))
    try:
        _non_root_round_trip(user, selector, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _non_root_round_trip(user: pwd.struct_passwd, selector: RoleSelector, home: Path) -> None:
    role_dir = home / "role"
    shutil.copytree(FIXTURE, role_dir)
    workdir = home / "work"
    workdir.mkdir()
    for path in (home, *home.rglob("*")):
        os.chown(path, user.pw_uid, user.pw_gid, follow_symlinks=False)
    home.chmod(0o755)
    sources = [Path(jackin_sdk.__file__).parents[1], Path(jackin_capsule.__file__).parents[1]]
    pythonpath = ":".join([*map(str, sources), sysconfig.get_paths()["purelib"]])
    env = {
        "PATH": os.environ["PATH"], "HOME": str(home), "PYTHONPATH": pythonpath,
        "JACKIN_HOME_DIR": str(home / ".jackin"), "JACKIN_CONFIG_DIR": str(home / ".config"),
        "TMPDIR": str(home),
    }  # fmt: skip
    result = subprocess.run(
        ["runuser", "-u", TEST_USER, "--", str(SYSTEM_PYTHON), "-c", _NON_ROOT_SCRIPT,
         str(role_dir), selector.key, COMMIT, str(workdir)],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["uid"] == user.pw_uid != 0
    assert report["run_rc"] == 0, report["run_err"]
    assert report["run_out"].strip() == str(user.pw_uid)
    assert report["host_uid_label"] == str(user.pw_uid)
    written = (workdir / "from-agent").stat()
    assert (written.st_uid, written.st_gid) == (user.pw_uid, user.pw_gid)
