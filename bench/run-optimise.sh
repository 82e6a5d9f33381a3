#!/usr/bin/env bash
# What a plan costs to judge, and what `floodtwin optimise` takes, on this machine
# (docs/optimise.md, the README): one JSON object per measurement.
#  1. the 2020 flood case (confluence-2020-08) on its river network alone, at its own
#     15 min step and at the search's 1 h (floodtwin route), and the load on the machine;
#  2. the two-reservoir example at its defaults (NSGA-II, 32 x 40), and with MOEA/D;
#  3. the 2020 case at its [optimise] defaults (NSGA-II, 16 x 8, network step 1 h): the
#     plans run, the front, and how the best hand-written plan fares;
#  4. with REHEARSE=1, the same with --rehearse at 2020-08-18T08:00+08:00 (the Pareto
#     plans through the coupled 2D model: tens of minutes on 2 cores).
# Usage: run-optimise.sh [FLOODTWIN]   (OUT=folder keeps the outputs; default: a temporary one)
set -euo pipefail
cd "$(dirname "$0")/.."
ft=$(realpath "${1:-build/app/floodtwin}")
work=${OUT:-$(mktemp -d)}
[ -n "${OUT:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
cq=cases/chongqing/confluence-2020-08/case.toml
two=cases/examples/two-reservoirs/case.toml
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
cores=$(getconf _NPROCESSORS_ONLN)

timed() {  # timed NAME COMMAND...: wall seconds and the load average before, into $work/NAME.time
  local name=$1; shift
  cut -d' ' -f1 /proc/loadavg > "$work/$name.load"
  /usr/bin/time -f '%e %M' -o "$work/$name.time" "$@"
}

for step in 15min 1h; do
  timed "route-$step" "$ft" route "$cq" --out "$work/route-$step" --quiet --set network.step=$step
  read -r wall rss < "$work/route-$step.time"
  python3 -c 'import json,sys; print(json.dumps({"what": "network run (floodtwin route)", "case": "confluence-2020-08, 6 days",
    "network_step": sys.argv[1], "wall_s": float(sys.argv[2]), "max_rss_mib": round(int(sys.argv[3]) / 1024, 1),
    "load_before": float(sys.argv[4]), "machine": sys.argv[5] + " cores", "commit": sys.argv[6]}))' \
    "$step" "$wall" "$rss" "$(cat "$work/route-$step.load")" "$cores" "$commit"
done

report() {  # report NAME WHAT: one line from the run's pareto.json and its time
  python3 - "$work/$1/pareto.json" "$2" "$(cut -d' ' -f1 "$work/$1.time")" "$(cat "$work/$1.load")" "$cores" "$commit" "$3" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
best = j["best_hand_written"]
print(json.dumps({"what": sys.argv[2], "command": sys.argv[7], "algorithm": j["algorithm"]["name"],
                  "population": j["algorithm"]["population"], "generations": j["algorithm"]["generations"],
                  "seed": j["algorithm"]["seed"], "network_step_s": j["network_step_s"], "plans_run": j["plans_run"],
                  "front_found": j["front_found"], "front": len(j["plans"]), "wall_s": float(sys.argv[3]),
                  "best_hand_written": best["name"], "at_least_as_good": best["at_least_as_good"], "better": best["better"],
                  "load_before": float(sys.argv[4]), "machine": sys.argv[5] + " cores", "commit": sys.argv[6]}))
PY
}

for algorithm in nsga2 moead; do
  timed "two-$algorithm" "$ft" optimise "$two" --out "$work/two-$algorithm" --overwrite --quiet --set optimise.algorithm=$algorithm
  report "two-$algorithm" "optimise, two-reservoirs" "floodtwin optimise $two --set optimise.algorithm=$algorithm"
done

timed confluence "$ft" optimise "$cq" --out "$work/confluence" --overwrite --quiet
report confluence "optimise, confluence-2020-08 (network only)" "floodtwin optimise $cq --out DIR"

if [ "${REHEARSE:-0}" = 1 ]; then
  timed rehearse "$ft" optimise "$cq" --out "$work/rehearse" --overwrite --quiet --rehearse --issue-time 2020-08-18T08:00+08:00
  report rehearse "optimise --rehearse, confluence-2020-08" "floodtwin optimise $cq --out DIR --rehearse --issue-time 2020-08-18T08:00+08:00"
fi
