#!/usr/bin/env bash
# Installs the Debian packages the TESTS need, only those missing: Debian's PyTorch and torchvision (the
# reference oracle), h5py and Pillow (fixture scripts), the Fashion-MNIST data set and Chromium (report
# rendering test) and MPICH (distributed training tests). Building ModelDsl needs none of them:
# TorchSharp's natives come from NuGet.
# Idempotent and safe to run concurrently (a lock serialises it). Usage: scripts/setup.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages=(python3-torch python3-torchvision python3-h5py python3-pil dataset-fashion-mnist chromium mpich)

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
