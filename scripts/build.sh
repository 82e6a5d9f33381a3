#!/usr/bin/env bash
# Configures and builds floodtwin into BUILD_DIR (default: build), Release unless
# CMAKE_BUILD_TYPE says otherwise, all of it unless BUILD_TARGETS names targets. Extra arguments go to cmake's configure step
# (-DFLOODTWIN_NATIVE=ON, -DFLOODTWIN_VIZ=OFF, ...): given on a build folder that is
# already configured, they reconfigure it; without any, an existing folder is kept as
# configured and only built.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build}"
generator=()
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
  cmake -S . -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-Release}" "$@"
elif [ "$#" -gt 0 ] || [ -n "${CMAKE_BUILD_TYPE:-}" ]; then
  cmake -S . -B "$build_dir" ${CMAKE_BUILD_TYPE:+-DCMAKE_BUILD_TYPE="$CMAKE_BUILD_TYPE"} "$@"
fi
# Every core: not nproc, which honours OMP_NUM_THREADS (run-tests.sh sets it to 1).
# BUILD_TARGETS (space-separated) builds only those, e.g. "unit_tests".
targets=()
for t in ${BUILD_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$build_dir" -j "$(getconf _NPROCESSORS_ONLN)" "${targets[@]}"
