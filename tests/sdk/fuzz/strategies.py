"""Hypothesis strategies for files an operator or a role author writes: raw bytes, and
TOML-ish text built from the keys and values jackin's parsers really look at."""

from __future__ import annotations

import tomlkit
from hypothesis import strategies as st

#: Keys of config.toml, workspace files and jackin.role.toml (and a few near misses).
KEYS = [
    "version", "env", "roles", "git", "trusted", "claude", "codex", "amp", "kimi",
    "opencode", "grok", "auth_forward", "sync_source_dir", "github", "docker", "dind",
    "dind_image", "dind_privilege", "mounts", "src", "dst", "readonly", "isolation",
    "workspaces", "workdir", "default_agent", "default_role", "allowed_roles", "keep_awake",
    "enabled", "op", "path", "account", "on_demand", "value", "op_account", "dockerfile",
    "agents", "identity", "name", "hooks", "setup_once", "preflight", "plugins",
    "marketplaces", "sparse", "providers", "model", "published_image", "interactive",
    "default", "options", "depends_on", "telemetry", "runtime", "profile", "grants",
    "git_pull_on_entry", "role_repo_refresh_ttl_seconds", "dirty_exit_policy", "A", "x.y",
    "pids_limit", "memory", "cpus",
]  # fmt: skip
VERSIONS = ["legacy", "v1", "v2alpha1", "v0", "v1alpha0", "v1alpha99", "banana"] + [
    f"v1alpha{n}" for n in range(1, 12)
]
WORDS = [
    "sync", "api_key", "oauth_token", "ignore", "token", "telepathy", "shared", "worktree",
    "clone", "none", "privileged", "capabilities", "claude", "codex", "op://v/i/f", "$HOME",
    "${HOME}", "keyring:svc/user", "private-file:/etc/passwd", "/", "~/x", "a:b", "a:b:ro",
    ":ro", "", " ", "\u202e", "\x1b[2K", "Dockerfile", "../x", "file:///tmp",
    "8g", "1.5G", "0", "64m", "1e9", "9999999999999t",
]  # fmt: skip

_keys = st.sampled_from(KEYS) | st.text(min_size=1, max_size=6)
_scalars = (
    st.sampled_from(WORDS)
    | st.sampled_from(VERSIONS)
    | st.text(max_size=12)
    | st.integers(-(2**64), 2**64)
    | st.booleans()
    | st.floats(allow_nan=True)
)


def _nest(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.lists(children, max_size=3) | st.dictionaries(_keys, children, max_size=4)


toml_values = st.recursive(_scalars, _nest, max_leaves=12)


def _dump(data: dict[str, object]) -> str:
    try:
        return tomlkit.dumps(data)
    except (ValueError, TypeError):  # mixed arrays tomlkit will not write, huge ints
        return ""


#: Valid TOML documents whose keys and values are the ones jackin's files use.
toml_documents = st.builds(
    lambda version, data: (f'version = "{version}"\n' if version else "") + _dump(data),
    st.none() | st.sampled_from(VERSIONS),
    st.dictionaries(_keys, toml_values, max_size=6),
)

#: Pieces of TOML syntax (and of things that break it).
SYNTAX = [
    "[", "]", "[[", "]]", "=", " = ", '"', "'", '"""', "'''", "{", "}", ",", ".", "#",
    "\n", "\r\n", "\\", "\\u", "\\U0001F600", "1979-05-27", "T07:32:00Z", "0x", "inf",
    "nan", "true", "\t", "\x00", "\x7f", "\ufeff",
]  # fmt: skip
_line_parts = st.sampled_from(SYNTAX) | st.sampled_from(KEYS) | st.sampled_from(WORDS)

#: Text that looks like TOML: table headers, keys and values, cut and shuffled.
tomlish_text = st.lists(_line_parts, max_size=40).map("".join)


def _mangle(text: str, edits: list[tuple[int, str]]) -> str:
    for position, fragment in edits:
        cut = position % (len(text) + 1)
        text = text[:cut] + fragment + text[cut:]
    return text


#: Valid documents with a few fragments spliced in at random places.
mangled_documents = st.builds(
    _mangle, toml_documents, st.lists(st.tuples(st.integers(0, 4000), _line_parts), max_size=3)
)

#: Everything above as UTF-8, plus raw bytes (invalid UTF-8 included).
file_bytes = (
    st.binary(max_size=300)
    | tomlish_text.map(lambda t: t.encode("utf-8", "surrogatepass"))
    | toml_documents.map(str.encode)
    | mangled_documents.map(lambda t: t.encode("utf-8", "surrogatepass"))
)
