#include "twin/case/case_keys.hpp"

#include "twin/case/network_keys.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

namespace floodtwin::twin {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr CaseRange positive{.lo = 0.0, .hi = inf, .lo_open = true};
constexpr CaseRange non_negative{.lo = 0.0, .hi = inf};
constexpr double mm_per_h_to_m_per_s = 1.0 / 3.6e6;

using T = CaseValueType;

// Keys are written with designated initializers, naming only what they set; GCC 12
// still warns about the members left to their defaults (fixed in later GCCs).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

// clang-format off
constexpr CaseTable core_tables[] = {
    {"case", false, "The case: its name and the simulated period."},
    {"grid", false,
     "The terrain. The DEM is read with GDAL; with `crs` or `resolution` it is warped, with `bbox` "
     "cropped, and holes of up to 16 cells are filled."},
    {"initial", false,
     "Water at the start: a uniform `water_level`, a `depth` raster, or neither for a dry start."},
    {"hydro", false, "The shallow-water solver."},
    {"boundary", true,
     "A stretch of one edge of the grid where water enters or leaves; edges without one are walls. "
     "The stretch runs `from` .. `to` along the edge (either may be left out: the edge's end), or along "
     "a `line` whose end points lie on the edge, or over the whole edge. Whether the stretch lies on "
     "the grid is checked when the run reads the DEM."},
    {"source", true,
     "A point inflow (a tributary, an outfall): a discharge added to the cells whose centres lie within "
     "`radius` of (`x`, `y`)."},
    {"rain", false, "Rain over the grid, and losses (infiltration) taken from the water depth."},
    {"gauge", true,
     "A point where the water level, depth and velocity are recorded every `output.gauge_interval` "
     "(gauges.csv). With thresholds it is a warning station: its level is graded blue (approaching the "
     "warning stage), yellow (at or above it), orange (at or above the guaranteed stage) or red (at or "
     "above the historical maximum), every boundary inclusive; gauges.csv, summary.json and the maps "
     "show the grade."},
    {"output", false, "What the run writes, and how often."},
};

constexpr CaseKey core_keys[] = {
    // [case]
    {.table = "case", .name = "name", .type = T::text, .required = true,
     .doc = "Name of the case, written into every output."},
    {.table = "case", .name = "start", .type = T::instant, .required = true,
     .doc = "When the simulation starts. Outputs give times in the same zone."},
    {.table = "case", .name = "duration", .type = T::duration, .required = true, .units = "s",
     .doc = "Simulated time."},
    // [grid]
    {.table = "grid", .name = "dem", .type = T::path,
     .doc = "The DEM: any raster GDAL reads (GeoTIFF, ...), elevations in metres. Required by `floodtwin "
            "run`; a case without it is a river network alone (`floodtwin route`)."},
    {.table = "grid", .name = "crs", .type = T::text,
     .doc = "A metric CRS to reproject the DEM to, such as `\"EPSG:32648\"`. Default: the DEM's own."},
    {.table = "grid", .name = "resolution", .type = T::number, .units = "m", .range = positive,
     .doc = "Cell size to resample the DEM to. Default: the DEM's own."},
    {.table = "grid", .name = "bbox", .type = T::bbox, .units = "CRS units",
     .doc = "Crop the DEM to this box, in the target CRS. Default: the whole DEM."},
    // [initial]
    {.table = "initial", .name = "water_level", .type = T::number, .units = "m", .excludes = "depth",
     .doc = "A uniform water level: cells whose bed lies below it start wet."},
    {.table = "initial", .name = "depth", .type = T::path,
     .doc = "A raster of initial depths (m), matched to the grid."},
    {.table = "initial", .name = "dry", .type = T::boolean,
     .doc = "`true`: start dry, as when neither `water_level` nor `depth` is given. `dry = true` with either "
            "of them is an error, and so is `dry = false` without one."},
    // [hydro]
    {.table = "hydro", .name = "scheme", .type = T::choice, .default_toml = "\"fv2\"", .choices = "fv1|fv2",
     .doc = "`fv1`: first order (Godunov, HLLC flux, hydrostatic reconstruction). `fv2`: second order "
            "(MUSCL + SSP-RK2): sharper fronts for about twice the work per step."},
    {.table = "hydro", .name = "cfl", .type = T::number, .range = {.lo = 0.0, .hi = 1.0, .lo_open = true},
     .doc = "Courant number. Default: the scheme's own, 0.9 for `fv1` and 0.5 for `fv2`."},
    {.table = "hydro", .name = "manning", .type = T::number_or_raster, .default_toml = "0.035",
     .units = "s/m^(1/3)", .range = positive,
     .doc = "Manning's roughness n: one number for the whole grid, or a raster of n matched to the grid."},
    {.table = "hydro", .name = "dry_depth", .type = T::number, .default_toml = "1e-4", .units = "m",
     .range = positive, .doc = "Below this depth a cell holds water but no momentum."},
    {.table = "hydro", .name = "arrival_depth", .type = T::number, .default_toml = "0.1", .units = "m",
     .range = positive, .doc = "The depth that marks the arrival of the flood (the arrival-time map)."},
    // [[boundary]]
    {.table = "boundary", .name = "name", .type = T::text,
     .doc = "Name in outputs. Default: `\"<edge> <kind> <n>\"`, n the entry's index from 0."},
    {.table = "boundary", .name = "edge", .type = T::choice, .required = true,
     .choices = "north|south|east|west", .doc = "The edge of the grid."},
    {.table = "boundary", .name = "from", .type = T::number, .units = "CRS units", .excludes = "line",
     .doc = "Start of the stretch along the edge: an x on `north` and `south`, a y on `east` and `west`. "
            "Default: the edge's low end."},
    {.table = "boundary", .name = "to", .type = T::number, .units = "CRS units", .excludes = "line",
     .doc = "End of the stretch, above `from`. Default: the edge's high end."},
    {.table = "boundary", .name = "line", .type = T::line, .units = "CRS units",
     .doc = "The stretch as a line whose end points lie on the edge."},
    {.table = "boundary", .name = "kind", .type = T::choice, .required = true, .choices = "inflow|stage|free|wall",
     .doc = "`inflow`: a discharge enters; `stage`: the water level is imposed; `free`: water leaves freely "
            "(zero gradient); `wall`: closed."},
    {.table = "boundary", .name = "discharge", .type = T::series, .required = true, .units = "m3/s",
     .when = "kind=inflow",
     .doc = "Discharge entering through the stretch. Not needed when a `[[node]]` of kind `domain_inlet` "
            "feeds the boundary (a coupled run).",
     .unless = "a domain_inlet node feeds the boundary"},
    {.table = "boundary", .name = "level", .type = T::series, .required = true, .units = "m",
     .when = "kind=stage",
     .doc = "Water level imposed on the stretch. Not needed when `[backwater]` sets it (a coupled run).",
     .unless = "[backwater] sets it"},
    // [[source]]
    {.table = "source", .name = "name", .type = T::text,
     .doc = "Name in outputs. Default: `\"source <n>\"`, n the entry's index from 0."},
    {.table = "source", .name = "kind", .type = T::choice, .default_toml = "\"point_inflow\"",
     .choices = "point_inflow", .doc = "The kind of source; the only one so far."},
    {.table = "source", .name = "x", .type = T::number, .required = true, .units = "CRS units",
     .doc = "Where the water enters."},
    {.table = "source", .name = "y", .type = T::number, .required = true, .units = "CRS units",
     .doc = "Where the water enters."},
    {.table = "source", .name = "radius", .type = T::number, .default_toml = "0.0", .units = "m",
     .range = non_negative, .doc = "Spread the discharge over the cells within this distance; 0: the one cell."},
    {.table = "source", .name = "discharge", .type = T::series, .required = true, .units = "m3/s",
     .doc = "Discharge added. Not needed when a `[[node]]` of kind `domain_inlet` feeds the source.",
     .unless = "a domain_inlet node feeds the source"},
    // [rain]
    {.table = "rain", .name = "intensity", .type = T::series_or_grid, .units = "mm/h",
     .to_si = mm_per_h_to_m_per_s, .range = non_negative,
     .doc = "Rain intensity: a series uniform over the grid, or a grid file (.tif, .tiff or .nc) of "
            "intensities on the prepared grid cell for cell. One band without a time is a pattern constant "
            "in time (a design storm). Otherwise each band is a frame (radar or forecast) with its time: in "
            "NetCDF the CF time coordinate (`seconds since 2020-08-18T00:00:00+08:00`; also minutes, hours, "
            "days; a reference without a zone is UTC), in GeoTIFF the band description, an ISO 8601 instant "
            "with a zone. Times must increase from band to band. A frame holds from its time until the next; "
            "the last holds to the end of the run, so end a storm with a frame of zeros; before the first "
            "frame there is no rain. Default: no rain."},
    {.table = "rain", .name = "loss", .type = T::number_or_raster, .default_toml = "0.0", .units = "mm/h",
     .to_si = mm_per_h_to_m_per_s, .range = non_negative,
     .doc = "Loss rate (infiltration) while a cell is wet: one number, or a raster (mm/h)."},
    // [[gauge]]
    {.table = "gauge", .name = "name", .type = T::text, .required = true,
     .doc = "The gauge's column in gauges.csv; unique."},
    {.table = "gauge", .name = "x", .type = T::number, .required = true, .units = "CRS units",
     .doc = "Where the gauge stands."},
    {.table = "gauge", .name = "y", .type = T::number, .required = true, .units = "CRS units",
     .doc = "Where the gauge stands."},
    {.table = "gauge", .name = "datum_offset", .type = T::number, .default_toml = "0.0", .units = "m",
     .doc = "Added to the water level when it is reported: the station's datum."},
    {.table = "gauge", .name = "datum", .type = T::text,
     .doc = "Name of the station's vertical datum, e.g. `\"Wusong\"` or `\"Huanghai\"`: the datum of the "
            "reported levels and of the thresholds below. Default: not stated."},
    {.table = "gauge", .name = "warning_stage", .type = T::number, .units = "m",
     .doc = "Warning stage (警戒水位) in the station's datum: at or above it the gauge is at warning level "
            "yellow, and within `blue_margin` below it blue (approaching). Default: none."},
    {.table = "gauge", .name = "guaranteed_stage", .type = T::number, .units = "m",
     .doc = "Guaranteed stage (保证水位) in the station's datum: at or above it, orange. Not below "
            "`warning_stage`. Default: none."},
    {.table = "gauge", .name = "historical_max", .type = T::number, .units = "m",
     .doc = "Highest stage on record in the station's datum: at or above it, red. Not below "
            "`guaranteed_stage` or `warning_stage`. Default: none."},
    {.table = "gauge", .name = "blue_margin", .type = T::number, .default_toml = "1.0", .units = "m",
     .range = non_negative,
     .doc = "How far below `warning_stage` a level counts as approaching it (warning level blue); 0: never "
            "blue."},
    // [output]
    {.table = "output", .name = "map_interval", .type = T::duration, .default_toml = "\"1h\"", .units = "s",
     .doc = "Interval between the map frames in results.nc."},
    {.table = "output", .name = "gauge_interval", .type = T::duration, .default_toml = "\"5min\"", .units = "s",
     .doc = "Interval between the rows of gauges.csv."},
    {.table = "output", .name = "checkpoint_interval", .type = T::duration, .units = "s",
     .doc = "Interval between checkpoints, from which `floodtwin run --resume` continues. Default: none."},
    {.table = "output", .name = "maps", .type = T::boolean, .default_toml = "false",
     .doc = "Also render maps at the end: max_depth.png, arrival_time.png, max_depth_3d.png and flood.mp4 "
            "(gauges drawn as stations in their warning colours, with `rivers` when given)."},
    {.table = "output", .name = "map_note", .type = T::text,
     .doc = "A note printed on every map, e.g. that the terrain is schematic. Default: none."},
    {.table = "output", .name = "rivers", .type = T::path,
     .doc = "River centre lines drawn in blue on the rendered maps: GeoJSON (or any vector file GDAL reads) "
            "of LineStrings, in lon/lat or, with a `crs` member, in the DEM's CRS. Default: none."},
};

// clang-format on
#pragma GCC diagnostic pop

constexpr std::string_view example = R"toml(# The August 2020 flood at the confluence of the Yangtze and the Jialing.
[case]
name = "chongqing-2020-08"
start = "2020-08-18T00:00:00+08:00"
duration = "72h"

[grid]
dem = "dem.tif"
crs = "EPSG:32648"
resolution = 30.0

[initial]
water_level = 165.0

[hydro]
scheme = "fv2"
manning = 0.035

[[boundary]]
name = "Zhutuo"
edge = "west"
kind = "inflow"
discharge = "zhutuo.csv"          # time,value; time in seconds or ISO 8601

[[boundary]]
name = "Beibei"
edge = "north"
from = 640000.0
to = 652000.0
kind = "inflow"
discharge = [[0, 12000.0], ["2020-08-19T12:00:00+08:00", 25000.0], [259200, 9000.0]]

[[boundary]]
name = "Tongluoxia"
edge = "east"
kind = "stage"
level = 161.8

[[source]]
name = "Huaxi"
x = 655000.0
y = 3270000.0
radius = 60.0
discharge = 19.7

[rain]
intensity = [[0, 0.0], [21600, 36.0], [43200, 0.0]]   # mm/h
loss = 2.0

[[gauge]]
name = "Cuntan"
x = 660500.0
y = 3275200.0
datum = "Wusong"
datum_offset = 1.49               # Wusong minus Huanghai at Cuntan (the DEM's heights)
warning_stage = 180.5
guaranteed_stage = 183.5

[output]
map_interval = "1h"
gauge_interval = "5min"
checkpoint_interval = "6h"
)toml";

std::size_t threshold(std::string_view name) {
    return name.size() <= 3 ? 1 : std::max<std::size_t>(2, name.size() / 3);
}

std::string type_text(const CaseKey& k) {
    switch (k.type) {
        case T::text: return "text";
        case T::choice: {
            std::string s = "one of ";
            const auto choices = case_key_choices(k);
            for (std::size_t i = 0; i < choices.size(); ++i)
                s += (i ? ", `\"" : "`\"") + std::string(choices[i]) + "\"`";
            return s;
        }
        case T::number: return "number";
        case T::boolean: return "boolean";
        case T::instant: return "date-time";
        case T::duration: return "duration";
        case T::path: return "path";
        case T::number_or_raster: return "number or raster path";
        case T::series: return "series";
        case T::series_or_grid: return "series or grid path";
        case T::bbox: return "`[xmin, ymin, xmax, ymax]`";
        case T::line: return "`[[x0, y0], [x1, y1]]`";
        case T::table: return "table of rows of " + std::to_string(k.columns) + " numbers";
        case T::text_list: return "list of text";
        case T::numbers: return "list of numbers";
        case T::date_levels: return "number or `[[\"MM-DD\", level], ...]`";
    }
    return "?";
}

// "`kind = \"inflow\"`", or "`type = \"min\"` or `\"max\"`" for alternatives.
std::string when_text(std::string_view when) {
    const auto eq = when.find('=');
    std::string s(1, '`');  // appended: GCC 12 warns falsely on "literal" + std::string&&
    s.append(when.substr(0, eq)).append(" = ");
    std::string_view rest = when.substr(eq + 1);
    for (bool first = true; !rest.empty(); first = false) {
        const auto bar = rest.find('|');
        if (!first) s.append(bar == std::string_view::npos ? "` or `" : "`, `");
        s.append("\"").append(rest.substr(0, bar)).append("\"");
        if (bar == std::string_view::npos) break;
        rest.remove_prefix(bar + 1);
    }
    return s.append("`");
}

}  // namespace

bool CaseRange::bounded() const { return std::isfinite(lo) || std::isfinite(hi); }

bool CaseRange::contains(double v) const {
    if (std::isnan(v)) return false;
    if (lo_open ? !(v > lo) : !(v >= lo)) return false;
    if (hi_open ? !(v < hi) : !(v <= hi)) return false;
    return true;
}

std::string CaseRange::text() const {
    auto num = [](double v) {
        std::ostringstream o;
        o << v;
        return o.str();
    };
    if (std::isfinite(lo) && std::isfinite(hi))
        return std::string(lo_open ? "(" : "[") + num(lo) + ", " + num(hi) + (hi_open ? ")" : "]");
    if (std::isfinite(lo)) return std::string(lo_open ? "> " : ">= ") + num(lo);
    if (std::isfinite(hi)) return std::string(hi_open ? "< " : "<= ") + num(hi);
    return "any";
}

std::string CaseKey::dotted() const { return std::string(table) + "." + std::string(name); }

// The 2D keys here, the river network's in twin/case/network_keys.cpp: one registry.
std::span<const CaseTable> case_tables() {
    static const std::vector<CaseTable> all = [] {
        std::vector<CaseTable> v(std::begin(core_tables), std::end(core_tables));
        const auto more = network_case_tables();
        v.insert(v.end(), more.begin(), more.end());
        return v;
    }();
    return all;
}

std::span<const CaseKey> case_keys() {
    static const std::vector<CaseKey> all = [] {
        std::vector<CaseKey> v(std::begin(core_keys), std::end(core_keys));
        const auto more = network_case_keys();
        v.insert(v.end(), more.begin(), more.end());
        return v;
    }();
    return all;
}

const CaseTable* find_case_table(std::string_view name) {
    for (const CaseTable& t : case_tables())
        if (t.name == name) return &t;
    return nullptr;
}

const CaseKey* find_case_key(std::string_view table, std::string_view name) {
    for (const CaseKey& k : case_keys())
        if (k.table == table && k.name == name) return &k;
    return nullptr;
}

bool case_key_applies(const CaseKey& key, std::string_view actual) {
    if (key.when.empty()) return true;
    std::string_view rest = key.when.substr(key.when.find('=') + 1);
    while (true) {
        const auto bar = rest.find('|');
        if (rest.substr(0, bar) == actual) return true;
        if (bar == std::string_view::npos) return false;
        rest.remove_prefix(bar + 1);
    }
}

std::vector<std::string_view> case_key_choices(const CaseKey& key) {
    std::vector<std::string_view> out;
    std::string_view rest = key.choices;
    while (!rest.empty()) {
        const auto bar = rest.find('|');
        out.push_back(rest.substr(0, bar));
        if (bar == std::string_view::npos) break;
        rest.remove_prefix(bar + 1);
    }
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment: "shceme" is one swap from "scheme".
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

std::optional<std::string> nearest_case_key(std::string_view table, std::string_view name) {
    std::optional<std::string> best;
    std::size_t best_score = 0;
    auto consider = [&](std::size_t score, std::size_t limit, std::string candidate) {
        if (score <= limit && (!best || score < best_score)) {
            best = std::move(candidate);
            best_score = score;
        }
    };
    if (name.empty()) {
        // A top-level key: a misspelt table, or a key written outside its table.
        for (const CaseTable& t : case_tables()) consider(edit_distance(table, t.name), threshold(table), std::string(t.name));
        for (const CaseKey& k : case_keys()) consider(1 + edit_distance(table, k.name), threshold(table), k.dotted());
        return best;
    }
    // Same table: the spelling counts; another table costs one more (a key put in the
    // wrong table, or a misspelt table name).
    for (const CaseKey& k : case_keys()) {
        const std::size_t table_cost = k.table == table ? 0 : 1;
        consider(table_cost + edit_distance(name, k.name), threshold(name), k.dotted());
    }
    return best;
}

std::string_view case_file_example() { return example; }

std::string case_file_markdown() {
    std::ostringstream o;
    o << "# Case file reference\n\n"
         "<!-- Generated from the key registry in twin/case/case_keys.cpp by case_file_markdown()\n"
         "     (`floodtwin docs case-file`): edit the registry, not this file. -->\n\n"
         "A case is one [TOML](https://toml.io) file that says what to simulate: the terrain, the water\n"
         "at the start, the solver, boundaries, sources, rain, gauges and outputs. It is read once and\n"
         "checked whole before the run starts; every error names the file, the key\n"
         "(`boundary[1].discharge`) and the line.\n\n"
         "Units are SI unless a key says otherwise; rain and losses are in mm/h. Coordinates (`x`, `y`,\n"
         "`from`, `to`, `line`, `bbox`) are in the units of the grid's CRS: metres in a projected CRS.\n\n"
         "## Value forms\n\n"
         "- **date-time**: ISO 8601 with a zone, `\"2020-08-18T00:00:00+08:00\"` or\n"
         "  `\"2020-08-17T16:00:00Z\"`, quoted or as a bare TOML date-time. A time without a zone is an\n"
         "  error: a flood in Chongqing and its forecast in UTC are eight hours apart.\n"
         "- **duration**: a number of seconds, or text with a unit: `\"30s\"`, `\"5min\"`, `\"1.5h\"`, `\"2d\"`.\n"
         "  Durations are greater than zero.\n"
         "- **path**: a file name, relative to the folder of the case file (absolute paths are kept).\n"
         "  The file must exist.\n"
         "- **series**: a value that changes in time, interpolated linearly between points and held\n"
         "  constant before the first and after the last. One of\n"
         "  - a number: constant;\n"
         "  - inline points `[[t, value], ...]`, where `t` is seconds from `case.start` or a date-time;\n"
         "  - a CSV file: a header line, then `time,value` rows, `time` again seconds from `case.start`\n"
         "    or a date-time. Blank lines and lines starting with `#` are skipped.\n\n"
         "  Times must increase strictly, and values be finite.\n"
         "- **number or raster path**: one value for the whole grid, or a raster (any GDAL format) that\n"
         "  is matched to the grid.\n\n"
         "## Overrides\n\n"
         "Any key can be set on the command line with its dotted name, after the file is read:\n\n"
         "```sh\n"
         "floodtwin run case.toml --set hydro.scheme=fv1 --set hydro.cfl=0.8 \\\n"
         "    --set output.map_interval=30min --set 'boundary[0].kind=free'\n"
         "```\n\n"
         "The value is read as a TOML value (`0.8`, `true`, `\"text\"`, `[[0, 1.0], [3600, 2.0]]`); a bare\n"
         "word that is not valid TOML is taken as text. Entries of `[[boundary]]`, `[[source]]` and\n"
         "`[[gauge]]` are named by their index from 0 and must exist in the file. Paths are relative\n"
         "to the case file's folder here too. An override that changes a boundary's `kind` leaves the\n"
         "file's `discharge` or `level` for that boundary unused.\n\n"
         "## Keys\n";
    for (const CaseTable& t : case_tables()) {
        o << "\n### " << (t.many ? "[[" : "[") << t.name << (t.many ? "]]" : "]") << "\n\n" << t.doc << "\n\n";
        if (t.many) o << "Repeat the table for each " << t.name << ".\n\n";
        o << "| Key | Type | Default | Description |\n|---|---|---|---|\n";
        for (const CaseKey& k : case_keys()) {
            if (k.table != t.name) continue;
            std::string type = type_text(k);
            if (!k.units.empty()) type += ", " + std::string(k.units);
            if (k.range.bounded()) type += ", " + k.range.text();
            std::string def;
            if (k.required)
                def = k.when.empty() ? "**required**" : "**required** when " + when_text(k.when);
            else if (!k.default_toml.empty())
                def = "`" + std::string(k.default_toml) + "`";
            else
                def = "-";
            std::string doc(k.doc);
            if (!k.when.empty()) doc += " Only with " + when_text(k.when) + ".";
            // Both sides of an exclusion, though each is declared once.
            std::vector<std::string_view> excluded;
            if (!k.excludes.empty()) excluded.push_back(k.excludes);
            for (const CaseKey& other : case_keys())
                if (other.table == k.table && other.excludes == k.name) excluded.push_back(other.name);
            for (std::size_t i = 0; i < excluded.size(); ++i)
                doc += std::string(i ? ", `" : " Not together with `") + std::string(excluded[i]) + "`";
            if (!excluded.empty()) doc += ".";
            o << "| `" << k.name << "` | " << type << " | " << def << " | " << doc << " |\n";
        }
    }
    o << "\n## Example\n\n```toml\n" << example << "```\n";
    return o.str();
}

}  // namespace floodtwin::twin
