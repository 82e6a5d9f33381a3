#!/usr/bin/env bash
# Ensemble throughput and the cost of the reduce, on this machine (docs/hpc.md):
#  1. members per hour of the same ensemble (valley-flood, 6 h each, 8 members) run as
#     processes (no MPI, one member per core), under `mpirun -np 1` (one rank, every core
#     for its member) and under `mpirun -np 2` (two ranks, a core each);
#  2. `floodtwin ensemble-reduce` of 10 and of 100 members on a 120,000-cell grid: its
#     wall time and its peak memory (getrusage, before the maps are drawn, from
#     ensemble.json; and the whole process's with /usr/bin/time), to show the reduce's
#     memory does not grow with the members.
# One JSON object per measurement.   Usage: run-ensemble.sh [FLOODTWIN]
set -euo pipefail
cd "$(dirname "$0")/.."
ft=$(realpath "${1:-build/app/floodtwin}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case=cases/examples/valley-flood/case.toml
sets=(--set ensemble.inflow_error=0.3 --set 'ensemble.manning_factor=[0.8,1.2]' --set ensemble.rain_error=0.3)
root=()
[ "$(id -u)" -eq 0 ] && root=(--allow-run-as-root)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

json() { python3 -c 'import json,sys; print(json.dumps(dict(a.split("=",1) for a in sys.argv[1:])))' "$@"; }

for how in processes np1 np2; do
  out=$work/throughput-$how
  launcher=()
  case $how in
    np1) launcher=(mpirun -np 1 --oversubscribe "${root[@]}") ;;
    np2) launcher=(mpirun -np 2 --oversubscribe "${root[@]}") ;;
  esac
  t0=$(date +%s.%N)
  "${launcher[@]}" "$ft" ensemble "$case" --members 8 --out "$out" --quiet "${sets[@]}" \
    --set case.duration=6h --set 'boundary[0].extend=hold'
  t1=$(date +%s.%N)
  wall=$(python3 -c "print(round($t1 - $t0, 2))")
  json what="ensemble throughput" case="valley-flood 6 h, 7500 cells, 8 members" how="$how" wall_s="$wall" \
    members_per_hour="$(python3 -c "print(round(8 * 3600 / ($t1 - $t0), 1))")" machine="$(getconf _NPROCESSORS_ONLN) cores" commit="$commit"
done

# The reduce's memory on a grid large enough to show it: valley-flood at 10 m (600 x 200 =
# 120,000 cells, 0.96 MB a map), one 20 min member, copied to 100 members (the copies are
# the same run, which changes nothing of what the reduce reads, holds or writes). Holding
# every member's two maps would take 100 x 2 x 0.96 = 192 MB; the stripes, about 2 x 2.
"$ft" run "$case" --member 0 --out "$work/e100" --quiet --threads "$(getconf _NPROCESSORS_ONLN)" --set grid.resolution=10 \
  --set case.duration=20min --set output.map_interval=20min --set ensemble.members=100
python3 - "$work/e100/members" <<'PY'
import json, shutil, sys, os
root = sys.argv[1]
for k in range(1, 100):
    dst = os.path.join(root, "%04d" % k)
    shutil.copytree(os.path.join(root, "0000"), dst)
    p = os.path.join(dst, "summary.json")
    s = json.load(open(p))
    s["member"]["member"] = k
    json.dump(s, open(p, "w"))
PY
mkdir -p "$work/e10/members"
for k in $(seq 0 9); do cp -r "$work/e100/members/$(printf %04d "$k")" "$work/e10/members/"; done
for n in 10 100; do
  /usr/bin/time -f '%e %M' -o "$work/time-$n" "$ft" ensemble-reduce "$work/e$n" --members "$n" --quiet
  read -r wall rss_kb < "$work/time-$n"
  python3 - "$work/e$n/ensemble.json" "$n" "$wall" "$rss_kb" "$commit" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
r = j["reduce"]
print(json.dumps({"what": "ensemble-reduce", "members": int(sys.argv[2]), "grid": "600 x 200 (valley-flood at 10 m)",
                  "reduce_wall_s": r["wall_s"], "reduce_peak_rss_mib": r["peak_rss_mib"],
                  "stripe_rows": r["stripe_rows"], "member_maps_held": r["member_maps_held"],
                  "process_wall_s_with_maps": float(sys.argv[3]), "process_max_rss_mib_with_maps": int(sys.argv[4]) / 1024,
                  "commit": sys.argv[5]}))
PY
done
