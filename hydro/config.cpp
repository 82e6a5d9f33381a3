#include "hydro/config.hpp"

#include <cmath>
#include <stdexcept>

namespace floodtwin::hydro {

Scheme parse_scheme(std::string_view name) {
    if (name == "fv1") return Scheme::fv1;
    if (name == "fv2") return Scheme::fv2;
    if (name == "inertial") return Scheme::inertial;
    throw std::invalid_argument("hydro.scheme: unknown scheme '" + std::string(name) +
                                "' (expected fv1, fv2 or inertial)");
}

std::string_view to_string(Scheme scheme) {
    switch (scheme) {
        case Scheme::fv1: return "fv1";
        case Scheme::fv2: return "fv2";
        case Scheme::inertial: return "inertial";
    }
    return "fv2";
}

double SolverConfig::effective_cfl() const {
    switch (scheme) {
        case Scheme::fv1: return cfl.value_or(0.9);
        case Scheme::fv2: return cfl.value_or(0.5);
        case Scheme::inertial: return cfl.value_or(0.9);  // of the stability limit (inertial_step.hpp)
    }
    return cfl.value_or(0.5);
}

void SolverConfig::validate() const {
    auto bad = [](const std::string& key, double value, const std::string& rule) {
        throw std::invalid_argument(key + " = " + std::to_string(value) + ": " + rule);
    };
    const double c = effective_cfl();
    if (!std::isfinite(c) || c <= 0.0 || c > 1.0) bad("hydro.cfl", c, "must lie in (0, 1]");
    // theta 0 would leave no stable step (inertial_step.hpp, inertial_wave_factor).
    if (!std::isfinite(theta) || theta <= 0.0 || theta > 1.0) bad("hydro.theta", theta, "must lie in (0, 1]");
    if (!std::isfinite(dry_depth_m) || dry_depth_m <= 0.0) bad("hydro.dry_depth", dry_depth_m, "must be > 0 m");
    if (!std::isfinite(arrival_depth_m) || arrival_depth_m <= 0.0)
        bad("hydro.arrival_depth", arrival_depth_m, "must be > 0 m");
    if (!std::isfinite(gravity_m_s2) || gravity_m_s2 <= 0.0) bad("hydro.gravity", gravity_m_s2, "must be > 0 m/s2");
    if (!std::isfinite(max_dt_s) || max_dt_s <= 0.0) bad("hydro.max_dt", max_dt_s, "must be > 0 s");
    if (min_cells_per_thread < 1) bad("hydro.min_cells_per_thread", min_cells_per_thread, "must be >= 1");
    if (tile_rows < 2) bad("hydro.tile_rows", tile_rows, "must be >= 2");
    if (tile_cols < 2) bad("hydro.tile_cols", tile_cols, "must be >= 2");
}

}  // namespace floodtwin::hydro
