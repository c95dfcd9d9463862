"""The role stage: source, trust, checkout, validation, and which agent runs (§2.3)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from jackin_sdk.auth import Agent
from jackin_sdk.errors import CodedError, ErrorCode, JackinError, UsageError
from jackin_sdk.roles import (
    CachedRole,
    Confirm,
    RoleCache,
    RoleManifest,
    RoleSelector,
    RoleSource,
    format_report,
    require_branch_confirmation,
    require_trust,
    resolve_role_source,
    validate_role,
)

if TYPE_CHECKING:
    from jackin_sdk.config import OperatorConfig, WorkspaceConfig

__all__ = ["ResolvedRole", "choose_agent", "peek_role", "resolve_role"]


@dataclass(frozen=True, slots=True)
class ResolvedRole:
    """A trusted, checked-out and valid role."""

    selector: RoleSelector
    source: RoleSource
    checkout: CachedRole
    manifest: RoleManifest

    @property
    def display_name(self) -> str:
        """The role's `[identity] name`, else its key."""
        identity = self.manifest.identity
        return identity.name if identity is not None else self.selector.key


def resolve_role(
    config: OperatorConfig,
    selector: RoleSelector,
    *,
    branch: str | None,
    confirm: Confirm | None,
    force_refresh: bool,
    cache: RoleCache | None = None,
    git_url: str | None = None,
) -> ResolvedRole:
    """Trust-check, clone or refresh, and validate the role; errors name what to fix.

    `git_url` pins the source (restores use the URL recorded in the instance manifest).
    """
    source = resolve_role_source(config.app, selector)
    if git_url is not None and git_url != source.git:
        source = RoleSource(selector, git_url, True, source.configured, source.builtin)
    require_trust(config.paths, source, confirm)
    if branch is not None:
        require_branch_confirmation(source, branch, confirm)
    ttl = config.app.role_repo_refresh_ttl_seconds
    cache = cache or RoleCache(config.paths, refresh_ttl=60.0 if ttl is None else float(ttl))
    checkout = cache.ensure(selector, source.git, branch=branch, force_refresh=force_refresh)
    report = validate_role(checkout.path, offline=True)
    if not report.valid:
        raise CodedError(ErrorCode.E004, detail="\n" + format_report(report, "human"))
    from jackin_sdk.roles import load_manifest  # noqa: PLC0415

    manifest, _ = load_manifest(checkout.path, report)
    if manifest is None:  # pragma: no cover - validate_role already reported it
        raise CodedError(ErrorCode.E004, detail=f"cannot read the manifest of {selector.key}")
    return ResolvedRole(selector, source, checkout, manifest)


def peek_role(
    config: OperatorConfig, selector: RoleSelector, *, branch: str | None = None
) -> tuple[ResolvedRole | None, str]:
    """The role as its cached checkout has it, read without fetching, trusting or writing.

    For `--dry-run`: returns (role, note). The role is None, with a note saying why, when
    the role was never cloned here or its cached copy is not a valid role; the launch
    would clone or refresh it first. The cached copy is what a launch within the refresh
    window (`role_repo_refresh_ttl_seconds`) uses; an older one is fetched again first.
    """
    from jackin_sdk.process import run_git  # noqa: PLC0415
    from jackin_sdk.roles import load_manifest  # noqa: PLC0415

    source = resolve_role_source(config.app, selector)
    checkout_dir = RoleCache(config.paths).checkout_dir(selector, branch)
    if not (checkout_dir / ".git").exists():
        return None, f"role {selector.key} is not cached yet: load clones it, then reads it"
    head = run_git(["rev-parse", "HEAD"], cwd=checkout_dir, env={}, timeout=30, check=False)
    report = validate_role(checkout_dir, offline=True)
    manifest, _ = load_manifest(checkout_dir, report) if report.valid else (None, "")
    if not head.ok or manifest is None:
        return None, (
            f"the cached copy of role {selector.key} ({checkout_dir}) cannot be read; "
            "load refreshes it and reports what is wrong"
        )
    checkout = CachedRole(checkout_dir, head.stdout.strip(), refreshed=False, branch=branch)
    return ResolvedRole(selector, source, checkout, manifest), (
        f"role {selector.key} read from the cache at commit {checkout.commit[:7]}"
    )


def choose_agent(
    manifest: RoleManifest,
    selector: RoleSelector,
    *,
    requested: Agent | None,
    workspace: WorkspaceConfig | None,
    remembered: Agent | None = None,
    last: Agent | None = None,
) -> Agent:
    """`--agent` → `default_agent` → a restore candidate's → the only one → `last`.

    `last` (the agent last launched for this role here) settles a role with several
    agents when nothing else did; one the role no longer supports is ignored.
    """
    agent, _ = agent_choice(
        manifest, selector, requested=requested, workspace=workspace,
        remembered=remembered, last=last,
    )  # fmt: skip
    return agent


def agent_choice(
    manifest: RoleManifest,
    selector: RoleSelector,
    *,
    requested: Agent | None,
    workspace: WorkspaceConfig | None,
    remembered: Agent | None = None,
    last: Agent | None = None,
) -> tuple[Agent, str]:
    """`choose_agent`, and what chose it: `--agent`, `default_agent`, `the instance being
    restored`, `only` (the role's single agent) or `last`."""
    supported = manifest.effective_agents
    if not supported:
        raise JackinError(f"role {selector.key} declares no agents")
    default = workspace.default_agent if workspace is not None else None
    for choice, where in (
        (requested, "--agent"),
        (default, "default_agent"),
        (remembered, "the instance being restored"),
    ):
        if choice is None:
            continue
        if choice not in supported:
            names = ", ".join(a.value for a in supported)
            raise UsageError(
                f"agent {choice.value} ({where}) is not supported by role {selector.key}; "
                f"it supports: {names}"
            )
        return choice, where
    if len(supported) == 1:
        return supported[0], "only"
    if last is not None and last in supported:
        return last, "last"
    names = ", ".join(a.value for a in supported)
    raise UsageError(
        f"role {selector.key} supports several agents ({names}); choose one with "
        "`--agent NAME` or set the workspace's `default_agent`"
    )
