"""Claude OAuth tokens per workspace (or workspace × role), for `oauth_token` launches.

The token lives in the OS keyring, a private file or 1Password; the workspace env holds
only a reference to it under `CLAUDE_CODE_OAUTH_TOKEN`.
"""

from jackin_sdk.tokens._claude import (
    CLAUDE_TOKEN_ENV,
    ClearedToken,
    StoredToken,
    TokenSource,
    TokenStore,
    check_claude_token_target,
    claude_token_ignored,
    claude_token_source,
    clear_claude_token,
    set_claude_token,
    set_claude_token_reference,
    token_fingerprint,
)
from jackin_sdk.tokens._generate import generate_claude_token
from jackin_sdk.tokens._slots import keyring_available, secrets_dir

__all__ = [
    "CLAUDE_TOKEN_ENV",
    "ClearedToken",
    "StoredToken",
    "TokenSource",
    "TokenStore",
    "check_claude_token_target",
    "claude_token_ignored",
    "claude_token_source",
    "clear_claude_token",
    "generate_claude_token",
    "keyring_available",
    "secrets_dir",
    "set_claude_token",
    "set_claude_token_reference",
    "token_fingerprint",
]
