#!/bin/bash
# submit-ensemble.sh - queue a floodtwin ensemble on Slurm as a job array (one task
# per member, ensemble-array.sbatch) plus a reduce that waits for it
# (ensemble-reduce.sbatch, --dependency=afterany).
#
# Usage: submit-ensemble.sh CASE.toml OUT MEMBERS [floodtwin run options...]
#   e.g. submit-ensemble.sh case.toml ens 40 --set ensemble.rain_error=0.3
# Prints "array JOBID" and "reduce JOBID".
#
# Environment:
#   FLOODTWIN     the program the jobs run (default: floodtwin on PATH)
#   LOG_DIR       where the jobs' output goes (default: OUT/slurm-logs)
#   ARRAY_LIMIT   at most this many members at once (--array=...%N)
#   SBATCH_OPTS   more sbatch options for both jobs, split at spaces
#                 (--time, --cpus-per-task=4, ...); SBATCH_PARTITION, SBATCH_ACCOUNT
#                 and the like work as usual
# Resume: run the same command again; complete members are kept (their tasks exit
# at once) and the reduce runs again over all of them.
set -u

if [ $# -lt 3 ]; then
  echo "usage: submit-ensemble.sh CASE.toml OUT MEMBERS [floodtwin run options...]" >&2
  exit 2
fi
case_file=$1 out=$2 members=$3
shift 3
case $members in
  '' | *[!0-9]* | 0) echo "submit-ensemble.sh: MEMBERS must be a positive integer, got '$members'" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
log_dir=${LOG_DIR:-$out/slurm-logs}
# Slurm does not create the output folder: a job whose output cannot be opened fails unseen.
mkdir -p "$log_dir" || exit 1
range=0-$((members - 1))
[ -n "${ARRAY_LIMIT:-}" ] && range+="%$ARRAY_LIMIT"
# shellcheck disable=SC2206  # SBATCH_OPTS is meant to be split
extra=(${SBATCH_OPTS:-})
export MEMBERS=$members

array_id=$(sbatch --parsable "${extra[@]}" --array="$range" \
  --output="$log_dir/member-%A_%a.out" \
  "$here/ensemble-array.sbatch" "$case_file" "$out" "$@") || exit 1
array_id=${array_id%%;*}   # "id;cluster" on multi-cluster sites
reduce_id=$(sbatch --parsable "${extra[@]}" --dependency="afterany:$array_id" \
  --output="$log_dir/reduce-%j.out" \
  "$here/ensemble-reduce.sbatch" "$out") || { scancel "$array_id"; exit 1; }
reduce_id=${reduce_id%%;*}
echo "array $array_id"
echo "reduce $reduce_id"
