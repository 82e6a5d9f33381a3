#!/usr/bin/env bash
# Fully wet speed of this build against another (README "Measured"): the dam break,
# 2000 x 2000, fv1 and fv2, 1 thread, the two builds alternating within each of three
# rounds (the machine's clock varies between moments: compare within a round). The
# other build's lines carry "reference_build":true. One JSON object per line.
#   Usage: run-versus.sh BENCH REFERENCE_BENCH
set -euo pipefail
bench="$1"
reference="$2"
for round in 1 2 3; do
  for scheme in fv1 fv2; do
    "$bench" --problem dambreak --size 2000 --scheme "$scheme" --threads 1 --steps 30
    "$reference" --problem dambreak --size 2000 --scheme "$scheme" --threads 1 --steps 30 |
      sed 's/^{/{"reference_build":true,/'
  done
done
