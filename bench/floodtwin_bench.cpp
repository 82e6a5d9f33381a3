// floodtwin-bench: solver throughput on standard problems, one JSON object on stdout.
//   dambreak: N x N, fully wet, flat bed with a few bumps, a 10 m / 2 m dam break
//             along the middle; Manning friction, wet/dry, ledger and envelopes on.
//   valley:   a flood wave from an inflow hydrograph down a real-terrain valley: the
//             SRTM sample tile (tests/data/srtm3) warped to UTM at the given cell size,
//             the Connecticut River valley near Lancaster NH; when the tile is absent
//             (a binary run away from its source tree), the synthetic valley of the
//             demo. Timed after a spin-up, mostly dry, so it measures the dry-tile
//             skipping as much as the flux.
//   river:    N x N cells of 10 m, a river crossing every row, --wet of them wet
//             (bench/river_problem.hpp): what a step costs against its wet share.
// --all-tiles sweeps every tile, as a fully wet grid costs; --tile-rows / --tile-cols
// set the tiles whose activity decides what a step visits.
#include <omp.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "bench/dambreak_problem.hpp"
#include "bench/river_problem.hpp"
#include "grids/crop.hpp"
#include "grids/fill_nodata.hpp"
#include "grids/gdal_raster.hpp"
#include "hydro/simulation.hpp"
#include "twin/setup/solver_grid.hpp"
#include "twin/terrain/synthetic_valley.hpp"

using namespace floodtwin;

namespace {

std::size_t peak_rss_bytes() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<std::size_t>(u.ru_maxrss) * 1024;  // Linux reports KiB
}

hydro::Simulation valley(double cell_m, const hydro::SolverConfig& config, std::string& terrain) {
    const std::filesystem::path tile = std::filesystem::path(FLOODTWIN_SOURCE_DIR) / "tests/data/srtm3/N44W072.hgt";
    grids::Raster<double> dem;
    if (std::filesystem::exists(tile)) {
        // 20 km x 20 km of the Connecticut River valley around Lancaster, NH
        // (71.57 W, 44.49 N = 295,655 E, 4,929,511 N in UTM 19N).
        grids::Raster<double> srtm = grids::read_raster(tile);
        grids::Raster<double> utm = grids::warp_raster(srtm, {"EPSG:32619", cell_m});
        const double cx = 295655.0, cy = 4929511.0;
        dem = grids::crop(utm, {cx - 10000.0, cy - 10000.0, cx + 10000.0, cy + 10000.0});
        grids::fill_nodata_holes(dem, {1000000});
        terrain = "SRTM3 N44W072 (tests/data/srtm3), Connecticut River near Lancaster NH, UTM 19N";
    } else {
        twin::ValleySpec spec;
        spec.cell_m = cell_m;
        dem = twin::make_valley(spec, grids::crs_wkt("EPSG:32648", "bench")).bed;
        terrain = "synthetic valley (SRTM sample absent)";
    }
    const hydro::Grid grid = twin::solver_grid(dem);
    hydro::Simulation sim(grid, twin::to_solver_order(dem, "DEM"), config);
    sim.set_manning(0.04);
    // A flood hydrograph enters through the north edge (into its lowest, river cells
    // while the edge is dry, then by conveyance); water leaves through the others.
    sim.add_boundary({"flood", hydro::Edge::north, 0, -1, hydro::BoundaryKind::inflow,
                      hydro::TimeSeries({0.0, 1800.0, 7200.0}, {0.0, 3000.0, 500.0}, "bench hydrograph")});
    sim.add_boundary({"south", hydro::Edge::south, 0, -1, hydro::BoundaryKind::free, {}});
    sim.add_boundary({"east", hydro::Edge::east, 0, -1, hydro::BoundaryKind::free, {}});
    sim.add_boundary({"west", hydro::Edge::west, 0, -1, hydro::BoundaryKind::free, {}});
    return sim;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"floodtwin-bench: solver throughput, one JSON object on stdout"};
    std::string problem = "dambreak", scheme = "fv1";
    int size = 2000, threads = 0, steps = 100, warmup = 2;
    double cell_m = 30.0, spin_up_s = 3600.0, wet_share = 0.05;
    bool all_tiles = false;
    hydro::SolverConfig config;
    app.add_option("--problem", problem, "dambreak | valley | river")->capture_default_str();
    app.add_option("--size", size, "dambreak, river: cells per side")->capture_default_str();
    app.add_option("--wet", wet_share, "river: the share of cells in the channel")->capture_default_str();
    app.add_flag("--all-tiles", all_tiles, "sweep every tile, wet or dry");
    app.add_option("--tile-rows", config.tile_rows, "rows of a tile")->capture_default_str();
    app.add_option("--tile-cols", config.tile_cols, "columns of a tile")->capture_default_str();
    app.add_option("--cell", cell_m, "valley: cell size (m)")->capture_default_str();
    app.add_option("--spin-up", spin_up_s, "valley: simulated seconds before timing")->capture_default_str();
    app.add_option("--scheme", scheme, "fv1 | fv2 | inertial")->capture_default_str();
    app.add_option("--threads", threads, "OpenMP threads (0: default)")->capture_default_str();
    app.add_option("--steps", steps, "timed steps")->capture_default_str();
    app.add_option("--warmup", warmup, "untimed steps first")->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    try {
        if (threads > 0) omp_set_num_threads(threads);
        config.scheme = hydro::parse_scheme(scheme);
        config.visit_all_tiles = all_tiles;
        std::string terrain = "flat bed with four submerged bumps";
        hydro::Simulation sim = problem == "dambreak" ? bench::dambreak(size, config)
                                : problem == "valley"  ? valley(cell_m, config, terrain)
                                : problem == "river"   ? bench::river(size, wet_share, config)
                                                       : throw std::invalid_argument("--problem: unknown '" + problem + "'");
        if (problem == "river") terrain = "a river crossing every row of a valley, " + std::to_string(wet_share) + " of it wet";
        if (problem == "valley") sim.advance_to(spin_up_s);
        for (int k = 0; k < warmup; ++k) sim.step();
        const double sim_t0 = sim.time();
        const auto t0 = std::chrono::steady_clock::now();
        std::size_t visited = 0;
        for (int k = 0; k < steps; ++k) {
            sim.step();
            visited += sim.visited_cells();
        }
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const auto cells = sim.grid().cells();
        nlohmann::json j;
        j["problem"] = problem;
        j["terrain"] = terrain;
        j["nx"] = sim.grid().nx;
        j["ny"] = sim.grid().ny;
        j["scheme"] = scheme;
        j["threads"] = omp_get_max_threads();
        j["steps"] = steps;
        j["wall_s"] = wall;
        j["cell_updates_per_s"] = static_cast<double>(cells) * steps / wall;
        // What the schemes' different steps mean for a user: simulated time per wall time.
        j["simulated_s"] = sim.time() - sim_t0;
        j["simulated_s_per_wall_s"] = (sim.time() - sim_t0) / wall;
        j["wall_per_step_s"] = wall / steps;
        j["wet_fraction"] = static_cast<double>(sim.wet_cells()) / static_cast<double>(cells);
        j["visited_fraction"] = static_cast<double>(visited) / steps / static_cast<double>(cells);
        j["tile_rows"] = config.tile_rows;
        j["tile_cols"] = config.tile_cols;
        j["all_tiles"] = all_tiles;
        j["peak_rss_bytes"] = peak_rss_bytes();
        j["bytes_per_cell"] = static_cast<double>(peak_rss_bytes()) / static_cast<double>(cells);
        j["mass_error"] = sim.ledger().relative_error();
        std::printf("%s\n", j.dump().c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "floodtwin-bench: error: %s\n", e.what());
        return 1;
    }
    return 0;
}
