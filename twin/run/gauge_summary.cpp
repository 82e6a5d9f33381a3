#include "twin/run/gauge_summary.hpp"

#include <cmath>

#include "twin/case/time_text.hpp"
#include "twin/warning/warning_levels.hpp"

namespace floodtwin::twin {

namespace {

nlohmann::json number_or_null(double v) { return std::isnan(v) ? nlohmann::json() : nlohmann::json(v); }
nlohmann::json number_or_null(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

}  // namespace

nlohmann::json gauge_summary(const GaugeRecorder& gauges, std::size_t k, const Instant& start) {
    const auto when = [&](double t) {
        if (std::isnan(t)) return nlohmann::json();
        return nlohmann::json(format_instant(start.epoch_s + t, start.utc_offset_min));
    };
    const GaugeSite& site = gauges.sites().at(k);
    const double level = gauges.peak_level_m()[k], t = gauges.peak_time_s()[k];
    nlohmann::json g;
    g["name"] = site.name;
    g["peak_water_level_m"] = number_or_null(level);
    g["time_of_peak_s"] = number_or_null(t);
    g["time_of_peak"] = when(t);
    g["warning_level"] = to_string(gauges.peak_warning_level(k));
    for (WarningLevel w : warning_levels_rising) {
        const double first = gauges.first_time_s(k, w);
        if (std::isnan(first)) continue;
        const std::string key = "time_of_first_" + to_string(w);
        g[key + "_s"] = first;
        g[key] = when(first);
    }
    const StationThresholds& th = site.thresholds;
    g["thresholds"] = {{"datum", th.datum},
                       {"warning_stage_m", number_or_null(th.warning_stage_m)},
                       {"guaranteed_stage_m", number_or_null(th.guaranteed_stage_m)},
                       {"historical_max_m", number_or_null(th.historical_max_m)},
                       {"blue_margin_m", th.blue_margin_m}};
    return g;
}

}  // namespace floodtwin::twin
