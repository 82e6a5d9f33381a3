#pragma once
// The progress line a long run prints on stderr: simulated time, % done, wall time,
// ETA, time step and wet cells, at a steady wall-clock rate.
#include <chrono>
#include <cstddef>

namespace floodtwin::twin {

class Progress {
public:
    Progress(double t_start_s, double t_end_s, bool quiet, double every_wall_s = 2.0);
    // True when a line is due (`every_wall_s` since the last one); then call update.
    [[nodiscard]] bool due() const;
    void update(double t_s, double dt_s, std::size_t wet_cells);
    // Ends the line and returns the wall seconds since construction.
    double finish();

private:
    double m_t0, m_t1;
    bool m_quiet;
    double m_every;
    std::chrono::steady_clock::time_point m_start, m_last;
    bool m_printed = false;
};

}  // namespace floodtwin::twin
