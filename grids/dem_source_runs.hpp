#pragma once
// The GDAL half of prepare_dem: opening the sources, joining runs of matching tiles and
// warping each run onto the common grid. Not for use outside grids/; names no GDAL type.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "grids/dem_prepare.hpp"

namespace floodtwin::grids::detail {

// One run of consecutive sources on the common grid.
struct WarpedRun {
    Raster<double> dem;                 // the common grid; k_dem_nodata where the run has no value
    std::vector<std::uint8_t> inside;   // 1 where the cell centre falls within the run's extent
    std::string files;                  // the run's file names, for messages
};

// Opens and checks every source (errors name the file), fixes the common grid, then calls
// `use` once per run in the order the sources are listed. A run whose extent misses the
// grid (outside the bbox) is passed on too, all outside and nodata, so the caller always
// sees the grid. Returns the number of runs.
std::size_t warp_source_runs(std::span<const std::filesystem::path> sources, const DemPrepareOptions& options,
                             const std::function<void(WarpedRun&&)>& use);

}  // namespace floodtwin::grids::detail
