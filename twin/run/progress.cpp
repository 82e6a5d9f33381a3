#include "twin/run/progress.hpp"

#include <cstdio>

namespace floodtwin::twin {

namespace {
double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

Progress::Progress(double t_start_s, double t_end_s, bool quiet, double every_wall_s)
    : m_t0(t_start_s), m_t1(t_end_s), m_quiet(quiet), m_every(every_wall_s),
      m_start(std::chrono::steady_clock::now()), m_last(m_start) {}

bool Progress::due() const { return !m_quiet && seconds_since(m_last) >= m_every; }

void Progress::update(double t_s, double dt_s, std::size_t wet_cells) {
    if (m_quiet) return;
    m_last = std::chrono::steady_clock::now();
    const double wall = seconds_since(m_start);
    const double done = m_t1 > m_t0 ? (t_s - m_t0) / (m_t1 - m_t0) : 1.0;
    const double eta = done > 0.0 ? wall * (1.0 - done) / done : 0.0;
    std::fprintf(stderr, "\r  t = %9.1f s  %5.1f %%  wall %7.1f s  ETA %7.1f s  dt %8.4f s  wet %zu      ", t_s,
                 100.0 * done, wall, eta, dt_s, wet_cells);
    std::fflush(stderr);
    m_printed = true;
}

double Progress::finish() {
    if (m_printed) std::fprintf(stderr, "\n");
    return seconds_since(m_start);
}

}  // namespace floodtwin::twin
