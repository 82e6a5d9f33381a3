#include "grids/geotiff_writer.hpp"

#include <gdal_priv.h>
#include <cpl_error.h>
#include <cpl_string.h>

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <climits>
#include <type_traits>

#include "grids/atomic_file.hpp"
#include "grids/write_error.hpp"
#include "grids/gdal_detail.hpp"
#include "grids/raster_error.hpp"

namespace floodtwin::grids {

namespace {

std::string describe(const std::filesystem::path& path, const std::string& source) {
    return path.string() + (source.empty() ? std::string() : " (from " + source + ")");
}

using detail::with_gdal_reason;

void check_options(const std::filesystem::path& path, const GeoTiffOptions& options) {
    if (options.deflate_level < 1 || options.deflate_level > 9)
        throw RasterError("cannot write " + path.string() + ": deflate level must be 1..9, got " +
                          std::to_string(options.deflate_level));
    if (options.tile_size < 16 || options.tile_size % 16 != 0)
        throw RasterError("cannot write " + path.string() + ": tile size must be a positive multiple of 16, got " +
                          std::to_string(options.tile_size));
    for (const auto& [key, value] : options.metadata) {
        const bool bad = key.empty() || std::any_of(key.begin(), key.end(), [](unsigned char c) {
                             return c == '=' || std::isspace(c) != 0;
                         });
        if (bad) throw RasterError("cannot write " + path.string() + ": bad metadata key '" + key + "'");
    }
}

// A write GDAL could not do: a full disk is said as such (GDAL's words follow).
[[noreturn]] void fail_writing(const std::filesystem::path& path, const std::string& message) {
    const int err = errno;
    if (out_of_space(path, err)) throw_write_error(path, message, err);
    throw RasterError(message);
}

template <class T>
void write_any(const std::filesystem::path& path, const Raster<T>& raster, const GeoTiffOptions& options) {
    static_assert(std::is_same_v<T, double> || std::is_same_v<T, float>);
    constexpr GDALDataType type = std::is_same_v<T, double> ? GDT_Float64 : GDT_Float32;

    check_options(path, options);
    if (raster.nx == 0 || raster.ny == 0 || raster.nx > static_cast<std::size_t>(INT_MAX) ||
        raster.ny > static_cast<std::size_t>(INT_MAX) || raster.values.size() != raster.size())
        throw RasterError("cannot write " + describe(path, raster.source) + ": raster is empty, too large or " +
                          "its values do not match its " + std::to_string(raster.nx) + " x " +
                          std::to_string(raster.ny) + " size");

    detail::ensure_gdal_registered();
    const detail::QuietGdalErrors quiet;
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver) throw RasterError("GDAL's GTiff driver is missing; cannot write " + path.string());

    CPLStringList creation;
    creation.SetNameValue("TILED", "YES");
    creation.SetNameValue("BLOCKXSIZE", std::to_string(options.tile_size).c_str());
    creation.SetNameValue("BLOCKYSIZE", std::to_string(options.tile_size).c_str());
    creation.SetNameValue("COMPRESS", "DEFLATE");
    creation.SetNameValue("ZLEVEL", std::to_string(options.deflate_level).c_str());
    if (options.floating_point_predictor) creation.SetNameValue("PREDICTOR", "3");
    // Big DEMs can pass 4 GiB even compressed; IF_SAFER switches to BigTIFF only then.
    creation.SetNameValue("BIGTIFF", "IF_SAFER");

    AtomicFile file(path);
    const int nx = static_cast<int>(raster.nx);
    const int ny = static_cast<int>(raster.ny);
    {
        // GDAL picks the format from the driver, not the name, so the ".tmpPID" suffix is harmless.
        GDALDatasetUniquePtr dataset(
            driver->Create(file.temporary().string().c_str(), nx, ny, 1, type, creation.List()));
        if (!dataset) fail_writing(path, with_gdal_reason("cannot create " + describe(path, raster.source)));

        double gt[6] = {raster.transform.origin_x, raster.transform.pixel_width, 0.0,
                        raster.transform.origin_y, 0.0, raster.transform.pixel_height};
        dataset->SetGeoTransform(gt);
        if (!raster.crs_wkt.empty() && dataset->SetProjection(raster.crs_wkt.c_str()) != CE_None)
            throw RasterError(with_gdal_reason("cannot store the CRS in " + describe(path, raster.source)));
        GDALRasterBand* band = dataset->GetRasterBand(1);
        if (raster.nodata && band->SetNoDataValue(*raster.nodata) != CE_None)
            throw RasterError(with_gdal_reason("cannot store the nodata value in " + describe(path, raster.source)));
        for (const auto& [key, value] : options.metadata)
            dataset->SetMetadataItem(key.c_str(), value.c_str());

        // RasterIO wants a mutable buffer even for writing; GDAL does not change it.
        T* data = const_cast<T*>(raster.values.data());
        if (band->RasterIO(GF_Write, 0, 0, nx, ny, data, nx, ny, type, 0, 0, nullptr) != CE_None)
            fail_writing(path, with_gdal_reason("cannot write the cells of " + describe(path, raster.source)));
        CPLErrorReset();
    }  // closing the dataset flushes the last tiles and the directory
    if (CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal)
        fail_writing(path, with_gdal_reason("cannot finish " + describe(path, raster.source)));
    file.commit();
}

}  // namespace

void write_geotiff(const std::filesystem::path& path, const Raster<double>& raster, const GeoTiffOptions& options) {
    write_any(path, raster, options);
}

void write_geotiff(const std::filesystem::path& path, const Raster<float>& raster, const GeoTiffOptions& options) {
    write_any(path, raster, options);
}

}  // namespace floodtwin::grids
