#!/usr/bin/env bash
# Cost that follows the wet area (README "Measured"): the river problem at 1 %, 5 % and
# 25 % wet, each step timed with the tracked tiles and with every tile swept (what a
# fully wet grid of the same size costs), alternating in each round; then the fully wet
# dam break, whose speed the tiles must not cost, and, given a second floodtwin-bench
# built before the tiles, the same dam break with it in the same round. One JSON
# object per line.   Usage: run-tiles.sh [BENCH [REFERENCE_BENCH]]
set -euo pipefail
bench="${1:-build/bench/floodtwin-bench}"
reference="${2:-}"
for round in 1 2; do
  for scheme in fv1 fv2; do
    for wet in 0.01 0.05 0.25; do
      for all in "" --all-tiles; do
        "$bench" --problem river --size 2000 --wet "$wet" --scheme "$scheme" --threads 1 --steps 20 $all
      done
    done
    for threads in 1 2; do
      "$bench" --problem dambreak --size 2000 --scheme "$scheme" --threads "$threads" --steps 50
      if [ -n "$reference" ]; then
        "$reference" --problem dambreak --size 2000 --scheme "$scheme" --threads "$threads" --steps 50 |
          sed 's/^{/{"reference_build":true,/'
      fi
    done
  done
done
