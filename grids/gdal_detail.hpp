#pragma once
// Plumbing shared by the files that talk to GDAL (gdal_raster.cpp, geotiff_writer.cpp,
// raster_series.cpp). Not for use outside grids/. It includes no GDAL header: GDAL's
// dataset class is only declared, so including this pulls no GDAL into a caller.
#include <string>

#include "grids/raster.hpp"

class GDALDataset;

namespace floodtwin::grids::detail {

// Registers GDAL's drivers once per process, whichever entry point runs first.
void ensure_gdal_registered();

// While alive, GDAL errors are recorded instead of printed to stderr, so we can put
// them into our own exception messages. GDAL's handler stack is per thread.
class QuietGdalErrors {
public:
    QuietGdalErrors();
    ~QuietGdalErrors();
    QuietGdalErrors(const QuietGdalErrors&) = delete;
    QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;

    // The last error GDAL reported on this thread, or "" if none.
    [[nodiscard]] static std::string last_message();
};

// `message`, followed by GDAL's own explanation when it gave one.
[[nodiscard]] std::string with_gdal_reason(std::string message);

// Throws RasterError "raster file not found" when `name` is a plain path to nothing.
// GDAL's virtual file systems (/vsizip/ ...) and subdataset names (NETCDF:"f.nc":var)
// are not plain files; those are left for GDAL to judge when it opens them.
void require_raster_source(const std::string& name);

// The one conversion from band `band` (from 1) of a GDAL dataset to our Raster, shared
// by reading, series reading and warping so all enforce the same rules: north-up, no
// rotation, nodata kept, at least one valid cell. `name` is the file, for messages and
// the result's `source`.
[[nodiscard]] Raster<double> raster_from_dataset(GDALDataset& dataset, const std::string& name, int band = 1);

}  // namespace floodtwin::grids::detail
