#pragma once
// Opening rasters and naming resampling for GDAL, shared by the files of grids/ that
// read rasters (gdal_raster.cpp, raster_series.cpp, dem_source_runs.cpp). Not for use
// outside grids/: it includes GDAL.
#include <gdal_priv.h>

#include <string>

#include "grids/gdal_raster.hpp"

namespace floodtwin::grids::detail {

// Opens `name` read-only as a raster, GDAL registered first; throws RasterError "raster
// file not found" for a plain path to nothing, or "cannot read raster file" with GDAL's
// reason. Call it inside a QuietGdalErrors scope so that the reason is recorded.
[[nodiscard]] GDALDatasetUniquePtr open_raster_read_only(const std::string& name);

// gdalwarp's name of a resampling method ("near", "bilinear", "cubic", "average").
[[nodiscard]] const char* gdalwarp_resampling(Resampling resampling);

}  // namespace floodtwin::grids::detail
