#pragma once
// The one registry of case-file keys (PISM habit): each key is defined once, here, with
// its type, default, units, allowed values and documentation (the tables themselves in
// twin/case/case_keys.cpp and twin/case/network_keys.cpp). The loader (twin/case/
// case_document.cpp, case_entries.cpp, case_values.cpp) checks and converts every value,
// and applies every default, from this definition; the reference docs/case-file.md
// (twin/case/case_file_markdown.hpp) and the hints in error messages
// (twin/case/case_key_suggestions.hpp) are generated from it.
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace floodtwin::twin {

// How a value is written in the case file, and what it becomes in `Case`.
enum class CaseValueType {
    text,              // a string
    choice,            // a string from CaseKey::choices
    number,            // an integer or a float
    boolean,           // true | false
    instant,           // ISO 8601 date-time with a zone (string or TOML offset date-time)
    duration,          // "72h", "5min", "30s", "2d", or a number of seconds; > 0
    path,              // a file, relative to the case file's folder; must exist
    number_or_raster,  // a number (in `units`) or a raster path
    series,            // a number (constant), [[t, v], ...] inline, or a CSV path
    series_or_grid,    // a series, or a raster/NetCDF path (.tif, .tiff, .nc)
    bbox,              // [xmin, ymin, xmax, ymax]
    line,              // [[x0, y0], [x1, y1]]
    table,             // rows of `columns` numbers: [[145.0, 17.15e9], [175.0, 39.3e9]]
    text_list,         // ["Xiluodu", "Xiangjiaba"]
    numbers,           // [1, 1, 2]
    date_levels,       // a number (all year), or [["06-10", 145.0], ["10-01", 175.0]]: a level from each date on
};

// Allowed range of a number (and of each value of a series), in the file's units.
struct CaseRange {
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    bool lo_open = false;  // (lo, ...: lo itself excluded
    bool hi_open = false;
    [[nodiscard]] bool bounded() const;
    [[nodiscard]] bool contains(double v) const;
    [[nodiscard]] std::string text() const;  // "(0, 1]", ">= 0", "> 0"
};

// A top-level table: [case] once, or [[boundary]] repeated (`many`).
struct CaseTable {
    std::string_view name;
    bool many = false;
    std::string_view doc;
};

struct CaseKey {
    std::string_view table;  // "hydro"
    std::string_view name;   // "scheme"
    CaseValueType type = CaseValueType::text;
    bool required = false;          // (only where `when` holds, if it is set)
    std::string_view default_toml;  // the default as TOML text ("\"fv2\"", "0.035", "\"1h\""); empty: none
    std::string_view units;         // units in the file: "m", "m3/s", "mm/h"; empty: none
    double to_si = 1.0;             // file units -> SI in `Case` (mm/h -> m/s: 1 / 3.6e6)
    std::string_view choices;       // for `choice`: "fv1|fv2"
    CaseRange range;                // for numbers, series values and durations (in seconds)
    std::string_view range_note;    // why the range, said when a value is out of it: "at most 10 years"
    std::string_view when;          // "kind=inflow" or "type=min|max": the key belongs only to such entries
    std::string_view excludes;      // "depth": a key of the same table that may not be given too
    std::string_view doc;
    std::size_t columns = 2;        // for `table`: numbers per row
    std::string_view unless;        // a required key the river network may stand in for

    [[nodiscard]] std::string dotted() const;  // "hydro.scheme"
};

std::span<const CaseTable> case_tables();
std::span<const CaseKey> case_keys();

[[nodiscard]] const CaseTable* find_case_table(std::string_view name);
[[nodiscard]] const CaseKey* find_case_key(std::string_view table, std::string_view name);

// The key of the same table that `when` names ("kind" for "kind=inflow"), and the
// values of it for which this key applies ("inflow"; "min_release", "max_release").
[[nodiscard]] std::string_view case_key_when_on(const CaseKey& key);
[[nodiscard]] std::vector<std::string_view> case_key_when_values(const CaseKey& key);

// Whether an entry whose `when` key (`kind`, `type`) has `actual` takes this key.
[[nodiscard]] bool case_key_applies(const CaseKey& key, std::string_view actual);

// The allowed values of a `choice` key, split at '|'.
[[nodiscard]] std::vector<std::string_view> case_key_choices(const CaseKey& key);

// What a key takes, in words: in error messages ("expected a number", "one of \"fv1\",
// \"fv2\"") or in the reference's Type column (Markdown: "number", "one of `\"fv1\"`, ...").
enum class TypeNaming { message, reference };
[[nodiscard]] std::string case_key_type_text(const CaseKey& key, TypeNaming naming);

}  // namespace floodtwin::twin

// What is made from the registry, declared here too for those that include it alone:
// did-you-mean suggestions, and the reference docs/case-file.md.
#include "twin/case/case_file_markdown.hpp"
#include "twin/case/case_key_suggestions.hpp"
