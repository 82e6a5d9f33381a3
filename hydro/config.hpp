#pragma once
// Solver parameters: one definition each, with unit, default and allowed range.
#include <optional>
#include <string>
#include <string_view>

namespace floodtwin::hydro {

enum class Scheme {
    fv1,  // Godunov, HLLC flux, hydrostatic reconstruction (Audusse et al. 2004)
    fv2,  // MUSCL (minmod) on level, depth and velocity + hydrostatic reconstruction, SSP-RK2
    // Local inertial (Bates et al. 2010) with the q-centred diffusion of de Almeida et
    // al. (2012): discharges on faces, no advection term; for gradually varied floodplain flow.
    inertial,
};

// Parses "fv1" / "fv2" / "inertial"; throws std::invalid_argument naming the key `hydro.scheme`.
Scheme parse_scheme(std::string_view name);
std::string_view to_string(Scheme scheme);

struct SolverConfig {
    Scheme scheme = Scheme::fv2;
    std::optional<double> cfl = std::nullopt;  // Courant number in (0, 1]; unset: the scheme's default
    double dry_depth_m = 1e-4;       // below this a cell holds water but no momentum
    double arrival_depth_m = 0.1;    // depth that defines the arrival time of the flood
    double gravity_m_s2 = 9.81;
    double max_dt_s = 30.0;          // cap on the step when the flow is slow or the grid dry
    // inertial only: weight of a face's own discharge against the mean of its two
    // neighbours along the flow (de Almeida et al. 2012, eq. 9); 1 is Bates et al. 2010.
    double theta = 0.7;
    // Fewer cells than this per thread and the step uses fewer threads: on small
    // grids the barriers cost more than the work. Results do not change.
    int min_cells_per_thread = 16384;
    // Sweep every tile, wet or dry: the reference the tracked sweep must equal bit for
    // bit (tests), and the fully wet cost (benchmarks). Results do not change.
    bool visit_all_tiles = false;
    // The tiles whose activity decides what a sweep visits (tile_activity.hpp), chosen by
    // measurement (bench/results/2026-12-04-tiles.jsonl: on a river crossing
    // every row, 8 x 8 cost least at 1 % and 5 % wet); at least 2 each, the reach of the
    // fv2 stencil. Results do not change with them.
    int tile_rows = 8;
    int tile_cols = 8;

    // CFL default: 0.9 for fv1, 0.5 for fv2 (positivity of the MUSCL step needs half),
    // 0.7 for inertial (alpha of dt = alpha dx / sqrt(g h_max), Bates et al. 2010 eq. 12).
    [[nodiscard]] double effective_cfl() const;
    // Throws std::invalid_argument naming the offending key (hydro.cfl, hydro.theta, hydro.dry_depth, ...).
    void validate() const;
};

}  // namespace floodtwin::hydro
