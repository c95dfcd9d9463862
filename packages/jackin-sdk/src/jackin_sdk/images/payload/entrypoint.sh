#!/bin/bash
# jackin per-session entrypoint (spec runtime §4.3): run the role's hooks, then exec the
# agent command given as arguments. A failing hook stops the session with its name and
# exit code.
set -euo pipefail

hooks=/jackin/runtime/hooks
state=/jackin/state/hooks
secrets=/jackin/secrets/agent.env

# Credentials come from a read-only 0600 file, not the container's environment, so they
# reach this session's processes without showing in `docker inspect`.
if [ -r "$secrets" ]; then
    # shellcheck source=/dev/null
    . "$secrets"
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
