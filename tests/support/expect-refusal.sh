#!/usr/bin/env bash
# expect-refusal.sh PATTERN COMMAND...: passes when COMMAND fails (non-zero exit) with a
# message matching the grep pattern PATTERN; prints the message either way. Both are
# needed: a matching message alone would pass a command that went on and succeeded.
pattern=$1
shift
out=$("$@" 2>&1)
status=$?
printf '%s\n' "$out"
if [ "$status" -eq 0 ]; then
  echo "expect-refusal: the command succeeded; it should have been refused" >&2
  exit 1
fi
printf '%s\n' "$out" | grep -q -e "$pattern" || { echo "expect-refusal: no message matching '$pattern'" >&2; exit 1; }
