"""What jackin needs to know about each agent runtime (spec runtime §3.3, §4.5).

This is the registry the image and launch code read; adding an agent is one entry. Each
entry also records what the real binary needed to start in full-speed mode and ready for
a prompt (found by running it, not in the spec): see `AgentRuntime.needs`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from jackin_capsule.contract import AGENT_HOME, AGENT_HOMES, AgentHome
from jackin_sdk.vocab import Agent

__all__ = ["AGENT_RUNTIMES", "AgentRuntime", "RegistryPackage", "npm_platform", "runtime_for"]


#: The platform names the registries use, by `platform.machine()` of the engine's host.
_NPM_PLATFORMS = {"x86_64": "linux-x64", "amd64": "linux-x64", "aarch64": "linux-arm64",
                  "arm64": "linux-arm64"}  # fmt: skip
_RUST_TRIPLES = {"linux-x64": "x86_64-unknown-linux-musl",
                 "linux-arm64": "aarch64-unknown-linux-musl"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class RegistryPackage:
    """Where the `registry` install source fetches an agent, and what it copies in.

    npm agents ship one package per platform with the native binary in it; jackin packs
    that package (`npm pack`, no install scripts) and keeps only `payload`. A PyPI agent
    is every wheel its package needs for the role image's Python (`pip download`), which
    the overlay installs offline into a venv; `entry` is then its console script.
    """

    registry: str
    """`npm` or `pypi`."""
    package: str
    """The package operators know; its `latest` is the version when none is pinned."""
    platform_spec: str
    """`{package}`, `{version}`, `{platform}` → the platform package to pack (npm), or the
    requirement pip downloads (PyPI)."""
    payload: str = "."
    """The folder of the packed package (under `package/`) copied into the image;
    `{triple}` is the Rust target triple of the platform."""
    entry: str = ""
    """The binary, relative to `payload`."""
    latest_from: str = "{package}"
    """The package whose `latest` is asked (`{platform}` allowed): Amp's main package can
    be ahead of its platform packages."""
    default_version: str | None = None
    """The version used when none is pinned, instead of the registry's latest: set when
    the latest releases do not work (kimi-cli's last two only print an end-of-life
    notice; 1.52.0 run with no arguments downloads and runs another installer)."""

    def spec(self, version: str, platform: str) -> str:
        """The npm spec of the platform package for `version` on `platform`."""
        return self.platform_spec.format(package=self.package, version=version,
                                         platform=platform)  # fmt: skip

    def latest_package(self, platform: str) -> str:
        """The package whose `latest` version is used when none is pinned."""
        return self.latest_from.format(package=self.package, platform=platform)

    def payload_dir(self, platform: str) -> str:
        """`payload` for `platform`."""
        return self.payload.format(triple=_RUST_TRIPLES.get(platform, ""))


def npm_platform(machine: str) -> str:
    """The npm platform suffix (`linux-x64`, `linux-arm64`) for a `platform.machine()`."""
    return _NPM_PLATFORMS.get(machine.lower(), f"linux-{machine.lower()}")


@dataclass(frozen=True, slots=True)
class AgentRuntime:
    """One agent: its binary, how it is installed, and which home paths it owns.

    The home paths and the credential hand-off are the capsule's (`home`, from
    `jackin_capsule.contract.AGENT_HOMES`): both sides read that one record.
    """

    agent: Agent
    binary: str
    """The command name, as found on `PATH`."""
    binary_path: str
    """Where the official installer puts it (absolute, in the image)."""
    installer_url: str
    installer_env: Mapping[str, str] = field(default_factory=dict)
    snapshot_excludes: tuple[str, ...] = ()
    """Scratch paths dropped from the default-home snapshot, relative to `/home/agent`."""
    aliases: tuple[str, ...] = ()
    """Extra names the binary is also installed under, next to `binary_path`."""
    full_speed: tuple[str, ...] = ()
    """The launch command with the flags that skip every permission prompt (§4.5)."""
    model_flag: str | None = None
    """How a model is chosen on the command line (`--model`, `-m`), if at all."""
    registry: RegistryPackage | None = None
    """Its package for the `registry` install source (None: installer only)."""
    container_env: Mapping[str, str] = field(default_factory=dict)
    """Plain settings the real binary needs in the container (every session and
    `docker exec` shell), never credentials."""
    needs: tuple[str, ...] = ()
    """What the real binary needed to start at full speed and ready for a prompt, beyond
    the spec, and how jackin provides it (runtime-setup, entrypoint or `container_env`)."""

    def launch_argv(self, model: str | None = None) -> tuple[str, ...]:
        """The argv a session runs: full-speed mode, plus the model when one is set."""
        argv = self.full_speed or (self.binary,)
        if model and self.model_flag:
            argv = (*argv, self.model_flag, model)
        return argv

    @property
    def home(self) -> AgentHome:
        """Its durable home paths and credential hand-off, as the capsule reads them."""
        return AGENT_HOMES[self.agent.value]

    @property
    def home_dirs(self) -> tuple[str, ...]:
        """Durable home directories, relative to `/home/agent`."""
        return self.home.home_dirs

    @property
    def home_files(self) -> tuple[str, ...]:
        """Durable single files, relative to `/home/agent`."""
        return self.home.home_files

    @property
    def bin_dir(self) -> str:
        """The directory of `binary_path`, which goes on `PATH`."""
        return self.binary_path.rsplit("/", 1)[0]


def _home(relative: str) -> str:
    return f"{AGENT_HOME}/{relative}"


AGENT_RUNTIMES: Mapping[Agent, AgentRuntime] = {
    Agent.CLAUDE: AgentRuntime(
        Agent.CLAUDE,
        "claude",
        _home(".local/bin/claude"),
        "https://claude.ai/install.sh",
        snapshot_excludes=(".claude/backups",),
        full_speed=(
            "claude",
            "--settings",
            '{"skipDangerousModePermissionPrompt":true}',
            "--dangerously-skip-permissions",
            "--verbose",
        ),
        model_flag="--model",
        registry=RegistryPackage(
            "npm", "@anthropic-ai/claude-code", "{package}-{platform}@{version}", entry="claude"
        ),
        container_env={"IS_SANDBOX": "1", "DISABLE_AUTOUPDATER": "1"},
        needs=(
            "as uid 0 it refuses --dangerously-skip-permissions unless IS_SANDBOX=1",
            "an api_key launch stops on 'Unable to connect to Anthropic services' until "
            "~/.claude.json has hasCompletedOnboarding: true",
            "it asks to trust each folder until projects[<dir>].hasTrustDialogAccepted",
            "it asks whether to use ANTHROPIC_API_KEY until the key's last 20 characters "
            "are in customApiKeyResponses.approved",
            "the native binary updates itself unless DISABLE_AUTOUPDATER=1 (pinned installs)",
        ),
    ),
    Agent.CODEX: AgentRuntime(
        Agent.CODEX,
        "codex",
        _home(".local/bin/codex"),
        "https://chatgpt.com/codex/install.sh",
        installer_env={"CODEX_NON_INTERACTIVE": "1"},
        snapshot_excludes=(".codex/tmp",),
        full_speed=("codex", "--enable", "goals", "--dangerously-bypass-approvals-and-sandbox"),
        model_flag="-m",
        registry=RegistryPackage(
            "npm",
            "@openai/codex",
            "{package}@{version}-{platform}",
            payload="vendor/{triple}",
            entry="bin/codex",
        ),
        needs=(
            "the TUI ignores OPENAI_API_KEY and opens on its sign-in screen until "
            "~/.codex/auth.json holds {auth_mode: apikey, OPENAI_API_KEY} (api_key mode)",
            "it ignores the OPENAI_BASE_URL env var: jackin passes it as "
            "-c openai_base_url=… when the operator sets it",
            "it asks to trust the folder until ~/.codex/config.toml has "
            '[projects."<dir>"] trust_level = "trusted"',
        ),
    ),
    Agent.AMP: AgentRuntime(
        Agent.AMP,
        "amp",
        _home(".amp/bin/amp"),
        "https://ampcode.com/install.sh",
        full_speed=("amp", "--dangerously-allow-all"),
        registry=RegistryPackage(
            "npm",
            "@ampcode/cli",
            "{package}-{platform}@{version}",
            entry="amp",
            latest_from="{package}-{platform}",
        ),
    ),
    Agent.KIMI: AgentRuntime(
        Agent.KIMI,
        "kimi",
        _home(".kimi-code/bin/kimi"),
        "https://code.kimi.com/kimi-code/install.sh",
        full_speed=("kimi", "--yolo"),
        model_flag="--model",
        registry=RegistryPackage(
            "pypi", "kimi-cli", "{package}=={version}", entry="kimi", default_version="1.50.0"
        ),
        needs=(
            "the PyPI package (kimi-cli) needs Python >= 3.12 in the role image and has "
            "compiled dependencies: the host downloads the wheels for the image's Python, "
            "glibc and machine (read once from the role base image), the overlay installs "
            "them offline into /jackin/agents/kimi/venv",
            "kimi-cli is archived: 1.51.0 and 1.52.0 only print an end-of-life notice (1.52.0 "
            "with no arguments downloads and runs the Kimi Code installer from a CDN), so "
            "an unpinned registry Kimi is 1.50.0, the last release that runs",
            "kimi-cli keeps its config, sessions and logs in ~/.kimi (the installer's Kimi "
            "Code uses ~/.kimi-code): both are durable",
            "it opens ready without credentials, saying 'Model: not set, send /login'; "
            "--yolo shows as 'yolo' in its status bar",
        ),
    ),
    Agent.OPENCODE: AgentRuntime(
        Agent.OPENCODE,
        "opencode",
        _home(".opencode/bin/opencode"),
        "https://opencode.ai/install",
        snapshot_excludes=(".config/opencode/opencode.json",),
        full_speed=("env", 'OPENCODE_CONFIG_CONTENT={"permission":"allow"}', "opencode"),
        model_flag="-m",
        registry=RegistryPackage(
            "npm", "opencode-ai", "opencode-{platform}@{version}", payload="bin", entry="opencode"
        ),
    ),
    Agent.GROK: AgentRuntime(
        Agent.GROK,
        "grok",
        _home(".grok/bin/grok"),
        "https://x.ai/cli/install.sh",
        aliases=("agent",),
        full_speed=("grok", "--always-approve"),
        model_flag="-m",
    ),
}


def runtime_for(agent: Agent) -> AgentRuntime:
    """The registry entry for `agent`."""
    return AGENT_RUNTIMES[agent]
