#!/usr/bin/env bash
# The resolution study of cases/chongqing/confluence-2020-08 (its README): the 2020
# Cuntan peak of the coupled six-day case at each cell size given (default 200 100),
# and the Cuntan stage of the steady 2020 peak flow (cases/chongqing/cuntan-rating:
# 74,600 m3/s, the backwater stage of a 161.8 m pool) at each size of STEADY_CELLS
# (default 200 100 50). Each terrain and Manning map is built at its size by
# `floodtwin dem chongqing`. Prints one JSON object per run.
# Usage: run-confluence-resolution.sh [FLOODTWIN]   (COUPLED_CELLS="200 100" STEADY_CELLS="200 100 50")
set -euo pipefail
cd "$(dirname "$0")/.."
ft="${1:-build/app/floodtwin}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
terrain() {  # cell -> $work/dem-<cell>.tif and $work/n-<cell>.tif
    [ -f "$work/dem-$1.tif" ] || "$ft" dem chongqing --region central --cell "$1" --out "$work/dem-$1.tif" \
        --manning "$work/n-$1.tif" > /dev/null
}
report() {  # kind cell folder start end
    python3 - "$@" <<'PY'
import json, sys
kind, cell, folder, start, end = sys.argv[1:6]
s = json.load(open(folder + "/summary.json"))
c = next(g for g in s["gauges"] if g["name"] == "Cuntan")
if kind == "coupled":
    level, when = c["peak_water_level_m"], c["time_of_peak"]
else:  # the settled stage: the last sample of gauges.csv
    last = [l.split(",") for l in open(folder + "/gauges.csv") if ",Cuntan," in l][-1]
    level, when = float(last[4]), last[0]
print(json.dumps({"case": "confluence-2020-08" if kind == "coupled" else "cuntan-rating (2020 pair, settled)",
                  "cell_m": float(cell), "scheme": s.get("scheme"), "cuntan_m": level, "at": when,
                  "record_m": 191.62, "record_time": "2020-08-20T08:15:00+08:00",
                  "wall_s": round(float(end) - float(start), 1), "cells": s.get("cells"), "steps": s.get("steps"),
                  "threads_used": s.get("threads_used"), "mass_error": s.get("mass_error")}))
PY
}
for cell in ${COUPLED_CELLS-200 100}; do
    terrain "$cell"
    start=$(date +%s.%N)
    "$ft" run cases/chongqing/confluence-2020-08/case.toml --out "$work/coupled-$cell" --quiet \
        --set grid.dem="$work/dem-$cell.tif" --set hydro.manning="$work/n-$cell.tif" --set output.maps=false
    report coupled "$cell" "$work/coupled-$cell" "$start" "$(date +%s.%N)"
done
for cell in ${STEADY_CELLS-200 100 50}; do
    terrain "$cell"
    start=$(date +%s.%N)
    "$ft" run cases/chongqing/cuntan-rating/case.toml --out "$work/steady-$cell" --quiet \
        --set grid.dem="$work/dem-$cell.tif" --set hydro.manning="$work/n-$cell.tif"
    report steady "$cell" "$work/steady-$cell" "$start" "$(date +%s.%N)"
done
