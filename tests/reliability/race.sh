#!/usr/bin/env bash
# Reliability: two runs for one output folder. The second is refused while the first
# runs (the lock names its process); after the first is killed (SIGKILL: its lock stays
# behind) the folder holds its partial results, so a new run is refused until given
# --overwrite, which takes over the stale lock.   Usage: race.sh FLOODTWIN SOURCE_DIR
set -u
ft=$1
src=$2
work=$(mktemp -d)
trap 'kill -9 $pid 2> /dev/null; rm -rf "$work"' EXIT
fail() { echo "race: FAIL: $*" >&2; exit 1; }
case=$src/cases/examples/valley-flood/case.toml
out=$work/shared

"$ft" run "$case" --out "$out" --quiet --set case.duration=48h --set boundary[0].extend=hold &
pid=$!
for _ in $(seq 1 200); do [ -e "$out/.floodtwin.lock" ] && break; sleep 0.05; done
[ -e "$out/.floodtwin.lock" ] || fail "no lock file while the first run runs"
msg=$("$ft" run "$case" --out "$out" --quiet --overwrite 2>&1) && fail "a second run into a locked folder was accepted"
echo "$msg"
echo "$msg" | grep -q "is in use by another floodtwin run (process $pid" || fail "the refusal does not name process $pid"

for _ in $(seq 1 200); do ls "$out"/checkpoints/*.ckpt > /dev/null 2>&1 && break; sleep 0.05; done
kill -9 "$pid"
wait "$pid" 2> /dev/null
[ -e "$out/.floodtwin.lock" ] || fail "SIGKILL should leave the lock behind"
msg=$("$ft" run "$case" --out "$out" --quiet --set case.duration=10min 2>&1) && fail "a run into another run's results was accepted"
echo "$msg"
echo "$msg" | grep -q "holds the results of case 'valley-flood'" || fail "the refusal does not say whose results"
old=$(ls "$out"/checkpoints/*.ckpt)
"$ft" run "$case" --out "$out" --quiet --set case.duration=10min --overwrite || fail "--overwrite over a stale lock failed"
[ ! -e "$out/.floodtwin.lock" ] || fail "the lock was not released"
for f in $old; do [ ! -e "$f" ] || fail "--overwrite left the killed run's $f"; done
echo "race: refused while locked, refused over results, --overwrite took over the stale lock"
