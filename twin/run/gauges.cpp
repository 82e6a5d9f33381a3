#include "twin/run/gauges.hpp"

#include <cmath>
#include <cstdio>
#include <iterator>
#include <limits>
#include <stdexcept>

#include "twin/case/time_text.hpp"

namespace floodtwin::twin {

namespace {
constexpr double kNever = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kLevels = std::size(warning_levels_rising);

// Index of blue .. red in a gauge's row of first times; none has no row.
std::size_t level_index(WarningLevel level) {
    for (std::size_t i = 0; i < kLevels; ++i)
        if (warning_levels_rising[i] == level) return i;
    throw std::invalid_argument("warning level none has no first time");
}
}  // namespace

GaugeRecorder::GaugeRecorder(std::vector<GaugeSite> sites, Instant start)
    : m_sites(std::move(sites)),
      m_start(start),
      m_csv("time_iso,time_s,gauge,depth_m,water_level_m,velocity_x_m_s,velocity_y_m_s,warning_level\n"),
      m_peak(m_sites.size(), kNever),
      m_peak_t(m_sites.size(), kNever),
      m_first_t(kLevels * m_sites.size(), kNever) {}

void GaugeRecorder::track_peaks(const hydro::Simulation& sim) {
    const auto& s = sim.state();
    const double dry = sim.config().dry_depth_m;
    for (std::size_t k = 0; k < m_sites.size(); ++k) {
        const std::size_t c = m_sites[k].cell;
        if (!(s.h[c] > dry)) continue;
        const double level = s.h[c] + sim.bed()[c] + m_sites[k].datum_offset_m;
        if (std::isnan(m_peak[k]) || level > m_peak[k]) {
            m_peak[k] = level;
            m_peak_t[k] = sim.time();
            // The running peak never falls, so the first time it reaches a level is the
            // first time the gauge did. Levels the thresholds leave undefined are never reached.
            for (std::size_t i = 0; i < kLevels; ++i) {
                const auto start = level_start_m(warning_levels_rising[i], m_sites[k].thresholds);
                double& first = m_first_t[kLevels * k + i];
                if (std::isnan(first) && start && level >= *start) first = sim.time();
            }
        }
    }
}

void GaugeRecorder::sample(const hydro::Simulation& sim) {
    const auto& s = sim.state();
    const double dry = sim.config().dry_depth_m;
    const std::string when = format_instant(m_start.epoch_s + sim.time(), m_start.utc_offset_min);
    char line[512];
    for (const GaugeSite& g : m_sites) {
        const std::size_t c = g.cell;
        const double h = s.h[c];
        const bool wet = h > dry;
        // A dry gauge has no water level: the field stays empty rather than showing the ground.
        char level[64] = "";
        const double stage = wet ? h + sim.bed()[c] + g.datum_offset_m : kNever;
        if (wet) std::snprintf(level, sizeof level, "%.4f", stage);
        std::snprintf(line, sizeof line, "%s,%.3f,%s,%.4f,%s,%.4f,%.4f,%s\n", when.c_str(), sim.time(), g.name.c_str(),
                      h, level, wet ? s.hu[c] / h : 0.0, wet ? s.hv[c] / h : 0.0,
                      to_string(warning_level(stage, g.thresholds)).c_str());
        m_csv += line;
    }
}

WarningLevel GaugeRecorder::peak_warning_level(std::size_t k) const {
    return warning_level(m_peak.at(k), m_sites.at(k).thresholds);
}

double GaugeRecorder::first_time_s(std::size_t k, WarningLevel level) const {
    return m_first_t.at(kLevels * k + level_index(level));
}

void GaugeRecorder::restore(std::string csv, std::vector<double> peak_level_m, std::vector<double> peak_time_s,
                            std::vector<double> first_level_time_s) {
    if (peak_level_m.size() != m_sites.size() || peak_time_s.size() != m_sites.size())
        throw std::invalid_argument("checkpoint holds peaks of " + std::to_string(peak_level_m.size()) +
                                    " gauges, the case has " + std::to_string(m_sites.size()));
    if (first_level_time_s.size() != kLevels * m_sites.size())
        throw std::invalid_argument("checkpoint holds warning-level times of " +
                                    std::to_string(first_level_time_s.size() / kLevels) + " gauges, the case has " +
                                    std::to_string(m_sites.size()));
    m_csv = std::move(csv);
    m_peak = std::move(peak_level_m);
    m_peak_t = std::move(peak_time_s);
    m_first_t = std::move(first_level_time_s);
}

}  // namespace floodtwin::twin
