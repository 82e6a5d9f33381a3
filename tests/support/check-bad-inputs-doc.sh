#!/usr/bin/env bash
# check-bad-inputs-doc.sh SOURCE_DIR: passes when docs/bad-inputs.md names every test
# of the reliability suite: the Boost test cases of the bad-input and reliability test
# files, and the CTest names of tests/app (refusals on the command line, fault scripts).
# A test added without its row in the table fails here.
set -u
src=$1
doc=$src/docs/bad-inputs.md
[ -f "$doc" ] || { echo "check-bad-inputs-doc: $doc is missing" >&2; exit 1; }
names=$(
    grep -ho 'BOOST_AUTO_TEST_CASE([a-z0-9_]*' "$src"/tests/twin/unit_bad_inputs.cpp \
        "$src"/tests/twin/regression_inputs.cpp "$src"/tests/twin/regression_reliability.cpp | cut -d'(' -f2
    grep -o 'reliability_refusal(app_[a-z0-9_]*' "$src"/tests/app/CMakeLists.txt | cut -d'(' -f2
    grep -o 'app_regression_cli_dem_takes_grid_crs' "$src"/tests/app/CMakeLists.txt
    for script in "$src"/tests/reliability/*.sh; do
        base=$(basename "$script" .sh)
        echo "app_regression_reliability_${base//-/_}"
    done
)
missing=0
count=0
for name in $(printf '%s\n' "$names" | sort -u); do
    count=$((count + 1))
    grep -q "\`$name\`" "$doc" || { echo "check-bad-inputs-doc: docs/bad-inputs.md does not list \`$name\`" >&2; missing=$((missing + 1)); }
done
[ "$count" -gt 30 ] || { echo "check-bad-inputs-doc: found only $count tests: the patterns above are stale" >&2; exit 1; }
[ "$missing" = 0 ] || exit 1
echo "check-bad-inputs-doc: all $count tests of the suite are in docs/bad-inputs.md"
