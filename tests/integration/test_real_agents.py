"""The real Claude Code and Codex, installed from their registries, through `jackin load`.

Each test loads a role whose agent comes from its npm package (fetched once per test
session through jackin's own registry source into a shared cache), with `api_key` auth
forwarded from the operator's env and the model API's base URL from the workspace env,
pointing at `jackin_sdk.testing`'s model stand-in. The role's preflight hook starts the
stand-in on loopback inside the role container, before the agent. A real terminal (tmux)
attaches with `jackin hardline`, types a prompt, and sees the stand-in's answer; the
agent's tool call wrote a file into the workspace mount, owned by the operator's uid;
the stand-in saw the credential's hash; the secret is in no `docker inspect`, argv or log.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import shlex
import shutil
import stat
import subprocess
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import jackin_sdk.testing._model_api as model_api
from jackin_sdk.agents import AgentCache, AgentFetchError, AgentInstall, AgentSource
from jackin_sdk.auth import Agent
from jackin_sdk.docker import DockerApi
from jackin_sdk.errors import ErrorCode
from jackin_sdk.images import image_python
from jackin_sdk.testing import read_records
from tests.conftest import REQUIRE_DOCKER, TEST_CONSTRUCT_IMAGE, require_image
from tests.integration.launch_support import JACKIN, Home, docker, git
from tests.integration.test_attached_terminal import Terminal

pytestmark = pytest.mark.docker

#: Pinned so CI is reproducible; the registry source is what is under test.
VERSIONS = {Agent.CLAUDE: "2.1.332", Agent.CODEX: "0.171.0"}
SHARED_CACHE = Path(os.environ.get("JACKIN_TEST_AGENT_CACHE", "/tmp/jackin-test-agent-cache"))
SECRET = "sk-e2e-NOT-A-REAL-KEY-5c2e0d7b9a41f3e8"
WROTE = "agent-wrote.txt"
CONTENT = "written by the real agent through the stand-in"
ANSWER = "Done: the stand-in's file is written."
PORT = 8765

PREFLIGHT = f"""#!/bin/bash
# Start the model stand-in on loopback, once per container, before the agent.
up() {{ (exec 3<>/dev/tcp/127.0.0.1/{PORT}) 2>/dev/null; }}
if ! up; then
    nohup python3 /opt/jackin-test/model-stand-in.py --port {PORT} \\
        --record /jackin/state/model-requests.jsonl \\
        --write "$JACKIN_WORKDIR/{WROTE}" --content "{CONTENT}" --answer "{ANSWER}" \\
        >/jackin/state/model-stand-in.log 2>&1 &
    for _ in $(seq 1 100); do up && break; sleep 0.1; done
fi
"""


def _fail_or_skip(message: str) -> None:
    if REQUIRE_DOCKER:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def agent_cache() -> Path:
    """The pinned agents, fetched through jackin's registry source into a shared cache."""
    if shutil.which("npm") is None:
        _fail_or_skip("npm is not installed (the registry source packs agents with it)")
    cache = AgentCache(SHARED_CACHE)
    for agent, version in VERSIONS.items():
        cache.ensure(agent, version)
    return SHARED_CACHE


def _home(root: Path, agent: Agent, cache: Path, *, version: str | None = None) -> Home:
    role = root / "role"
    (role / "hooks").mkdir(parents=True)
    (role / "model-stand-in.py").write_bytes(Path(model_api.__file__).read_bytes())
    (role / "Dockerfile").write_text(
        "FROM projectjackin/construct:0.35-trixie\n"
        "COPY model-stand-in.py /opt/jackin-test/model-stand-in.py\n"
    )
    (role / "jackin.role.toml").write_text(
        f'version = "v1alpha6"\ndockerfile = "Dockerfile"\nagents = ["{agent.value}"]\n\n'
        f'[identity]\nname = "Real {agent.value}"\n\n[hooks]\npreflight = "hooks/preflight.sh"\n'
        f"\n[{agent.value}]\n"
    )
    hook = role / "hooks" / "preflight.sh"
    hook.write_text(PREFLIGHT)
    hook.chmod(0o755)
    git(role, "init", "-q", "-b", "main")
    git(role, "add", "-A")
    git(role, "commit", "-q", "-m", "real agent role")
    project = root / "project"
    project.mkdir()
    (project / "README.md").write_text("project\n")
    config = root / "config"
    (config / "workspaces").mkdir(parents=True)
    key = {Agent.CLAUDE: "ANTHROPIC_API_KEY", Agent.CODEX: "OPENAI_API_KEY"}.get(
        agent, f"{agent.value.upper()}_API_KEY"
    )
    (config / "config.toml").write_text(
        f'version = "v1alpha10"\n\n[env]\n{key} = "$JACKIN_TEST_SECRET"\n\n'
        f'[roles.real]\ngit = "{role.as_uri()}"\ntrusted = true\n\n'
        f'[docker]\ndind = false\n\n[{agent.value}]\nauth_forward = "api_key"\n\n'
        '[github]\nauth_forward = "ignore"\n'
    )
    base_url = (
        ("ANTHROPIC_BASE_URL", f"http://127.0.0.1:{PORT}")
        if agent is Agent.CLAUDE
        else ("OPENAI_BASE_URL", f"http://127.0.0.1:{PORT}/v1")
    )
    (config / "workspaces" / "real.toml").write_text(
        f'version = "v1alpha9"\nworkdir = "/workspace/project"\n\n'
        f'[[mounts]]\nsrc = "{project}"\ndst = "/workspace/project"\n\n'
        f'[env]\n{base_url[0]} = "{base_url[1]}"\n\n'
        f'[install.{agent.value}]\nsource = "registry"\nversion = "{version or VERSIONS[agent]}"\n'
    )
    (root / "host-home").mkdir()
    (root / "home" / "cache").mkdir(parents=True)
    # The product path with a cache shared by the session: ~/.jackin/cache/agents.
    (root / "home" / "cache" / "agents").symlink_to(cache)
    return Home(root, project, git(role, "rev-parse", "HEAD"), "real", role.as_uri())


@pytest.fixture(params=[Agent.CLAUDE, Agent.CODEX], ids=lambda a: a.value)
def real(
    request: pytest.FixtureRequest,
    engine: DockerApi,
    tmp_path: Path,
    agent_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[Home, Agent]]:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    if shutil.which("tmux") is None:
        _fail_or_skip("tmux is not installed (.ci/run installs it)")
    agent: Agent = request.param
    # The operator's env, which config.toml's `$JACKIN_TEST_SECRET` reads.
    monkeypatch.setenv("JACKIN_TEST_SECRET", SECRET)
    home = _home(tmp_path, agent, agent_cache)
    try:
        yield home, agent
    finally:
        home.cleanup()


def _ready_text(agent: Agent) -> str:
    return "bypass permissions on" if agent is Agent.CLAUDE else "Ask Codex to do anything"


def test_real_agent_writes_the_file_through_load_and_hardline(real: tuple[Home, Agent]) -> None:
    home, agent = real
    loaded = home.jackin("load", "real", "real", "--detach")
    assert SECRET not in loaded.stdout + loaded.stderr
    [row] = home.status()
    container = str(row["container_base"])

    first = Terminal(home, f"{JACKIN} hardline {container}")
    try:
        screen = first.wait_for(_ready_text(agent), timeout=120)
        for first_run in ("trust this folder", "Do you want to use this API key",
                          "Sign in with ChatGPT", "Unable to connect"):  # fmt: skip
            assert first_run not in screen
        prompt = f"Please write {WROTE}."
        first.keys("-l", prompt)
        first.wait_for(prompt)
        # Codex takes keys that arrive in one burst for a paste (Enter becomes a newline):
        # submit once the typed line is on the screen and the burst is over.
        time.sleep(1.0)
        first.keys("Enter")
        first.wait_for(ANSWER, timeout=120)
        first.keys("C-\\")
        first.wait_for("Detach")
        first.type("detach")
        first.wait_for("keeps running; reattach with `jackin hardline")
    finally:
        first.close()

    second = Terminal(home, f"{JACKIN} hardline {container}")
    try:
        second.wait_for(ANSWER, timeout=60)  # the same screen, kept by the capsule
        second.keys("C-\\")
        second.wait_for("Detach")
        second.type("detach")
        second.wait_for("keeps running; reattach with `jackin hardline")
    finally:
        second.close()

    wrote = home.project / WROTE
    assert wrote.read_text().strip() == CONTENT
    assert wrote.stat().st_uid == os.getuid()
    assert stat.S_ISREG(wrote.stat().st_mode)

    records = read_records(home.data / container / "state" / "model-requests.jsonl")
    digest = hashlib.sha256(SECRET.encode()).hexdigest()
    replies = {r.reply for r in records if r.credential_sha256 == digest}
    assert {"tool_call", "answer"} <= replies, records
    assert all(r.credential_sha256 in (None, digest) for r in records)

    # The secret is in no docker inspect, no process's argv, no log.
    assert SECRET not in docker("inspect", container).stdout
    argv = docker("exec", container, "ps", "-eo", "args").stdout
    assert argv
    assert SECRET not in argv
    logs = docker("logs", container)
    assert SECRET not in logs.stdout + logs.stderr
    state = home.data / container
    for log in [*state.rglob("*.log"), state / "state" / "model-requests.jsonl"]:
        assert SECRET not in log.read_text(errors="replace"), log
    image = f"jk_real:{home.commit[:7]}"
    labels = docker("image", "inspect", "--format", "{{json .Config.Labels}}", image)
    assert f'"jackin.agent.{agent.value}.version":"{VERSIONS[agent]}"' in labels.stdout


#: What each agent shows once it is up, found by running the real binaries in the capsule:
#: OpenCode's prompt, ready; Amp's own word that it cannot reach its server (it checks its
#: server before anything else, and this network has none); Kimi's welcome box, whose
#: model line says in its own words that no model is logged in.
FIRST_SCREENS = {
    Agent.OPENCODE: "Ask anything",
    Agent.AMP: "Couldn't connect to the Amp server",
    Agent.KIMI: "Model: not set, send /login to login",
}
#: Kimi comes from PyPI: its wheels are fetched by `jackin load` itself, for the role
#: image's Python (3.13 on the trixie construct), into the shared cache. 1.50.0 is the
#: last kimi-cli that runs (jackin's default for it).
PINNED = {Agent.KIMI: "1.50.0"}


@pytest.mark.parametrize("agent", list(FIRST_SCREENS), ids=lambda a: a.value)
def test_other_registry_agents_start_for_real(
    agent: Agent, engine: DockerApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    if shutil.which("npm") is None or shutil.which("tmux") is None:
        _fail_or_skip("npm and tmux are needed (.ci/run installs tmux)")
    version = PINNED.get(agent)
    if version is None:
        cache = AgentCache(SHARED_CACHE)
        version = cache.version_for(AgentInstall(agent, AgentSource.REGISTRY))
        cache.ensure(agent, version)
    monkeypatch.setenv("JACKIN_TEST_SECRET", SECRET)
    home = _home(tmp_path, agent, SHARED_CACHE, version=version)
    try:
        home.jackin("load", "real", "real", "--detach")
        [row] = home.status()
        container = str(row["container_base"])
        terminal = Terminal(home, f"{JACKIN} hardline {container}")
        try:
            screen = terminal.wait_for(FIRST_SCREENS[agent], timeout=120)
            if agent is Agent.KIMI:  # its status bar names the full-speed mode
                assert "yolo" in terminal.wait_for("ctrl-x: toggle mode")
                assert "(from KIMI_API_KEY)" in screen  # the forwarded key, not a login
                # Still running (it renames its process; its argv is not visible).
                assert "Kimi Code" in docker("exec", container, "ps", "-eo", "args").stdout
            if agent is Agent.OPENCODE:  # still running, in its full-speed mode
                argv = docker("exec", container, "ps", "-eo", "args").stdout
                assert "/jackin/agents/opencode/opencode" in argv or " opencode" in argv
                env = docker("exec", container, "cat", "/proc/1/environ").stdout
                assert "JACKIN_WORKDIR=/workspace/project" in env
        finally:
            terminal.close()
    finally:
        home.cleanup()


def test_the_python_probe_reads_the_real_images(engine: DockerApi, tmp_path: Path) -> None:
    """Kimi's wheels are chosen for the image's Python, read by running it: the trixie
    construct has 3.13 on glibc; a Debian without python3 is E019, not a traceback."""
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    construct = engine.image_id(TEST_CONSTRUCT_IMAGE)
    assert construct is not None
    target = image_python(engine, construct, agent=Agent.KIMI, image=TEST_CONSTRUCT_IMAGE,
                          cache=tmp_path)  # fmt: skip
    assert target.version_tuple >= (3, 12)
    assert target.problem() is None, target
    assert target.tag.startswith(f"cp3{target.version_tuple[1]}-manylinux_2_")
    bare = os.environ.get("JACKIN_TEST_BARE_IMAGE", "jackin-test/debian-base:trixie")
    require_image(engine, bare)
    bare_id = engine.image_id(bare)
    assert bare_id is not None
    with pytest.raises(AgentFetchError) as caught:
        image_python(engine, bare_id, agent=Agent.KIMI, image=bare, cache=tmp_path)
    assert caught.value.code is ErrorCode.E019
    assert "it has no python3 (3.12 or newer is needed)" in str(caught.value)


NON_ROOT_USER = "jackin-test-user"
SYSTEM_PYTHON = Path("/usr/bin/python3")


def _non_root_user() -> pwd.struct_passwd:
    """The unprivileged operator (in the docker group), as test_derived_image makes it."""
    try:
        return pwd.getpwnam(NON_ROOT_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/bin/sh",
             "--groups", "docker", NON_ROOT_USER],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return pwd.getpwnam(NON_ROOT_USER)


def _as_user(home: Home, *args: str) -> str:
    """A shell command running jackin `args` as the non-root operator, with `home`'s
    config and data roots, from the workspace's sources (root's venv interpreter is
    not reachable for other users; Debian's python3 runs the same code)."""
    sources = sorted(str(p) for p in (Path(__file__).parents[2] / "packages").glob("*/src"))
    purelib = sysconfig.get_paths()["purelib"]
    env = {
        "HOME": str(home.root / "host-home"), "PATH": os.environ["PATH"],
        "JACKIN_CONFIG_DIR": str(home.root / "config"),
        "JACKIN_HOME_DIR": str(home.root / "home"), "TMPDIR": str(home.root),
        "PYTHONPATH": ":".join([*sources, purelib]),
        "JACKIN_TEST_SECRET": SECRET,
    }  # fmt: skip
    return shlex.join(["runuser", "-u", NON_ROOT_USER, "--", "env",
                       *(f"{k}={v}" for k, v in env.items()),
                       str(SYSTEM_PYTHON), "-m", "jackin_cli", *args])  # fmt: skip


def test_real_claude_as_a_non_root_operator_writes_a_file_the_operator_owns(
    engine: DockerApi, agent_cache: Path
) -> None:
    """The whole path as uid != 0: the image is built for that uid, Claude Code runs at
    full speed as it (no IS_SANDBOX needed), and what it writes is the operator's."""
    require_image(engine, TEST_CONSTRUCT_IMAGE)
    if os.geteuid() != 0:
        _fail_or_skip("creating the non-root operator needs root (CI runs as root)")
    if shutil.which("tmux") is None or not SYSTEM_PYTHON.exists():
        _fail_or_skip("tmux and Debian's /usr/bin/python3 are needed")
    user = _non_root_user()
    # pytest's tmp_path is under a 0700 folder of root's: a folder the operator owns.
    root = Path(tempfile.mkdtemp(prefix="jackin-non-root-agent-"))
    home = _home(root, Agent.CLAUDE, agent_cache)
    try:
        for path in (root, *root.rglob("*")):
            os.chown(path, user.pw_uid, user.pw_gid, follow_symlinks=False)
        root.chmod(0o755)
        loaded = subprocess.run(
            ["sh", "-c", _as_user(home, "load", "real", "real", "--detach")],
            cwd=home.project, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        assert loaded.returncode == 0, loaded.stdout + loaded.stderr
        assert SECRET not in loaded.stdout + loaded.stderr
        [row] = home.status()
        container = str(row["container_base"])
        user_spec = docker("inspect", "-f", "{{.Config.User}}", container).stdout.strip()
        assert user_spec.split(":")[0] == str(user.pw_uid)

        terminal = Terminal(home, _as_user(home, "hardline", container))
        try:
            terminal.wait_for(_ready_text(Agent.CLAUDE), timeout=120)
            terminal.keys("-l", f"Please write {WROTE}.")
            terminal.wait_for(f"Please write {WROTE}.")
            time.sleep(1.0)
            terminal.keys("Enter")
            terminal.wait_for(ANSWER, timeout=120)
            terminal.keys("C-\\")
            terminal.wait_for("Detach")
            terminal.type("detach")
            terminal.wait_for("keeps running; reattach with `jackin hardline")
        finally:
            terminal.close()

        wrote = home.project / WROTE
        assert wrote.read_text().strip() == CONTENT
        assert (wrote.stat().st_uid, wrote.stat().st_gid) == (user.pw_uid, user.pw_gid)
        records = read_records(home.data / container / "state" / "model-requests.jsonl")
        digest = hashlib.sha256(SECRET.encode()).hexdigest()
        assert {"tool_call", "answer"} <= {r.reply for r in records
                                            if r.credential_sha256 == digest}  # fmt: skip
    finally:
        home.cleanup()
        shutil.rmtree(root, ignore_errors=True)
