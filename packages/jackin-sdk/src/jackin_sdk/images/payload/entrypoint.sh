#!/bin/bash
# jackin per-session entrypoint (spec runtime §4.3): prepare the agent home
# (`jackin-capsule runtime-setup`), run the role's hooks, then exec the agent command
# given as arguments. A failing step stops the session with its name and exit code.
set -euo pipefail

runtime=/jackin/runtime
hooks=$runtime/hooks
state=/jackin/state/hooks
secrets=/jackin/secrets/agent.env

# The instance's global git config lives in the durable state dir, so it survives the
# container being recreated; runtime-setup writes it once.
export GIT_CONFIG_GLOBAL="${GIT_CONFIG_GLOBAL:-/jackin/state/gitconfig}"

# Credentials come from a read-only 0600 file, not the container's environment, so they
# reach this session's processes without showing in `docker inspect`.
if [ -r "$secrets" ]; then
    # shellcheck source=/dev/null
    . "$secrets"
fi

# Seed the durable agent homes, apply the agent's credential policy, make each agent
# ready for a prompt (onboarding, folder trust, the forwarded api key), write the git
# config. An agent session stops when it fails; a shell session goes on (it is how
# one looks at a broken container).
status=0
"$runtime/jackin-capsule" runtime-setup || status=$?
if [ "$status" -ne 0 ]; then
    if [ -n "${JACKIN_AGENT:-}" ]; then
        echo "[entrypoint] runtime-setup failed (exit $status)" >&2
        exit "$status"
    fi
    echo "[entrypoint] runtime-setup failed (exit $status); starting the shell anyway" >&2
fi

# Kimi reads KIMI_API_KEY or KIMI_CODE_API_KEY depending on the version: set both.
if [ -n "${KIMI_API_KEY:-}" ] && [ -z "${KIMI_CODE_API_KEY:-}" ]; then
    export KIMI_CODE_API_KEY="$KIMI_API_KEY"
elif [ -n "${KIMI_CODE_API_KEY:-}" ] && [ -z "${KIMI_API_KEY:-}" ]; then
    export KIMI_API_KEY="$KIMI_CODE_API_KEY"
fi
# Grok reads GROK_DEPLOYMENT_KEY; jackin forwards XAI_API_KEY.
if [ -n "${XAI_API_KEY:-}" ] && [ -z "${GROK_DEPLOYMENT_KEY:-}" ]; then
    export GROK_DEPLOYMENT_KEY="$XAI_API_KEY"
fi

# An alternative provider for Claude Code (spec config §7.5), chosen per session with
# JACKIN_PROVIDER; its key comes from the secrets file like every other credential.
provider_key=""
case "${JACKIN_PROVIDER:-}" in
    "") ;;
    zai)
        provider_key=ZAI_API_KEY base=https://api.z.ai/api/anthropic
        opus=glm-5.1 sonnet=glm-5-turbo haiku=glm-4.5-air ;;
    minimax)
        provider_key=MINIMAX_API_KEY base=https://api.minimax.io/anthropic
        opus=MiniMax-M3 sonnet=MiniMax-M3 haiku=MiniMax-M3 ;;
    kimi)
        provider_key=KIMI_CODE_API_KEY base=https://api.kimi.com/coding
        opus=kimi-for-coding sonnet=kimi-for-coding haiku=kimi-for-coding ;;
    *)
        echo "[entrypoint] unknown provider '$JACKIN_PROVIDER' (zai, minimax or kimi)" >&2
        exit 2 ;;
esac
if [ -n "$provider_key" ]; then
    key_value=$(printenv "$provider_key" || true)
    if [ -z "$key_value" ]; then
        echo "[entrypoint] provider $JACKIN_PROVIDER needs $provider_key in the operator env" \
             "(jackin config env set $provider_key …)" >&2
        exit 2
    fi
    export ANTHROPIC_AUTH_TOKEN="$key_value" ANTHROPIC_BASE_URL="$base"
    export ANTHROPIC_DEFAULT_OPUS_MODEL="$opus" ANTHROPIC_DEFAULT_SONNET_MODEL="$sonnet"
    export ANTHROPIC_DEFAULT_HAIKU_MODEL="$haiku" API_TIMEOUT_MS=3000000
    export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1
    unset key_value
fi

# Codex ignores the OPENAI_BASE_URL env var; an operator who sets it means its endpoint.
if [ "${JACKIN_AGENT:-}" = codex ] && [ -n "${OPENAI_BASE_URL:-}" ] && [ "$#" -gt 0 ]; then
    set -- "$@" -c "openai_base_url=\"$OPENAI_BASE_URL\""
fi

fail() {
    echo "[entrypoint] $1 hook failed (exit $2)" >&2
    exit "$2"
}

if [ -x "$hooks/setup-once.sh" ] && [ ! -e "$state/setup-once.done" ]; then
    status=0
    "$hooks/setup-once.sh" || status=$?
    [ "$status" -eq 0 ] || fail setup_once "$status"
    mkdir -p "$state" && : > "$state/setup-once.done"
fi

if [ -f "$hooks/source.sh" ]; then
    here=$PWD
    status=0
    set +eu
    # shellcheck source=/dev/null
    . "$hooks/source.sh" || status=$?
    set -eu
    trap - ERR
    cd "$here"
    [ "$status" -eq 0 ] || fail source "$status"
fi

if [ -x "$hooks/preflight.sh" ]; then
    status=0
    (cd "$HOME" && "$hooks/preflight.sh") || status=$?
    [ "$status" -eq 0 ] || fail preflight "$status"
fi

if [ "$#" -eq 0 ]; then
    exec /bin/zsh -l
fi
exec "$@"
