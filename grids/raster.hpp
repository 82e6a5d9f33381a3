#pragma once
// A georeferenced single-band grid: the one in-memory form every DEM, depth map and
// roughness raster takes between GDAL and the solver. Storage is row-major with row 0
// at the NORTH edge (GDAL's order), so a band read with RasterIO lands unchanged.
#include <cassert>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace floodtwin::grids {

// GDAL's affine transform without the rotation terms, which we refuse on reading:
// the solver's cells are axis-aligned, so a rotated grid would need resampling anyway.
struct GeoTransform {
    double origin_x = 0.0;      // x of the top-left corner of cell (col 0, row 0)
    double origin_y = 0.0;      // y of that corner
    double pixel_width = 1.0;   // cell size along x, in CRS units
    double pixel_height = -1.0; // cell size along y; negative for north-up grids
};

// An axis-aligned box in the raster's CRS (xmin < xmax, ymin < ymax).
struct Bounds {
    double xmin = 0.0;
    double ymin = 0.0;
    double xmax = 0.0;
    double ymax = 0.0;
};

template <class T>
struct Raster {
    static_assert(std::is_arithmetic_v<T>, "Raster holds numbers");

    std::size_t nx = 0;            // columns
    std::size_t ny = 0;            // rows, row 0 at the north edge
    GeoTransform transform;
    std::string crs_wkt;           // empty when the source carried no CRS
    std::optional<double> nodata;  // cells equal to it hold no data
    std::vector<T> values;         // nx * ny, row-major
    std::string source;            // file or description it came from, for error messages

    Raster() = default;
    Raster(std::size_t nx_, std::size_t ny_, GeoTransform transform_, T fill = T{})
        : nx(nx_), ny(ny_), transform(transform_), values(nx_ * ny_, fill) {}

    [[nodiscard]] std::size_t size() const { return nx * ny; }
    [[nodiscard]] std::size_t index(std::size_t col, std::size_t row) const {
        assert(col < nx && row < ny);
        return row * nx + col;
    }
    [[nodiscard]] T& at(std::size_t col, std::size_t row) { return values[index(col, row)]; }
    [[nodiscard]] const T& at(std::size_t col, std::size_t row) const { return values[index(col, row)]; }

    // NaN is never a valid sample, whatever the declared nodata value; a NaN nodata
    // value cannot be found by == so it is caught here too.
    [[nodiscard]] bool is_nodata_value(T v) const {
        if constexpr (std::is_floating_point_v<T>) {
            if (std::isnan(v)) return true;
        }
        return nodata.has_value() && v == static_cast<T>(*nodata);
    }
    [[nodiscard]] bool is_valid(std::size_t col, std::size_t row) const { return !is_nodata_value(at(col, row)); }
    [[nodiscard]] std::size_t count_valid() const {
        std::size_t n = 0;
        for (T v : values) n += is_nodata_value(v) ? 0 : 1;
        return n;
    }

    // Cell centres in CRS units.
    [[nodiscard]] double cell_centre_x(std::size_t col) const {
        return transform.origin_x + (static_cast<double>(col) + 0.5) * transform.pixel_width;
    }
    [[nodiscard]] double cell_centre_y(std::size_t row) const {
        return transform.origin_y + (static_cast<double>(row) + 0.5) * transform.pixel_height;
    }

    // Outer edges of the grid, whatever the signs of the pixel sizes.
    [[nodiscard]] Bounds bounds() const {
        const double x1 = transform.origin_x + static_cast<double>(nx) * transform.pixel_width;
        const double y1 = transform.origin_y + static_cast<double>(ny) * transform.pixel_height;
        return {std::fmin(transform.origin_x, x1), std::fmin(transform.origin_y, y1),
                std::fmax(transform.origin_x, x1), std::fmax(transform.origin_y, y1)};
    }

    [[nodiscard]] double resolution_x() const { return std::fabs(transform.pixel_width); }
    [[nodiscard]] double resolution_y() const { return std::fabs(transform.pixel_height); }
};

}  // namespace floodtwin::grids
