"""Untrusted text never reaches the operator's terminal raw (issue 17, item 6).

A role's manifest, the files jackin keeps about instances and whatever the engine
answers can carry `ESC ] 0;… BEL` (retitle the terminal) or `ESC[2K\\r` (erase the line
and print a forged one). Names are refused at validation with E017; everything else is
escaped by the CLI's renderers. Each test drives `jackin` through its entry point and
checks the captured output holds none of the raw bytes.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import json
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from _pytest.capture import CaptureResult

from jackin_cli.__main__ import run
from jackin_role.__main__ import run as role_run
from jackin_sdk.config import load_operator_config
from jackin_sdk.flows import PlainLaunchView
from jackin_sdk.fs import atomic_write_text
from jackin_sdk.instances import IndexRow, InstanceStatus
from jackin_sdk.launch import LaunchContext, LaunchOptions, launch, resolve_target
from jackin_sdk.paths import JackinPaths
from jackin_sdk.testing import FakeDocker
from tests.sdk.launch.conftest import CONSTRUCT, git, role_repository, write_config

TITLE = "\x1b]0;pwned\x07"
FORGED = "\x1b[2K\rTrusted by jackin (verified)"
RAW = ("\x1b", "\r", "\x07", "\x9b", "\u202e")
TOML_TITLE = r"\u001b]0;pwned\u0007"
TOML_FORGED = r"\u001b[2K\rTrusted by jackin (verified)"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "roles"


def _assert_clean(captured: CaptureResult[str]) -> None:
    for name, text in (("stdout", captured.out), ("stderr", captured.err)):
        assert not any(char in text for char in RAW), f"raw control character on {name}: {text!r}"


# --- names refused at validation ------------------------------------------------------


@pytest.mark.parametrize("name", [TOML_TITLE, TOML_FORGED], ids=["osc-title", "erase-forge"])
def test_role_validate_refuses_an_identity_name_with_escapes(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    role = tmp_path / "role"
    role.mkdir()
    (role / "Dockerfile").write_text("FROM projectjackin/construct:0.35-trixie\n")
    (role / "jackin.role.toml").write_text(
        f'version = "v1alpha6"\ndockerfile = "Dockerfile"\n[identity]\nname = "{name}"\n[claude]\n'
    )
    assert run(["role", "validate", str(role)]) == 1
    captured = capsys.readouterr()
    _assert_clean(captured)
    assert "jackin.role.toml:4: [E017] `identity.name` contains \\x1b" in captured.out


@pytest.mark.parametrize("name", [TITLE, FORGED, "two\nlines", "rtl\u202eevil"])
def test_workspace_create_refuses_a_name_with_control_characters(
    jackin_paths: JackinPaths, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "app").mkdir()
    code = run(["workspace", "create", name, "--workdir", "/w", "--mount", f"{tmp_path}/app:/w"])
    captured = capsys.readouterr()
    assert code == 1
    _assert_clean(captured)
    assert "error: [E017]" in captured.err
    assert "workspace name" in captured.err
    saved = jackin_paths.workspaces_dir
    assert not saved.exists() or not any(saved.iterdir())


def test_a_workspace_file_named_with_escapes_is_refused_naming_its_file(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["workspace", "list"]) == 0
    capsys.readouterr()
    jackin_paths.workspaces_dir.mkdir(parents=True, exist_ok=True)
    evil = jackin_paths.workspaces_dir / f"evil{FORGED}.toml"
    evil.write_text('version = "v1alpha9"\nworkdir = "/w"\n')
    assert run(["workspace", "list"]) == 1
    captured = capsys.readouterr()
    _assert_clean(captured)
    assert "error: [E017]" in captured.err
    assert "evil\\x1b[2K\\rTrusted by jackin (verified).toml" in captured.err


def test_a_global_mount_label_with_escapes_is_refused(
    jackin_paths: JackinPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["config", "mount", "list"]) == 0
    capsys.readouterr()
    text = jackin_paths.config_file.read_text()
    jackin_paths.config_file.write_text(
        text + f'\n[docker.mounts."cache{TOML_TITLE}"]\nsrc = "/tmp"\ndst = "/cache"\n'
    )
    assert run(["config", "mount", "list"]) == 1
    captured = capsys.readouterr()
    _assert_clean(captured)
    assert "error: [E017]" in captured.err
    assert "mount label" in captured.err


# --- text that reaches a renderer anyway ----------------------------------------------


class FakeEngine:
    """A unix socket that answers the engine's read-only API calls with canned JSON.

    It stands in for an engine (or a sidecar the agent controls) whose answers carry
    escape sequences; writes are refused.
    """

    def __init__(self, path: Path, containers: list[dict[str, object]]) -> None:
        self.path = str(path)
        self.containers = containers
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(self.path)
        self._server.listen()
        self._stopping = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _answer(self, method: str, target: str) -> tuple[int, object]:
        route = target.split("?", 1)[0].split("/", 2)[-1]  # drop any /v1.xx prefix
        if method != "GET":
            return 500, {"message": "this fake engine only reads"}
        if target.startswith("/version") or route == "version":
            return 200, {"Version": "27.0.0", "ApiVersion": "1.47"}
        if "/containers/json" in target:
            return 200, self.containers
        if target.split("?", 1)[0].endswith("/networks"):
            return 200, []
        if target.split("?", 1)[0].endswith("/volumes"):
            return 200, {"Volumes": [], "Warnings": None}
        return 404, {"message": f"no such object: {target}"}

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            if self._stopping:
                conn.close()
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                if not data:
                    continue
                method, target, _ = data.split(b"\r\n", 1)[0].decode().split(" ", 2)
                status, payload = self._answer(method, target)
                body = json.dumps(payload).encode()
                head = f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
                head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
                conn.sendall(head.encode() + body)

    def close(self) -> None:
        self._stopping = True
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as wake:  # unblock accept()
            wake.connect(self.path)
        self._thread.join(timeout=5)
        self._server.close()


@pytest.fixture
def hostile_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeEngine]:
    engine = FakeEngine(tmp_path / "engine.sock", [])
    monkeypatch.setenv("DOCKER_HOST", f"unix://{engine.path}")
    yield engine
    engine.close()


def _index_row(container: str, label: str) -> IndexRow:
    return IndexRow(
        instance_id=container.split("-")[1],
        container_base=container,
        workspace_name=None,
        workspace_label=label,
        workdir="/work/x",
        role_key="agent-smith",
        agent_runtime="claude",
        status=InstanceStatus.RUNNING,
        updated_at=dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
    )


def test_status_escapes_names_from_state_files_and_the_engine(
    jackin_paths: JackinPaths, hostile_engine: FakeEngine, capsys: pytest.CaptureFixture[str]
) -> None:
    container = "jk-abcdefgh-agentsmith"
    jackin_paths.data_dir.mkdir(parents=True)
    # An ad-hoc workspace is labelled after its folder's name, which anyone may choose.
    index = {"version": 1, "instances": [_index_row(container, FORGED).to_dict()]}
    atomic_write_text(jackin_paths.instances_index, json.dumps(index))
    hostile_engine.containers.append(
        {"Id": "c1", "Names": [f"/{container}"], "State": f"running{TITLE}", "Labels": {}}
    )
    assert run(["status"]) == 0
    table = capsys.readouterr()
    _assert_clean(table)
    assert "\\x1b[2K\\rTrusted by jackin (verified)" in table.out
    assert "running\\x1b]0;pwned\\x07" in table.out
    assert all(line.startswith(("┌", "│", "╞", "└", "  ")) for line in table.out.splitlines())

    assert run(["status", "--format", "json"]) == 0
    document = capsys.readouterr()
    _assert_clean(document)
    (group,) = json.loads(document.out)["workspaces"]
    assert group["workspace"] == FORGED  # the JSON keeps the data, escaped as JSON
    assert group["instances"][0]["state"] == f"running{TITLE}"


def _role_repo(root: Path, name: str) -> Path:
    repo = root / "evil-role"
    repo.mkdir()
    (repo / "Dockerfile").write_text("FROM projectjackin/construct:0.35-trixie\n")
    (repo / "jackin.role.toml").write_text(
        f'version = "v1alpha6"\ndockerfile = "Dockerfile"\n[identity]\nname = "{name}"\n[claude]\n'
    )
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "evil"]):
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid", *args],
            cwd=repo, check=True, capture_output=True,
        )  # fmt: skip
    return repo


@pytest.mark.parametrize("name", [TOML_TITLE, TOML_FORGED], ids=["osc-title", "erase-forge"])
def test_load_refuses_a_role_whose_name_carries_escapes(
    jackin_paths: JackinPaths,
    hostile_engine: FakeEngine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    repo = _role_repo(tmp_path, name)
    jackin_paths.config_dir.mkdir(parents=True)
    jackin_paths.config_file.write_text(
        'version = "v1alpha10"\n\n'
        f'[roles.evil]\ngit = "{repo.as_uri()}"\ntrusted = true\n\n[docker]\ndind = false\n'
    )
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    monkeypatch.setenv("HOME", str(tmp_path / "host-home"))
    assert run(["load", "evil", "--detach", "--yes", "--no-keep-awake"]) == 1
    captured = capsys.readouterr()
    _assert_clean(captured)
    assert "launch failed at stage `role`: [E004]" in captured.err
    assert "[E017] `identity.name` contains \\x1b" in captured.err
    assert "Trusted by jackin" not in captured.out


@pytest.mark.parametrize("live", [False, True], ids=["plain", "live"])
def test_launch_progress_escapes_what_the_roles_dockerfile_says(
    jackin_paths: JackinPaths, tmp_path: Path, live: bool
) -> None:
    """A build step quotes the role's Dockerfile, which no validation reads for escapes."""
    repo = role_repository(tmp_path)
    dockerfile = repo / "Dockerfile"
    # CSI 1 G (column 1) instead of CR, which a Dockerfile parser would take for a line end.
    loud = f"{TITLE}\x1b[2K\x1b[1GTrusted by jackin (verified)"
    dockerfile.write_text(dockerfile.read_text() + f"RUN echo '{loud}'\n")
    git(repo, "commit", "-q", "-am", "a loud build step")
    write_config(jackin_paths, repo)
    project = tmp_path / "project"
    project.mkdir()
    stream = io.StringIO()
    renderer = PlainLaunchView(stream, live=live)
    config = load_operator_config(jackin_paths)
    context = LaunchContext(
        FakeDocker(images=[CONSTRUCT]), config, progress=renderer.stage,
        image_progress=renderer.image, host_env={}, host_uid=1000, host_gid=1000,
        host_home=tmp_path / "host-home",
    )  # fmt: skip
    target = resolve_target(config, selector="stand-in", cwd=project)
    launch(target, LaunchOptions(detach=True, keep_awake=False), context)
    renderer.close()
    text = stream.getvalue()
    assert "echo '\\x1b]0;pwned\\x07\\x1b[2K\\x1b[1GTrusted by jackin (verified)'" in text
    own = text.replace("\r\x1b[2K", "")  # the live line's own erase, and nothing else
    assert not any(char in own for char in RAW), own


# --- the output boundary --------------------------------------------------------------

CLI_SOURCES = Path(__file__).resolve().parents[2] / "packages/jackin-cli/src/jackin_cli"
RAW_WRITERS_ALLOWED = {
    "_common.py": {"print"},  # `out`, `err` and `echo_json`: the boundary itself
    "__main__.py": {"sys.stdout.write", "sys.stderr.write"},  # rendered errors, version
    "_prompt.py": {"sys.stderr.write"},  # questions, escaped where they quote names
    "_app.py": {"typer.echo"},  # help and version: our own text
    "_groups.py": {"typer.echo"},  # help
}


def _writer(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name) and func.id == "print":
        return "print"
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and (func.value.id, func.attr) in {("typer", "echo"), ("click", "echo")}
    ):
        return f"{func.value.id}.{func.attr}"
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "write"
        and isinstance(func.value, ast.Attribute)
        and isinstance(func.value.value, ast.Name)
        and func.value.value.id == "sys"
    ):
        return f"sys.{func.value.attr}.write"
    return None


def test_commands_print_only_through_the_escaping_boundary() -> None:
    """New output goes through `out`/`err` (or a renderer that escapes its fields)."""
    found = []
    for source in sorted(CLI_SOURCES.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text())):
            if not isinstance(node, ast.Call):
                continue
            kind = _writer(node)
            if kind is not None and kind not in RAW_WRITERS_ALLOWED.get(source.name, set()):
                found.append(f"{source.name}:{node.lineno}: {kind}")
    assert found == [], "print through jackin_cli._common.out/err instead"


@pytest.mark.parametrize("tool", ["jackin-role", "jackin role"])
def test_role_verbs_print_manifest_values_escaped(
    tool: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    role = tmp_path / "role"
    role.mkdir()
    (role / "Dockerfile").write_text("FROM projectjackin/construct:0.35-trixie\n")
    (role / "jackin.role.toml").write_text(
        'version = "v1alpha6"\ndockerfile = "Dockerfile"\n'
        f'published_image = "ghcr.io/acme/role:1{TOML_FORGED}\\nline"\n[claude]\n'
    )
    args = ["published-image", str(role)]
    assert (role_run(args) if tool == "jackin-role" else run(["role", *args])) == 0
    captured = capsys.readouterr()
    _assert_clean(captured)
    assert captured.out == "ghcr.io/acme/role:1\\x1b[2K\\rTrusted by jackin (verified)\\nline\n"
