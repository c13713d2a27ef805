#!/usr/bin/env bash
# Installs the Debian packages ModelDsl needs (only those missing) and builds the native library.
# Idempotent and safe to run concurrently (a lock serialises it); the build calls it by itself,
# so a newcomer never has to. Usage: scripts/setup.sh [--packages-only]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages=(libtorch-dev libopenblas0-pthread libstb-dev cmake g++ dataset-fashion-mnist python3-torch python3-torchvision chromium libjpeg62-turbo-dev libhdf5-dev python3-h5py)

mkdir -p "$repo/artifacts"
exec 9>"$repo/artifacts/.setup.lock"
flock 9

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "modeldsl setup: installing Debian packages: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

[ "${1:-}" = "--packages-only" ] && exit 0

build="$repo/artifacts/native-build"
cmake -S "$repo/src/ModelDsl.Native" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  -DMODELDSL_OUT_DIR="$repo/artifacts/native" >/dev/null
cmake --build "$build" -j "$(nproc)" >&2
