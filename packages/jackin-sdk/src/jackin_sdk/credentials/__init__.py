"""Credentials for an instance: agent hand-off slots per auth mode, and the GitHub CLI."""

from jackin_sdk.credentials._agent import (
    AgentCredentials,
    KeychainReader,
    prepare_agent_credentials,
)
from jackin_sdk.credentials._errors import CredentialMissing
from jackin_sdk.credentials._github import (
    GITHUB_ENV_KEYS,
    GithubCredentials,
    HostGhToken,
    host_gh_token,
    prepare_github_credentials,
)
from jackin_sdk.credentials._slots import HANDOFF_SLOTS, HandoffFile, HandoffSlot

__all__ = [
    "GITHUB_ENV_KEYS",
    "HANDOFF_SLOTS",
    "AgentCredentials",
    "CredentialMissing",
    "GithubCredentials",
    "HandoffFile",
    "HandoffSlot",
    "HostGhToken",
    "KeychainReader",
    "host_gh_token",
    "prepare_agent_credentials",
    "prepare_github_credentials",
]
