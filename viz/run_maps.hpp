#pragma once
// The maps a run leaves behind for people: called at the end of `floodtwin run` with
// `[output] maps = true`, and by the demo. Works with or without a display.
#include <filesystem>
#include <string>
#include <vector>

#include "grids/polyline.hpp"
#include "viz/stations.hpp"

namespace floodtwin::viz {

struct RunMapsOptions {
    std::vector<Station> stations;  // e.g. the case's gauges with their levels (twin/run/map_stations.hpp)
    std::vector<grids::Polyline> rivers;  // centre lines in the results' CRS
    std::string note;               // e.g. "Synthetic terrain"; empty: results.nc's floodtwin_terrain
    int width = 1600;
    int height = 1200;
    bool animation = true;          // flood.mp4, when ffmpeg is installed (else listed in skipped)
};

struct RunMapsResult {
    std::vector<std::filesystem::path> written;
    std::vector<std::string> skipped;  // what was not made, and why
};

// Writes into out_dir: max_depth.png, arrival_time.png, max_depth_3d.png and
// flood.mp4 (depth at every map time). Starts a private Xvfb when DISPLAY is unset.
// Throws std::runtime_error (file, display) or std::invalid_argument (options).
RunMapsResult render_run_maps(const std::filesystem::path& results_nc, const std::filesystem::path& out_dir,
                              const RunMapsOptions& options = {});

}  // namespace floodtwin::viz
