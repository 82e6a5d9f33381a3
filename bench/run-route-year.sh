#!/usr/bin/env bash
# The network alone over long horizons, on this machine: `floodtwin route` of
# cases/chongqing/year-2022 (the upper Yangtze network, 23 nodes and 6 reservoirs with
# their rules, guide curves and three demands) through a year at daily steps, the same
# year at 6-hourly and at hourly steps, and the drought case's week at 15 min. Each is
# run 5 times; the median wall time is kept. One JSON object per measurement.
# Usage: run-route-year.sh [FLOODTWIN]
set -euo pipefail
cd "$(dirname "$0")/.."
ft=$(realpath "${1:-build/app/floodtwin}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

json() { python3 -c 'import json,sys; print(json.dumps(dict(a.split("=",1) for a in sys.argv[1:])))' "$@"; }

measure() {  # name, case, step, then extra arguments
  local name=$1 case=$2 step=$3
  shift 3
  local times=()
  for k in 1 2 3 4 5; do
    t0=$(date +%s.%N)
    "$ft" route "$case" --out "$work/$name" --quiet --set "network.step=$step" "$@"
    t1=$(date +%s.%N)
    times+=("$(python3 -c "print($t1 - $t0)")")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 3p)
  steps=$(python3 -c "import json; print(json.load(open('$work/$name/dispatch_summary.json'))['network']['steps'])")
  json what="network route" case="$name" step="$step" steps="$steps" wall_s="$(python3 -c "print(round($median, 3))")" \
    machine="$(getconf _NPROCESSORS_ONLN) cores" commit="$commit"
}

measure year-2022 cases/chongqing/year-2022/case.toml 1d
measure year-2022 cases/chongqing/year-2022/case.toml 6h
measure year-2022 cases/chongqing/year-2022/case.toml 1h
measure drought-2022-08-network cases/chongqing/drought-2022-08/case.toml 15min
