#pragma once
// Checks of what a Simulation is given, before it is used: each throws
// std::invalid_argument with a message that names the key, boundary or cell at fault,
// so that bad input is refused up front and never found later as NaN in the state.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "hydro/boundary.hpp"
#include "hydro/grid.hpp"
#include "hydro/snapshot.hpp"
#include "hydro/state.hpp"
#include "hydro/time_series.hpp"
#include "hydro/weir_links.hpp"

namespace floodtwin::hydro {

std::string cell_name(const Grid& grid, std::size_t cell);  // "cell (i=3, j=7)"

void check_grid(const Grid& grid);
void check_bed(const Grid& grid, std::span<const double> bed_m);
void check_manning(double n);
void check_manning(const Grid& grid, std::span<const double> n);
void check_water_level(double level_m);
void check_depth(const Grid& grid, std::span<const double> depth_m);
void check_state(const Grid& grid, const State& state);

// A new boundary on the edge whose faces `face_boundary` maps to the boundaries
// already added (-1: none); `b.end` must be resolved (no longer < 0).
void check_boundary(const EdgeBoundary& b, int edge_length, const std::vector<int>& face_boundary,
                    std::span<const EdgeBoundary> added);
// A stage-discharge rating: at least two points, levels increasing, discharges
// non-decreasing, finite and >= 0; `label` names it in the message.
void check_rating(const std::string& label, std::span<const double> level_m, std::span<const double> discharge_m3_s);
void check_boundary_series(std::span<const EdgeBoundary> added, std::size_t index, const TimeSeries& series);
void check_point_inflow(const Grid& grid, const PointInflow& p);
void check_point_inflow_series(std::span<const PointInflow> added, std::size_t index, const TimeSeries& series);

// A weir link: strips on the grid, each joining two different cells, in chainage
// order without overlap; widths, sills, formation and coefficient finite, widths and
// formation >= 0, the coefficient > 0; opening at a time or on a trigger cell's level.
void check_weir_link(const Grid& grid, const WeirLink& link);

void check_rain(const Grid& grid, const TimeSeries& intensity_m_s, std::span<const double> weight);
void check_loss(double rate_m_s);
void check_loss(const Grid& grid, std::span<const double> rate_m_s);

// A snapshot of this grid with these boundaries and point inflows (`ledger` is the
// run's own, which names them).
void check_snapshot(const Grid& grid, const Snapshot& s, const MassLedger& ledger);

}  // namespace floodtwin::hydro
