#!/usr/bin/env bash
# "Bring your own terrain" (docs/own-terrain.md), end to end, on the real SRTM tile in
# tests/data/srtm3 (New Hampshire, USA: NOT Chongqing): prepare a channel-burnt DEM with
# `floodtwin dem prepare`, write a minimal case that uses it, run it, check the outputs.
#
# The commands from "step 2" on are the ones the page shows, character for character;
# the last check fails when the page and this script drift apart.
#
# Usage: scripts/own-terrain-example.sh [FLOODTWIN_BINARY] [WORK_DIR]
#   FLOODTWIN_BINARY  default build/app/floodtwin
#   WORK_DIR          default a new temporary folder, removed afterwards; a folder given
#                     here is kept, with the example in WORK_DIR/lancaster
# CTest runs it as the test own_terrain_example (label regression).
set -euo pipefail

script=$(realpath "$0")
source_dir=$(cd "$(dirname "$script")/.." && pwd)
binary=$(realpath "${1:-$source_dir/build/app/floodtwin}")
if [ -n "${2:-}" ]; then
    work=$(mkdir -p "$2" && cd "$2" && pwd)
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
[ -x "$binary" ] || { echo "own-terrain-example: no floodtwin program at $binary" >&2; exit 1; }
floodtwin() { "$binary" "$@"; }
fail() {
    echo "own-terrain-example: FAIL: $*" >&2
    exit 1
}

# Step 1: the tiles, in a folder of their own (the page copies them the same way).
mkdir -p "$work/lancaster"
cp "$source_dir/tests/data/srtm3/N44W072.hgt" "$work/lancaster/"
cd "$work/lancaster"

# Step 2: the river's centre line, drawn along the lowest cells of the valley floor,
# in lon/lat (GeoJSON's default CRS), from upstream (north) to downstream (west).
cat > channel.geojson <<'EOF'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"name": "Connecticut River"},
  "geometry": {"type": "LineString", "coordinates": [
   [-71.58372, 44.51750], [-71.58401, 44.51114], [-71.58526, 44.50666],
   [-71.58824, 44.50299], [-71.58888, 44.49758], [-71.59083, 44.49479],
   [-71.59463, 44.49114], [-71.59767, 44.48734], [-71.60321, 44.48600],
   [-71.60869, 44.48479]]}}]}
EOF
# An illustrative embankment on the east side of the floodplain (not a real structure).
cat > levee.geojson <<'EOF'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"name": "example east-bank levee"},
  "geometry": {"type": "LineString", "coordinates": [
   [-71.58227, 44.51033], [-71.58321, 44.50311], [-71.58482, 44.49677]]}}]}
EOF

# Step 3: one solver-ready DEM: reprojected to UTM 19N at 30 m, cropped to 6 km x 6 km
# around Lancaster, voids filled, the channel burnt in and the levee raised.
floodtwin dem prepare --src N44W072.hgt --crs EPSG:32619 --resolution 30 \
    --bbox 292650,4926510,298650,4932510 --fill-holes 64 \
    --channels channel.geojson --channel-width 60 --channel-bed 0:252,4600:250.5 \
    --bank-slope 2 --bank-height 3 \
    --levees levee.geojson --levee-crest 261 --levee-width 20 \
    --out dem.tif

# Step 4: a minimal case on that DEM: the river enters through the north edge, leaves
# through the west edge, and one gauge stands in the channel.
cat > case.toml <<'EOF'
[case]
name = "Connecticut River at Lancaster NH (own-terrain example)"
start = "2024-04-15T08:00:00-04:00"
duration = "30min"

[grid]
dem = "dem.tif"

[initial]
dry = true

[hydro]
scheme = "fv2"
manning = 0.035

[[boundary]]
name = "Connecticut River inflow"
edge = "north"
from = 294450.0
to = 294850.0
kind = "inflow"
discharge = [[0, 0.0], [600, 300.0], [1800, 300.0]]

[[boundary]]
name = "Connecticut River outflow"
edge = "west"
from = 4928650.0
to = 4929450.0
kind = "free"

[[gauge]]
name = "channel 1.2 km downstream"
x = 294510.0
y = 4931400.0

[output]
map_interval = "10min"
gauge_interval = "1min"
EOF

# Step 5: run it.
floodtwin run case.toml --out out

# Checks: the DEM and the run's outputs exist and are sane.
for f in dem.tif out/results.nc out/max_depth.tif out/arrival_time.tif out/gauges.csv out/mass_balance.csv \
    out/summary.json; do
    [ -s "$f" ] || fail "$f is missing or empty"
done
info=$(gdalinfo -mm dem.tif)
grep -q "Size is 200, 200" <<<"$info" || fail "dem.tif is not 200 x 200 cells"
grep -q "Pixel Size = (30.000000000000000,-30.000000000000000)" <<<"$info" || fail "dem.tif cells are not 30 m"
grep -q 'ID\["EPSG",32619\]' <<<"$info" || fail "dem.tif is not in EPSG:32619"
grep -q "Origin = (292650.000000000000000,4932510.000000000000000)" <<<"$info" ||
    fail "dem.tif does not start at the north-west corner of --bbox"
grep -q "floodtwin_nodata_cells=0" <<<"$info" || fail "dem.tif has cells without data"
# The channel bed, 2.3 km down the centre line, lies on the --channel-bed profile
# (252 m at the top, 250.5 m at 4.6 km); the levee crest is at 261 m; the hills keep
# their height (455 m at most in this crop).
bed=$(gdallocationinfo -valonly -geoloc dem.tif 294180 4930400)
crest=$(gdallocationinfo -valonly -geoloc dem.tif 294700 4931400)
read -r dem_min dem_max < <(sed -n 's/.*Computed Min\/Max=\([-0-9.]*\),\([-0-9.]*\).*/\1 \2/p' <<<"$info")
awk -v b="$bed" -v c="$crest" -v lo="$dem_min" -v hi="$dem_max" \
    'BEGIN { exit !(b > 251.0 && b < 251.5 && c == 261 && lo > 249 && hi > 450 && hi < 460) }' ||
    fail "dem.tif: bed $bed m (expected 251.0-251.5), crest $crest m (261), range $dem_min .. $dem_max m"

summary=out/summary.json
mass_error=$(sed -n 's/^  "mass_error": \(.*\),$/\1/p' "$summary")
[ -n "$mass_error" ] || fail "no mass_error in $summary"
awk -v e="$mass_error" 'BEGIN { exit !(e < 1e-9 && e > -1e-9) }' || fail "mass error $mass_error is not below 1e-9"
grep -q '^  "nx": 200,$' "$summary" && grep -q '^  "ny": 200,$' "$summary" || fail "the run's grid is not 200 x 200"
inflow=$(sed -n 's/^    "inflow_m3": \(.*\),$/\1/p' "$summary")
# 0 -> 300 m3/s over 10 min, then 300 m3/s for 20 min: 90,000 + 360,000 m3.
awk -v v="$inflow" 'BEGIN { exit !(v > 449000 && v < 451000) }' || fail "inflow volume $inflow m3, expected 450,000"
# The wave reaches the gauge 1.2 km down the channel within the half hour.
awk -F, 'NR > 1 && $4 > 0.5 { wet = 1 } END { exit !wet }' out/gauges.csv ||
    fail "the gauge in the channel never got 0.5 m of water"

# The page shows these same commands: every line of its marked blocks is a line here.
doc="$source_dir/docs/own-terrain.md"
missing=$(awk '/<!-- run by scripts\/own-terrain-example.sh -->/ { marked = 1; next }
               marked && /^```sh$/ { inside = 1; next }
               inside && /^```$/ { inside = 0; marked = 0; next }
               inside && NF { print }' "$doc" | while IFS= read -r line; do
    grep -qxF -- "$line" "$script" || echo "  $line"
done)
[ -z "$missing" ] || fail "docs/own-terrain.md shows lines this script does not run:"$'\n'"$missing"
blocks=$(grep -c '<!-- run by scripts/own-terrain-example.sh -->' "$doc")
[ "$blocks" -ge 4 ] || fail "docs/own-terrain.md marks $blocks blocks as run by this script, expected 4 or more"

echo "own-terrain-example: OK: dem.tif 200 x 200 cells of 30 m in EPSG:32619, bed $bed m, crest $crest m;" \
    "mass error $mass_error (in $work/lancaster)"
