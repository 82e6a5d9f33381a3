#pragma once
// Set-ups shared by several validation tests: the same case checked for robustness
// (validation_rain_slope) and for thread-count independence (validation_threads).
#include <algorithm>
#include <cmath>
#include <vector>

#include "hydro/simulation.hpp"

namespace floodtwin::hydro::scenarios {

// Rain on a steep dry hillside: 40 x 60 cells of 5 m (200 m x 300 m), a 20 % slope
// falling to the south, a few mounds and hollows that split and gather the sheet flow
// (none is steep enough to close a pond against the 20 % slope), Manning n = 0.05,
// free outflow along the whole southern edge, walls elsewhere. Rain of 100 mm/h for
// 20 min, stopping over one minute.
inline constexpr double rain_slope_intensity_m_s = 0.100 / 3600.0;
inline constexpr double rain_slope_manning = 0.05;
inline constexpr double rain_slope_end_s = 2400.0;

inline Grid rain_slope_grid() { return Grid{40, 60, 5.0, 5.0}; }

inline TimeSeries rain_slope_rain() {
    return TimeSeries({0.0, 1200.0, 1260.0}, {rain_slope_intensity_m_s, rain_slope_intensity_m_s, 0.0}, "test rain");
}

inline std::vector<double> rain_slope_bed(const Grid& g) {
    std::vector<double> z(g.cells());
    auto bump = [](double x, double y, double x0, double y0, double r, double a) {
        return a * std::exp(-((x - x0) * (x - x0) + (y - y0) * (y - y0)) / (r * r));
    };
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const double x = (i + 0.5) * g.dx_m, y = (j + 0.5) * g.dy_m;
            z[g.index(i, j)] = 0.2 * y                          // 20 % slope, south lowest
                               + bump(x, y, 60.0, 200.0, 20.0, 3.0)    // mound
                               + bump(x, y, 140.0, 120.0, 15.0, 2.5)   // mound
                               - bump(x, y, 100.0, 240.0, 18.0, 4.0)   // hollow
                               - bump(x, y, 50.0, 80.0, 12.0, 2.0)     // hollow
                               + 0.3 * std::sin(0.05 * x) * std::cos(0.03 * y);
        }
    return z;
}

// `min_cells_per_thread` = 1 makes even these small grids use every thread (the
// thread-count test needs that to mean something).
inline Simulation rain_slope(Scheme scheme, int min_cells_per_thread = SolverConfig{}.min_cells_per_thread) {
    const Grid g = rain_slope_grid();
    Simulation sim(g, rain_slope_bed(g), SolverConfig{.scheme = scheme, .min_cells_per_thread = min_cells_per_thread});
    sim.set_manning(rain_slope_manning);
    sim.set_rain(rain_slope_rain());
    sim.add_boundary({"outlet", Edge::south, 0, -1, BoundaryKind::free, {}});
    return sim;
}

// A dam break with friction, an inflow and a stage outlet: 64 x 48 cells of 2 m, a
// 0.5 % slope to the east with a shallow channel along the middle, a reservoir 3 m
// deep behind x = 30 m that is released at t = 0, a flood hydrograph entering on the
// west edge over the channel, a falling stage on the lower half of the east edge, a
// 2 m3/s culvert outfall, Manning n = 0.03, and 2 mm/h of loss. Everything the step does in one case.
inline Grid dam_break_friction_grid() { return Grid{64, 48, 2.0, 2.0}; }

inline Simulation dam_break_friction(Scheme scheme, int min_cells_per_thread = SolverConfig{}.min_cells_per_thread) {
    const Grid g = dam_break_friction_grid();
    std::vector<double> bed(g.cells()), h(g.cells());
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const double x = (i + 0.5) * g.dx_m, y = (j + 0.5) * g.dy_m;
            const double channel = std::abs(y - 48.0) < 8.0 ? -0.6 * std::cos((y - 48.0) / 8.0 * 1.5707963) : 0.0;
            const std::size_t c = g.index(i, j);
            bed[c] = 1.0 - 0.005 * x + channel + 0.1 * std::sin(0.2 * y);
            h[c] = x < 30.0 ? std::max(0.0, 3.5 - bed[c]) : std::max(0.0, 0.4 - bed[c]);
        }
    Simulation sim(g, bed, SolverConfig{.scheme = scheme, .min_cells_per_thread = min_cells_per_thread});
    sim.set_depth(h);
    sim.set_manning(0.03);
    sim.set_loss(0.002 / 3600.0);
    sim.add_boundary({"inflow", Edge::west, 18, 30, BoundaryKind::inflow,
                      TimeSeries({0.0, 20.0, 60.0}, {5.0, 40.0, 10.0}, "test hydrograph")});
    sim.add_boundary({"outlet", Edge::east, 0, 24, BoundaryKind::stage,
                      TimeSeries({0.0, 60.0}, {0.8, 0.2}, "test stage")});
    sim.add_point_inflow({"culvert", {g.index(40, 10), g.index(41, 10)}, TimeSeries(2.0)});
    return sim;
}

// A mostly dry valley for the tile sweep: 360 x 200 cells of 10 m (6 x 13 bands of
// tiles), a channel that winds across the tile columns and bands, water in part of it
// at the start, a hydrograph entering on the west edge into the channel, rain on one
// patch only (per-cell weights), a point inflow on a dry hillside, a free outlet on the
// east edge, Manning n = 0.035. Everything that decides which tiles a step visits.
inline Grid sparse_valley_grid() { return Grid{360, 200, 10.0, 10.0}; }

inline Simulation sparse_valley(Scheme scheme, bool visit_all_tiles) {
    const Grid g = sparse_valley_grid();
    std::vector<double> bed(g.cells()), h(g.cells()), weight(g.cells(), 0.0);
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const double x = (i + 0.5) * g.dx_m, y = (j + 0.5) * g.dy_m;
            const double centre = 1000.0 + 600.0 * std::sin(x / 900.0);  // winds through the bands
            const double d = std::abs(y - centre);
            const std::size_t c = g.index(i, j);
            bed[c] = 50.0 - 0.001 * x + (d < 30.0 ? -2.0 * std::cos(d / 30.0 * 1.5707963) : 0.02 * (d - 30.0));
            h[c] = x < 900.0 ? std::max(0.0, 50.5 - 0.001 * x - bed[c]) : 0.0;
            if (i >= 250 && i < 300 && j >= 20 && j < 60) weight[c] = 1.0;
        }
    Simulation sim(g, bed, SolverConfig{.scheme = scheme, .min_cells_per_thread = 1000, .visit_all_tiles = visit_all_tiles});
    sim.set_depth(h);
    sim.set_manning(0.035);
    const int cj = static_cast<int>(1000.0 / g.dy_m);
    sim.add_boundary({"inflow", Edge::west, cj - 3, cj + 3, BoundaryKind::inflow,
                      TimeSeries({0.0, 120.0, 400.0}, {20.0, 150.0, 40.0}, "test hydrograph")});
    sim.add_boundary({"outlet", Edge::east, 0, -1, BoundaryKind::free, TimeSeries()});
    // A pond held at 57.5 m on the dry north edge (bed about 57.2 m there): water
    // enters cells that were dry, through the edge.
    sim.add_boundary({"pond", Edge::north, 100, 110, BoundaryKind::stage, TimeSeries(57.5)});
    sim.set_rain(TimeSeries({0.0, 100.0, 200.0}, {0.0, 80.0 / 3.6e6, 0.0}, "test storm"), weight);
    sim.add_point_inflow({"spring", {g.index(200, 185)}, TimeSeries(1.5)});
    return sim;
}

}  // namespace floodtwin::hydro::scenarios
