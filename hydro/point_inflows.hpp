#pragma once
// Point inflows (culverts, outfalls, pumps): the water a discharge brings over a step,
// added to its cells at the end of the step, and the step that keeps those cells
// within the CFL condition once it is there.
#include <cstddef>
#include <span>
#include <vector>

#include "hydro/boundary.hpp"
#include "hydro/grid.hpp"
#include "hydro/mass_ledger.hpp"
#include "hydro/state.hpp"
#include "hydro/tile_activity.hpp"

namespace floodtwin::hydro {

struct PointInflowCase {
    const Grid& grid;
    std::span<const PointInflow> points;
    double gravity_m_s2;
    double dry_depth_m;
};

// The CFL speed (cfl.hpp) of cell c of `s` holding depth h: the water a point inflow
// brings arrives at rest, so the cell keeps its discharge.
double point_cell_speed(const PointInflowCase& pc, const State& s, std::size_t c, double h);

// The step, at most dt, that keeps CFL speed x step <= cfl in the cells fed over
// [t_s, t_s + dt] once their water is in: a shorter step takes less of it now.
double limit_dt_for_point_inflows(const PointInflowCase& pc, const State& s, double t_s, double dt, double cfl);

// Adds the volume each inflow brings over [t0_s, t0_s + dt] to its cells (shared
// equally), marks their tiles wet and enters the volumes in the ledger (storage too).
// Returns the largest CFL speed of the cells fed (0 if none).
double add_point_inflows(const PointInflowCase& pc, double t0_s, double dt, State& s,
                         TileActivity& wet, MassLedger& ledger);

}  // namespace floodtwin::hydro
