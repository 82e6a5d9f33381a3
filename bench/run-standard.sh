#!/usr/bin/env bash
# The standard benchmark set (README "Measured"): each problem at 1 and 2 threads,
# alternating, three rounds, one JSON object per line. The machine's clock varies by
# up to 2x between moments, so compare figures from the same round.
set -euo pipefail
bench="${1:-build/bench/floodtwin-bench}"
for round in 1 2 3; do
  for scheme in fv1 fv2; do
    for threads in 1 2; do
      "$bench" --problem dambreak --size 2000 --scheme "$scheme" --threads "$threads" --steps 50
    done
  done
  for threads in 1 2; do
    "$bench" --problem valley --cell 30 --scheme fv2 --threads "$threads" --steps 200
  done
done
