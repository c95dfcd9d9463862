#!/usr/bin/env bash
# Build the local test images without a registry: Debian bases from debootstrap, our
# construct (images/construct) on trixie -- the real construct's Debian, Python 3.13 --
# tagged under the real construct name, and a DinD image on bookworm (its engine, 20.10,
# is the one the DinD tests were verified against).
# Each image is skipped when it already exists (set JACKIN_REBUILD_TEST_IMAGES=1 to force);
# the construct is also rebuilt when it was built on another base than $CONSTRUCT_BASE.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
images="$here/images"
export DOCKER_BUILDKIT=0

CONSTRUCT_SUITE=trixie
CONSTRUCT_BASE=jackin-test/debian-base:$CONSTRUCT_SUITE
DIND_SUITE=bookworm
DIND_BASE=jackin-test/debian-base:$DIND_SUITE
CONSTRUCT_VERSION=${JACKIN_TEST_CONSTRUCT_VERSION:-0.35-trixie}
CONSTRUCT=projectjackin/construct:$CONSTRUCT_VERSION
DIND=jackin-test/dind:bookworm
BASE_LABEL=jackin.test.base

have() { [ "${JACKIN_REBUILD_TEST_IMAGES:-0}" != 1 ] && docker image inspect "$1" >/dev/null 2>&1; }

# debootstrap_base SUITE IMAGE: a minimal Debian SUITE imported as IMAGE.
debootstrap_base() {
  local suite=$1 image=$2 root log
  if have "$image"; then
    echo "$image present"
    return
  fi
  command -v debootstrap >/dev/null 2>&1 || {
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null
  }
  root=$(mktemp -d "/tmp/jackin-debootstrap-$suite.XXXXXX")
  log=/tmp/jackin-debootstrap-$suite.log
  echo "debootstrap $suite into $root"
  if ! debootstrap --variant=minbase "$suite" "$root" http://deb.debian.org/debian >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    rm -rf "$root"
    exit 1
  fi
  rm -rf "$root"/var/cache/apt/archives/*.deb
  tar -C "$root" -c . | docker import -c 'ENV LANG=C.UTF-8' -c 'CMD ["/bin/bash"]' - "$image" >/dev/null
  rm -rf "$root"
  echo "$image imported"
}

debootstrap_base "$CONSTRUCT_SUITE" "$CONSTRUCT_BASE"

base_id=$(docker image inspect --format '{{.Id}}' "$CONSTRUCT_BASE")
built_on=$(docker image inspect --format "{{index .Config.Labels \"$BASE_LABEL\"}}" "$CONSTRUCT" 2>/dev/null || true)
if have "$CONSTRUCT" && [ "$built_on" = "$base_id" ]; then
  echo "$CONSTRUCT present"
else
  # The construct this repository ships, built on the debootstrapped base.
  docker build -q --build-arg "BASE=$CONSTRUCT_BASE" --label "$BASE_LABEL=$base_id" \
    -t "$CONSTRUCT" "$here/../../images/construct"
  echo "$CONSTRUCT built on $CONSTRUCT_BASE"
fi
# The floating name is what jackin uses when no version is pinned.
docker tag "$CONSTRUCT" projectjackin/construct:trixie

if have "$DIND"; then
  echo "$DIND present"
else
  debootstrap_base "$DIND_SUITE" "$DIND_BASE"
  docker build -q --build-arg "BASE=$DIND_BASE" -t "$DIND" "$images/dind"
  echo "$DIND built"
fi
