#!/bin/bash
# mpi-ensemble.sh - an ensemble's products do not depend on how its members were
# spread: the same 4-member valley-flood ensemble run as processes (no mpirun), under
# `mpirun -np 1` and under `mpirun -np 2` gives bit-identical ensemble.nc values; all
# 4 members complete each time, and the 2-rank run really ran members on rank 1.
#
# Usage: mpi-ensemble.sh FLOODTWIN SOURCE_DIR  (exit 0 pass, 1 fail, 77 skipped)
set -u
name="mpi-ensemble"
fail() { echo "$name: FAIL: $*"; exit 1; }
skip() { echo "$name: SKIP: $*"; exit 77; }

[ $# -eq 2 ] || { echo "usage: $0 FLOODTWIN SOURCE_DIR" >&2; exit 1; }
ft=$1 src=$2
case_file=$src/cases/examples/valley-flood/case.toml
[ -x "$ft" ] || fail "$ft is not an executable"
[ -f "$case_file" ] || fail "$case_file not found"
for tool in mpirun ncdump jq; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool not installed (openmpi-bin, netcdf-bin, jq)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX") || fail "mktemp"
trap 'rm -rf "$tmp"' EXIT

# Perturbed members, so that a mix-up of members would show in the products.
spread=(--set ensemble.inflow_error=0.3 --set 'ensemble.manning_factor=[0.8,1.2]'
        --set ensemble.rain_error=0.3)
mpi=(--oversubscribe)
[ "$(id -u)" = 0 ] && mpi+=(--allow-run-as-root)

# run LABEL [mpirun -np P]: the ensemble into $tmp/LABEL.
run() {
  local label=$1 rc
  shift
  timeout 300 "$@" "$ft" ensemble "$case_file" --members 4 --out "$tmp/$label" \
    --threads 1 --quiet "${spread[@]}" >"$tmp/$label.log" 2>&1
  rc=$?
  [ $rc -eq 0 ] || fail "$label run exited $rc: $(tail -n 5 "$tmp/$label.log" | tr '\n' '|')"
  [ -f "$tmp/$label/ensemble.nc" ] || fail "$label run wrote no ensemble.nc"
  local complete
  complete=$(jq '[.members[] | select(.complete == true)] | length' "$tmp/$label/ensemble_runs.json") ||
    fail "$label: cannot read ensemble_runs.json"
  [ "$complete" = 4 ] || fail "$label: $complete of 4 members complete in ensemble_runs.json"
}
# The values only: the global attributes hold the command line, which differs.
values() { ncdump -p 9,17 "$1/ensemble.nc" | sed '/^\/\/ global attributes/,/^data:/d'; }

run processes
run np1 mpirun "${mpi[@]}" -np 1
run np2 mpirun "${mpi[@]}" -np 2

[ "$(jq .ranks "$tmp/np1/ensemble_runs.json")" = 1 ] || fail "np1: ensemble_runs.json does not say 1 rank"
[ "$(jq .ranks "$tmp/np2/ensemble_runs.json")" = 2 ] || fail "np2: ensemble_runs.json does not say 2 ranks"
on_rank1=$(jq '[.members[] | select(.rank == 1)] | length' "$tmp/np2/ensemble_runs.json")
[ "$on_rank1" -ge 1 ] 2>/dev/null || fail "np2: no member ran on rank 1 (ensemble_runs.json)"

# Guard against a vacuous comparison: the members must really differ.
peaks=$(for m in 0 1 2 3; do jq '.gauges[0].peak_water_level_m' "$tmp/processes/members/000$m/summary.json"; done | sort -u | wc -l)
[ "$peaks" -ge 2 ] || fail "the 4 members have the same peak level: the perturbations did not apply"

values "$tmp/processes" >"$tmp/processes.cdl" || fail "ncdump of the processes run failed"
for label in np1 np2; do
  values "$tmp/$label" >"$tmp/$label.cdl" || fail "ncdump of the $label run failed"
  cmp -s "$tmp/processes.cdl" "$tmp/$label.cdl" ||
    fail "ensemble.nc values differ between the processes run and the $label run: $(diff "$tmp/processes.cdl" "$tmp/$label.cdl" | head -n 4 | tr '\n' '|')"
done
echo "$name: PASS ($on_rank1 of 4 members on rank 1 with 2 ranks; ensemble.nc equal in all 3 runs)"
exit 0
