"""`launch`: from a resolved target to a running role container, one named stage at a time.

Stages report `StageEvent`s; a failure raises `LaunchError` naming its stage. Once the
instance name is claimed, any failure marks the instance `failed_setup` and removes
exactly the Docker objects this launch created (an instance being restored keeps its
state). The image build and the sidecar run concurrently.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from jackin_capsule.contract import PROVIDER_ENV
from jackin_sdk.agents import runtime_for
from jackin_sdk.auth import Agent
from jackin_sdk.dind import (
    PRIVILEGE_CACHE_FILE,
    DindSettings,
    SidecarEndpoint,
    ensure_tls_material,
    sidecar_privileges,
    start_sidecar,
)
from jackin_sdk.docker import Bind, ContainerSpec, DockerApi, DockerConflict, DockerNotFound
from jackin_sdk.errors import JackinError
from jackin_sdk.gc import collect_orphans
from jackin_sdk.images import ImageProgress, RoleImage, ensure_role_image
from jackin_sdk.instances import ClaimedInstance, InstanceManifest, InstanceStatus, InstanceStore
from jackin_sdk.keepawake import keep_awake_pid_file, start_keep_awake
from jackin_sdk.launch._background import Background
from jackin_sdk.launch._container import RoleContainer, role_container_spec
from jackin_sdk.launch._entry import git_pull_mounts
from jackin_sdk.launch._env import github_env, launch_env
from jackin_sdk.launch._events import LaunchError, LaunchProgress, Stage, StageEvent, StageStatus
from jackin_sdk.launch._extrausers import write_extrausers
from jackin_sdk.launch._identity import git_identity
from jackin_sdk.launch._image import role_image_request
from jackin_sdk.launch._last_agent import remember_agent, workspace_key
from jackin_sdk.launch._launch_config import prepare_run_dir, write_launch_config
from jackin_sdk.launch._plan import LaunchPlan, plan_launch
from jackin_sdk.launch._role import ResolvedRole, resolve_role
from jackin_sdk.launch._secrets import split_secret_env, write_secret_env
from jackin_sdk.launch._target import LaunchTarget
from jackin_sdk.resources import InstanceResources
from jackin_sdk.vocab import check_provider

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig
    from jackin_sdk.limits import ResourceLimits
    from jackin_sdk.roles import Confirm, RoleCache

__all__ = ["LaunchContext", "LaunchOptions", "LaunchResult", "launch"]

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class LaunchOptions:
    """The operator's choices for one launch."""

    agent: Agent | None = None
    rebuild: bool = False
    role_branch: str | None = None
    detach: bool = False
    force: bool = False
    """Acknowledge dirty host trees of isolated mounts."""
    git_pull: bool | None = None
    """Override the workspace's `git_pull_on_entry`."""
    keep_awake: bool | None = None
    """Override the workspace's `[keep_awake] enabled`."""
    provider: str | None = None
    """An alternative provider (`zai`, `minimax`, `kimi`) for the instance's Claude sessions."""
    confirm: Confirm | None = None
    """Asks the operator (trust, branch); None fails closed."""


@dataclass
class LaunchContext:
    """What a launch works with: the engine, the operator's config and the host."""

    docker: DockerApi
    config: OperatorConfig
    host_env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    progress: LaunchProgress | None = None
    image_progress: ImageProgress | None = None
    role_cache: RoleCache | None = None
    host_home: Path = field(default_factory=Path.home)
    """Where `sync` reads the operator's credentials from."""
    host_uid: int = field(default_factory=os.geteuid)
    host_gid: int = field(default_factory=os.getegid)


@dataclass(frozen=True, slots=True)
class LaunchResult:
    """The running instance: its container, how it came to be, and the agent it runs."""

    container: str
    instance_id: str
    agent: Agent
    image: str
    outcome: str
    """`created`, `started` (a stopped instance restarted) or `recreated`."""
    state_dir: Path
    notes: tuple[str, ...] = ()
    claim: ClaimedInstance | None = field(default=None, compare=False, repr=False)
    """The instance's name lock, held until the session ends (released for `--detach`)."""
    plan: LaunchPlan | None = field(default=None, compare=False, repr=False)
    """The resolved plan this launch acted on (with its container); None for a restart."""

    def release(self) -> None:
        """Release the instance's name lock."""
        if self.claim is not None:
            self.claim.release()


class _Run:
    """One launch in flight: emits events, remembers what it created, cleans up on failure."""

    def __init__(self, ctx: LaunchContext) -> None:
        self.ctx = ctx
        self.docker = ctx.docker
        self.store = InstanceStore(ctx.config.paths)
        self.created: list[tuple[str, str]] = []
        self.claim: ClaimedInstance | None = None
        self.notes: list[str] = []

    def emit(self, stage: Stage, status: StageStatus, message: str = "") -> None:
        if self.ctx.progress is not None:
            self.ctx.progress(StageEvent(stage, status, message))

    def stage(self, stage: Stage, action: Callable[[], _T], done: str = "") -> _T:
        self.emit(stage, StageStatus.STARTED)
        try:
            result = action()
        except LaunchError:
            raise
        except JackinError as exc:
            self.emit(stage, StageStatus.FAILED, str(exc))
            raise LaunchError(stage, exc, container=self.container) from exc
        self.emit(stage, StageStatus.DONE, done if isinstance(done, str) else "")
        return result

    @property
    def container(self) -> str | None:
        return self.claim.container if self.claim is not None else None

    def note(self, stage: Stage, message: str) -> None:
        self.notes.append(message)
        self.emit(stage, StageStatus.INFO, message)

    def cleanup(self) -> None:
        """Remove what this launch created, newest first; never objects it found."""
        for kind, name in reversed(self.created):
            try:
                if kind == "container":
                    self.docker.remove_container(name, force=True)
                elif kind == "network":
                    self.docker.remove_network(name)
            except JackinError as exc:
                self.notes.append(f"cleanup: could not remove {kind} {name}: {exc}")


def _ensure_network(run: _Run, resources: InstanceResources) -> None:
    from jackin_sdk.resources import managed_labels  # noqa: PLC0415

    if run.docker.network_exists(resources.network):
        return
    labels = managed_labels(resources.container, home=run.store.home())
    run.docker.create_network(resources.network, labels=labels)
    run.created.append(("network", resources.network))


def launch(target: LaunchTarget, options: LaunchOptions, ctx: LaunchContext) -> LaunchResult:
    """Start an instance of `target`'s role; see the module docstring for the guarantees.

    On success a saved workspace remembers the role as its `last_role`, and the agent is
    remembered for this workspace and role (`_last_agent`). A mount path the container
    cannot get is refused first (E018), before Docker is asked anything.
    """
    from jackin_sdk.mounts import validate_mount_specs  # noqa: PLC0415

    validate_mount_specs(target.mounts)
    result = _launch(target, options, ctx)
    remember_agent(ctx.config.paths, workspace_key(target), target.role.key, result.agent)
    if target.workspace_name is not None:
        from jackin_sdk.config import ConfigEditor, set_last_role  # noqa: PLC0415

        with ConfigEditor(ctx.config.paths) as editor:
            set_last_role(editor, target.workspace_name, target.role.key)
            editor.commit()
    return result


def _launch(target: LaunchTarget, options: LaunchOptions, ctx: LaunchContext) -> LaunchResult:
    run = _Run(ctx)
    config = ctx.config
    identity = run.stage(Stage.IDENTITY, lambda: git_identity(ctx.host_env))
    _collect_orphans(run)

    def role_and_agent() -> tuple[ResolvedRole, LaunchPlan]:
        resolved = resolve_role(
            config,
            target.role,
            branch=options.role_branch,
            confirm=options.confirm,
            force_refresh=options.rebuild,
            cache=ctx.role_cache,
        )
        # The one resolved plan: `--dry-run` prints what `plan_launch` returns, and
        # every later stage acts on it (agent, DinD, auth modes, image, mounts).
        plan = plan_launch(target, options, config, role=resolved, host_env=ctx.host_env)
        if plan.agent is None:  # pragma: no cover - plan_launch settles it with a role
            raise JackinError(f"no agent chosen for role {target.role.key}")
        if plan.agent_source == "last":
            run.note(Stage.ROLE, f"agent {plan.agent.value}: the last one launched here")
        return resolved, plan

    role, plan = run.stage(Stage.ROLE, role_and_agent, done=target.role.key)
    agent = plan.agent
    assert agent is not None
    run.note(Stage.ROLE, f"identity: {role.display_name} ({agent.value})")
    restored = None
    if not options.rebuild and options.role_branch is None:
        restored = _restore(run, target, role, agent)
        if restored is not None and restored.outcome == "started":
            return restored
    try:
        return _fresh(run, _Choice(target, options, role, agent, identity, restored, plan))
    except BaseException:
        run.cleanup()
        if run.claim is not None:
            with contextlib.suppress(JackinError):
                run.store.set_status(run.claim.container, InstanceStatus.FAILED_SETUP)
            run.claim.release()
        raise


def _collect_orphans(run: _Run) -> None:
    report = collect_orphans(run.docker, owners=run.store.ownership(), claimed=run.store.is_claimed)
    if report.removed:
        run.note(
            Stage.IDENTITY, f"removed leftovers of gone instances: {', '.join(report.removed)}"
        )


def _restore(
    run: _Run, target: LaunchTarget, role: ResolvedRole, agent: Agent
) -> LaunchResult | None:
    """A dead instance of the same workspace, role and agent: restart it, or mark recreate."""
    from jackin_sdk.docker import Created, NotFound, Stopped  # noqa: PLC0415

    candidates = run.store.query(
        workspace_name=target.workspace_name,
        workspace_label=target.workspace_label,
        workdir=target.workdir,
        role_key=role.selector.key,
        agent=agent.value,
    )
    for manifest in candidates:
        if not InstanceStatus(manifest.status).is_restore_candidate:
            continue
        if run.store.is_claimed(manifest.container_base):
            continue  # another launch is creating or restoring it right now
        state = run.docker.inspect_container_state(manifest.container_base)
        if isinstance(state, Stopped | Created):
            if not _ours(run, manifest.container_base):
                continue  # a copied home's record of another home's container
            return _restart(run, manifest, agent)
        if isinstance(state, NotFound):
            return LaunchResult(
                manifest.container_base, manifest.instance_id, agent, manifest.image_tag or "",
                "recreate", run.store.state_dir(manifest.container_base),
            )  # fmt: skip
    return None


def _ours(run: _Run, container: str) -> bool:
    try:
        labels = run.docker.inspect_container(container).labels
    except DockerNotFound:
        return False
    return run.store.ownership().owns(container, labels)


def _restart(run: _Run, manifest: InstanceManifest, agent: Agent) -> LaunchResult:
    c = manifest.container_base
    resources = InstanceResources(c)

    def start() -> None:
        if manifest.docker.dind_container:
            try:
                run.docker.start_container(manifest.docker.dind_container)
            except DockerNotFound as exc:
                raise JackinError(
                    f"the DinD sidecar of {c} is gone; eject the instance (`jackin eject {c}`) "
                    "and load again, or restore it with `jackin hardline`"
                ) from exc
        run.docker.start_container(c)
        run.store.set_status(c, InstanceStatus.RUNNING)

    del resources
    run.stage(Stage.CAPSULE, start, done=f"restarted {c}")
    return LaunchResult(
        c, manifest.instance_id, agent, manifest.image_tag or "", "started",
        run.store.state_dir(c), tuple(run.notes),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Choice:
    """What the early stages decided: the target, options, role, agent and identity."""

    target: LaunchTarget
    options: LaunchOptions
    role: ResolvedRole
    agent: Agent
    identity: Mapping[str, str]
    restored: LaunchResult | None
    plan: LaunchPlan


def _claim(run: _Run, choice: _Choice) -> ClaimedInstance:
    if choice.restored is not None:
        run.claim = run.store.claim_existing(run.docker, choice.restored.container)
    else:
        run.claim = run.store.claim_new(
            run.docker,
            role_name=choice.role.selector.name,
            workspace=choice.target.workspace_name,
        )
    return run.claim


@dataclass(frozen=True, slots=True)
class _Credentials:
    plain_env: dict[str, str]
    secrets_file: Path
    binds: tuple[Bind, ...]
    auth_modes: dict[str, str]


def _credentials(run: _Run, choice: _Choice, state_dir: Path) -> _Credentials:
    """Operator env, every supported agent's hand-off for its mode, and the GitHub CLI."""
    from jackin_sdk.auth import CREDENTIAL_ENV_KEYS, resolve_github_auth  # noqa: PLC0415
    from jackin_sdk.credentials import (  # noqa: PLC0415
        prepare_agent_credentials,
        prepare_github_credentials,
    )
    from jackin_sdk.env import presence  # noqa: PLC0415

    ctx, target, role = run.ctx, choice.target, choice.role
    ws_name = target.workspace_name
    env = launch_env(
        ctx.config, role.selector, role.manifest, workspace_name=ws_name,
        workspace=target.workspace, host_env=ctx.host_env,
    )  # fmt: skip
    for note in env.notes:
        run.note(Stage.CREDENTIALS, note)
    # A credential key reaches the container only for the agent whose mode asks for it:
    # an ANTHROPIC_API_KEY in the env must not override a synced Claude login.
    credential_keys = set(CREDENTIAL_ENV_KEYS.values())
    values = {k: v for k, v in env.values.items() if k not in credential_keys}
    secret: dict[str, str] = {}
    binds: list[Bind] = []
    modes: dict[str, str] = {}
    for auth in choice.plan.auth:
        key = auth.env_key
        creds = prepare_agent_credentials(
            state_dir, auth, env_values=env.values,
            presence=presence(env.layers, key) if key else (), host_home=ctx.host_home,
        )  # fmt: skip
        binds += creds.binds
        secret.update(creds.secret_env)
        modes[auth.agent.value] = auth.mode.value
        for note in creds.notes:
            run.note(Stage.CREDENTIALS, note)
    gh_values, gh_layers = github_env(
        ctx.config, role.selector, workspace_name=ws_name, workspace=target.workspace,
        host_env=ctx.host_env,
    )  # fmt: skip
    github = prepare_github_credentials(
        state_dir,
        resolve_github_auth(ctx.config.app, target.workspace, role.selector.key,
                            workspace_name=ws_name or "workspace"),
        github_env=gh_values, presence=presence(gh_layers, "GH_TOKEN"), host_home=ctx.host_home,
    )  # fmt: skip
    binds += github.binds
    secret.update(github.secret_env)
    for note in github.notes:
        run.note(Stage.CREDENTIALS, note)
    # Operator values all travel privately; only the role's published defaults may be plain.
    plain, operator_secret = split_secret_env(
        values, public_keys=env.public_keys, secret_keys=env.secret_keys
    )
    secret = {**operator_secret, **github.plain_env, **secret}
    secrets_file = write_secret_env(state_dir / "secrets" / "agent.env", secret)
    return _Credentials(plain, secrets_file, tuple(binds), modes)


def _sidecar(
    run: _Run, resources: InstanceResources, state_dir: Path, dind: DindSettings,
    limits: ResourceLimits,
) -> SidecarEndpoint | None:  # fmt: skip
    from jackin_sdk.docker import NotFound  # noqa: PLC0415

    if not dind.enabled:
        run.emit(Stage.SIDECAR, StageStatus.SKIPPED, f"DinD is off: {dind.disabled_by}")
        run.stage(Stage.NETWORK, lambda: _ensure_network(run, resources))
        return None
    material = ensure_tls_material(state_dir, resources.sidecar)
    cache = run.ctx.config.paths.cache_dir / PRIVILEGE_CACHE_FILE
    home = run.store.home()
    privileges = sidecar_privileges(run.docker, dind.privilege, dind.image, cache, home=home)
    run.stage(Stage.NETWORK, lambda: _ensure_network(run, resources))
    if isinstance(run.docker.inspect_container_state(resources.sidecar), NotFound):
        # Recorded before it exists: a sidecar that fails to start is still removed.
        run.created.append(("container", resources.sidecar))
    return run.stage(
        Stage.SIDECAR,
        lambda: start_sidecar(
            run.docker,
            resources,
            image=dind.image,
            privileges=privileges,
            material=material,
            limits=limits,
            home=home,
        ),
        done=resources.sidecar,
    )


def _image(run: _Run, choice: _Choice, state_dir: Path) -> RoleImage:
    request = role_image_request(
        run.ctx.config, choice.role, choice.plan.agent_installs,
        branch=choice.options.role_branch, rebuild=choice.options.rebuild,
        host_env=run.ctx.host_env, host_uid=run.ctx.host_uid,
    )  # fmt: skip
    log = state_dir / ".jackin" / "build.log"
    return ensure_role_image(run.docker, request, log_path=log, progress=run.ctx.image_progress)


def _start_container(run: _Run, spec: ContainerSpec) -> None:
    c = spec.name or ""
    try:
        run.docker.create_container(spec)
    except DockerConflict as exc:
        raise JackinError(f"{c} already exists; use `jackin hardline {c}`") from exc
    run.created.append(("container", c))
    run.docker.start_container(c)


def _fresh(run: _Run, choice: _Choice) -> LaunchResult:
    ctx, target, role, options = run.ctx, choice.target, choice.role, choice.options
    claim = _claim(run, choice)
    c = claim.container
    resources = InstanceResources(c)
    state_dir = run.store.prepare_state_dir(c)
    plan = choice.plan.with_container(c)
    dind = plan.dind_settings
    manifest = _manifest(run, choice, c, dind.enabled)
    run.store.write_manifest(manifest)
    # The network (and sidecar) need only the name: the engine makes them while the
    # credentials, the image and the workspace are settled here.
    with Background(
        lambda: _sidecar(run, resources, state_dir, dind, plan.limits), name="jackin-sidecar"
    ) as side:
        creds = run.stage(Stage.CREDENTIALS, lambda: _credentials(run, choice, state_dir))
        if options.provider is not None:
            creds.plain_env[PROVIDER_ENV] = check_provider(options.provider)
        built = run.stage(Stage.IMAGE, lambda: _image(run, choice, state_dir))
        run.store.write_manifest(manifest.with_image(built.image, built.base_image))
        binds = run.stage(Stage.WORKSPACE, lambda: _materialize(run, choice, c))
        run_dir = prepare_run_dir(ctx.config.paths.sockets_dir / c)
        agents = [runtime_for(a) for a in role.manifest.effective_agents]
        write_launch_config(
            run_dir, role_key=role.selector.key, workdir=target.workdir, agents=agents,
            manifest=role.manifest,
            mounts=[m.dst for m in target.mounts], auth_modes=creds.auth_modes,
        )  # fmt: skip
        endpoint = side.result()
    spec = role_container_spec(
        RoleContainer(
            resources=resources, instance_id=claim.instance_id, image=built.image,
            role_key=role.selector.key, display_name=role.display_name, workdir=target.workdir,
            state_dir=state_dir, run_dir=run_dir, agents=agents, workspace_binds=binds,
            host_uid=ctx.host_uid, host_gid=ctx.host_gid, home=run.store.home(),
            plain_env=creds.plain_env,
            dind_env=endpoint.env if endpoint else {},
            dind_binds=endpoint.binds if endpoint else (),
            secrets_file=creds.secrets_file, git_identity=choice.identity,
            credential_binds=creds.binds,
            first_agent=choice.agent.value, spawn_now=options.detach,
            extrausers=write_extrausers(
                ctx.config.paths.home_dir / "extrausers", ctx.host_uid, ctx.host_gid
            ),
            limits=plan.limits,
        ),
        host_env=ctx.host_env,
    )  # fmt: skip
    run.stage(Stage.CAPSULE, lambda: _start_container(run, spec), done=c)
    run.store.set_status(c, InstanceStatus.RUNNING if options.detach else InstanceStatus.ACTIVE)
    if options.detach:
        claim.release()
    return LaunchResult(
        c, claim.instance_id, choice.agent, built.image,
        "recreated" if choice.restored is not None else "created", state_dir, tuple(run.notes),
        claim=None if options.detach else claim, plan=plan,
    )  # fmt: skip


def _materialize(run: _Run, choice: _Choice, c: str) -> list[Bind]:
    from jackin_sdk.isolation import materialize  # noqa: PLC0415 - off other commands

    workspace = choice.target.workspace
    pull = choice.options.git_pull
    if pull is None:
        pull = workspace.git_pull_on_entry if workspace is not None else False
    if pull and choice.restored is None:
        for warning in git_pull_mounts(choice.target.mounts):
            run.note(Stage.WORKSPACE, warning)
    awake = choice.options.keep_awake
    if awake is None:
        awake = bool(workspace and workspace.keep_awake and workspace.keep_awake.enabled)
    if awake:
        run.note(Stage.WORKSPACE, start_keep_awake(keep_awake_pid_file(run.store.state_dir(c))))
    result = materialize(
        choice.target.mounts, container=c, state_dir=run.store.state_dir(c),
        workspace=choice.target.workspace_label, selector_key=choice.role.selector.key,
        force=choice.options.force,
    )  # fmt: skip
    for warning in result.warnings:
        run.note(Stage.WORKSPACE, warning)
    return list(result.binds)


def _manifest(run: _Run, choice: _Choice, c: str, dind: bool) -> InstanceManifest:
    target, role = choice.target, choice.role
    if choice.restored is not None:
        existing = run.store.read_manifest(c)
        if existing is not None:
            return existing.with_status(InstanceStatus.ACTIVE)
    return InstanceManifest.new(
        c,
        workspace_name=target.workspace_name,
        workspace_label=target.workspace_label,
        workdir=target.workdir,
        role_key=role.selector.key,
        display_name=role.display_name,
        agent_runtime=choice.agent.value,
        role_source_git=role.source.git,
        role_source_ref=role.checkout.branch,
        role_git_sha=role.checkout.commit,
        supported_agents=tuple(a.value for a in role.manifest.effective_agents),
        dind_enabled=dind,
        mounts=tuple(
            {"src": m.src, "dst": m.dst, "readonly": m.readonly, "isolation": m.isolation.value}
            for m in target.mounts
        ),
    )
