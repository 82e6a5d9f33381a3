#!/usr/bin/env bash
# The model's Cuntan stage-discharge relation against the published pairs, on the
# schematic terrain (cases/chongqing/cuntan-rating): steady flows, the downstream stage
# from the Three Gorges backwater table at the event's pool level. Prints model vs
# record. Usage: scripts/calibrate-cuntan.sh [manning_n] (default 0.035, the cases').
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-0.035}"
ft="${FLOODTWIN:-./build/app/floodtwin}"
out=$(mktemp -d)
# event  Yangtze  Jialing  stage at the east edge (backwater table)  record
for ev in "2020 48600 26000 189.64 191.62" "2018 44800 10000 181.87 182.46"; do
    set -- $ev
    $ft run cases/chongqing/cuntan-rating/case.toml --out "$out/$1" --quiet \
        --set "boundary[0].discharge=$2" --set "boundary[1].discharge=$3" \
        --set "boundary[2].level=$4" --set "hydro.manning=$n"
    model=$(tail -1 "$out/$1/gauges.csv" | cut -d, -f5)
    echo "$1: $(( $2 + $3 )) m3/s, Manning n $n: Cuntan model ${model} m, record $5 m"
done
rm -rf "$out"
