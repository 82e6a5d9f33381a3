#pragma once
// A station's flood-warning level from its water level and thresholds, as China's
// warning grades read (SL 758-2018 and provincial practice; see
// docs/warning-levels.md):
//   blue    approaching the warning stage (within blue_margin below it)
//   yellow  at or above the warning stage
//   orange  at or above the guaranteed stage
//   red     at or above the historical maximum
// Every boundary is inclusive. A threshold left out never gives its level: a station
// with only a guaranteed stage (Zhutuo) is orange or none. The one place that decides
// levels; runs, summaries and maps all ask here.
#include <optional>
#include <string>
#include <string_view>

#include "twin/warning/warning_level.hpp"

namespace floodtwin::twin {

// Levels are in the station's datum: the gauge's reported level (model level plus
// datum_offset), the same numbers the station's own bulletins use.
struct StationThresholds {
    std::optional<double> warning_stage_m;
    std::optional<double> guaranteed_stage_m;
    std::optional<double> historical_max_m;
    double blue_margin_m = 1.0;  // "approaching the warning stage": within this below it
    std::string datum;           // the datum's name, e.g. "Wusong"; empty: not stated

    [[nodiscard]] bool any() const { return warning_stage_m || guaranteed_stage_m || historical_max_m; }
};

// The level of `stage_m` (station datum); none for NaN (a dry gauge has no level).
[[nodiscard]] WarningLevel warning_level(double stage_m, const StationThresholds& t);

// The stage at which `level` begins, if the thresholds define it (blue: the warning
// stage less the margin); nothing for none or a level left undefined.
[[nodiscard]] std::optional<double> level_start_m(WarningLevel level, const StationThresholds& t);

// What breaks warning_stage <= guaranteed_stage <= historical_max (each pair of the
// given ones): the key that is too low (its case-file name, "guaranteed_stage") and why.
struct ThresholdOrderError {
    std::string key;
    std::string message;
};
[[nodiscard]] std::optional<ThresholdOrderError> threshold_order_error(const StationThresholds& t);

}  // namespace floodtwin::twin
