#pragma once
// The case's gauges as stations on a run's maps: where each stands (its cell's centre),
// its water level and warning level at its peak for the whole-run maps, and at every
// map time for the frames, read back from results.nc so that each frame shows the
// gauge as it was then. Plain data: the renderer (viz, through app/) draws them.
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "grids/raster.hpp"
#include "twin/run/gauges.hpp"
#include "twin/warning/warning_level.hpp"

namespace floodtwin::twin {

// A station's stage (station datum; NaN: dry) and warning level at one time.
struct MapStationState {
    double stage_m = std::numeric_limits<double>::quiet_NaN();
    WarningLevel level = WarningLevel::none;
};

struct MapStation {
    std::string name;
    double x_m = 0.0, y_m = 0.0;  // the centre of the gauge's cell, in the DEM's CRS
    MapStationState peak;         // for the whole-run maps
    std::vector<MapStationState> at_maps;  // one per map time of results.nc
};

// `dem` is the prepared DEM (the gauges' cells index it, j = 0 south); a gauge is wet in
// a map where its depth exceeds `dry_depth_m`, as in gauges.csv.
[[nodiscard]] std::vector<MapStation> map_stations(const grids::Raster<double>& dem, const GaugeRecorder& gauges,
                                                   const std::filesystem::path& results_nc, double dry_depth_m);

}  // namespace floodtwin::twin
