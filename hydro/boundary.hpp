#pragma once
// Boundary conditions on segments of the domain edge, and point inflows.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "hydro/grid.hpp"
#include "hydro/time_series.hpp"

namespace floodtwin::hydro {

enum class BoundaryKind {
    wall,    // no flow through the edge (the default for every edge cell not covered)
    free,    // outflow only: the cell's depth on the bed slope carried on where water leaves (edge_flux.hpp), a wall where it would enter
    stage,   // water level time series (m, same datum as the bed)
    inflow,  // discharge time series (m3/s), shared over the segment's wet cells by conveyance
    normal_depth,  // outflow only: Manning's normal flow at each edge cell's depth on `slope`
    rating,        // outflow only: the rating's discharge at the segment's level, shared by conveyance
};

// A segment of one edge: cells [begin, end) along it (j for west/east, i for
// south/north); end < 0 means "to the end of the edge".
struct EdgeBoundary {
    std::string name;
    Edge edge = Edge::west;
    int begin = 0;
    int end = -1;
    BoundaryKind kind = BoundaryKind::wall;
    TimeSeries series;  // level (stage) or discharge (inflow); unused for wall and free
    double slope = 0.0;  // normal_depth: the energy slope the flow leaves on (> 0)
    // rating: water level (m, the bed's datum; increasing) against the segment's
    // outflow (m3/s; non-decreasing, >= 0), linear between points, the first discharge
    // below them, the last segment extended above them.
    std::vector<double> rating_level_m{}, rating_discharge_m3_s{};
};

// The discharge (m3/s) a rating (levels increasing, discharges non-decreasing) gives
// at water level `level_m`: linear between points, the first discharge below them, the
// last segment extended above them, never below 0.
double rating_discharge(std::span<const double> level_m, std::span<const double> discharge_m3_s, double level);
inline double rating_discharge(const EdgeBoundary& b, double level_m) {
    return rating_discharge(b.rating_level_m, b.rating_discharge_m3_s, level_m);
}

// A discharge (m3/s, >= 0: abstractions are refused) entering through the listed
// cells, shared equally among them.
struct PointInflow {
    std::string name;
    std::vector<std::size_t> cells;
    TimeSeries discharge_m3_s;
};

}  // namespace floodtwin::hydro
