#pragma once
// The built-in default case: a dam break in a generated valley. It runs on a fresh
// machine with no data at all and shows the whole chain: terrain, case file, solver,
// mass balance, results.nc, GeoTIFF maps, rendered maps and movie, ParaView series,
// gauges and a JSON summary.
#include <filesystem>
#include <string>
#include <vector>

#include "hydro/config.hpp"

namespace floodtwin::app {

struct DemoOptions {
    std::filesystem::path out_dir = "floodtwin-demo";
    hydro::Scheme scheme = hydro::Scheme::fv2;
    double duration_s = 3600.0;
    double frame_interval_s = 300.0;
    double cell_m = 20.0;
    int threads = 0;  // 0: OpenMP's default
    bool quiet = false;
    bool maps = true;  // rendered maps and a movie (needs Xvfb or a display, ffmpeg)
    std::string command_line;
    std::vector<std::string> overrides;  // case keys set as with `floodtwin run --set`
};

struct DemoResult {
    double mass_error = 0.0;
    std::filesystem::path summary;
};

DemoResult run_demo(const DemoOptions& options);

}  // namespace floodtwin::app
