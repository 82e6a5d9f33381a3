#pragma once
// How the four pre- report writes values, times and levels, shared by its sections
// (fourpre_report.cpp, ensemble_report.cpp).
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "twin/fourpre/fixed_text.hpp"
#include "twin/fourpre/svg_chart.hpp"
#include "twin/warning/warning_level.hpp"
#include "twin/warning/warning_levels.hpp"

namespace floodtwin::twin::report_terms {

// A dash in the report's tables where a value is missing.
inline std::string shown(double v, int decimals) { return fixed(v, decimals, "-"); }

// A time as tables show it: "18 Aug 04:23", in the zone given.
inline std::string when(double epoch_s, int utc_offset_min) {
    return std::isfinite(epoch_s) ? chart_time_label(epoch_s, utc_offset_min) : "-";
}

inline std::string level_class(WarningLevel l) { return l == WarningLevel::none ? "" : "level-" + to_string(l); }

// The warning levels' colours, for lines and series.
inline const char* level_colour(WarningLevel l) {
    switch (l) {
        case WarningLevel::blue: return "#2f6fd0";
        case WarningLevel::yellow: return "#c9a400";
        case WarningLevel::orange: return "#e67e22";
        case WarningLevel::red: return "#c0392b";
        default: return "#555555";
    }
}

// A station chart's threshold lines: warning (yellow), guaranteed (orange) and record
// (red) stage, those the station has.
inline std::vector<ChartLine> threshold_lines(const StationThresholds& t) {
    const std::pair<const std::optional<double>*, WarningLevel> lines[] = {
        {&t.warning_stage_m, WarningLevel::yellow}, {&t.guaranteed_stage_m, WarningLevel::orange},
        {&t.historical_max_m, WarningLevel::red}};
    const char* names[] = {"warning", "guaranteed", "record"};
    std::vector<ChartLine> out;
    for (std::size_t k = 0; k < 3; ++k)
        if (*lines[k].first)
            out.push_back({names[k] + std::string(" ") + shown(**lines[k].first, 2), **lines[k].first,
                           level_colour(lines[k].second)});
    return out;
}

}  // namespace floodtwin::twin::report_terms
