#!/usr/bin/env bash
# Installs the Debian 12 packages floodtwin needs to build, test and render.
# Safe to run again: apt-get skips what is already installed. Uses sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build
  libgdal-dev gdal-bin
  libnetcdf-dev libnetcdf-c++4-dev netcdf-bin
  libvtk9-dev
  libboost-test-dev
  libopenmpi-dev openmpi-bin
  slurm-wlm munge jq procps iproute2
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libpagmo-dev
  xvfb xauth ffmpeg
  chromium poppler-utils libxml2-utils fonts-noto-cjk
)

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "${missing[@]}"
