#pragma once
// Warning grading in time: when a station's forecast series first reaches each warning
// level, by stage (the thresholds of twin/warning/warning_levels.hpp, station datum) or
// by discharge (return-period flows), its peak, and lead times as a bulletin writes them.
// Every boundary is inclusive, as in warning_levels.hpp. Pure numerics: no files, no
// logging.
#include <optional>
#include <string>
#include <vector>

#include "twin/warning/warning_levels.hpp"

namespace floodtwin::twin {

struct LevelCrossing {
    WarningLevel level;
    double threshold;  // where the level starts (m in station datum, or m3/s)
    double epoch_s;    // first time the series reaches it (see level_crossings)
};

// One crossing per level the series reaches, in rising order (blue first). The time is
// interpolated linearly between the last sample below the level's start and the first at
// or above it; a first (valid) sample already at or above gives that sample's time. NaN
// samples are skipped. Levels the thresholds leave undefined are never reached. Throws
// std::invalid_argument if times and values differ in length.
std::vector<LevelCrossing> level_crossings(const std::vector<double>& epoch_s, const std::vector<double>& value,
                                           const StationThresholds& t);

// Return-period discharges (m3/s): 5-year yellow, 20-year orange, 50-year red; blue
// "approaching the 5-year flow" from blue_fraction * q5.
struct DischargeThresholds {
    std::optional<double> q5, q20, q50;
    double blue_fraction = 0.9;
};

// The level of discharge `q`; none for NaN.
WarningLevel discharge_level(double q, const DischargeThresholds& t);
// As level_crossings, against discharge thresholds.
std::vector<LevelCrossing> discharge_crossings(const std::vector<double>& epoch_s, const std::vector<double>& value,
                                               const DischargeThresholds& t);

// Low-flow (drought) thresholds, blue to red, decreasing: a series at or below one is
// that level. As the crossings above, the time is interpolated between the last sample
// above the threshold and the first at or below it.
std::vector<LevelCrossing> low_crossings(const std::vector<double>& epoch_s, const std::vector<double>& value,
                                         const std::vector<double>& thresholds);

struct Peak {
    double value;
    double epoch_s;
};
// The maximum and the first time it occurs; NaN skipped. Throws std::invalid_argument for
// an empty (or all-NaN) series or unequal lengths.
Peak series_peak(const std::vector<double>& epoch_s, const std::vector<double>& value);
// The minimum and the first time it occurs; as series_peak.
Peak series_trough(const std::vector<double>& epoch_s, const std::vector<double>& value);

// A lead time to the minute: "+0 h", "+35 h 30 min", "-2 h" (negative: before the issue
// time, the level already reached).
std::string lead_text(double lead_s);

}  // namespace floodtwin::twin
