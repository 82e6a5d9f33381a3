#pragma once
// The standard fully wet problem of floodtwin-bench, also run by the reproducibility
// test (tests/hydro/validation_reproducible.cpp): N x N cells of 1 m, a flat bed with
// four submerged Gaussian bumps, a 10 m / 2 m dam break along the middle, Manning n 0.03.
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "hydro/simulation.hpp"

namespace floodtwin::bench {

inline hydro::Simulation dambreak(int n, const hydro::SolverConfig& config) {
    const hydro::Grid grid{n, n, 1.0, 1.0};
    std::vector<double> bed(grid.cells(), 0.0);
    std::vector<double> depth(grid.cells(), 0.0);
    // Bumps low enough to stay submerged: the problem is fully wet by design.
    const double bumps[][3] = {{0.25, 0.25, 0.05}, {0.7, 0.3, 0.04}, {0.4, 0.75, 0.06}, {0.8, 0.8, 0.03}};
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            const double x = (i + 0.5) / n, y = (j + 0.5) / n;
            double z = 0.0;
            for (const auto& b : bumps)
                z += 1.0 * std::exp(-((x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1])) / (b[2] * b[2]));
            bed[grid.index(i, j)] = z;
            depth[grid.index(i, j)] = std::max(0.0, (x < 0.5 ? 10.0 : 2.0) - z);
        }
    hydro::Simulation sim(grid, std::move(bed), config);
    sim.set_manning(0.03);
    sim.set_depth(depth);
    return sim;  // `depth` is freed here, before the timed steps
}

}  // namespace floodtwin::bench
