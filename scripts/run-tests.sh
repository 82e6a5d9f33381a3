#!/usr/bin/env bash
# README command 2: install what is missing, build, run every test through CTest.
# Then, unless FLOODTWIN_SKIP_SANITIZERS=1, the unit tier again under ASan + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
# Two test programs at a time, one OpenMP thread each: two programs spinning two
# threads each on a 2-core machine wait on each other's barriers. The thread-count
# test sets its own thread counts.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
(cd build && ctest --output-on-failure -j 2 --timeout 900)
if [ "${FLOODTWIN_SKIP_SANITIZERS:-0}" != 1 ]; then
  BUILD_DIR=build-sanitize CMAKE_BUILD_TYPE=Debug bash scripts/build.sh -DFLOODTWIN_SANITIZE=ON
  (cd build-sanitize && ctest --output-on-failure -j 2 -L unit --timeout 900)
fi
