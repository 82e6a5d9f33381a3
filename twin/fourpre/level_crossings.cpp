#include "twin/fourpre/level_crossings.hpp"

#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace floodtwin::twin {
namespace {

void check_lengths(const std::vector<double>& t, const std::vector<double>& v) {
    if (t.size() != v.size()) throw std::invalid_argument("series times and values differ in length");
}

// The first time the series reaches `start` (inclusive), or nothing.
std::optional<double> first_reach(const std::vector<double>& t, const std::vector<double>& v, double start) {
    bool have_prev = false;
    double t0 = 0.0, v0 = 0.0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!std::isfinite(t[i]) || std::isnan(v[i])) continue;
        if (v[i] >= start) {
            if (!have_prev) return t[i];
            // v0 < start here, as every earlier sample was below.
            return t0 + (start - v0) / (v[i] - v0) * (t[i] - t0);
        }
        have_prev = true;
        t0 = t[i];
        v0 = v[i];
    }
    return std::nullopt;
}

template <class StartOf>
std::vector<LevelCrossing> crossings(const std::vector<double>& t, const std::vector<double>& v, StartOf start_of) {
    check_lengths(t, v);
    std::vector<LevelCrossing> out;
    for (const auto level : warning_levels_rising)
        if (const std::optional<double> start = start_of(level))
            if (const auto when = first_reach(t, v, *start)) out.push_back({level, *start, *when});
    return out;
}

std::optional<double> discharge_start(WarningLevel level, const DischargeThresholds& t) {
    switch (level) {
        case WarningLevel::blue:
            if (t.q5) return t.blue_fraction * *t.q5;
            return std::nullopt;
        case WarningLevel::yellow: return t.q5;
        case WarningLevel::orange: return t.q20;
        case WarningLevel::red: return t.q50;
        case WarningLevel::none: break;
    }
    return std::nullopt;
}

}  // namespace

std::vector<LevelCrossing> level_crossings(const std::vector<double>& epoch_s, const std::vector<double>& value,
                                           const StationThresholds& t) {
    return crossings(epoch_s, value, [&](WarningLevel l) { return level_start_m(l, t); });
}

WarningLevel discharge_level(double q, const DischargeThresholds& t) {
    if (std::isnan(q)) return WarningLevel::none;
    // The highest level reached decides, as for stages.
    for (int i = 3; i >= 0; --i)
        if (const auto start = discharge_start(warning_levels_rising[i], t); start && q >= *start)
            return warning_levels_rising[i];
    return WarningLevel::none;
}

std::vector<LevelCrossing> discharge_crossings(const std::vector<double>& epoch_s, const std::vector<double>& value,
                                               const DischargeThresholds& t) {
    return crossings(epoch_s, value, [&](WarningLevel l) { return discharge_start(l, t); });
}

std::vector<LevelCrossing> low_crossings(const std::vector<double>& epoch_s, const std::vector<double>& value,
                                         const std::vector<double>& thresholds) {
    // Falling below a threshold is the negated series rising to the negated threshold.
    std::vector<double> negated(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) negated[i] = -value[i];
    std::vector<LevelCrossing> out =
        crossings(epoch_s, negated, [&](WarningLevel l) -> std::optional<double> {
            const auto i = static_cast<std::size_t>(static_cast<int>(l) - 1);
            if (i >= thresholds.size()) return std::nullopt;
            return -thresholds[i];
        });
    for (LevelCrossing& x : out) x.threshold = -x.threshold;
    return out;
}

Peak series_trough(const std::vector<double>& epoch_s, const std::vector<double>& value) {
    std::vector<double> negated(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) negated[i] = -value[i];
    Peak p = series_peak(epoch_s, negated);
    p.value = -p.value;
    return p;
}

Peak series_peak(const std::vector<double>& epoch_s, const std::vector<double>& value) {
    check_lengths(epoch_s, value);
    std::optional<Peak> peak;
    for (std::size_t i = 0; i < value.size(); ++i)
        if (!std::isnan(value[i]) && (!peak || value[i] > peak->value)) peak = Peak{value[i], epoch_s[i]};
    if (!peak) throw std::invalid_argument("series_peak: the series has no values");
    return *peak;
}

std::string lead_text(double lead_s) {
    const long long minutes = std::llround(lead_s / 60.0);
    const long long a = std::llabs(minutes);
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "-" + std::string.
    std::string text(1, minutes < 0 ? '-' : '+');
    text += std::to_string(a / 60);
    text += " h";
    if (a % 60) {
        text += ' ';
        text += std::to_string(a % 60);
        text += " min";
    }
    return text;
}

}  // namespace floodtwin::twin
