#pragma once
// Small helpers shared by the hydro tests: norms over the state, finiteness checks,
// a wall-clock stopwatch for the timing messages, a one-thread fixture.
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "hydro/config.hpp"
#include "hydro/state.hpp"

namespace floodtwin::hydro::testing {

inline std::string name_of(Scheme scheme) { return std::string(to_string(scheme)); }

inline double max_abs(std::span<const double> a) {
    double m = 0.0;
    for (const double v : a) m = std::max(m, std::abs(v));
    return m;
}

inline double max_abs_diff(std::span<const double> a, std::span<const double> b) {
    double m = 0.0;
    for (std::size_t k = 0; k < a.size() && k < b.size(); ++k) m = std::max(m, std::abs(a[k] - b[k]));
    return m;
}

inline bool all_finite(const State& s) {
    auto finite = [](const std::vector<double>& v) {
        return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
    };
    return finite(s.h) && finite(s.hu) && finite(s.hv);
}

// Bound on MassLedger::relative_positivity_added(), the water the clamp at zero depth
// made up, over the ledger's scale. The clamp cannot fail to keep depths >= 0, so the
// tests bound what it had to add instead. Measured exactly 0 in every validation run
// (within the CFL condition no depth came out below zero, not even by round-off);
// 1e-12 leaves room for round-off only. With the step forced to a Courant number of
// 1.5 (a scratch break) fv1 adds 8.6e-7 (rain slope), 3.6e-3 (Thacker), 7.8e-3
// (Ritter, 200 cells), 1.6e-3 to 7.7e-2 (radial) and up to all of it (dry
// floodplain), and fv2, once its retry of too-fast first stages is disabled as well,
// 8.8e-3 (Ritter), 1.5e-2 (Thacker), 6.9e-3 to 6.7e-2 (radial), 3.2 (rain slope).
inline constexpr double positivity_added_tol = 1e-12;

// Largest speed |(hu, hv)| / h over the cells deeper than `wet_m`.
inline double max_speed_m_s(const State& s, double wet_m) {
    double m = 0.0;
    for (std::size_t k = 0; k < s.h.size(); ++k)
        if (s.h[k] > wet_m) m = std::max(m, std::hypot(s.hu[k], s.hv[k]) / s.h[k]);
    return m;
}

// Global fixture of the validation programs (BOOST_TEST_GLOBAL_FIXTURE(OneThread)):
// run on one OpenMP thread. Results are bitwise the same for any thread count
// (validation_threads checks that on cases that exercise every part of the step), and
// on a shared 2-core machine two threads that wait for each other at every barrier
// make a run ten to a hundred times slower whenever another process holds a core.
struct OneThread {
    OneThread() { omp_set_num_threads(1); }
};

class Stopwatch {
public:
    [[nodiscard]] double seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    }

private:
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

}  // namespace floodtwin::hydro::testing
