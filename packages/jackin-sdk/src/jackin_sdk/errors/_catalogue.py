"""The catalogue of user-fixable error codes (upstream-cli.md §4, plus E017 of our own).

Each code has a stable headline and a "what to try" hint. Hints that point at commands
the reference does not have (`config trust add`, `prune isolation`) are corrected here.
"""

from __future__ import annotations

from enum import Enum

__all__ = ["ErrorCode"]


class ErrorCode(Enum):
    """A stable error code with its headline and what the operator can try."""

    E001 = (
        "Docker daemon not reachable",
        "Start Docker Desktop, OrbStack, or `colima start`; check `DOCKER_HOST`",
    )
    E002 = ("Docker version too old", "Upgrade Docker to a supported version")
    E003 = (
        "Out of disk space for image build",
        "Free space with `jackin prune` or `docker system prune`",
    )
    E004 = (
        "Role manifest (jackin.role.toml) is invalid",
        "Fix the reported errors, then run `jackin role validate <path>`",
    )
    E005 = (
        "Role manifest version is not supported by this jackin binary",
        "Upgrade jackin, or pin the role to a version this jackin supports",
    )
    E006 = (
        "Role source is not in the trusted list",
        "Trust it with `jackin config trust grant <role>`, or check the role URL",
    )
    E007 = (
        "Workspace not found",
        "List workspaces with `jackin workspace list`, or create one with "
        "`jackin workspace create`",
    )
    E008 = ("Workspace config version is not supported", "Upgrade jackin")
    E009 = (
        "Container name already in use",
        "Run `jackin prune` or `docker rm <name>`",
    )
    E010 = (
        "Docker-in-Docker sidecar failed its health check",
        "Rerun with `--debug` and share the invocation id; or `jackin purge` the instance "
        "and load it again",
    )
    E011 = (
        "Port conflict on DinD TLS port",
        "Stop the other process or free the port; run `jackin prune` if the holder is stale",
    )
    E012 = ("GitHub CLI authentication failed", "Run `gh auth login`, then rerun")
    E013 = (
        "1Password CLI is not signed in",
        "Run `op signin`, or replace the `op://` references with other values",
    )
    E014 = (
        "Failed to install jackin-capsule",
        "Rerun with `--debug` to see the build output",
    )
    E015 = (
        "Worktree materialization conflict",
        "Clean the stale isolation state with `jackin prune instances` or `jackin eject --purge`",
    )
    E016 = (
        "Unsupported OTLP protocol",
        "Set `OTEL_EXPORTER_OTLP_PROTOCOL=grpc` and a gRPC endpoint "
        "(e.g. `http://localhost:4317`), or unset the endpoint variables",
    )
    E017 = (
        "Text jackin prints contains control characters",
        "Remove the escape sequences, control characters or bidi overrides from the named "
        "field; names and labels must be plain text",
    )
    E018 = (
        "Mount path cannot be bound into the container",
        "Fix the named source or destination: paths are absolute, without `.`/`..` "
        "components, and without `:` or NUL, which Docker's bind syntax cannot carry",
    )
    E019 = (
        "Agent could not be fetched from its package registry",
        "Check the named package and version and this host's npm configuration and proxy, "
        'or set `source = "installer"` for that agent in [install.<agent>]',
    )

    E020 = (
        "Sensitive host path mounted without confirmation",
        "Mount a narrower folder (the project, not its parent or your home), answer the "
        "prompt in a terminal, or pass `--yes` to accept it non-interactively",
    )
    E021 = (
        "Docker object belongs to another jackin home",
        "Run the command from the home that made it (set JACKIN_HOME_DIR), or pass "
        "`--foreign` to act on another home's objects deliberately",
    )
    E022 = (
        "jackin home identity file is unreadable",
        "Delete the named file: a new identity is made on the next command. Objects labelled "
        "with the old one then count as another home's (`--foreign` removes them)",
    )
    E023 = (
        "Resource limit setting is invalid",
        "Fix the named [docker] key: `pids_limit` is 0 (no limit) or at least 32, `memory` a "
        'size such as "8g" or "0", `cpus` a number such as 2.5 or 0',
    )

    @property
    def headline(self) -> str:
        """The one-line summary shown after `error: [Exxx]`."""
        return self.value[0]

    @property
    def hint(self) -> str:
        """What the operator can try."""
        return self.value[1]
