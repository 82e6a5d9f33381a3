#pragma once
// How the four pre- report writes values, times and levels, shared by its sections
// (fourpre_report.cpp, ensemble_report.cpp).
#include <cmath>
#include <string>

#include "twin/fourpre/fixed_text.hpp"
#include "twin/fourpre/svg_chart.hpp"
#include "twin/warning/warning_level.hpp"

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

}  // namespace floodtwin::twin::report_terms
