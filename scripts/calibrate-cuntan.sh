#!/usr/bin/env bash
# The model's Cuntan stage-discharge relation against the published pairs, on the
# Chongqing terrain (cases/chongqing/cuntan-rating): steady flows, the downstream stage
# from the Three Gorges backwater table at the event's pool level (at the east edge,
# 635.2 km above the dam). Prints model vs record. The channel's Manning n is the one
# parameter: the Manning map is rebuilt with it (the floodplain, hills and built-up n
# stay those of scripts/make-chongqing-terrain.sh).
# Usage: scripts/calibrate-cuntan.sh [channel_n] [cell_m] (defaults 0.030, 200: the cases').
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-0.030}"
cell="${2:-200}"
ft="${FLOODTWIN:-./build/app/floodtwin}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$ft" dem chongqing --region central --cell "$cell" --channel-n "$n" --out "$out/dem.tif" --manning "$out/n.tif" > /dev/null
# event  Yangtze  Jialing  stage at the east edge (backwater table)  record
for ev in "2020 48600 26000 189.03 191.62" "2018 44800 10000 181.24 182.46"; do
    set -- $ev
    "$ft" run cases/chongqing/cuntan-rating/case.toml --out "$out/$1" --quiet \
        --set "grid.dem=$out/dem.tif" --set "hydro.manning=$out/n.tif" \
        --set "boundary[0].discharge=$2" --set "boundary[1].discharge=$3" --set "boundary[2].level=$4"
    model=$(tail -1 "$out/$1/gauges.csv" | cut -d, -f5)
    echo "$1: $(( $2 + $3 )) m3/s, channel n $n, ${cell} m cells: Cuntan model ${model} m, record $5 m"
done
