#!/usr/bin/env bash
# The network alone over long horizons, on this machine: `floodtwin route` of
# cases/chongqing/year-2022 (the upper Yangtze network, 23 nodes and 6 reservoirs with
# their rules, guide curves and three demands) through a year at daily steps, the same
# year at 6-hourly and at hourly steps, and the drought case's week at 15 min. Each is
# run 5 times (the hourly year once: ROUTE_HOURLY=0 leaves it out); the median wall time
# is kept. One JSON object per measurement.   Usage: run-route-year.sh [FLOODTWIN]
set -euo pipefail
cd "$(dirname "$0")/.."
ft=$(realpath "${1:-build/app/floodtwin}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

json() { python3 -c 'import json,sys; print(json.dumps(dict(a.split("=",1) for a in sys.argv[1:])))' "$@"; }

measure() {  # name, case, step, repetitions, then extra arguments
  local name=$1 case=$2 step=$3 reps=$4
  shift 4
  local times=()
  for ((k = 0; k < reps; k++)); do
    t0=$(date +%s.%N)
    "$ft" route "$case" --out "$work/$name" --quiet --set "network.step=$step" "$@"
    t1=$(date +%s.%N)
    times+=("$(python3 -c "print($t1 - $t0)")")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((reps + 1) / 2))p")
  steps=$(python3 -c "import json; print(json.load(open('$work/$name/dispatch_summary.json'))['network']['steps'])")
  json what="network route" case="$name" step="$step" steps="$steps" runs="$reps" wall_s="$(python3 -c "print(round($median, 3))")" \
    machine="$(getconf _NPROCESSORS_ONLN) cores" commit="$commit"
}

measure year-2022 cases/chongqing/year-2022/case.toml 1d 5
measure year-2022 cases/chongqing/year-2022/case.toml 6h 5
[ "${ROUTE_HOURLY:-1}" = 0 ] || measure year-2022 cases/chongqing/year-2022/case.toml 1h 1
measure drought-2022-08-network cases/chongqing/drought-2022-08/case.toml 15min 5
