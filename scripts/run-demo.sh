#!/usr/bin/env bash
# README command 1: install what is missing, build, run the built-in default case:
# the August 2020 flood at the Yangtze-Jialing confluence on the Chongqing terrain (real
# rivers and relief, constructed channels),
# coupled with the upstream reservoirs and Three Gorges (cases/chongqing/confluence-2020-08).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
out="${1:-floodtwin-demo}"
./build/app/floodtwin run cases/chongqing/confluence-2020-08/case.toml --out "$out"
./build/app/floodtwin export-vtk "$out/results.nc" --out "$out/vtk"
echo "floodtwin demo: maps (*.png, flood.mp4), results.nc, GeoTIFFs, gauges.csv, dispatch_log.csv,"
echo "dispatch_summary.json and summary.json are in $out/; ParaView files in $out/vtk/"
