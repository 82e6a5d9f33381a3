#!/usr/bin/env bash
# Reliability: SIGINT and SIGTERM sent to a real `floodtwin run`. Each stops the run at
# a step boundary with exit status 130 / 143, a checkpoint and the command that resumes
# it; no temporary file and no lock is left; the resumed run ends byte for byte where an
# uninterrupted run ends.   Usage: signals.sh FLOODTWIN SOURCE_DIR
set -u
ft=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "signals: FAIL: $*" >&2; exit 1; }
case=$src/cases/examples/valley-flood/case.toml
sets=(--set case.duration=12h --set boundary[0].extend=hold --set output.checkpoint_interval=1h)

"$ft" run "$case" --out "$work/whole" --quiet "${sets[@]}" || fail "the uninterrupted run failed"

for signal in INT TERM; do
    out=$work/stopped-$signal
    "$ft" run "$case" --out "$out" --quiet "${sets[@]}" 2> "$work/err-$signal" &
    pid=$!
    # Once the first checkpoint exists the run is well under way.
    for _ in $(seq 1 200); do
        ls "$out"/checkpoints/*.ckpt > /dev/null 2>&1 && break
        sleep 0.05
    done
    kill -s "$signal" "$pid"
    wait "$pid"
    status=$?
    want=$([ "$signal" = INT ] && echo 130 || echo 143)
    cat "$work/err-$signal"
    [ "$status" = "$want" ] || fail "SIG$signal: exit status $status, expected $want"
    grep -q "on SIG$signal; resume with: floodtwin run " "$work/err-$signal" || fail "SIG$signal: no resume command"
    leftovers=$(find "$out" -name '*.tmp[0-9]*' -o -name '.floodtwin.lock')
    [ -z "$leftovers" ] || fail "SIG$signal left: $leftovers"
    grep -q '"completed": false' "$out/summary.json" || fail "SIG$signal: summary.json does not say the run stopped"
    # The printed command, run as printed (with this build's program).
    resume=$(sed -n 's/.*resume with: floodtwin //p' "$work/err-$signal")
    eval "\"$ft\" $resume --quiet" || fail "SIG$signal: the printed resume command failed: $resume"
    for f in gauges.csv mass_balance.csv max_depth.tif arrival_time.tif; do
        cmp -s "$work/whole/$f" "$out/$f" || fail "SIG$signal: $f differs from the uninterrupted run's"
    done
    echo "signals: SIG$signal: stopped with $status, resumed, same results"
done
