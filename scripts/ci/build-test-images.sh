#!/usr/bin/env bash
# Build the local test images without a registry: a Debian base from debootstrap,
# our construct (images/construct) tagged under the real construct name, and a DinD image.
# Each image is skipped when it already exists (set JACKIN_REBUILD_TEST_IMAGES=1 to force).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
images="$here/images"
export DOCKER_BUILDKIT=0

BASE=jackin-test/debian-base:bookworm
CONSTRUCT_VERSION=${JACKIN_TEST_CONSTRUCT_VERSION:-0.35-trixie}
CONSTRUCT=projectjackin/construct:$CONSTRUCT_VERSION
DIND=jackin-test/dind:bookworm

have() { [ "${JACKIN_REBUILD_TEST_IMAGES:-0}" != 1 ] && docker image inspect "$1" >/dev/null 2>&1; }

if have "$BASE"; then
  echo "$BASE present"
else
  command -v debootstrap >/dev/null 2>&1 || {
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null
  }
  root=$(mktemp -d /tmp/jackin-debootstrap.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  echo "debootstrap bookworm into $root"
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/tmp/jackin-debootstrap.log 2>&1 \
    || { tail -n 30 /tmp/jackin-debootstrap.log >&2; exit 1; }
  rm -rf "$root"/var/cache/apt/archives/*.deb
  tar -C "$root" -c . | docker import -c 'ENV LANG=C.UTF-8' -c 'CMD ["/bin/bash"]' - "$BASE" >/dev/null
  rm -rf "$root"
  trap - EXIT
  echo "$BASE imported"
fi

if have "$CONSTRUCT"; then
  echo "$CONSTRUCT present"
else
  # The construct this repository ships, built on the debootstrapped base.
  docker build -q --build-arg "BASE=$BASE" -t "$CONSTRUCT" "$here/../../images/construct"
  echo "$CONSTRUCT built"
fi
# The floating name is what jackin uses when no version is pinned.
docker tag "$CONSTRUCT" projectjackin/construct:trixie

if have "$DIND"; then
  echo "$DIND present"
else
  docker build -q --build-arg "BASE=$BASE" -t "$DIND" "$images/dind"
  echo "$DIND built"
fi
