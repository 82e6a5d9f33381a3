#!/bin/bash
# slurm-ensemble.sh - the shipped Slurm scripts (scripts/slurm/) run a 4-member
# valley-flood ensemble on a throwaway one-node Slurm cluster (tests/hpc/slurm-cluster.sh):
#   (a) submit-ensemble.sh: a job array of ensemble-array.sbatch plus the dependent
#       ensemble-reduce.sbatch;
#   (b) ensemble-mpi.sbatch: one job, the ensemble under mpirun on 2 tasks;
# all jobs complete, and both ensemble.nc equal (in values) a local `floodtwin
# ensemble` run's. Then the array is resubmitted on its complete folder: every task
# keeps its member, and the members and ensemble.nc are unchanged.
# Skipped (77) only where the test cluster cannot start.
#
# Usage: slurm-ensemble.sh FLOODTWIN SOURCE_DIR  (exit 0 pass, 1 fail, 77 skipped)
set -u
name="slurm-ensemble"
fail() { echo "$name: FAIL: $*"; exit 1; }
skip() { echo "$name: SKIP: $*"; exit 77; }

[ $# -eq 2 ] || { echo "usage: $0 FLOODTWIN SOURCE_DIR" >&2; exit 1; }
ft=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")   # the jobs run in another cwd's shell
src=$2
case_file=$src/cases/examples/valley-flood/case.toml
scripts=$src/scripts/slurm
[ -x "$ft" ] || fail "$1 is not an executable"
[ -f "$case_file" ] || fail "$case_file not found"
for s in ensemble-array.sbatch ensemble-reduce.sbatch ensemble-mpi.sbatch submit-ensemble.sh; do
  [ -f "$scripts/$s" ] || fail "$scripts/$s not found"
done
for tool in ncdump jq mpirun; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool not installed (netcdf-bin, jq, openmpi-bin)"
done

# shellcheck source=tests/hpc/slurm-cluster.sh
. "$src/tests/hpc/slurm-cluster.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX") || fail "mktemp"
trap 'slurm_stop "$tmp/slurm"; rm -rf "$tmp"' EXIT
if ! slurm_start "$tmp/slurm" 2>"$tmp/slurm-start.err"; then
  skip "the test Slurm cluster did not start: $(tr '\n' ' ' <"$tmp/slurm-start.err" | cut -c1-600)"
fi

export FLOODTWIN=$ft
spread=(--set ensemble.inflow_error=0.3 --set 'ensemble.manning_factor=[0.8,1.2]'
        --set ensemble.rain_error=0.3)
logs=$tmp/logs
mkdir -p "$logs"
values() { ncdump -p 9,17 "$1/ensemble.nc" | sed '/^\/\/ global attributes/,/^data:/d'; }
# The job outputs, for a failure message.
log_tail() { tail -n 3 "$logs"/*.out 2>/dev/null | tr '\n' '|' | cut -c1-1500; }
# check_done JOBID LABEL: every task of the job ended COMPLETED with exit 0.
check_done() {
  local states bad
  states=$(slurm_job_states "$1")
  [ -n "$states" ] || fail "$2: job $1 unknown to slurmctld"
  bad=$(echo "$states" | awk '$2 != "COMPLETED" || $3 != "0:0"')
  [ -z "$bad" ] || fail "$2: $(echo "$bad" | tr '\n' ' ') -- $(log_tail)"
}

# (a) array + dependent reduce, through the helper as a user would.
ids=$(LOG_DIR=$logs bash "$scripts/submit-ensemble.sh" "$case_file" "$tmp/array" 4 "${spread[@]}" --quiet) ||
  fail "submit-ensemble.sh failed: $ids"
array_id=$(echo "$ids" | awk '$1 == "array" {print $2}')
reduce_id=$(echo "$ids" | awk '$1 == "reduce" {print $2}')
if [ -z "$array_id" ] || [ -z "$reduce_id" ]; then fail "submit-ensemble.sh printed no job ids: $ids"; fi
# (b) one MPI job; queued behind (a) on this 2-core node.
mpi_id=$(MEMBERS=4 sbatch --parsable --output="$logs/mpi-%j.out" \
  "$scripts/ensemble-mpi.sbatch" "$case_file" "$tmp/mpi" "${spread[@]}" --quiet) ||
  fail "sbatch ensemble-mpi.sbatch failed: $mpi_id"
mpi_id=${mpi_id%%;*}

# The local reference while the jobs queue.
timeout 300 "$ft" ensemble "$case_file" --members 4 --out "$tmp/local" --threads 1 --quiet "${spread[@]}" \
  >"$tmp/local.log" 2>&1 || fail "the local ensemble failed: $(tail -n 5 "$tmp/local.log" | tr '\n' '|')"

slurm_wait_job "$reduce_id" 300 || fail "the reduce job $reduce_id did not finish: $(log_tail)"
slurm_wait_job "$mpi_id" 300 || fail "the MPI job $mpi_id did not finish: $(log_tail)"
check_done "$array_id" "array"
check_done "$reduce_id" "reduce"
check_done "$mpi_id" "MPI job"

[ "$(jq '[.members[] | select(.complete == true)] | length' "$tmp/mpi/ensemble_runs.json" 2>/dev/null)" = 4 ] ||
  fail "MPI job: ensemble_runs.json does not show 4 complete members"
[ "$(jq .ranks "$tmp/mpi/ensemble_runs.json")" = 2 ] || fail "MPI job: ensemble_runs.json does not say 2 ranks"
grep -q '4 of 4 members' "$logs/reduce-$reduce_id.out" ||
  fail "reduce job output does not say '4 of 4 members': $(tr '\n' '|' <"$logs/reduce-$reduce_id.out")"

values "$tmp/local" >"$tmp/local.cdl" || fail "ncdump of the local run failed"
for label in array mpi; do
  [ -f "$tmp/$label/ensemble.nc" ] || fail "$label: no ensemble.nc"
  values "$tmp/$label" >"$tmp/$label.cdl" || fail "ncdump of the $label ensemble.nc failed"
  cmp -s "$tmp/local.cdl" "$tmp/$label.cdl" ||
    fail "$label ensemble.nc values differ from the local run's: $(diff "$tmp/local.cdl" "$tmp/$label.cdl" | head -n 4 | tr '\n' '|')"
done

# Resubmitting on the complete folder: no member runs again, nothing changes.
sums() { (cd "$tmp/array" && md5sum members/*/results.nc members/*/summary.json); }
sums >"$tmp/before.md5"
t0=$(date +%s)
ids=$(LOG_DIR=$logs bash "$scripts/submit-ensemble.sh" "$case_file" "$tmp/array" 4 "${spread[@]}" --quiet) ||
  fail "resubmitting failed: $ids"
array2=$(echo "$ids" | awk '$1 == "array" {print $2}')
reduce2=$(echo "$ids" | awk '$1 == "reduce" {print $2}')
slurm_wait_job "$reduce2" 120 || fail "the resubmitted reduce $reduce2 did not finish: $(log_tail)"
resubmit_s=$(( $(date +%s) - t0 ))
check_done "$array2" "resubmitted array"
check_done "$reduce2" "resubmitted reduce"
kept=$(cat "$logs/member-${array2}"_*.out 2>/dev/null | grep -c 'already complete')
[ "$kept" = 4 ] || fail "resubmitted array: $kept of 4 tasks kept their complete member"
sums | cmp -s - "$tmp/before.md5" || fail "resubmitting changed the members' results"
values "$tmp/array" | cmp -s - "$tmp/local.cdl" || fail "resubmitting changed ensemble.nc's values"

echo "$name: PASS (array+reduce and MPI job equal the local run; resubmission kept all 4 members, ${resubmit_s} s)"
exit 0
