#pragma once
// What every map of a run is made of, derived once from the solver state, and the
// GeoTIFF form of a map: shared by `floodtwin run` and the demo.
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "grids/raster.hpp"
#include "hydro/simulation.hpp"

namespace floodtwin::twin {

struct MapFields {
    std::vector<double> water_level;  // m; NaN where the cell holds no water
    std::vector<double> velocity_x;   // m/s; 0 where dry
    std::vector<double> velocity_y;
};

MapFields map_fields(const hydro::Simulation& sim);

// Solver-order values on the DEM's grid as a tiled DEFLATE GeoTIFF, NaN as nodata,
// with `tags` as metadata.
void write_geotiff_map(const std::filesystem::path& path, std::span<const double> values,
                       const grids::Raster<double>& dem, const std::map<std::string, std::string>& tags);

}  // namespace floodtwin::twin
