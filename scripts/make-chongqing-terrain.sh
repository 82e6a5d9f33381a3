#!/usr/bin/env bash
# Regenerates every terrain file the Chongqing cases use (cases/chongqing/terrain) from
# the real layers in cases/chongqing/terrain/sources, and prints the builder's reports
# (channel widths in cells, edge crossings, station snap distances, depressions filled).
# tests/twin/unit_chongqing_terrain.cpp checks the shipped files are what this makes.
# Usage: scripts/make-chongqing-terrain.sh [path/to/floodtwin]
set -euo pipefail
cd "$(dirname "$0")/.."
ft="${1:-./build/app/floodtwin}"
t=cases/chongqing/terrain
make() {  # region cell name [extra options]
    local region=$1 cell=$2 name=$3
    shift 3
    "$ft" dem chongqing --region "$region" --cell "$cell" --out "$t/$name.tif" --manning "$t/$name-manning.tif" "$@"
}
make central 200 central-200m --rivers "$t/rivers.geojson" --stations "$t/stations-central.csv" \
    --channels "$t/central-200m-channels.tif"
make central 100 central-100m --channels "$t/central-100m-channels.tif"
make hechuan 200 hechuan-200m --stations "$t/stations-hechuan.csv"
make yuzhong 25 yuzhong-25m --stations "$t/stations-yuzhong.csv" --drainage-loss "$t/yuzhong-25m-drainage.tif" --drainage 30
make gully 20 gully-20m
