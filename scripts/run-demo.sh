#!/usr/bin/env bash
# README command 1: install what is missing, build, and run the main job on the built-in
# default case: the four pre- workflow (forecast, warning, rehearsal, plan) at the issue
# time 2020-08-18T08:00+08:00 of the August 2020 flood at the Yangtze-Jialing confluence,
# on the Chongqing terrain (real rivers and relief, constructed channels), coupled with
# the upstream reservoirs and Three Gorges (cases/chongqing/confluence-2020-08).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
out="${1:-floodtwin-demo}"
./build/app/floodtwin fourpre cases/chongqing/confluence-2020-08/case.toml \
    --issue-time 2020-08-18T08:00+08:00 --out "$out" --overwrite
./build/app/floodtwin export-vtk "$out/rehearsal/baseline/results.nc" --out "$out/vtk"
echo "floodtwin demo: report.html (open it in a browser, or print it), plan.json, warning/ (warnings.json,"
echo "warnings.csv, cap/*.xml), forecast/, maps/, rehearsal/ (each plan's complete run) are in $out/;"
echo "ParaView files of the baseline forecast in $out/vtk/"
