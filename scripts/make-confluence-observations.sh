#!/usr/bin/env bash
# Makes the constructed "observations" of cases/chongqing/confluence-2020-08/observed:
# the project has no hourly station record of August 2020, only its figures of record
# (the Cuntan peak 191.62 m at 08:15 on 20 Aug). So the Cuntan stage is the case's own
# reference run (the whole event, fv2 at 200 m), which peaks 0.64 m high and 4.5 h late
# (the case's README), moved onto the record: observed(t) = model(t + 4.5 h) - 0.64 m,
# hourly. The Three Gorges pool level is the reference run's, hourly. They stand in for
# station records so that the four pre- workflow's updating and level reset have
# something to work on; they are not measurements. Usage: scripts/make-confluence-observations.sh [floodtwin]
set -euo pipefail
cd "$(dirname "$0")/.."
ft="${1:-./build/app/floodtwin}"
case_dir=cases/chongqing/confluence-2020-08
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run=$tmp
if [ -n "${REFERENCE_RUN:-}" ]; then run=$REFERENCE_RUN; else  # a finished run of the case, to reuse
    "$ft" run "$case_dir/case.toml" --out "$run" --quiet --set output.maps=false
fi
header='# constructed by scripts/make-confluence-observations.sh: not measurements'
# gauges.csv rows every 15 min: the row 18 steps (4.5 h) later, 0.64 m lower, on each hour,
# from 12 h after the start (before, the channels are still filling from the cold start).
awk -F, -v header="$header" 'NR == 1 { print header; print "time,stage_m_Wusong"; next }
    $3 == "Cuntan" { t[n] = $1; z[n] = $5; n++ }
    END { for (k = 48; k + 18 < n; k += 4) printf "%s,%.3f\n", t[k], z[k + 18] - 0.64 }' \
    "$run/gauges.csv" > "$case_dir/observed/cuntan-stage.csv"
awk -F, -v header="$header" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "Three Gorges_level_m") c = i
                                      print header; print "time,level_m"; next }
    (NR - 2) % 4 == 0 { printf "%s,%.3f\n", $1, $c }' \
    "$run/reservoirs.csv" > "$case_dir/observed/three-gorges-level.csv"
wc -l "$case_dir"/observed/*.csv
