"""The POSIX shell run inside a DinD sidecar: cgroup set-up before `dockerd`, the run probe.

Both are plain `sh` (dash on Debian, busybox ash on the Alpine-based `docker:dind`) and use
only `awk`, `sort`, `sed`, `tr`, `mount`, `umount`, `cp`, `tar` and `mktemp`.

`SETUP` is the sidecar's entrypoint (`sh -c SETUP jackin-dind dockerd …`). A container
that is not `--privileged` gets `/sys/fs/cgroup` read-only, so the nested engine cannot
make cgroups for its containers (`mkdir /sys/fs/cgroup/cpuset/docker: read-only file
system`). Before `dockerd` starts:

- cgroup v1 (no `/sys/fs/cgroup/cgroup.controllers`) with read-only cgroup mounts:
  unmount them and `/sys/fs/cgroup`, mount a tmpfs there and every hierarchy this
  process belongs to (`/proc/self/cgroup`: co-mounted controllers such as `cpu,cpuacct`
  together, named ones such as `name=systemd` with `none`) afresh and writable, as
  `cgroupfs-mount` does. The old mounts must go: `runc` reads the first cgroup mount of
  each controller from mountinfo, and a hidden stale one sends it to a wrong path.
  Hierarchies the host never mounted are not created (no new host hierarchies).
  Those fresh mounts show the host's whole hierarchy, so `dockerd` would make its
  containers' cgroups at the host's top (`/docker/<id>`), outside the sidecar's own and
  free of its pids and memory limits; `--cgroup-parent <own cgroup>/nested` keeps them
  under the sidecar's cgroup, where its limits bound them.
- cgroup v2, when this process is at the root of its own cgroup namespace: make the
  mount writable, move every process into a child `init` and enable all controllers in
  `cgroup.subtree_control`, as the `docker:dind` image's `dind` script does.

Then `exec` the image's own `dockerd-entrypoint.sh` when there is one (docker:dind: it
runs `dind` and `dockerd` as given, generating no certificates because `--tls*` flags are
passed), else `dockerd` directly.

`RUN_PROBE` runs a container inside the nested engine, as the agent would. Nothing can
be pulled, so its image is imported once from the sidecar's own static `docker-init`
(tini, which every engine install ships for `docker run --init`): about 0.7 MB.
"""

from __future__ import annotations

__all__ = ["PROBE_IMAGE", "RUN_PROBE", "RUN_PROBE_SKIPPED", "SETUP"]

PROBE_IMAGE = "jackin/ready-probe:1"
RUN_PROBE_SKIPPED = "jackin: no docker-init in the sidecar; run probe skipped"

SETUP = r"""
cg=/sys/fs/cgroup
say() { echo "jackin-dind: $*" >&2; }
if [ -f "$cg/cgroup.controllers" ]; then
  if [ "$(cat /proc/self/cgroup)" = "0::/" ]; then
    mount -o remount,rw "$cg" 2>/dev/null || :
    mkdir -p "$cg/init"
    while read -r pid; do
      echo "$pid" >"$cg/init/cgroup.procs" 2>/dev/null || :
    done <"$cg/cgroup.procs"
    sed -e 's/ / +/g' -e 's/^/+/' <"$cg/cgroup.controllers" >"$cg/cgroup.subtree_control" \
      || say "could not enable the cgroup v2 controllers"
  fi
elif grep -q "^[^ ]* $cg/[^ ]* cgroup ro[, ]" /proc/self/mounts; then
  own=$(awk -F: '$2 == "pids" { print $3 }' /proc/self/cgroup)
  for m in $(awk -v top="$cg/" 'index($2, top) == 1 { print $2 }' /proc/self/mounts | sort -r); do
    umount "$m" || say "could not unmount $m"
  done
  umount "$cg" || say "could not unmount $cg"
  mount -t tmpfs -o mode=755 cgroup "$cg" || say "could not mount a tmpfs on $cg"
  while IFS=: read -r id ctrls rest; do
    [ "$id" != 0 ] && [ -n "$ctrls" ] || continue
    dir=${ctrls#name=}
    case $ctrls in name=*) opts=none,$ctrls ;; *) opts=$ctrls ;; esac
    mkdir -p "$cg/$dir"
    if ! mount -t cgroup -o "$opts" cgroup "$cg/$dir"; then
      say "could not mount the cgroup hierarchy $ctrls"
      rmdir "$cg/$dir"
      continue
    fi
    case $dir in *,*)
      for one in $(echo "$dir" | tr , ' '); do ln -sfn "$dir" "$cg/$one"; done ;;
    esac
  done </proc/self/cgroup
  if [ -n "$own" ] && [ "$own" != / ]; then
    set -- "$@" --cgroup-parent "$own/nested"
  fi
fi
mount --make-rshared / 2>/dev/null || :
if command -v dockerd-entrypoint.sh >/dev/null 2>&1; then
  exec dockerd-entrypoint.sh "$@"
fi
exec "$@"
"""

RUN_PROBE = rf"""
export DOCKER_HOST=unix:///var/run/docker.sock
img={PROBE_IMAGE}
if ! docker image inspect "$img" >/dev/null 2>&1; then
  bin=$(command -v docker-init) || {{ echo "{RUN_PROBE_SKIPPED}"; exit 0; }}
  dir=$(mktemp -d) || exit 1
  cp "$bin" "$dir/probe" && tar -C "$dir" -c probe | docker import - "$img" >/dev/null
  status=$?
  rm -rf "$dir"
  [ "$status" = 0 ] || exit "$status"
fi
exec docker run --rm --network none --log-driver none "$img" /probe --version
"""
