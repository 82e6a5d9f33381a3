#pragma once
// Rasters in from GDAL and through GDAL's warper. This header names no GDAL type, so
// the rest of the project never sees GDAL; gdal_raster.cpp, geotiff_writer.cpp,
// raster_series.cpp, dem_source_runs.cpp and line_file.cpp are the only files that
// include its headers.
#include <cstddef>
#include <filesystem>
#include <string>

#include "grids/raster.hpp"

namespace floodtwin::grids {

// Reads band 1 of any raster GDAL can open (GeoTIFF, ESRI ASCII .asc, SRTM .hgt, ...)
// as doubles. The nodata value is kept and nodata cells keep it. The result's `source`
// is the path. Throws RasterError naming the file when it is missing or unreadable,
// has no georeferencing, has a rotated geotransform, or holds no valid cell.
[[nodiscard]] Raster<double> read_raster(const std::filesystem::path& path);

// One item of a raster file's metadata (GDAL's default domain; a GeoTIFF's
// TIFFTAG_GDAL_METADATA), "" when it has none. Throws RasterError as read_raster does
// when the file cannot be opened.
[[nodiscard]] std::string raster_metadata_item(const std::filesystem::path& path, const std::string& key);

// WKT of a CRS given as "EPSG:32648", WKT or a PROJ string (no file or network
// access). Throws RasterError naming `what` when the text is not understood.
[[nodiscard]] std::string crs_wkt(const std::string& text, const std::string& what);

// What a CRS is (given as for crs_wkt), for checks and messages: its name ("WGS 84",
// "WGS 84 / UTM zone 48N"), whether it is geographic (angles: degrees of lat/lon) or
// projected, and for a projected one its linear unit in metres (1 for metres).
struct CrsFacts {
    std::string name;
    bool geographic = false;
    bool projected = false;
    double metres_per_unit = 1.0;
    std::string unit_name;  // "metre", "US survey foot", "degree"
};
[[nodiscard]] CrsFacts crs_facts(const std::string& text, const std::string& what);

// Columns and rows of a grid.
struct GridSize {
    std::size_t nx = 0;
    std::size_t ny = 0;
    [[nodiscard]] double cells() const { return static_cast<double>(nx) * static_cast<double>(ny); }
};

// The size of band 1 of a raster file, read from its header without reading the band:
// to check that the band fits in memory before reading it. Throws RasterError as read_raster.
[[nodiscard]] GridSize raster_file_size(const std::filesystem::path& path);

enum class Resampling { nearest, bilinear, cubic, average };

struct WarpOptions {
    // Target CRS as anything GDAL's user-input parser takes without file or network
    // access: "EPSG:32648", WKT, PROJ strings. It must be projected in metres.
    std::string target_crs;
    double resolution_m = 0.0;                    // square output cells
    Resampling resampling = Resampling::bilinear; // bilinear suits elevation
    // Largest position error (in output cells) the warper's approximated transform may
    // make; 0.125 is gdalwarp's default, 0 transforms every cell exactly.
    double error_threshold_cells = 0.125;
};

// Value written into cells the warp leaves empty when the source has no nodata value.
inline constexpr double k_warp_fallback_nodata = -9999.0;

// Reprojects `source` to options.target_crs with gdalwarp run in memory (MEM driver).
// The output grid is aligned to whole multiples of the resolution (gdalwarp -tap) so
// tiles warped separately line up. Nodata is carried over; cells outside the source
// footprint become nodata. Throws RasterError naming source.source when the source has
// no CRS, or the target CRS is invalid or not metric.
[[nodiscard]] Raster<double> warp_raster(const Raster<double>& source, const WarpOptions& options);

// `source` warped onto exactly the grid of `like` (its CRS, origin, cell size and size:
// gdalwarp -t_srs -te -ts), for per-cell inputs given on another grid or CRS than the
// DEM. Nearest suits classes (land use, Manning n), bilinear continuous fields. Cells of
// `like` outside the source's footprint, or over its nodata, become nodata. Throws
// RasterError naming source.source when either has no CRS or the warp fails.
[[nodiscard]] Raster<double> warp_onto(const Raster<double>& source, const Raster<double>& like,
                                       Resampling resampling);

// The size of the grid warp_raster(source, options) would make, found by GDAL's
// suggested warp output and aligned as -tap aligns it, without making it: so that a
// resolution too fine for the memory is refused before the warp allocates. Throws
// RasterError as warp_raster does.
[[nodiscard]] GridSize warp_output_size(const Raster<double>& source, const WarpOptions& options);

}  // namespace floodtwin::grids
