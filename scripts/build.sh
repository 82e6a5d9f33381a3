#!/usr/bin/env bash
# Configures and builds floodtwin into BUILD_DIR (default: build), Release unless
# CMAKE_BUILD_TYPE says otherwise. Extra arguments go to cmake's configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build}"
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S . -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-Release}" "$@"
fi
cmake --build "$build_dir" -j "$(nproc)"
