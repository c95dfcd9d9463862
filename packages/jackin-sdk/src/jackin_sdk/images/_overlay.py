"""The generated overlay Dockerfile (spec runtime §3.3, adapted for the classic builder).

No `# syntax=` line, no cache mounts, no `COPY --link`/`--chmod`: it builds on engines
without BuildKit (DECISIONS #5). Agent blocks keep a binary the role image already has.
An agent from the `registry` source is copied from the build context (fetched on the
host, `agents/_fetch.py`) to `/jackin/agents/<agent>/` and linked at its usual path, so
the build needs no network; the others run their vendor's installer. A PyPI agent's
wheels are copied to `/jackin/agents/<agent>/wheels/` and installed offline, by the pip
wheel among them, into `/jackin/agents/<agent>/venv`, whose console script is linked.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from jackin_capsule.contract import (
    AGENT_HOME,
    CAPSULE_BIN,
    DEFAULT_HOME_DIR,
    RUN_DIR,
    RUNTIME_DIR,
    STATE_DIR,
    STATE_HOOKS_DIR,
)
from jackin_sdk.agents import AgentRuntime

__all__ = ["AGENTS_DIR", "HOOK_TARGETS", "OverlayPlan", "render_overlay"]

HOME = AGENT_HOME
RUNTIME = RUNTIME_DIR
AGENTS_DIR = "/jackin/agents"
CONTEXT_RUNTIME = ".jackin-runtime"
OFFICIAL_MARKETPLACE = "anthropics/claude-plugins-official"
HOOK_TARGETS = {
    "setup_once": "setup-once.sh",
    "source": "source.sh",
    "preflight": "preflight.sh",
}
_CURL = (
    "curl -fsSL --connect-timeout 15 --max-time 120 --retry 2 --retry-delay 2 --retry-connrefused"
)


@dataclass(frozen=True, slots=True)
class OverlayPlan:
    """What the overlay puts on top of the role's base image."""

    base_image: str
    agents: tuple[AgentRuntime, ...]
    hooks: tuple[tuple[str, str], ...] = ()
    """`(hook label, path in the build context)`, in run order."""
    marketplaces: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Claude plugin marketplaces: `(source, sparse paths)`."""
    plugins: tuple[str, ...] = ()
    fetched: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Agents from the registry: slug → (binary relative to its payload, what was fetched),
    their payload at `.jackin-runtime/agents/<slug>/` in the context."""
    pip_installs: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """PyPI agents among `fetched`: slug → (requirement, the pip wheel in its payload)."""


def _q(value: str) -> str:
    return shlex.quote(value)


def _run(commands: Sequence[str]) -> str:
    return "RUN " + " \\\n && ".join(commands)


def _agent_block(runtime: AgentRuntime) -> list[str]:
    name, path = runtime.binary, runtime.binary_path
    env = " ".join(f"{k}={_q(v)}" for k, v in sorted(runtime.installer_env.items()))
    install = (
        "for attempt in 1 2 3; do "
        f"{_CURL} {_q(runtime.installer_url)} | {env + ' ' if env else ''}bash && break; "
        f'if [ "$attempt" = 3 ]; then echo "jackin: installing {name} failed" >&2; exit 1; fi; '
        "sleep $((attempt * 5)); done"
    )
    keep = f'echo "jackin: {name} is already in the role image; keeping it"'
    commands = [
        f"if [ -x {path} ] || command -v {name} >/dev/null 2>&1; then {keep}; else {install}; fi"
    ]
    commands += [
        f"if [ -x {path} ] && [ ! -e {runtime.bin_dir}/{alias} ]; then "
        f"ln -s {name} {runtime.bin_dir}/{alias}; fi"
        for alias in runtime.aliases
    ]
    commands.append(f'PATH="{runtime.bin_dir}:$PATH" {name} --version')
    return [f"# agent: {name}", "USER agent", _run(commands), "USER root"]


def _keep_or_install(runtime: AgentRuntime, install: str) -> list[str]:
    """Keep the role image's own binary if it has one, else `install`; then the aliases
    and a `--version` check."""
    name, path = runtime.binary, runtime.binary_path
    keep = f'echo "jackin: {name} is already in the role image; keeping it"'
    commands = [f"if [ -x {path} ] || command -v {name} >/dev/null 2>&1; then {keep}; "
                f"else {install}; fi"]  # fmt: skip
    commands += [
        f"if [ ! -e {runtime.bin_dir}/{alias} ]; then ln -s {name} {runtime.bin_dir}/{alias}; fi"
        for alias in runtime.aliases
    ]
    commands.append(f'PATH="{runtime.bin_dir}:$PATH" {name} --version')
    return commands


def _registry_block(runtime: AgentRuntime, entry: str, what: str) -> list[str]:
    home = f"{AGENTS_DIR}/{runtime.agent.value}"
    link = f"install -d {runtime.bin_dir} && ln -sf {home}/{entry} {runtime.binary_path}"
    return [
        f"# agent: {runtime.binary} from its registry ({what})",
        f"COPY {CONTEXT_RUNTIME}/agents/{runtime.agent.value}/ {home}/",
        _run(_keep_or_install(runtime, link)),
    ]


def _pypi_block(
    runtime: AgentRuntime, entry: str, what: str, requirement: str, pip_wheel: str
) -> list[str]:
    name, path = runtime.binary, runtime.binary_path
    home = f"{AGENTS_DIR}/{runtime.agent.value}"
    too_old = _q(f"jackin: {name} from PyPI needs python3 3.12 or newer in the role image")
    install = " && ".join([
        f"{{ python3 -c 'import sys; sys.exit(sys.version_info < (3, 12))' "
        f"|| {{ echo {too_old} >&2; exit 1; }}; }}",
        f"python3 -m venv --without-pip {home}/venv",
        f"{home}/venv/bin/python {home}/wheels/{pip_wheel}/pip install --no-index "
        f"--find-links {home}/wheels --no-cache-dir --disable-pip-version-check -q "
        f"{_q(requirement)}",
        f"install -d {runtime.bin_dir}",
        f"ln -sf {home}/venv/bin/{entry} {path}",
    ])  # fmt: skip
    return [
        f"# agent: {name} from PyPI ({what}), installed offline from the host's wheels",
        f"COPY {CONTEXT_RUNTIME}/agents/{runtime.agent.value}/ {home}/wheels/",
        _run(_keep_or_install(runtime, install)),
    ]


def _plugins_block(plan: OverlayPlan) -> list[str]:
    if not plan.marketplaces and not plan.plugins:
        return []
    claude = f'PATH="{HOME}/.local/bin:$PATH" claude'
    commands = [
        f"{{ {claude} plugin marketplace add {OFFICIAL_MARKETPLACE} || "
        f'echo "jackin: the official Claude marketplace could not be added; continuing"; }}'
    ]
    for source, sparse in plan.marketplaces:
        extra = "".join(f" --sparse {_q(p)}" for p in sparse)
        failed = _q(f"jackin: adding Claude plugin marketplace {source} failed")
        commands.append(
            f"{{ {claude} plugin marketplace add {_q(source)}{extra} || "
            f"{{ echo {failed} >&2; exit 1; }}; }}"
        )
    for plugin in plan.plugins:
        failed = _q(f"jackin: installing Claude plugin {plugin} failed")
        commands.append(
            f"{{ {claude} plugin install {_q(plugin)} || {{ echo {failed} >&2; exit 1; }}; }}"
        )
    commands.append(f"rm -rf {HOME}/.claude/backups")
    return ["# Claude plugins from the manifest", "USER agent", _run(commands), "USER root"]


def _snapshot_block(agents: Sequence[AgentRuntime]) -> list[str]:
    excludes = sorted({f"{HOME}/{p}" for a in agents for p in a.snapshot_excludes})
    dirs = sorted({d for a in agents for d in a.home_dirs})
    files = sorted({f for a in agents for f in a.home_files})
    seed = DEFAULT_HOME_DIR
    commands = [f"install -d -o agent -g 0 -m 0775 {seed}"]
    if excludes:
        commands.append("rm -rf " + " ".join(excludes))
    if dirs:
        commands.append(
            f"for dir in {' '.join(dirs)}; do "
            f'if [ -e "{HOME}/$dir" ]; then '
            f'mkdir -p "$(dirname "{seed}/$dir")" && mv "{HOME}/$dir" "{seed}/$dir" '
            f'&& install -d -o agent -g 0 -m 0775 "{HOME}/$dir"; fi; done'
        )
    if files:
        commands.append(
            f"for file in {' '.join(files)}; do "
            f'if [ -e "{HOME}/$file" ]; then mv "{HOME}/$file" "{seed}/$file"; fi; done'
        )
    commands += [
        f"chmod -R g+rX {seed}",
        f'bad="$(find {seed} ! -perm -g+r -print -quit)"',
        'if [ -n "$bad" ]; then echo "jackin: $bad in the default home is not group-readable"'
        " >&2; exit 1; fi",
    ]
    return ["# default-home snapshot: seeds each instance's durable agent home", _run(commands)]


def _payload_block(plan: OverlayPlan) -> list[str]:
    lines = [
        "# runtime payload: jackin-capsule (from host-built wheels) and the entrypoint",
        f"COPY {CONTEXT_RUNTIME}/wheels/ {RUNTIME}/wheels/",
        f"COPY {CONTEXT_RUNTIME}/jackin-capsule {CONTEXT_RUNTIME}/entrypoint.sh "
        f"{CONTEXT_RUNTIME}/install-capsule.sh {RUNTIME}/",
    ]
    lines += [
        f"COPY {_q(source)} {RUNTIME}/hooks/{HOOK_TARGETS[label]}" for label, source in plan.hooks
    ]
    commands = [f"sh {RUNTIME}/install-capsule.sh"]
    if plan.hooks:
        commands.append(f"chmod 0755 {RUNTIME}/hooks/*.sh")
    commands.append(f"install -d -m 0775 {RUN_DIR} {STATE_DIR} {STATE_HOOKS_DIR}")
    commands.append(f'chown "${{JACKIN_RUN_UID}}:0" {RUN_DIR} {STATE_DIR} {STATE_HOOKS_DIR}')
    return [*lines, _run(commands)]


def _home_block() -> list[str]:
    mutable = (
        ".cache .config .config/git .local .local/bin .local/share .local/state "
        ".local/share/mise .local/state/mise"
    )
    commands = [
        f"cd {HOME}",
        f"mkdir -p {mutable}",
        "touch .gitconfig .config/git/config",
        f'chown -hR "${{JACKIN_RUN_UID}}:0" {HOME}',
        f"chmod -R g+rwX {HOME}",
        f'bad="$(find {HOME} ! -type l \\( ! -user "${{JACKIN_RUN_UID}}" -o ! -group 0 '
        '-o ! -perm -g+w \\) -print -quit)"',
        'if [ -n "$bad" ]; then echo "jackin: $bad is not owned by uid ${JACKIN_RUN_UID}, '
        'group 0, group-writable" >&2; exit 1; fi',
    ]
    return ["# the home directory belongs to the host UID the container runs as", _run(commands)]


def render_overlay(plan: OverlayPlan, *, header: str = "") -> str:
    """The overlay Dockerfile for `plan`."""
    bin_dirs = list(dict.fromkeys(a.bin_dir for a in plan.agents))
    lines = [
        "# Generated by jackin: the runtime overlay on the role's image. Do not edit.",
        *([f"# {header}"] if header else []),
        f"FROM {plan.base_image}",
        "USER root",
        "ARG JACKIN_RUN_UID=1000",
    ]
    for runtime in plan.agents:
        fetched = plan.fetched.get(runtime.agent.value)
        pip = plan.pip_installs.get(runtime.agent.value)
        if fetched is None:
            block = _agent_block(runtime)
        elif pip is not None:
            block = _pypi_block(runtime, *fetched, *pip)
        else:
            block = _registry_block(runtime, *fetched)
        lines += ["", *block]
    for block in (_plugins_block(plan), _snapshot_block(plan.agents), _payload_block(plan)):
        if block:
            lines += ["", *block]
    lines += ["", *_home_block(), ""]
    lines.append(f'ENV PATH="{":".join([RUNTIME, *bin_dirs])}:${{PATH}}"')
    lines += ["USER agent", f'ENTRYPOINT ["{CAPSULE_BIN}"]', ""]
    return "\n".join(lines)
