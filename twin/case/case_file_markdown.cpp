#include "twin/case/case_file_markdown.hpp"

#include <sstream>
#include <vector>

#include "twin/case/case_keys.hpp"

namespace floodtwin::twin {

namespace {

constexpr std::string_view intro =
    "# Case file reference\n\n"
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
    "  Durations are finite and greater than zero; some keys bound them further (their Type says).\n"
    "- **path**: a file name, relative to the folder of the case file (absolute paths are kept).\n"
    "  The file must exist.\n"
    "- **series**: a value that changes in time, interpolated linearly between points. A series\n"
    "  must cover the run, from `case.start` to `case.start` + `case.duration`: one that starts\n"
    "  later or ends earlier is refused, naming the span it leaves, unless its table's `extend`\n"
    "  says how to go on (`\"hold\"` its first and last values, `\"zero\"` none); summary.json's\n"
    "  `series_extended` lists every span so extended. One of\n"
    "  - a number: constant, at every time;\n"
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
    "word that is not valid TOML is taken as text. Entries of repeated tables (`[[boundary]]`,\n"
    "`[[gauge]]`, `[[node]]`, `[[joint]]`, ...) are named by their index from 0 and must exist in\n"
    "the file. An element of a list is named by its index from 0 too, `--set 'joint[0].tiers[1]=2'`,\n"
    "where the list is written in the file; a key of a table of a table by both names,\n"
    "`--set 'optimise.variable[0].max=80000'`. Paths are relative\n"
    "to the case file's folder here too. An override that changes a boundary's `kind` leaves the\n"
    "file's `discharge` or `level` for that boundary unused.\n\n"
    "## Keys\n";

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
extend = "zero"                   # the storm is over after 12 h: no rain to the end
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

// "`kind = \"inflow\"`", or "`type = \"min\"` or `\"max\"`" for alternatives.
std::string when_text(const CaseKey& k) {
    std::string s(1, '`');  // appended: GCC 12 warns falsely on "literal" + std::string&&
    s.append(case_key_when_on(k)).append(" = ");
    const auto values = case_key_when_values(k);
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) s.append(i + 1 == values.size() ? "` or `" : "`, `");
        s.append("\"").append(values[i]).append("\"");
    }
    return s.append("`");
}

// The Default column: required (and when), the default as TOML, or "-".
std::string default_text(const CaseKey& k) {
    if (k.required) return k.when.empty() ? "**required**" : "**required** when " + when_text(k);
    // Appended: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string&&.
    if (!k.default_toml.empty()) return std::string("`").append(k.default_toml).append("`");
    return "-";
}

// The Description column: the doc, then when the key applies and what it excludes.
std::string description(const CaseKey& k) {
    std::string doc(k.doc);
    if (!k.when.empty()) doc += " Only with " + when_text(k) + ".";
    // Both sides of an exclusion, though each is declared once.
    std::vector<std::string_view> excluded;
    if (!k.excludes.empty()) excluded.push_back(k.excludes);
    for (const CaseKey& other : case_keys())
        if (other.table == k.table && other.excludes == k.name) excluded.push_back(other.name);
    for (std::size_t i = 0; i < excluded.size(); ++i)
        doc += std::string(i ? ", `" : " Not together with `") + std::string(excluded[i]) + "`";
    if (!excluded.empty()) doc += ".";
    return doc;
}

// "| `scheme` | one of ... | `\"fv2\"` | ... |"
std::string key_row(const CaseKey& k) {
    std::string type = case_key_type_text(k, TypeNaming::reference);
    if (!k.units.empty()) type += ", " + std::string(k.units);
    if (k.range.bounded()) type += ", " + k.range.text();
    return "| `" + std::string(k.name) + "` | " + type + " | " + default_text(k) + " | " + description(k) + " |\n";
}

}  // namespace

std::string_view case_file_example() { return example; }

std::string case_file_markdown() {
    std::ostringstream o;
    o << intro;
    for (const CaseTable& t : case_tables()) {
        o << "\n### " << (t.many ? "[[" : "[") << t.name << (t.many ? "]]" : "]") << "\n\n" << t.doc << "\n\n";
        if (t.many) o << "Repeat the table for each " << t.name << ".\n\n";
        o << "| Key | Type | Default | Description |\n|---|---|---|---|\n";
        for (const CaseKey& k : case_keys())
            if (k.table == t.name) o << key_row(k);
    }
    o << "\n## Example\n\n```toml\n" << example << "```\n";
    return o.str();
}

}  // namespace floodtwin::twin
