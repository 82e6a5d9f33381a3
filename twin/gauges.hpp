#pragma once
// Gauges: time series of depth, level and velocity at station cells, and each
// station's peak level, as a hydrologist reads a hydrograph.
#include <cstddef>
#include <string>
#include <vector>

#include "hydro/simulation.hpp"
#include "twin/case.hpp"
#include "twin/case_setup.hpp"

namespace floodtwin::twin {

class GaugeRecorder {
public:
    GaugeRecorder(std::vector<GaugeSite> sites, Instant start);

    // Every step: keeps each gauge's peak water level (station datum) and its time.
    void track_peaks(const hydro::Simulation& sim);
    // At each gauge interval: one CSV row per gauge.
    void sample(const hydro::Simulation& sim);

    [[nodiscard]] const std::string& csv() const { return m_csv; }
    [[nodiscard]] const std::vector<GaugeSite>& sites() const { return m_sites; }
    [[nodiscard]] const std::vector<double>& peak_level_m() const { return m_peak; }   // NaN: never wet
    [[nodiscard]] const std::vector<double>& peak_time_s() const { return m_peak_t; }  // NaN: never wet
    // For checkpoints: the recorder's whole state.
    void restore(std::string csv, std::vector<double> peak_level_m, std::vector<double> peak_time_s);

private:
    std::vector<GaugeSite> m_sites;
    Instant m_start;
    std::string m_csv;
    std::vector<double> m_peak, m_peak_t;
};

}  // namespace floodtwin::twin
