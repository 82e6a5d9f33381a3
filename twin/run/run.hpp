#pragma once
// `floodtwin run`: a case from its TOML file to results.nc, GeoTIFF maps, gauges,
// the mass balance and a summary, with checkpoints and resume.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "twin/run/case_command.hpp"
#include "twin/run/map_stations.hpp"

namespace floodtwin::twin {

// What the maps at the end of a run are drawn from (`[output] maps = true`). The twin
// core draws nothing itself: the command line (app/) hands run_case a drawer that
// calls viz, so the core builds and runs on compute nodes without VTK.
struct RunMapsInput {
    std::filesystem::path results_nc, out_dir;
    std::vector<MapStation> stations;             // the case's gauges, levels at the peak and per map
    std::optional<std::filesystem::path> rivers;  // output.rivers
    std::string crs_wkt;                          // the DEM's
    std::string note;                             // output.map_note
};
// Draws the maps; returns what it left out and why. May throw: the run then warns and
// keeps its results.
using MapsDrawer = std::function<std::vector<std::string>(const RunMapsInput&)>;

struct RunOptions : CaseCommand {
    int threads = 0;  // 0: OpenMP's default
    // Continue a run of this case from one of its checkpoints; it ends bit for bit
    // where the uninterrupted run ends.
    std::optional<std::filesystem::path> resume;
    // Start this case from the state another run left in a checkpoint (a forecast
    // cycle's hot start): same grid and network, and case.start at the checkpoint's
    // instant; the series, rules, boundaries and outputs are this case's.
    std::optional<std::filesystem::path> hot_start;
    // With hot_start: reservoirs set to these pool levels at the start (levels observed
    // at a forecast's issue time), in place of the state's.
    std::vector<std::pair<std::string, double>> reservoir_levels;
    // An ensemble member: the case with member k's draws ([ensemble];
    // twin/case/member_draws.hpp). out_dir is then the member's own folder.
    std::optional<int> member;
    // Replace the results of another run in out_dir (otherwise refused: two runs'
    // results are never mixed in one folder).
    bool overwrite = false;
    MapsDrawer draw_maps;  // empty: `[output] maps` gives a warning that this build draws none
};

using RunResult = CaseCommandResult;

RunResult run_case(const RunOptions& options);

}  // namespace floodtwin::twin
