#pragma once
// Envelopes kept during a run: what a flood map is made of.
#include <cstddef>
#include <limits>
#include <vector>

namespace floodtwin::hydro {

struct Diagnostics {
    std::vector<double> max_depth_m;
    std::vector<double> max_speed_m_s;
    std::vector<double> time_of_max_depth_s;  // NaN where the cell never held water
    std::vector<double> arrival_time_s;       // first time depth > arrival depth; NaN if never

    void resize(std::size_t cells) {
        const double never = std::numeric_limits<double>::quiet_NaN();
        max_depth_m.assign(cells, 0.0);
        max_speed_m_s.assign(cells, 0.0);
        time_of_max_depth_s.assign(cells, never);
        arrival_time_s.assign(cells, never);
    }
};

}  // namespace floodtwin::hydro
