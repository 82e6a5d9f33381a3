#!/usr/bin/env bash
# Reliability: `floodtwin run` on a file system that fills up, at sizes that make it
# fail at different outputs (results.nc, map segments, checkpoints, GeoTIFFs, CSVs,
# summary.json). Every failure ends with exit status 1 (never a crash) and a message
# that says "no space left on device"; no final output is half written (each opens);
# and a checkpoint left behind resumes on a roomier disk. Needs root to mount a tmpfs:
# without that it is skipped (exit 77) and says why.   Usage: disk-full.sh FLOODTWIN SOURCE_DIR
set -u
ft=$1
src=$2
work=$(mktemp -d)
mnt=$work/full
mkdir -p "$mnt"
trap 'umount "$mnt" 2> /dev/null; rm -rf "$work"' EXIT
fail() { echo "disk-full: FAIL: $*" >&2; exit 1; }
if ! mount -t tmpfs -o size=64k tmpfs "$mnt" 2> /dev/null; then
    echo "disk-full: skipped: cannot mount a small tmpfs here (needs root and mount rights)"
    exit 77
fi
umount "$mnt"
case=$src/cases/examples/valley-flood/case.toml
with_checkpoints=(--set case.duration=6h --set boundary[0].extend=hold --set output.checkpoint_interval=1h --set output.map_interval=30min)
without=(--set case.duration=6h --set boundary[0].extend=hold --set output.checkpoint_interval=1e9 --set output.map_interval=30min)
failed=0

# One run on a file system of `size` (tmpfs); $1 size, the rest the run's --set options.
try_size() {
    local size=$1
    shift
    mount -t tmpfs -o "size=$size" tmpfs "$mnt" || fail "cannot mount $size"
    "$ft" run "$case" --out "$mnt/out" --quiet "$@" 2> "$work/err"
    local status=$?
    if [ "$status" = 0 ]; then
        echo "disk-full: $size: enough room, the run completed"
    else
        cat "$work/err" >> "$work/messages"
        [ "$status" = 1 ] || fail "$size: exit status $status (1 expected; 139 is a crash): $(cat "$work/err")"
        grep -q "no space left on device" "$work/err" || fail "$size: the message does not say the disk is full"
        failed=$((failed + 1))
    fi
    [ -z "$(find "$mnt" -name '*.tmp[0-9]*')" ] || fail "$size: temporary files left behind"
    [ ! -e "$mnt/out/.floodtwin.lock" ] || fail "$size: the lock was left behind"
    if [ -e "$mnt/out/results.nc" ]; then ncdump -h "$mnt/out/results.nc" > /dev/null || fail "$size: results.nc is broken"; fi
    for tif in "$mnt"/out/*.tif; do [ -e "$tif" ] && { gdalinfo "$tif" > /dev/null || fail "$size: $tif is broken"; }; done
    local last
    last=$(ls "$mnt"/out/checkpoints/*.ckpt 2> /dev/null | sort | tail -1)
    if [ "$status" != 0 ] && [ -n "$last" ]; then
        # The last good checkpoint, moved to a disk with room, resumes and completes.
        rm -rf "$work/roomy" && cp -r "$mnt/out" "$work/roomy"
        "$ft" run "$case" --out "$work/roomy" --quiet "$@" --resume "$work/roomy/checkpoints/$(basename "$last")" ||
            fail "$size: the last checkpoint left on the full disk does not resume"
        echo "disk-full: $size: failed cleanly; $(basename "$last") resumed elsewhere"
    fi
    umount "$mnt"
}

# With checkpoints: failures in results.nc, the map segments and the checkpoints.
for size in 32k 128k 256k 512k 768k 1m 1536k 2m; do try_size "$size" "${with_checkpoints[@]}"; done
# Without: failures in the last outputs (GeoTIFFs, CSVs, summary), just short of what
# the run needs, measured first on a roomy disk.
"$ft" run "$case" --out "$work/measure" --quiet "${without[@]}" || fail "the measuring run failed"
need_k=$(du -sk "$work/measure" | cut -f1)
for short in 72 56 44 32 20 12; do try_size "$((need_k - short))k" "${without[@]}"; done

kinds=0
for kind in 'results.nc' 'maps_[0-9]*.nc' '\.ckpt' '\.tif' '\.csv'; do
    grep -q "cannot write [^:]*$kind" "$work/messages" && kinds=$((kinds + 1))
done
[ "$kinds" -ge 4 ] || fail "the failures reached only $kinds kinds of output: $(sort -u "$work/messages")"
echo "disk-full: $failed sizes failed cleanly, in $kinds kinds of output"
