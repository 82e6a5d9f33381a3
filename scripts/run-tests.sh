#!/usr/bin/env bash
# README command 2: install what is missing, build, run every test through CTest.
# Then, unless FLOODTWIN_SKIP_VARIANTS=1, the other builds CI must keep working:
#   - the core without viz (FLOODTWIN_VIZ=OFF: no VTK, what compute nodes run), all its tests;
#   - a native build (-march=native) of the solver, whose results must equal the
#     portable build's to the bit (the stored checksums of the reproducibility test);
# and, unless FLOODTWIN_SKIP_SANITIZERS=1, the unit tier under ASan + UBSan, and the
# reproducibility checksums in that Debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
# Two test programs at a time, one OpenMP thread each: two programs spinning two
# threads each on a 2-core machine wait on each other's barriers. The thread-count
# tests set their own thread counts.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
(cd build && ctest --output-on-failure -j 2 --timeout 900)
if [ "${FLOODTWIN_SKIP_VARIANTS:-0}" != 1 ]; then
  BUILD_DIR=build-core bash scripts/build.sh -DFLOODTWIN_VIZ=OFF
  # The whole 2020 run is the same code as in the full build above: not twice.
  (cd build-core && ctest --output-on-failure -j 2 --timeout 900 -E confluence_2020)
  cmake -S . -B build-native -DCMAKE_BUILD_TYPE=Release -DFLOODTWIN_NATIVE=ON \
    -DFLOODTWIN_VIZ=OFF >/dev/null
  cmake --build build-native -j "$(getconf _NPROCESSORS_ONLN)" --target hydro_validation_reproducible
  (cd build-native && ctest --output-on-failure -R hydro_validation_reproducible)
fi
if [ "${FLOODTWIN_SKIP_SANITIZERS:-0}" != 1 ]; then
  # Only what the unit tier and the checksum test need: the rest is built above.
  BUILD_DIR=build-sanitize CMAKE_BUILD_TYPE=Debug BUILD_TARGETS="unit_tests hydro_validation_reproducible" \
    bash scripts/build.sh -DFLOODTWIN_SANITIZE=ON
  (cd build-sanitize && ctest --output-on-failure -j 2 -L unit --timeout 900)
  # The Debug build must give the Release build's numbers too.
  (cd build-sanitize && ctest --output-on-failure -R hydro_validation_reproducible --timeout 900)
fi
