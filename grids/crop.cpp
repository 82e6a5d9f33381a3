#include "grids/crop.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

#include "grids/raster_error.hpp"

namespace floodtwin::grids {

namespace {

std::string box_text(const Bounds& b) {
    std::ostringstream out;
    out.precision(12);
    out << "[xmin " << b.xmin << ", ymin " << b.ymin << ", xmax " << b.xmax << ", ymax " << b.ymax << "]";
    return out.str();
}

// Index range [begin, end) of the cells that overlap the fractional positions [lo, hi],
// snapped outward. The tolerance keeps a box edge that is a cell edge up to rounding
// from pulling in a whole extra row or column.
std::pair<std::size_t, std::size_t> outward_range(double lo, double hi, std::size_t count) {
    constexpr double tolerance_cells = 1e-9;
    const double n = static_cast<double>(count);
    const double begin = std::clamp(std::floor(lo + tolerance_cells), 0.0, n);
    const double end = std::clamp(std::ceil(hi - tolerance_cells), 0.0, n);
    return {static_cast<std::size_t>(begin), static_cast<std::size_t>(end)};
}

}  // namespace

template <class T>
Raster<T> crop(const Raster<T>& raster, const Bounds& box) {
    const std::string& name = raster.source.empty() ? std::string("<unnamed raster>") : raster.source;
    if (!(box.xmin < box.xmax && box.ymin < box.ymax))
        throw RasterError("cannot crop " + name + ": box " + box_text(box) + " needs xmin < xmax and ymin < ymax");

    const GeoTransform& t = raster.transform;
    // Fractional cell positions of the box edges; either pixel size may be negative.
    double c0 = (box.xmin - t.origin_x) / t.pixel_width;
    double c1 = (box.xmax - t.origin_x) / t.pixel_width;
    double r0 = (box.ymax - t.origin_y) / t.pixel_height;
    double r1 = (box.ymin - t.origin_y) / t.pixel_height;
    if (c0 > c1) std::swap(c0, c1);
    if (r0 > r1) std::swap(r0, r1);
    const auto [col_begin, col_end] = outward_range(c0, c1, raster.nx);
    const auto [row_begin, row_end] = outward_range(r0, r1, raster.ny);
    if (col_begin >= col_end || row_begin >= row_end)
        throw RasterError("crop box " + box_text(box) + " misses raster " + name + ", whose bounds are " +
                          box_text(raster.bounds()));

    Raster<T> out(col_end - col_begin, row_end - row_begin,
                  GeoTransform{t.origin_x + static_cast<double>(col_begin) * t.pixel_width,
                               t.origin_y + static_cast<double>(row_begin) * t.pixel_height, t.pixel_width,
                               t.pixel_height});
    out.crs_wkt = raster.crs_wkt;
    out.nodata = raster.nodata;
    out.source = raster.source;
    for (std::size_t row = row_begin; row < row_end; ++row) {
        const auto first = raster.values.begin() + static_cast<std::ptrdiff_t>(raster.index(col_begin, row));
        std::copy(first, first + static_cast<std::ptrdiff_t>(out.nx),
                  out.values.begin() + static_cast<std::ptrdiff_t>(out.index(0, row - row_begin)));
    }
    return out;
}

template Raster<double> crop(const Raster<double>&, const Bounds&);
template Raster<float> crop(const Raster<float>&, const Bounds&);

}  // namespace floodtwin::grids
