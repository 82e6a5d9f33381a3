#include "twin/run/gauges.hpp"

#include <cmath>
#include <cstdio>
#include <iterator>
#include <limits>
#include <stdexcept>

#include "grids/text_fields.hpp"
#include "twin/case/time_text.hpp"

namespace floodtwin::twin {

namespace {
constexpr double kNever = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kLevels = std::size(warning_levels_rising);
constexpr std::size_t kSampleFields = 4;  // depth, stage, u, v

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
    m_times_s.push_back(sim.time());
    for (const GaugeSite& g : m_sites) {
        const std::size_t c = g.cell;
        const double h = s.h[c];
        const bool wet = h > dry;
        // A dry gauge has no water level: NaN rather than the ground.
        m_samples.push_back({h, wet ? h + sim.bed()[c] + g.datum_offset_m : kNever, wet ? s.hu[c] / h : 0.0,
                             wet ? s.hv[c] / h : 0.0});
    }
}

std::string GaugeRecorder::csv() const {
    std::string out = "time_iso,time_s,gauge,depth_m,water_level_m,velocity_x_m_s,velocity_y_m_s,warning_level\n";
    std::vector<std::string> names;  // each quoted once, as RFC 4180 needs (commas, quotes, new lines)
    for (const GaugeSite& g : m_sites) names.push_back(grids::csv_field(g.name));
    for (std::size_t i = 0; i < m_times_s.size(); ++i) {
        const std::string when = format_instant(m_start.epoch_s + m_times_s[i], m_start.utc_offset_min);
        const std::string time = grids::formatted("%.3f", m_times_s[i]);
        for (std::size_t k = 0; k < m_sites.size(); ++k) {
            const GaugeSample& v = at(i, k);
            // The level stays empty when dry.
            const std::string level = std::isnan(v.stage_m) ? "" : grids::formatted("%.4f", v.stage_m);
            out.append(when).append(",").append(time).append(",").append(names[k]).append(",");
            out.append(grids::formatted("%.4f", v.depth_m)).append(",").append(level).append(",");
            out.append(grids::formatted("%.4f", v.velocity_x_m_s)).append(",");
            out.append(grids::formatted("%.4f", v.velocity_y_m_s)).append(",");
            out.append(to_string(warning_level(v.stage_m, m_sites[k].thresholds))).append("\n");
        }
    }
    return out;
}

WarningLevel GaugeRecorder::peak_warning_level(std::size_t k) const {
    return warning_level(m_peak.at(k), m_sites.at(k).thresholds);
}

double GaugeRecorder::first_time_s(std::size_t k, WarningLevel level) const {
    return m_first_t.at(kLevels * k + level_index(level));
}

void GaugeRecorder::save_state(StateArchive& a) const {
    std::vector<double> values;
    values.reserve(kSampleFields * m_samples.size());
    for (const GaugeSample& v : m_samples)
        values.insert(values.end(), {v.depth_m, v.stage_m, v.velocity_x_m_s, v.velocity_y_m_s});
    a.put("gauges.sample_time_s", m_times_s);
    a.put("gauges.samples", std::move(values));
    a.put("gauges.peak_level_m", m_peak);
    a.put("gauges.peak_time_s", m_peak_t);
    a.put("gauges.first_level_time_s", m_first_t);
}

void GaugeRecorder::restore_state(const StateArchive& a) {
    const std::size_t n = m_sites.size();
    m_times_s = a.get_array("gauges.sample_time_s");
    const auto& values = a.get_array("gauges.samples", kSampleFields * n * m_times_s.size());
    m_samples.clear();
    for (std::size_t i = 0; i < values.size(); i += kSampleFields)
        m_samples.push_back({values[i], values[i + 1], values[i + 2], values[i + 3]});
    m_peak = a.get_array("gauges.peak_level_m", n);
    m_peak_t = a.get_array("gauges.peak_time_s", n);
    m_first_t = a.get_array("gauges.first_level_time_s", kLevels * n);
}

}  // namespace floodtwin::twin
