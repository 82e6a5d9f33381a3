#!/usr/bin/env bash
# The local-inertial scheme against fv1 per simulated hour (README "Measured"): the
# same problems, one thread, alternating schemes in each round: the SRTM valley at
# 60 m three hours into its flood (about 1 % wet: a floodplain filling), the river
# problem at 25 % wet, the fully wet dam break. Compare simulated_s / (steps x
# wall_per_step_s) within a round. One JSON object per line.
#   Usage: run-inertial.sh [BENCH]
set -euo pipefail
bench="${1:-build/bench/floodtwin-bench}"
for round in 1 2; do
  for scheme in fv1 inertial; do
    "$bench" --problem valley --cell 60 --spin-up 10800 --scheme "$scheme" --threads 1 --steps 200
    "$bench" --problem river --size 2000 --wet 0.25 --scheme "$scheme" --threads 1 --steps 20
    "$bench" --problem dambreak --size 2000 --scheme "$scheme" --threads 1 --steps 20
  done
done
