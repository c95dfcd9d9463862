"""The POSIX shell run inside a DinD sidecar: cgroup set-up before `dockerd`, the run probe.

Both are plain `sh` (dash on Debian, busybox ash on the Alpine-based `docker:dind`) and use
only `awk`, `sort`, `sed`, `tr`, `mount`, `umount`, `cp`, `tar`, `mktemp` and, when
there is one, util-linux's `unshare`.

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
  Those fresh mounts show the host's whole hierarchy: its top, where `release_agent`
  runs a program of the caller's choice as host root, other containers' cgroups (a
  process moved there leaves the sidecar's pids and memory limits), and the parents of
  the sidecar's own `devices` cgroup, which allow every device (a root process with
  CAP_SYS_ADMIN may allow itself whatever its parent allows, the host's disks included).
  So this shell then moves itself into a child `jackin-dind` of its own cgroup in every
  hierarchy and `exec`s `unshare --cgroup`, which makes that child the top of a cgroup
  namespace of its own, and mounts the hierarchies again from there: `dockerd` and
  every container it starts, however privileged, see that child as the top, and new
  hierarchies cannot be mounted outside the host's cgroup namespace. Nested containers'
  cgroups land under it (`<own>/jackin-dind/docker/<id>`), bounded by the sidecar's
  limits. Docker's own `--cgroupns private` is not enough on its own: the namespace's
  top is the sidecar's cgroup itself, whose parent allows every device, and in a
  hierarchy the engine does not place containers in (on a host that has not mounted
  it) it is the host's top. Without `unshare --cgroup` (busybox has none) the mounts stay
  as they are and `--cgroup-parent <own cgroup>/nested` keeps nested containers under
  the sidecar's limits; a line on stderr says so.
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

import shlex

__all__ = ["PROBE_IMAGE", "RUN_PROBE", "RUN_PROBE_SKIPPED", "SETUP"]

PROBE_IMAGE = "jackin/ready-probe:1"
RUN_PROBE_SKIPPED = "jackin: no docker-init in the sidecar; run probe skipped"

_FUNCTIONS = r"""
cg=/sys/fs/cgroup
say() { echo "jackin-dind: $*" >&2; }
mount_v1() {
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
}
start() {
  mount --make-rshared / 2>/dev/null || :
  if command -v dockerd-entrypoint.sh >/dev/null 2>&1; then
    exec dockerd-entrypoint.sh "$@"
  fi
  exec "$@"
}
"""

# Run by `unshare --cgroup` once this shell sits in `<own>/jackin-dind`: the mounts made
# from there show that cgroup as the top of every hierarchy.
_IN_OWN_NAMESPACE = (
    _FUNCTIONS
    + r"""
mount_v1
start "$@"
"""
)

SETUP = (
    _FUNCTIONS
    + r"""
confine() {
  cgroups=$(cat /proc/self/cgroup)
  while IFS=: read -r id ctrls path; do
    [ "$id" != 0 ] && [ -n "$ctrls" ] && [ -f "$cg/${ctrls#name=}/cgroup.procs" ] || continue
    top=$cg/${ctrls#name=}${path%/}
    mkdir -p "$top/jackin-dind" || return 1
    if [ -f "$top/cpuset.cpus" ]; then
      cat "$top/cpuset.cpus" >"$top/jackin-dind/cpuset.cpus" || return 1
      cat "$top/cpuset.mems" >"$top/jackin-dind/cpuset.mems" || return 1
    fi
    echo $$ >"$top/jackin-dind/cgroup.procs" || return 1
  done <<EOF
$cgroups
EOF
}
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
  mount_v1
  if unshare --cgroup true 2>/dev/null && confine; then
    exec unshare --cgroup sh -c """
    + shlex.quote(_IN_OWN_NAMESPACE)
    + r""" jackin-dind "$@"
  fi
  say "no cgroup namespace of its own: nested containers can see the host's cgroups"
  if [ -n "$own" ] && [ "$own" != / ]; then
    set -- "$@" --cgroup-parent "$own/nested"
  fi
fi
start "$@"
"""
)

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
