#pragma once
// Series of rain grids for the twin tests, on the grid of cases/examples/valley-dem.tif.
// Tests may use GDAL directly: the GeoTIFF convention (band descriptions) is checked
// with files made by GDAL itself, not by a writer of ours.
#include <gdal_priv.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "grids/gdal_raster.hpp"
#include "grids/netcdf_writer.hpp"
#include "tests/support/temp_dir.hpp"

namespace floodtwin::testing {

inline const std::filesystem::path kValleyDem =
    std::filesystem::path(FLOODTWIN_SOURCE_DIR) / "cases/examples/valley-dem.tif";

using TempDir = floodtwin::testing::TempDir;

// The valley DEM, read once per test program.
inline const grids::Raster<double>& valley() {
    static const grids::Raster<double> dem = grids::read_raster(kValleyDem);
    return dem;
}

// Intensity in mm/h of one frame at raster column col, row row (row 0 north).
using FrameValues = std::function<double(std::size_t col, std::size_t row)>;

struct TiffFrame {
    std::string description;  // the band's time; "" writes none
    FrameValues mm_h;
};

// A GeoTIFF with one band per frame on the grid of `like` (size, georeferencing, CRS).
inline void write_frames_tiff(const std::filesystem::path& path, const grids::Raster<double>& like,
                              const std::vector<TiffFrame>& frames) {
    GDALAllRegister();
    const int nx = static_cast<int>(like.nx), ny = static_cast<int>(like.ny);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDatasetUniquePtr ds(
        driver->Create(path.string().c_str(), nx, ny, static_cast<int>(frames.size()), GDT_Float64, nullptr));
    if (!ds) throw std::runtime_error("cannot create " + path.string());
    double gt[6] = {like.transform.origin_x, like.transform.pixel_width, 0.0,
                    like.transform.origin_y, 0.0,                        like.transform.pixel_height};
    ds->SetGeoTransform(gt);
    ds->SetProjection(like.crs_wkt.c_str());
    for (std::size_t b = 0; b < frames.size(); ++b) {
        std::vector<double> v(like.size());
        for (std::size_t row = 0; row < like.ny; ++row)
            for (std::size_t col = 0; col < like.nx; ++col) v[row * like.nx + col] = frames[b].mm_h(col, row);
        GDALRasterBand* band = ds->GetRasterBand(static_cast<int>(b) + 1);
        if (!frames[b].description.empty()) band->SetDescription(frames[b].description.c_str());
        if (band->RasterIO(GF_Write, 0, 0, nx, ny, v.data(), nx, ny, GDT_Float64, 0, 0, nullptr) != CE_None)
            throw std::runtime_error("cannot write " + path.string());
    }
}

// A CF NetCDF file with a variable "rain" (mm/h) holding one map per frame, times in
// seconds since `start_iso`, written by our own NetcdfWriter (rows south-up, as CF).
inline void write_frames_nc(const std::filesystem::path& path, const grids::Raster<double>& like,
                            const std::string& start_iso, const std::vector<std::pair<double, FrameValues>>& frames) {
    const grids::Bounds b = like.bounds();
    const grids::NcGrid grid{like.nx, like.ny, b.xmin + 0.5 * like.resolution_x(), b.ymin + 0.5 * like.resolution_y(),
                             like.resolution_x(), like.resolution_y(), like.crs_wkt};
    grids::NetcdfWriter nc(path, grid, start_iso, {{"rain", "", "rain intensity", "mm/h", true, ""}}, {});
    for (const auto& [time_s, mm_h] : frames) {
        std::vector<double> v(like.size());
        for (std::size_t j = 0; j < like.ny; ++j)
            for (std::size_t i = 0; i < like.nx; ++i) v[i + like.nx * j] = mm_h(i, like.ny - 1 - j);
        nc.write_time(time_s, {{"rain", v}});
    }
    nc.close();
}

}  // namespace floodtwin::testing
