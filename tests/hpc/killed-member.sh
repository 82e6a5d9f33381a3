#!/bin/bash
# killed-member.sh - a member killed mid-run (SIGKILL, as the OOM killer or a node
# failure would) is run again and the ensemble still succeeds: member 1 of a
# 4-member valley-flood ensemble is killed once it has started writing; the ensemble
# exits 0, ensemble_runs.json shows member 1 with 2 attempts and failed exit status
# [137], the other members with 1, and ensemble.nc equals an undisturbed run's.
#
# Usage: killed-member.sh FLOODTWIN SOURCE_DIR  (exit 0 pass, 1 fail, 77 skipped)
set -u
name="killed-member"
fail() { echo "$name: FAIL: $*"; exit 1; }
skip() { echo "$name: SKIP: $*"; exit 77; }

[ $# -eq 2 ] || { echo "usage: $0 FLOODTWIN SOURCE_DIR" >&2; exit 1; }
ft=$1 src=$2
case_file=$src/cases/examples/valley-flood/case.toml
[ -x "$ft" ] || fail "$ft is not an executable"
[ -f "$case_file" ] || fail "$case_file not found"
for tool in ncdump jq pgrep; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool not installed (netcdf-bin, jq, procps)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX") || fail "mktemp"
ens_pid=
# shellcheck disable=SC2317  # run by the trap
cleanup() {
  [ -n "$ens_pid" ] && kill -KILL "$ens_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# Perturbed members; 6 h simulated with the inflow held (~5 s a member on one
# thread) so that member 1 is surely still running when it is found.
opts=(--members 4 --threads 1 --quiet
      --set ensemble.inflow_error=0.3 --set 'ensemble.manning_factor=[0.8,1.2]'
      --set ensemble.rain_error=0.3 --set case.duration=6h --set 'boundary[0].extend=hold')
values() { ncdump -p 9,17 "$1/ensemble.nc" | sed '/^\/\/ global attributes/,/^data:/d'; }

timeout 300 "$ft" ensemble "$case_file" --out "$tmp/ref" "${opts[@]}" >"$tmp/ref.log" 2>&1 ||
  fail "the undisturbed run failed: $(tail -n 5 "$tmp/ref.log" | tr '\n' '|')"

out=$tmp/killed
"$ft" ensemble "$case_file" --out "$out" "${opts[@]}" >"$tmp/killed.log" 2>&1 &
ens_pid=$!

# Member 1's process: argv "... --out $out --member 1 --threads 1 --overwrite --quiet";
# the out folder tells it from other floodtwin ensembles on this machine.
victim=
for _ in $(seq 1 1200); do   # 0.1 s steps: 2 min
  kill -0 "$ens_pid" 2>/dev/null || break
  if [ -d "$out/members/0001" ]; then
    for p in $(pgrep -f -- '--member 1 '); do
      if tr '\0' '\n' <"/proc/$p/cmdline" 2>/dev/null | grep -qxF -- "$out"; then victim=$p; break; fi
    done
    [ -n "$victim" ] && break
  fi
  sleep 0.1
done
[ -n "$victim" ] || fail "member 1's process was not seen running (ensemble log: $(tail -n 3 "$tmp/killed.log" | tr '\n' '|'))"
kill -KILL "$victim" 2>/dev/null || fail "member 1 (pid $victim) ended before it could be killed"

for _ in $(seq 1 3000); do kill -0 "$ens_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$ens_pid" 2>/dev/null && fail "the ensemble did not finish within 5 min of the kill"
wait "$ens_pid"
rc=$?
ens_pid=
[ $rc -eq 0 ] || fail "the ensemble exited $rc after member 1 was killed: $(tail -n 5 "$tmp/killed.log" | tr '\n' '|')"

runs=$out/ensemble_runs.json
[ -f "$runs" ] || fail "no ensemble_runs.json"
m1=$(jq -c '.members[] | select(.member == 1) | [.attempts, .failed_exit_statuses, .exit_status, .complete]' "$runs")
[ "$m1" = '[2,[137],0,true]' ] ||
  fail "member 1 in ensemble_runs.json: [attempts, failed_exit_statuses, exit_status, complete] = $m1, expected [2,[137],0,true]"
others=$(jq -c '[.members[] | select(.member != 1) | select(.attempts != 1 or .complete != true) | .member]' "$runs")
[ "$others" = '[]' ] || fail "members $others were retried or are incomplete, only member 1 was killed"

values "$tmp/ref" >"$tmp/ref.cdl" || fail "ncdump of the undisturbed run failed"
values "$out" >"$tmp/killed.cdl" || fail "ncdump of the killed run failed"
cmp -s "$tmp/ref.cdl" "$tmp/killed.cdl" ||
  fail "ensemble.nc values differ from the undisturbed run's: $(diff "$tmp/ref.cdl" "$tmp/killed.cdl" | head -n 4 | tr '\n' '|')"
echo "$name: PASS (member 1 killed, rerun once; ensemble.nc equal to the undisturbed run's)"
exit 0
