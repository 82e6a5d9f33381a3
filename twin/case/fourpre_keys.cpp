#include "twin/case/fourpre_keys.hpp"

#include "twin/case/case_key_table.hpp"

namespace floodtwin::twin {

namespace {

using namespace key_table;

constexpr double week_s = 7.0 * 86400.0;

// clang-format off
constexpr CaseTable tables[] = {
    {"fourpre", false,
     "The four pre- workflow of a flood-control office at each forecast issue time (`floodtwin fourpre`, "
     "`floodtwin cycle`): forecast (预报) from the previous cycle's state or a cold start, station updating, "
     "warnings (预警), the rehearsal (预演) of every `[[plan]]` from the same state, and the plan (预案) "
     "ranked first by the rule written here. Ignored by `floodtwin run`."},
    {"observed", true,
     "Observations up to the issue time, kept apart from the forecast series after it: a station's "
     "stage (a `[[gauge]]` or a station node), a node's discharge, a reservoir's pool level, or an "
     "inflow node's inflow. Stages update the station's forecast (AR(1) on the error); levels reset the "
     "reservoir at the issue time (the difference is reported); inflows replace the forecast inflow up "
     "to the issue time."},
    {"area", true,
     "An area warnings are given for: a district or a protected object (old town, hospital, metro "
     "entrance), as polygons in a file OGR reads, in any CRS. Its warning is graded by the largest "
     "depth on its land (`fourpre.area_depths`), with the flooded area, the time of first flooding and "
     "the people and assets affected where they are given."},
    {"plan", true,
     "A candidate plan: the baseline case with the overrides of `set` (as `--set`) and the rules, "
     "breaches and detention areas of its own `[[plan.rule]]`, `[[plan.breach]]` and "
     "`[[plan.detention]]` tables added to the case's. `floodtwin run --plan NAME` runs it alone; "
     "`floodtwin fourpre` rehearses every plan from the same state."},
};

constexpr CaseKey keys[] = {
    // [fourpre]
    {.table = "fourpre", .name = "spin_up", .type = T::duration, .default_toml = "\"24h\"", .units = "s",
     .doc = "A cold start (no previous cycle's state) runs the case this long before the issue time, from "
            "its `[initial]` water and the reservoirs' `initial_level`, with the observed inflows."},
    {.table = "fourpre", .name = "horizon", .type = T::duration, .default_toml = "\"72h\"", .units = "s",
     .range = {.lo = 0.0, .hi = week_s, .lo_open = true}, .range_note = "at most 7 days",
     .doc = "How far the forecast and each plan run after the issue time; at most 7 days."},
    {.table = "fourpre", .name = "update_window", .type = T::duration, .default_toml = "\"24h\"", .units = "s",
     .doc = "The station errors (observed - model) the updating is fitted to: this long before the issue time."},
    {.table = "fourpre", .name = "update_step", .type = T::duration, .default_toml = "\"1h\"", .units = "s",
     .doc = "The spacing of those errors, and the step of the AR(1) model fitted to them."},
    {.table = "fourpre", .name = "numbering", .type = T::text_list,
     .doc = "Flood numbering: the nodes whose flow (a node) or inflow (a reservoir) numbers a flood when it "
            "reaches `numbering_threshold`, such as `[\"Cuntan outflow\", \"Three Gorges\"]`. Default: none."},
    {.table = "fourpre", .name = "numbering_threshold", .type = T::number, .default_toml = "50000.0",
     .units = "m3/s", .range = positive,
     .doc = "The flow that numbers a flood (Changjiang: 50,000 m3/s at Cuntan or into Three Gorges)."},
    {.table = "fourpre", .name = "numbering_separation", .type = T::duration, .default_toml = "\"48h\"",
     .units = "s", .doc = "A new number only for a crossing at least this long after the previous number."},
    {.table = "fourpre", .name = "numbers_before", .type = T::number, .default_toml = "0",
     .range = {.lo = 0.0, .hi = 99.0}, .doc = "Floods already numbered this year: the next is this plus one."},
    {.table = "fourpre", .name = "last_numbered", .type = T::instant,
     .doc = "When the last of those was numbered (the separation rule across issue times)."},
    {.table = "fourpre", .name = "area_depths", .type = T::numbers, .default_toml = "[0.15, 0.5, 1.5, 3.0]",
     .units = "m",
     .doc = "Area warnings blue, yellow, orange and red at these largest depths on the area's land (the "
            "depth classes of the inundation map)."},
    {.table = "fourpre", .name = "ranking", .type = T::text_list,
     .default_toml = "[\"highest_warning\", \"warnings\", \"protected_area\", \"control_peak\", \"storage_left\"]",
     .doc = "How plans are ranked after the hard limits (no reservoir above its design flood level, no "
            "release above capacity): these objectives in order, each deciding only between plans equal on "
            "the ones before. `highest_warning`, `warnings` (station warnings, summed by grade), "
            "`protected_area` (flooded land in `protected` areas), `flooded_area` (all flooded land), "
            "`control_peak` (peak stage at `control_station`), `storage_left` (water stored above dead "
            "level at the end, for supply and power), `energy`, `minimum_flow_hours` (hours below "
            "ecological and navigation minimum releases), `supply_short` (water the `[[demand]]`s do not get), "
            "`minimum_hours` (hours below the `downstream_minimum` rules' minimums: navigation depths, supply "
            "and ecological flows at their stations). Station warnings include the low-flow (drought) ones."},
    {.table = "fourpre", .name = "control_station", .type = T::text,
     .doc = "The `[[gauge]]` whose peak `control_peak` compares. Default: the first gauge."},
    {.table = "fourpre", .name = "parallel", .type = T::number, .default_toml = "0",
     .range = {.lo = 0.0, .hi = 256.0},
     .doc = "Plans rehearsed at once, each on one thread; 0: as many as the cores. Plans times threads "
            "never exceed the cores."},
    {.table = "fourpre", .name = "sender", .type = T::text, .default_toml = "\"floodtwin\"",
     .doc = "The CAP `sender` of the warnings (no spaces, commas or `<`, `&`)."},
    {.table = "fourpre", .name = "sender_name", .type = T::text,
     .default_toml = "\"floodtwin forecast (simulation, not an official warning)\"",
     .doc = "The CAP `senderName`: who issues the warnings."},
    {.table = "fourpre", .name = "cap_status", .type = T::choice, .default_toml = "\"Exercise\"",
     .choices = "Actual|Exercise|System|Test|Draft",
     .doc = "The CAP `status` of the warnings: `Exercise` (a hindcast, a drill), or `Actual` where an office "
            "issues them for real."},
    {.table = "fourpre", .name = "normal_river", .type = T::path,
     .doc = "The normal river, the water there before the flood, which the maps show as river and no "
            "warning counts as flooding: a raster, on any grid (warped with nearest), river where it is at "
            "least 0.15 (a depth in m, or 1 in a mask such as `floodtwin dem chongqing --channels` writes). "
            "Default: where `[initial]` leaves at least 0.15 m of water."},
    // [[observed]]
    {.table = "observed", .name = "station", .type = T::text, .required = true,
     .doc = "A `[[gauge]]`, a `[[node]]` or a `[[reservoir]]`, by name."},
    {.table = "observed", .name = "quantity", .type = T::choice, .required = true,
     .choices = "stage|discharge|level|inflow",
     .doc = "`stage`: a gauge's or station node's water level, in the station's datum. `discharge`: a "
            "node's flow. `level`: a reservoir's pool level. `inflow`: an inflow node's inflow."},
    {.table = "observed", .name = "series", .type = T::series, .required = true,
     .doc = "The observations: `[[t, v], ...]` or a CSV file, in m or m3/s; they may end at the issue time "
            "(their table's series do not have to cover the run)."},
    {.table = "observed", .name = "datum", .type = T::text,
     .doc = "Stages: the datum they are in, which must be the station's."},
    {.table = "observed", .name = "note", .type = T::text, .doc = "Where the observations come from."},
    // [[area]]
    {.table = "area", .name = "name", .type = T::text, .required = true, .doc = "Name in warnings and maps."},
    {.table = "area", .name = "file", .type = T::path, .required = true,
     .doc = "Polygons OGR reads (GeoJSON, Shapefile, GeoPackage), in any CRS (GeoJSON without `crs`: lon/lat)."},
    {.table = "area", .name = "feature", .type = T::text,
     .doc = "The feature of `file` whose `name` property is this. Default: every polygon of the file."},
    {.table = "area", .name = "kind", .type = T::choice, .default_toml = "\"protected\"",
     .choices = "district|protected",
     .doc = "`protected`: an object the plans protect (the ranking's `protected_area`); `district`: a "
            "district warned for."},
    {.table = "area", .name = "people", .type = T::number, .range = non_negative,
     .doc = "People living or present in the area: those affected are this times the flooded share of its land."},
    {.table = "area", .name = "assets", .type = T::number, .range = non_negative,
     .doc = "Assets in the area (in `assets_unit`), affected by the flooded share as `people`."},
    {.table = "area", .name = "assets_unit", .type = T::text, .default_toml = "\"CNY\"",
     .doc = "The unit of `assets`."},
    // [[plan]]
    {.table = "plan", .name = "name", .type = T::text, .required = true,
     .doc = "Unique among plans; its outputs are in `rehearsal/<name>/`. `baseline` is the case as written."},
    {.table = "plan", .name = "reason", .type = T::text, .required = true,
     .doc = "Why the plan is a candidate: shown beside it in the comparison and the report."},
    {.table = "plan", .name = "set", .type = T::text_list,
     .doc = "Overrides of the case, each as `--set` takes it: `[\"joint[0].target_flow=70000\"]`."},
};
// clang-format on

}  // namespace

std::span<const CaseTable> fourpre_case_tables() { return tables; }
std::span<const CaseKey> fourpre_case_keys() { return keys; }

}  // namespace floodtwin::twin
