#pragma once
// The case's gauges as stations on a run's maps: where each stands (its cell's centre),
// its water level and warning level at its peak for the whole-run maps, and at every
// map time for the frames, read back from results.nc so that each frame shows the
// gauge as it was then.
#include <filesystem>
#include <vector>

#include "grids/raster.hpp"
#include "twin/gauges.hpp"
#include "viz/stations.hpp"

namespace floodtwin::twin {

// `dem` is the prepared DEM (the gauges' cells index it, j = 0 south); a gauge is wet in
// a map where its depth exceeds `dry_depth_m`, as in gauges.csv.
[[nodiscard]] std::vector<viz::Station> map_stations(const grids::Raster<double>& dem, const GaugeRecorder& gauges,
                                                     const std::filesystem::path& results_nc, double dry_depth_m);

}  // namespace floodtwin::twin
