#include "twin/warning/warning_levels.hpp"

#include <cmath>
#include <iterator>
#include <sstream>

#include "grids/text_fields.hpp"

namespace floodtwin::twin {

WarningLevel warning_level(double stage_m, const StationThresholds& t) {
    if (std::isnan(stage_m)) return WarningLevel::none;
    // From the top down: the highest threshold reached decides.
    for (auto it = std::rbegin(warning_levels_rising); it != std::rend(warning_levels_rising); ++it)
        if (const auto start = level_start_m(*it, t); start && stage_m >= *start) return *it;
    return WarningLevel::none;
}

std::optional<double> level_start_m(WarningLevel level, const StationThresholds& t) {
    switch (level) {
        case WarningLevel::blue:
            if (t.warning_stage_m) return *t.warning_stage_m - t.blue_margin_m;
            return std::nullopt;
        case WarningLevel::yellow: return t.warning_stage_m;
        case WarningLevel::orange: return t.guaranteed_stage_m;
        case WarningLevel::red: return t.historical_max_m;
        case WarningLevel::none: break;
    }
    return std::nullopt;
}

std::optional<ThresholdOrderError> threshold_order_error(const StationThresholds& t) {
    struct Named {
        const char* key;
        const std::optional<double>& value;
    };
    const Named rising[] = {{"warning_stage", t.warning_stage_m},
                            {"guaranteed_stage", t.guaranteed_stage_m},
                            {"historical_max", t.historical_max_m}};
    // Every given pair, lower key first: a missing middle threshold still leaves the ends ordered.
    for (std::size_t hi = 1; hi < std::size(rising); ++hi)
        for (std::size_t lo = 0; lo < hi; ++lo)
            if (rising[lo].value && rising[hi].value && *rising[hi].value < *rising[lo].value)
                return ThresholdOrderError{rising[hi].key, std::string("must be at or above ") + rising[lo].key + " (" +
                                                               grids::number_text(*rising[lo].value) + " m), got " +
                                                               grids::number_text(*rising[hi].value) + " m"};
    return std::nullopt;
}

}  // namespace floodtwin::twin
