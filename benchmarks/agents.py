"""Real agents: time to interactive, the cold cost of the registry cache, the warm build.

Run: `uv run python benchmarks/agents.py [--runs 5] [--only tti|fetch|build]` (needs the
engine, the images `scripts/ci/build-test-images.sh` builds, tmux, npm and pip). It works
in temporary jackin homes and removes every container and image it makes. Numbers go
into issue notes; they are never asserted in tests.

- tti: time to interactive of the real Claude Code, from the registry (pinned as in
  `tests/integration/test_real_agents.py`), in a 160x48 tmux pane. Interleaved rounds
  of (a) `jackin load <role>` attached, from the command's start until Claude's ready
  prompt ("bypass permissions on") is on the screen, through the capsule; and (b)
  `docker run -it --rm` of the same derived image running `claude` directly with the
  same flags, env, project bind mount and a `~/.claude.json` that says what jackin's
  runtime-setup says (onboarding done, folder trusted, key approved), so both reach the
  same screen. The
  image is built and the role cached before the first round; each jackin instance is
  purged after it is timed. The pane is read every 25 ms.
- fetch: `AgentCache.ensure` of each agent into an empty cache folder, with an empty
  npm/pip cache (cold: everything from the registry) and again with the npm/pip cache
  of the cold run (warm: the tool's own cache, no new download of the tarballs/wheels).
- build: the overlay with each registry agent copied in (Claude Code from npm, Kimi from
  PyPI installed offline into its venv), on a warm role base image, with no cached RUN
  step (a host UID of its own each run); the agent already in the host cache.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from benchmarks._bytecode import ensure_bytecode
from tests.integration.launch_support import JACKIN, Home, docker, git

from jackin_sdk.agents import AgentCache, AgentInstall, AgentSource
from jackin_sdk.auth import Agent
from jackin_sdk.docker import EngineDocker
from jackin_sdk.images import RoleImageRequest, ensure_role_image
from jackin_sdk.roles import RoleManifest, RoleSelector

CONSTRUCT = "projectjackin/construct:0.35-trixie"
CLAUDE_VERSION = "2.1.332"
VERSIONS = {Agent.CLAUDE: CLAUDE_VERSION, Agent.CODEX: "0.171.0", Agent.KIMI: "1.50.0"}
READY = "bypass permissions on"
KEY = "sk-bench-NOT-A-REAL-KEY-0123456789abcdef"
WORKDIR = "/workspace/project"
FULL_SPEED = ("claude --settings '{\"skipDangerousModePermissionPrompt\":true}' "
              "--dangerously-skip-permissions --verbose")  # fmt: skip
POLL = 0.025


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:8.0f} ms (min {min(values) * 1000:6.0f})"


# -- time to interactive -----------------------------------------------------------


def _claude_home(root: Path, cache: Path) -> Home:
    """A jackin home whose role runs the real Claude Code from the registry cache."""
    role = root / "role"
    role.mkdir(parents=True)
    (role / "Dockerfile").write_text(f"FROM {CONSTRUCT}\n")
    (role / "jackin.role.toml").write_text(
        'version = "v1alpha6"\ndockerfile = "Dockerfile"\nagents = ["claude"]\n\n'
        '[identity]\nname = "Bench claude"\n\n[claude]\n'
    )
    git(role, "init", "-q", "-b", "main")
    git(role, "add", "-A")
    git(role, "commit", "-q", "-m", "bench role")
    project = root / "project"
    project.mkdir()
    config = root / "config"
    (config / "workspaces").mkdir(parents=True)
    (config / "config.toml").write_text(
        f'version = "v1alpha10"\n\n[env]\nANTHROPIC_API_KEY = "$JACKIN_BENCH_KEY"\n\n'
        f'[roles.bench]\ngit = "{role.as_uri()}"\ntrusted = true\n\n'
        '[docker]\ndind = false\n\n[claude]\nauth_forward = "api_key"\n\n'
        '[github]\nauth_forward = "ignore"\n'
    )
    (config / "workspaces" / "bench.toml").write_text(
        f'version = "v1alpha9"\nworkdir = "{WORKDIR}"\n\n'
        f'[[mounts]]\nsrc = "{project}"\ndst = "{WORKDIR}"\n\n'
        '[env]\nANTHROPIC_BASE_URL = "http://127.0.0.1:9"\n\n'
        f'[install.claude]\nsource = "registry"\nversion = "{CLAUDE_VERSION}"\n'
    )
    (root / "host-home").mkdir()
    (root / "home" / "cache").mkdir(parents=True)
    (root / "home" / "cache" / "agents").symlink_to(cache)
    return Home(root, project, git(role, "rev-parse", "HEAD"), "bench", role.as_uri())


def _tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, check=False,
                          timeout=30)  # fmt: skip
    return done.stdout


def _until_ready(command: str, env: dict[str, str], cwd: Path, timeout: float = 120.0) -> float:
    """Seconds from starting `command` in a 160x48 tmux pane until READY is on it."""
    name = f"jackin-bench-{uuid.uuid4().hex[:8]}"
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items()
                       if k.startswith(("JACKIN_", "GIT_", "HOME")))  # fmt: skip
    script = f"cd {shlex.quote(str(cwd))} && env {exports} {command}; sleep 600"
    start = time.perf_counter()
    _tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "48", script)
    try:
        while time.perf_counter() - start < timeout:
            if READY in _tmux("capture-pane", "-p", "-t", name):
                return time.perf_counter() - start
            time.sleep(POLL)
        raise RuntimeError(f"{READY!r} never appeared:\n{_tmux('capture-pane', '-p', '-t', name)}")
    finally:
        _tmux("kill-session", "-t", name)


def _direct_command(image: str, container: str, project: Path) -> str:
    """`docker run -it` of `image` running claude itself, ready as jackin makes it."""
    ready = {
        "hasCompletedOnboarding": True,
        "projects": {WORKDIR: {"hasTrustDialogAccepted": True}},
        "customApiKeyResponses": {"approved": [KEY[-20:]], "rejected": []},
    }
    inner = (f"printf '%s' {shlex.quote(json.dumps(ready))} > ~/.claude.json && "
             f"exec {FULL_SPEED}")  # fmt: skip
    return shlex.join([
        "docker", "run", "-it", "--rm", "--name", container, "--label", "jackin.bench=1",
        "-e", "IS_SANDBOX=1", "-e", "DISABLE_AUTOUPDATER=1", "-e", f"ANTHROPIC_API_KEY={KEY}",
        "-e", "ANTHROPIC_BASE_URL=http://127.0.0.1:9", "-v", f"{project}:{WORKDIR}",
        "-w", WORKDIR, "--entrypoint", "/bin/sh",
        image, "-c", inner,
    ])  # fmt: skip


def bench_tti(runs: int, cache: Path) -> None:
    AgentCache(cache).ensure(Agent.CLAUDE, CLAUDE_VERSION)
    with tempfile.TemporaryDirectory() as scratch:
        home = _claude_home(Path(scratch), cache)
        env = {**home.env, "JACKIN_BENCH_KEY": KEY}
        os.environ["JACKIN_BENCH_KEY"] = KEY
        image = f"jk_bench:{home.commit[:7]}"
        try:
            first = home.jackin("load", "bench", "bench", "--detach").stdout.strip()
            home.jackin("eject", first.splitlines()[-1], "--purge", check=False)
            for row in home.status():
                home.jackin("eject", str(row["container_base"]), "--purge", check=False)
            ours, direct = [], []
            for _ in range(runs):
                ours.append(_until_ready(f"{JACKIN} load bench bench", env, home.project))
                for row in home.status():
                    home.jackin("eject", str(row["container_base"]), "--purge")
                container = f"jackin-bench-{uuid.uuid4().hex[:8]}"
                command = _direct_command(image, container, home.project)
                direct.append(_until_ready(command, env, home.project))
                subprocess.run(["docker", "rm", "-f", container], capture_output=True,
                               check=False)  # fmt: skip
            print(f"time to interactive, real Claude Code {CLAUDE_VERSION} (median of {runs}):")
            print(f"  jackin load (attached, through the capsule)  {_ms(ours)}")
            print(f"  docker run -it ... claude                    {_ms(direct)}")
            extra = (statistics.median(ours) - statistics.median(direct)) * 1000
            print(f"  jackin - docker run                          {extra:8.0f} ms")
        finally:
            for row in home.status():
                home.jackin("eject", str(row["container_base"]), "--purge", check=False)
            docker("rmi", "-f", image, f"jk_bench__base:{home.commit[:7]}")
            home.cleanup()


# -- fetch -------------------------------------------------------------------------


def _fetch_once(agent: Agent, version: str, tool_cache: Path, target: Path) -> float:
    env = {"npm_config_cache": str(tool_cache / "npm"), "PIP_CACHE_DIR": str(tool_cache / "pip")}
    cache = AgentCache(target, env=env)
    python = None
    if agent is Agent.KIMI:
        from jackin_sdk.agents import PythonTarget  # noqa: PLC0415

        python = PythonTarget("3.13", "cpython", "glibc", "2.41", "x86_64")
    start = time.perf_counter()
    cache.ensure(agent, version, python)
    return time.perf_counter() - start


def bench_fetch(runs: int) -> None:
    npm_latest = AgentCache(Path(tempfile.mkdtemp(prefix="jackin-bench-latest-")))
    versions = dict(VERSIONS)
    for agent in (Agent.OPENCODE, Agent.AMP):
        versions[agent] = npm_latest.version_for(AgentInstall(agent, AgentSource.REGISTRY))
    shutil.rmtree(npm_latest.root, ignore_errors=True)
    print(f"fetch into an empty agent cache (median of {runs}):")
    print(f"  {'agent':<10} {'version':<24} {'cold (empty npm/pip cache)':<30} "
          f"{'warm (npm/pip cache kept)':<30} size")  # fmt: skip
    for agent in (Agent.CLAUDE, Agent.CODEX, Agent.OPENCODE, Agent.AMP, Agent.KIMI):
        cold, warm, size = [], [], 0
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="jackin-bench-fetch-") as scratch:
                root = Path(scratch)
                cold.append(_fetch_once(agent, versions[agent], root / "tools", root / "a"))
                warm.append(_fetch_once(agent, versions[agent], root / "tools", root / "b"))
                size = sum(p.stat().st_size for p in (root / "a").rglob("*") if p.is_file())
        print(f"  {agent.value:<10} {versions[agent]:<24} {_ms(cold):<30} {_ms(warm):<30} "
              f"{size / 1e6:5.0f} MB")  # fmt: skip


# -- warm build --------------------------------------------------------------------


def _timed_build(engine: EngineDocker, request: RoleImageRequest) -> float:
    start = time.perf_counter()
    ensure_role_image(engine, request)
    return time.perf_counter() - start


def bench_build(runs: int, cache: Path) -> None:
    engine = EngineDocker()
    print(f"overlay build on a warm base, agent copied in from the cache (median of {runs}):")
    for agent in (Agent.CLAUDE, Agent.KIMI):
        with tempfile.TemporaryDirectory() as scratch:
            role = Path(scratch) / "role"
            role.mkdir()
            (role / "Dockerfile").write_text(f"FROM {CONSTRUCT}\n")
            (role / "jackin.role.toml").write_text(
                f'version = "v1alpha6"\ndockerfile = "Dockerfile"\nagents = ["{agent.value}"]'
                f'\n\n[identity]\nname = "Bench"\n\n[{agent.value}]\n'
            )
            manifest = RoleManifest.model_validate(
                tomllib.loads((role / "jackin.role.toml").read_text())
            )
            selector = RoleSelector.parse(f"bench-{uuid.uuid4().hex[:8]}")
            installs = (AgentInstall(agent, AgentSource.REGISTRY, VERSIONS[agent]),)
            times: list[float] = []
            try:
                for index in range(runs + 1):
                    uid = 20000 + random.randrange(10000)  # noqa: S311 - not a secret
                    request = RoleImageRequest(
                        selector, role, manifest, "b" * 40, host_uid=uid, env={},
                        agent_installs=installs, agent_cache=cache,
                    )  # fmt: skip
                    took = _timed_build(engine, request)
                    if index:  # the first run builds the base and fills the cache
                        times.append(took)
                    docker("rmi", "-f", f"jk_{selector.slug}:b{'b' * 6}")
            finally:
                found = docker("images", "--format", "{{.Repository}}:{{.Tag}}").stdout.split()
                mine = [r for r in found if r.startswith(f"jk_{selector.slug}")]
                if mine:
                    docker("rmi", "-f", *mine)
        print(f"  {agent.value:<8} {VERSIONS[agent]:<10} {_ms(times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=("tti", "fetch", "build"))
    args = parser.parse_args()
    os.environ.pop("JACKIN_DEBUG", None)
    ensure_bytecode()
    with tempfile.TemporaryDirectory(prefix="jackin-bench-agents-") as scratch:
        cache = Path(scratch)
        if args.only in (None, "tti"):
            bench_tti(args.runs, cache)
        if args.only in (None, "fetch"):
            bench_fetch(max(1, min(args.runs, 3)))
        if args.only in (None, "build"):
            bench_build(max(1, min(args.runs, 3)), cache)


if __name__ == "__main__":
    main()
