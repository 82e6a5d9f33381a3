#pragma once
// Rivers on maps: centre lines in the map's CRS, drawn as blue lines over the terrain
// and the water (viz/map_overlays.cpp).
#include <filesystem>
#include <string>
#include <vector>

#include "grids/line_file.hpp"
#include "grids/polyline.hpp"
#include "viz/colour_scale.hpp"

namespace floodtwin::viz {

// A saturated mid blue: apart from every colour of the depth and arrival scales
// (cividis, viridis) and from the blue warning marker.
inline constexpr Rgb river_colour{0.16, 0.56, 0.96};

// The LineStrings of a GeoJSON file (or any vector file OGR reads), in lon/lat or
// any CRS it declares, transformed to the map's CRS (results.nc's crs_wkt, the DEM's).
// Throws grids::RasterError (a std::runtime_error) naming the file.
[[nodiscard]] inline std::vector<grids::Polyline> read_rivers(const std::filesystem::path& path,
                                                              const std::string& map_crs_wkt) {
    return grids::read_lines_geojson(path, map_crs_wkt);
}

}  // namespace floodtwin::viz
