#pragma once
// Gauges: time series of depth, level, velocity and warning level at station cells,
// each station's peak level, and when it first reached each warning level, as a
// hydrologist reads a hydrograph. Kept as numbers (an ensemble reduces them; a
// checkpoint stores them exactly) and written as gauges.csv at the end.
#include <cstddef>
#include <string>
#include <vector>

#include "hydro/simulation.hpp"
#include "twin/case/case.hpp"
#include "twin/setup/case_setup.hpp"
#include "twin/state/state_archive.hpp"

namespace floodtwin::twin {

// One gauge at one sample time.
struct GaugeSample {
    double depth_m = 0.0;
    double stage_m = 0.0;  // water level in the station's datum; NaN when dry
    double velocity_x_m_s = 0.0, velocity_y_m_s = 0.0;
};

class GaugeRecorder {
public:
    GaugeRecorder(std::vector<GaugeSite> sites, Instant start);

    // Every step: keeps each gauge's peak water level (station datum) and its time, and
    // the time its level first reached each warning level (twin/warning/warning_levels.hpp).
    void track_peaks(const hydro::Simulation& sim);
    // At each gauge interval: every gauge's depth, stage and velocity now.
    void sample(const hydro::Simulation& sim);

    [[nodiscard]] const std::vector<GaugeSite>& sites() const { return m_sites; }
    [[nodiscard]] const std::vector<double>& sample_times_s() const { return m_times_s; }
    // Gauge k at sample i.
    [[nodiscard]] const GaugeSample& at(std::size_t i, std::size_t k) const { return m_samples[i * m_sites.size() + k]; }
    [[nodiscard]] const std::vector<double>& peak_level_m() const { return m_peak; }   // NaN: never wet
    [[nodiscard]] const std::vector<double>& peak_time_s() const { return m_peak_t; }  // NaN: never wet
    // Gauge k's warning level at its peak.
    [[nodiscard]] WarningLevel peak_warning_level(std::size_t k) const;
    // When gauge k first reached `level` (blue .. red), seconds since the start; NaN: never.
    [[nodiscard]] double first_time_s(std::size_t k, WarningLevel level) const;

    // gauges.csv: time_iso,time_s,gauge,depth_m,water_level_m,velocity_x_m_s,
    // velocity_y_m_s,warning_level; one row per gauge per sample, the level empty when dry.
    [[nodiscard]] std::string csv() const;

    // Samples, peaks and first times under "gauges.*": a resumed run goes on from them.
    void save_state(StateArchive& archive) const;
    void restore_state(const StateArchive& archive);

private:
    std::vector<GaugeSite> m_sites;
    Instant m_start;
    std::vector<double> m_times_s;
    std::vector<GaugeSample> m_samples;  // [sample * gauges + gauge]
    std::vector<double> m_peak, m_peak_t;
    std::vector<double> m_first_t;  // [4 * k + level index], NaN: not reached
};

}  // namespace floodtwin::twin
