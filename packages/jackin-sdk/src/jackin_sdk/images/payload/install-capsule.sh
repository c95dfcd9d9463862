#!/bin/sh
# Installs the jackin-capsule wheels at build time, without network access: makes sure a
# Python 3.11+ exists (installing Debian's python3 only when the role image has none
# and apt can reach its archive), unpacks the pure-Python wheels and checks they import.
set -eu
runtime=/jackin/runtime

if ! command -v python3 >/dev/null 2>&1; then
    echo "jackin: the role image has no python3; trying apt-get" >&2
    if ! { command -v apt-get >/dev/null 2>&1 \
        && apt-get update >/dev/null \
        && apt-get install -y --no-install-recommends python3 >/dev/null; }; then
        echo "jackin: jackin-capsule needs python3 (3.11 or newer) in the role image;" \
             "install it in the role's Dockerfile" >&2
        exit 1
    fi
fi
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "jackin: jackin-capsule needs python3 3.11 or newer; the role image has" \
         "$(python3 --version 2>&1)" >&2
    exit 1
fi

mkdir -p "$runtime/python"
for wheel in "$runtime"/wheels/*.whl; do
    python3 -m zipfile -e "$wheel" "$runtime/python/"
done
python3 -I -c "import sys; sys.path.insert(0, '$runtime/python'); import jackin_capsule, pyte"
chmod 0755 "$runtime/jackin-capsule" "$runtime/entrypoint.sh"
chmod -R a+rX "$runtime"
"$runtime/jackin-capsule" --version
