#!/usr/bin/env bash
# Install (if missing) and start a Docker engine, then wait until it answers.
# Idempotent: a running engine is left alone.
set -euo pipefail

if docker info >/dev/null 2>&1; then
  echo "docker engine already running"
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io >/dev/null
fi

# A previous engine killed without a chance to clean up leaves pid files behind.
for pidfile in /var/run/docker.pid /var/run/docker/containerd/containerd.pid; do
  if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null; then
    rm -f "$pidfile"
  fi
done

log=${DOCKERD_LOG:-/tmp/jackin-dockerd.log}
# setsid: the engine must not share the caller's process group (a job kill would take it down).
setsid nohup dockerd >"$log" 2>&1 < /dev/null &

for _ in $(seq 1 120); do
  if docker info >/dev/null 2>&1; then
    echo "docker engine is up ($(docker version --format '{{.Server.Version}}'))"
    exit 0
  fi
  sleep 0.5
done
echo "docker engine did not come up within 60 s; last lines of $log:" >&2
tail -n 30 "$log" >&2 || true
exit 1
