#pragma once
// Gauges: time series of depth, level, velocity and warning level at station cells,
// each station's peak level, and when it first reached each warning level, as a
// hydrologist reads a hydrograph.
#include <cstddef>
#include <string>
#include <vector>

#include "hydro/simulation.hpp"
#include "twin/case/case.hpp"
#include "twin/setup/case_setup.hpp"

namespace floodtwin::twin {

class GaugeRecorder {
public:
    GaugeRecorder(std::vector<GaugeSite> sites, Instant start);

    // Every step: keeps each gauge's peak water level (station datum) and its time, and
    // the time its level first reached each warning level (twin/warning/warning_levels.hpp).
    void track_peaks(const hydro::Simulation& sim);
    // At each gauge interval: one CSV row per gauge, with the warning level at that time.
    void sample(const hydro::Simulation& sim);

    [[nodiscard]] const std::string& csv() const { return m_csv; }
    [[nodiscard]] const std::vector<GaugeSite>& sites() const { return m_sites; }
    [[nodiscard]] const std::vector<double>& peak_level_m() const { return m_peak; }   // NaN: never wet
    [[nodiscard]] const std::vector<double>& peak_time_s() const { return m_peak_t; }  // NaN: never wet
    // Gauge k's warning level at its peak.
    [[nodiscard]] WarningLevel peak_warning_level(std::size_t k) const;
    // When gauge k first reached `level` (blue .. red), seconds since the start; NaN: never.
    [[nodiscard]] double first_time_s(std::size_t k, WarningLevel level) const;
    // For checkpoints: those first times, four per gauge (blue, yellow, orange, red).
    [[nodiscard]] const std::vector<double>& first_level_time_s() const { return m_first_t; }
    // For checkpoints: the recorder's whole state.
    void restore(std::string csv, std::vector<double> peak_level_m, std::vector<double> peak_time_s,
                 std::vector<double> first_level_time_s);

private:
    std::vector<GaugeSite> m_sites;
    Instant m_start;
    std::string m_csv;
    std::vector<double> m_peak, m_peak_t;
    std::vector<double> m_first_t;  // [4 * k + level index], NaN: not reached
};

}  // namespace floodtwin::twin
