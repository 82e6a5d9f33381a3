#pragma once
// The mostly dry problem of floodtwin-bench: a river that winds north through an
// N x N valley of 10 m cells and crosses every row (what defeated the skipping of dry
// rows), its wet share set by the channel's width: a trapezoidal channel 3 m deep
// between banks that rise 1 m per cell, the floor falling 0.1 m per km downstream,
// filled to 2 m with water flowing in through the south edge and out through the north.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

#include "hydro/simulation.hpp"

namespace floodtwin::bench {

inline hydro::Simulation river(int n, double wet_share, const hydro::SolverConfig& config) {
    const double dx = 10.0;
    const hydro::Grid grid{n, n, dx, dx};
    // A meander of a fifth of the valley's width and one wavelength along it.
    const double half_width = 0.5 * wet_share * n;  // cells
    std::vector<double> bed(grid.cells()), depth(grid.cells(), 0.0);
    for (int j = 0; j < n; ++j) {
        const double centre = 0.5 * n + 0.1 * n * std::sin(2.0 * std::numbers::pi * j / n);
        const double floor = 1e-4 * dx * (n - j);
        for (int i = 0; i < n; ++i) {
            const double d = std::abs(i + 0.5 - centre) - half_width;  // cells beyond the channel
            const std::size_t c = grid.index(i, j);
            bed[c] = floor + (d < 0.0 ? 0.0 : 3.0 + 1.0 * d);
            depth[c] = d < 0.0 ? 2.0 : 0.0;
        }
    }
    hydro::Simulation sim(grid, std::move(bed), config);
    sim.set_manning(0.03);
    sim.set_depth(depth);
    // About 2 m/s through the channel's 2 m x its width.
    const double q = 2.0 * 2.0 * 2.0 * half_width * dx;
    sim.add_boundary({"upstream", hydro::Edge::south, 0, -1, hydro::BoundaryKind::inflow, hydro::TimeSeries(q)});
    sim.add_boundary({"downstream", hydro::Edge::north, 0, -1, hydro::BoundaryKind::free, {}});
    return sim;
}

}  // namespace floodtwin::bench
