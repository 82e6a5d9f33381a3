#!/usr/bin/env bash
# Writes tests/data/checkpoint-v3/: a checkpoint of the coupled valley example at 200 m
# after 3 h (network, reservoirs, dispatch and 2D state) with the map segments it lists,
# for the test that a checkpoint written by one build is read by another
# (tests/twin/unit_checkpoint_fixture.cpp). Run it after a change of the checkpoint
# format or of the numerics, with the portable Release build:
#   bash scripts/make-checkpoint-fixture.sh [build/app/floodtwin]
set -euo pipefail
cd "$(dirname "$0")/.."
ft="${1:-build/app/floodtwin}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$ft" run cases/examples/valley-coupled/case.toml --out "$out/run" --quiet \
  --set grid.resolution=200 --set case.duration=3h --set output.checkpoint_interval=3h
dest=tests/data/checkpoint-v3
rm -f "$dest"/*.ckpt "$dest"/*.nc
cp "$out"/run/checkpoints/checkpoint_000010800.000.ckpt "$out"/run/checkpoints/maps_*.nc "$dest"/
ls -l "$dest"
