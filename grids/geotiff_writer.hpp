#pragma once
// GeoTIFF output for rasters a GIS should open as they are (the "one map" layers):
// tiled, DEFLATE-compressed, CRS and nodata kept, written atomically.
#include <filesystem>
#include <map>
#include <string>

#include "grids/raster.hpp"

namespace floodtwin::grids {

struct GeoTiffOptions {
    // Written as GDAL metadata items in the default domain (e.g. provenance, units).
    // Keys must be non-empty and hold no '=' or whitespace.
    std::map<std::string, std::string> metadata;
    int deflate_level = 6;            // 1 (fast) .. 9 (small)
    // The floating-point predictor (TIFF PREDICTOR=3) roughly halves the size of smooth
    // fields like elevation and depth; every GDAL since 1.x reads it.
    bool floating_point_predictor = true;
    int tile_size = 256;              // square tiles, a multiple of 16
};

// Writes band 1 as Float64 / Float32 to `path` via AtomicFile: GDAL writes the temporary
// name, the file is renamed into place only when complete. Throws RasterError naming the
// path and the raster's source on failure.
void write_geotiff(const std::filesystem::path& path, const Raster<double>& raster, const GeoTiffOptions& options = {});
void write_geotiff(const std::filesystem::path& path, const Raster<float>& raster, const GeoTiffOptions& options = {});

}  // namespace floodtwin::grids
