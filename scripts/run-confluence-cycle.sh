#!/usr/bin/env bash
# The forecast cycle of the 2020 event: `floodtwin fourpre` every 12 h from
# 2020-08-16T08:00+08:00 to 2020-08-20T08:00+08:00 on confluence-2020-08, each issue
# time hot from the state the one before left (the first a cold start), the forecast
# alone at each (add --rehearse to rehearse the plans too). Prints cycle.csv: how the
# Cuntan peak forecast and the orange-warning lead time evolved from cycle to cycle.
# About 20 minutes on 2 cores (each issue time about 2 min). Usage: scripts/run-confluence-cycle.sh [out] [floodtwin] [options...]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/cycle-2020}"
ft="${2:-./build/app/floodtwin}"
shift $(( $# < 2 ? $# : 2 ))
"$ft" cycle cases/chongqing/confluence-2020-08/case.toml --from 2020-08-16T08:00+08:00 \
    --to 2020-08-20T08:00+08:00 --every 12h --out "$out" --overwrite "$@"
cat "$out/cycle.csv"
