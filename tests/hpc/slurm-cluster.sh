# shellcheck shell=bash
# slurm-cluster.sh - start/stop a throwaway single-node Slurm cluster for tests.
#
# Usage (from any cwd):
#   source tests/hpc/slurm-cluster.sh
#   slurm_start DIR            # -> 0 when the node is idle and usable, else 1
#   jid=$(sbatch --parsable --wrap 'hostname > DIR/out.txt')
#   slurm_wait_job "$jid" 120  # -> 0 once the job (all array tasks) left the queue
#   slurm_stop DIR             # idempotent; also fine after a failed start
#
# Everything (config, munge key/socket, spool, state, logs, pid files) lives
# under DIR; nothing is read from or written to /etc/slurm or /etc/munge.
# slurm_start exports SLURM_CONF=DIR/etc/slurm.conf, so sbatch/squeue/srun/
# scontrol/sinfo in the calling shell (and its children) talk to this cluster.
# The munge socket is DIR/munge/munge.socket; slurm.conf points Slurm at it
# through AuthInfo=socket=... (clients pick that up from SLURM_CONF too).
#
# Job success: there is no slurmdbd (AccountingStorageType=accounting_storage/none),
# so `sacct` does NOT work.  Tests should decide success by checking the
# outputs the job writes.  For a short while after a job ends (MinJobAge,
# 300 s here) `slurm_job_states JOBID` prints "JOBID STATE EXITCODE" lines
# from `scontrol show job`, which can be used as an extra check.
#
# Works as root (SlurmdUser=root).  As a normal user the daemons all run as
# that user; jobs then can only run as that same user, which is what tests do.
#
# The file only defines functions and variables named slurm_*; it does not
# change shell options (no set -e).

slurm_ctld_bin=${slurm_ctld_bin:-slurmctld}
slurm_d_bin=${slurm_d_bin:-slurmd}
slurm_munged_bin=${slurm_munged_bin:-munged}
slurm_start_timeout=${slurm_start_timeout:-30}

# Absolute path of DIR (created if missing); printed on stdout.
slurm__absdir() {
    mkdir -p -- "$1" || return 1
    (cd -- "$1" && pwd -P)
}

# Print a free TCP port in 20000-40000 (not equal to $1 if given).
slurm__free_port() {
    local slurm_p slurm_i
    for slurm_i in $(seq 1 200); do
        slurm_p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 20001 ))
        [ "$slurm_p" = "${1:-}" ] && continue
        if command -v ss >/dev/null 2>&1; then
            if [ -z "$(ss -Htan "( sport = :$slurm_p )" 2>/dev/null)" ]; then
                echo "$slurm_p"; return 0
            fi
        elif ! (exec 3<>"/dev/tcp/127.0.0.1/$slurm_p") 2>/dev/null; then
            echo "$slurm_p"; return 0
        fi
    done
    return 1
}

# Kill one pid (TERM, wait up to ~5 s, then KILL) and wait until it is gone.
slurm__kill_pid() {
    local slurm_pid=$1 slurm_i
    [ -n "$slurm_pid" ] && kill -0 "$slurm_pid" 2>/dev/null || return 0
    kill -TERM "$slurm_pid" 2>/dev/null
    for slurm_i in $(seq 1 50); do
        kill -0 "$slurm_pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$slurm_pid" 2>/dev/null
    for slurm_i in $(seq 1 30); do
        kill -0 "$slurm_pid" 2>/dev/null || return 0
        sleep 0.1
    done
    return 0
}

# Pids of processes named $2 (comm) whose command line or environment
# mentions directory $1 - i.e. daemons/stepds belonging to this DIR only.
slurm__pids_for_dir() {
    local slurm_dir=$1 slurm_name=$2 slurm_p slurm_comm
    for slurm_p in /proc/[0-9]*; do
        slurm_comm=$(cat "$slurm_p/comm" 2>/dev/null) || continue
        [ "$slurm_comm" = "$slurm_name" ] || continue
        if { tr '\0' '\n' <"$slurm_p/cmdline"; } 2>/dev/null | grep -qF -- "$slurm_dir/" ||
           { tr '\0' '\n' <"$slurm_p/environ"; } 2>/dev/null | grep -qxF -- "SLURM_CONF=$slurm_dir/etc/slurm.conf"; then
            echo "${slurm_p#/proc/}"
        fi
    done
}

# Stop daemon $2 (comm name) using pid file $3, plus any stray instance for DIR $1.
slurm__stop_daemon() {
    local slurm_dir=$1 slurm_name=$2 slurm_pidfile=$3 slurm_pid
    if [ -f "$slurm_pidfile" ]; then
        slurm_pid=$(tr -dc '0-9' <"$slurm_pidfile" 2>/dev/null)
        if [ -n "$slurm_pid" ] && [ "$(cat "/proc/$slurm_pid/comm" 2>/dev/null)" = "$slurm_name" ]; then
            slurm__kill_pid "$slurm_pid"
        fi
        rm -f -- "$slurm_pidfile"
    fi
    for slurm_pid in $(slurm__pids_for_dir "$slurm_dir" "$slurm_name"); do
        slurm__kill_pid "$slurm_pid"
    done
}

# slurm_stop DIR : stop slurmd, slurmctld, munged of this DIR. Always returns 0.
slurm_stop() {
    local slurm_dir
    if [ -z "${1:-}" ]; then echo "slurm_stop: usage: slurm_stop DIR" >&2; return 1; fi
    [ -d "$1" ] || return 0
    slurm_dir=$(cd -- "$1" && pwd -P) || return 0
    # Cancel remaining jobs quickly if the controller still answers.
    if [ -f "$slurm_dir/etc/slurm.conf" ] && [ -f "$slurm_dir/run/slurmctld.pid" ]; then
        # shellcheck disable=SC2046  # word splitting of the job id list is wanted
        SLURM_CONF="$slurm_dir/etc/slurm.conf" timeout 5 scancel --quiet --full \
            $(SLURM_CONF="$slurm_dir/etc/slurm.conf" timeout 5 squeue -h -o %A 2>/dev/null) \
            >/dev/null 2>&1
    fi
    slurm__stop_daemon "$slurm_dir" slurmd "$slurm_dir/run/slurmd.pid"
    slurm__stop_daemon "$slurm_dir" slurmstepd /nonexistent
    slurm__stop_daemon "$slurm_dir" slurmctld "$slurm_dir/run/slurmctld.pid"
    slurm__stop_daemon "$slurm_dir" munged "$slurm_dir/munge/munged.pid"
    rm -f -- "$slurm_dir/munge/munge.socket" "$slurm_dir/munge/munge.socket.lock"
    return 0
}

# One-line failure message with log tail, then stop everything.
slurm__fail() {
    local slurm_dir=$1 slurm_msg=$2 slurm_log=${3:-} slurm_tail=""
    # Daemon log empty/missing: fall back to its captured stdout/stderr (.out).
    if [ -n "$slurm_log" ] && [ ! -s "$slurm_log" ] && [ -s "${slurm_log%.log}.out" ]; then
        slurm_log=${slurm_log%.log}.out
    fi
    if [ -n "$slurm_log" ] && [ -f "$slurm_log" ]; then
        slurm_tail=$(tail -n 5 "$slurm_log" 2>/dev/null | tr '\n' '|' | cut -c1-1500)
        slurm_tail=" -- tail of $slurm_log: $slurm_tail"
    fi
    echo "slurm_start: $slurm_msg$slurm_tail" >&2
    slurm_stop "$slurm_dir"
    return 1
}

# slurm_start DIR : start munged + slurmctld + slurmd under DIR.
slurm_start() {
    local slurm_dir slurm_host slurm_user slurm_duser slurm_cport slurm_dport
    local slurm_cpus slurm_mem slurm_i slurm_state slurm_pid slurm_t0
    if [ -z "${1:-}" ]; then echo "slurm_start: usage: slurm_start DIR" >&2; return 1; fi
    local slurm_b
    for slurm_b in "$slurm_munged_bin" "$slurm_ctld_bin" "$slurm_d_bin" sinfo sbatch squeue; do
        if ! command -v "$slurm_b" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$slurm_b" ]; then
            echo "slurm_start: required program '$slurm_b' not found" >&2; return 1
        fi
    done
    slurm_dir=$(slurm__absdir "$1") || { echo "slurm_start: cannot create $1" >&2; return 1; }
    slurm_t0=$(date +%s)

    # Leftovers from an earlier run in this same DIR.
    slurm_stop "$slurm_dir"
    rm -rf -- "$slurm_dir/spool" "$slurm_dir/run" "$slurm_dir/munge" "$slurm_dir/log"
    mkdir -p -- "$slurm_dir"/{etc,spool/ctld,spool/d,log,run,munge} ||
        { echo "slurm_start: cannot create directories under $slurm_dir" >&2; return 1; }
    chmod 0700 "$slurm_dir/munge"
    chmod 0755 "$slurm_dir" "$slurm_dir/etc" "$slurm_dir/spool" "$slurm_dir/log" "$slurm_dir/run" 2>/dev/null

    slurm_host=$(hostname -s)
    slurm_user=$(id -un)
    if [ "$(id -u)" = 0 ]; then slurm_duser=root; else slurm_duser=$slurm_user; fi
    slurm_cpus=$(getconf _NPROCESSORS_ONLN)  # not nproc: it honours OMP_NUM_THREADS (run-tests.sh sets 1)
    slurm_mem=$(free -m | awk '/^Mem:/ {print $2}')
    slurm_mem=$(( slurm_mem > 2048 ? slurm_mem - 1024 : slurm_mem / 2 ))
    slurm_cport=$(slurm__free_port) || { echo "slurm_start: no free port" >&2; return 1; }
    slurm_dport=$(slurm__free_port "$slurm_cport") || { echo "slurm_start: no free port" >&2; return 1; }

    # --- munge -------------------------------------------------------------
    local slurm_m="$slurm_dir/munge"
    slurm_munge_socket="$slurm_m/munge.socket"
    export slurm_munge_socket
    if ! dd if=/dev/urandom of="$slurm_m/munge.key" bs=1024 count=1 status=none ||
       ! chmod 0400 "$slurm_m/munge.key"; then
        echo "slurm_start: cannot write munge key" >&2; return 1
    fi
    : >"$slurm_m/munged.log"; chmod 0600 "$slurm_m/munged.log"
    if ! "$(command -v "$slurm_munged_bin" || echo "/usr/sbin/$slurm_munged_bin")" \
            --force \
            --socket="$slurm_munge_socket" \
            --key-file="$slurm_m/munge.key" \
            --pid-file="$slurm_m/munged.pid" \
            --log-file="$slurm_m/munged.log" \
            --seed-file="$slurm_m/munged.seed" \
            >>"$slurm_m/munged.log" 2>&1 </dev/null; then
        slurm__fail "$slurm_dir" "munged failed to start" "$slurm_m/munged.log"; return 1
    fi
    for slurm_i in $(seq 1 50); do
        [ -S "$slurm_munge_socket" ] && break
        sleep 0.1
    done
    if [ ! -S "$slurm_munge_socket" ]; then
        slurm__fail "$slurm_dir" "munged did not create its socket $slurm_munge_socket" "$slurm_m/munged.log"; return 1
    fi

    # --- config ------------------------------------------------------------
    : >"$slurm_dir/etc/cgroup.conf"
    : >"$slurm_dir/etc/plugstack.conf"
    cat >"$slurm_dir/etc/slurm.conf" <<EOF
# Generated by tests/hpc/slurm-cluster.sh - throwaway single-node test cluster.
ClusterName=floodtwin-test
SlurmctldHost=$slurm_host
SlurmUser=$slurm_user
SlurmdUser=$slurm_duser
SlurmctldPort=$slurm_cport
SlurmdPort=$slurm_dport
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$slurm_munge_socket
StateSaveLocation=$slurm_dir/spool/ctld
SlurmdSpoolDir=$slurm_dir/spool/d
SlurmctldPidFile=$slurm_dir/run/slurmctld.pid
SlurmdPidFile=$slurm_dir/run/slurmd.pid
SlurmctldLogFile=$slurm_dir/log/slurmctld.log
SlurmdLogFile=$slurm_dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
PlugStackConfig=$slurm_dir/etc/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
ReturnToService=2
InactiveLimit=0
KillWait=5
MinJobAge=300
SlurmctldTimeout=30
SlurmdTimeout=60
Waittime=0
NodeName=$slurm_host NodeAddr=127.0.0.1 CPUs=$slurm_cpus RealMemory=$slurm_mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
    SLURM_CONF="$slurm_dir/etc/slurm.conf"
    export SLURM_CONF
    slurm_conf_dir=$slurm_dir
    export slurm_conf_dir

    # --- slurmctld ---------------------------------------------------------
    local slurm_ctld slurm_sd
    slurm_ctld=$(command -v "$slurm_ctld_bin" || echo "/usr/sbin/$slurm_ctld_bin")
    slurm_sd=$(command -v "$slurm_d_bin" || echo "/usr/sbin/$slurm_d_bin")
    if ! (cd "$slurm_dir" && "$slurm_ctld" -c -f "$SLURM_CONF" \
            >>"$slurm_dir/log/slurmctld.out" 2>&1 </dev/null); then
        slurm__fail "$slurm_dir" "slurmctld failed to start" "$slurm_dir/log/slurmctld.log"; return 1
    fi
    # --- slurmd ------------------------------------------------------------
    if ! (cd "$slurm_dir" && "$slurm_sd" -f "$SLURM_CONF" -N "$slurm_host" \
            >>"$slurm_dir/log/slurmd.out" 2>&1 </dev/null); then
        slurm__fail "$slurm_dir" "slurmd failed to start" "$slurm_dir/log/slurmd.log"; return 1
    fi

    # --- wait for the node to become idle ----------------------------------
    slurm_state=""
    for slurm_i in $(seq 1 $(( slurm_start_timeout * 4 ))); do
        slurm_state=$(timeout 5 sinfo -h -o %T 2>/dev/null | head -n1)
        case "$slurm_state" in
            idle|idle\~|mixed|allocated) break ;;
        esac
        if [ "$slurm_i" -gt 8 ]; then
            slurm_pid=$(tr -dc '0-9' <"$slurm_dir/run/slurmctld.pid" 2>/dev/null)
            if [ -z "$slurm_pid" ] || ! kill -0 "$slurm_pid" 2>/dev/null; then
                slurm__fail "$slurm_dir" "slurmctld died" "$slurm_dir/log/slurmctld.log"; return 1
            fi
            slurm_pid=$(tr -dc '0-9' <"$slurm_dir/run/slurmd.pid" 2>/dev/null)
            if [ -z "$slurm_pid" ] || ! kill -0 "$slurm_pid" 2>/dev/null; then
                slurm__fail "$slurm_dir" "slurmd died" "$slurm_dir/log/slurmd.log"; return 1
            fi
        fi
        sleep 0.25
    done
    case "$slurm_state" in
        idle|idle\~|mixed|allocated) ;;
        *)
            slurm__fail "$slurm_dir" "node not idle after ${slurm_start_timeout}s (state '${slurm_state:-no answer}'; see also $slurm_dir/log/slurmctld.log)" \
                "$slurm_dir/log/slurmd.log"
            return 1 ;;
    esac
    # Seconds slurm_start took (informational, for the caller).
    export slurm_start_seconds=$(( $(date +%s) - slurm_t0 ))
    return 0
}

# slurm_wait_job JOBID [TIMEOUT_S] : wait until JOBID (all array tasks) has
# left the queue (no pending/running/completing entries). 1 on timeout.
slurm_wait_job() {
    local slurm_job=${1:-} slurm_to=${2:-300} slurm_end slurm_out
    if [ -z "$slurm_job" ]; then echo "slurm_wait_job: usage: slurm_wait_job JOBID [TIMEOUT_S]" >&2; return 1; fi
    slurm_job=${slurm_job%%;*}   # accept "id;cluster" from sbatch --parsable
    slurm_end=$(( $(date +%s) + slurm_to ))
    while :; do
        slurm_out=$(squeue -h --jobs="$slurm_job" \
            --states=PENDING,RUNNING,COMPLETING,CONFIGURING,SUSPENDED,REQUEUED,REQUEUE_HOLD,REQUEUE_FED,RESIZING,SIGNALING,STAGE_OUT,STOPPED,RESV_DEL_HOLD \
            -o %i 2>/dev/null)
        [ -z "$slurm_out" ] && return 0
        if [ "$(date +%s)" -ge "$slurm_end" ]; then
            echo "slurm_wait_job: job $slurm_job still in queue after ${slurm_to}s" >&2
            return 1
        fi
        sleep 0.5
    done
}

# slurm_job_states JOBID : print "JOBID STATE EXITCODE" for the job (one line
# per array task) while slurmctld still remembers it (MinJobAge=300 s).
slurm_job_states() {
    scontrol -o show job "${1:?usage: slurm_job_states JOBID}" 2>/dev/null |
        awk '{ id = ""; at = ""; tid = ""; st = ""; ec = ""
               for (i = 1; i <= NF; i++) {
                   split($i, kv, "=")
                   if (kv[1] == "JobId") id = kv[2]
                   else if (kv[1] == "ArrayJobId") at = kv[2]
                   else if (kv[1] == "ArrayTaskId") tid = kv[2]
                   else if (kv[1] == "JobState") st = kv[2]
                   else if (kv[1] == "ExitCode") ec = kv[2]
               }
               if (at != "" && tid != "") id = at "_" tid
               print id, st, ec }'
}
