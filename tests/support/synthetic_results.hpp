#pragma once
// A small results.nc with known content, written with our own NetcdfWriter in the
// layout `floodtwin run` uses, for the viz tests: a tilted plane with a rectangular
// pool cut into it, water 3 m deep in the pool at the end, dry land elsewhere.
#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "grids/gdal_raster.hpp"
#include "grids/netcdf_writer.hpp"

namespace floodtwin::viz::testing {

struct SyntheticResults {
    static constexpr int nx = 40;
    static constexpr int ny = 30;
    static constexpr double dx = 100.0;
    static constexpr double dy = 100.0;
    static constexpr double x0 = 500050.0;   // centre of cell (0, 0)
    static constexpr double y0 = 3300050.0;
    static constexpr double pool_depth_m = 3.0;
    static constexpr std::size_t maps = 3;
    static constexpr double interval_s = 1800.0;
    // The pool: cells i0 <= i < i1, j0 <= j < j1.
    static constexpr int i0 = 6, i1 = 18, j0 = 8, j1 = 22;

    static bool in_pool(int i, int j) { return i >= i0 && i < i1 && j >= j0 && j < j1; }
    static std::size_t cell(int i, int j) { return static_cast<std::size_t>(i + nx * j); }

    // Rises 2 m per cell to the north-west over the plane, 5 m lower in the pool.
    static double ground(int i, int j) { return 200.0 - 1.0 * i + 2.0 * j - (in_pool(i, j) ? 5.0 : 0.0); }
    // The pool fills linearly: 1, 2, 3 m at the three map times (map 0 is already wet).
    static double depth(std::size_t k, int i, int j) {
        return in_pool(i, j) ? pool_depth_m * static_cast<double>(k + 1) / maps : 0.0;
    }
    static double arrival_s(int i, int j) { return in_pool(i, j) ? 60.0 * (i - i0) : std::nan(""); }
};

// Writes the file at `path` and returns it.
inline std::filesystem::path write_synthetic_results(const std::filesystem::path& path) {
    using S = SyntheticResults;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    grids::NcGrid grid;
    grid.nx = S::nx;
    grid.ny = S::ny;
    grid.x0_m = S::x0;
    grid.y0_m = S::y0;
    grid.dx_m = S::dx;
    grid.dy_m = S::dy;
    grid.crs_wkt = grids::crs_wkt("EPSG:32648", "synthetic results");
    const std::vector<grids::NcVariable> variables{
        {"depth", "flood_water_thickness", "water depth", "m", true, ""},
        {"water_level", "", "water surface level (NaN where dry)", "m", true, ""},
        {"velocity_x", "", "depth-averaged velocity, east", "m s-1", true, ""},
        {"velocity_y", "", "depth-averaged velocity, north", "m s-1", true, ""},
        {"ground_level", "", "bed elevation used by the solver", "m", false, ""},
        {"max_depth", "", "maximum water depth", "m", false, "time: maximum"},
        {"max_speed", "", "maximum depth-averaged speed", "m s-1", false, "time: maximum"},
        {"max_water_level", "", "maximum water surface level", "m", false, "time: maximum"},
        {"time_of_max_depth", "", "time of maximum depth", "s", false, ""},
        {"arrival_time", "", "arrival time", "s", false, ""},
    };
    grids::NetcdfWriter writer(path, grid, "2020-08-18T00:00:00+08:00", variables,
                               {{"title", "floodtwin results: synthetic-pool"},
                                {"case_name", "synthetic-pool"},
                                {"floodtwin_terrain", "synthetic test terrain"}});
    const std::size_t n = static_cast<std::size_t>(S::nx * S::ny);
    std::vector<double> ground(n), max_depth(n), max_speed(n), max_level(n), t_max(n), arrival(n);
    for (int j = 0; j < S::ny; ++j)
        for (int i = 0; i < S::nx; ++i) {
            const std::size_t c = S::cell(i, j);
            ground[c] = S::ground(i, j);
            max_depth[c] = S::depth(S::maps - 1, i, j);
            max_speed[c] = S::in_pool(i, j) ? 0.1 * (i - S::i0) : 0.0;
            max_level[c] = max_depth[c] > 0.0 ? ground[c] + max_depth[c] : nan;
            t_max[c] = max_depth[c] > 0.0 ? S::interval_s * (S::maps - 1) : nan;
            arrival[c] = S::arrival_s(i, j);
        }
    for (std::size_t k = 0; k < S::maps; ++k) {
        std::vector<double> depth(n), level(n), u(n), v(n);
        for (int j = 0; j < S::ny; ++j)
            for (int i = 0; i < S::nx; ++i) {
                const std::size_t c = S::cell(i, j);
                depth[c] = S::depth(k, i, j);
                level[c] = depth[c] > 0.0 ? ground[c] + depth[c] : nan;
                u[c] = depth[c] > 0.0 ? 0.3 : 0.0;
                v[c] = depth[c] > 0.0 ? 0.4 : 0.0;
            }
        writer.write_time(S::interval_s * static_cast<double>(k),
                          {{"depth", depth}, {"water_level", level}, {"velocity_x", u}, {"velocity_y", v}});
    }
    writer.write_static("ground_level", ground);
    writer.write_static("max_depth", max_depth);
    writer.write_static("max_speed", max_speed);
    writer.write_static("max_water_level", max_level);
    writer.write_static("time_of_max_depth", t_max);
    writer.write_static("arrival_time", arrival);
    writer.close();
    return path;
}

}  // namespace floodtwin::viz::testing
