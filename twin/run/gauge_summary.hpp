#pragma once
// One gauge's entry in summary.json: its peak and when, its warning level at the peak,
// when it first reached each level, and the thresholds with their datum.
#include <cstddef>
#include <nlohmann/json.hpp>

#include "twin/case/case.hpp"
#include "twin/run/gauges.hpp"

namespace floodtwin::twin {

// Keys: name, peak_water_level_m, time_of_peak_s, time_of_peak (null when never wet);
// warning_level ("none" .. "red"); time_of_first_<level>_s and time_of_first_<level>
// (ISO 8601 in the case's zone) for each level reached; thresholds {datum,
// warning_stage_m, guaranteed_stage_m, historical_max_m (null when not given),
// blue_margin_m}, levels in the station's datum.
[[nodiscard]] nlohmann::json gauge_summary(const GaugeRecorder& gauges, std::size_t k, const Instant& start);

}  // namespace floodtwin::twin
