#include "twin/synthetic_valley.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace floodtwin::twin {

Valley make_valley(const ValleySpec& s, const std::string& crs_wkt) {
    if (!(s.cell_m > 0.0) || !(s.length_m > s.cell_m) || !(s.width_m > s.cell_m))
        throw std::invalid_argument("synthetic valley: length and width must exceed the cell size");
    const auto nx = static_cast<std::size_t>(std::lround(s.length_m / s.cell_m));
    const auto ny = static_cast<std::size_t>(std::lround(s.width_m / s.cell_m));
    const grids::GeoTransform gt{s.origin_x_m, s.origin_y_m + static_cast<double>(ny) * s.cell_m, s.cell_m, -s.cell_m};

    Valley v;
    v.bed = grids::Raster<double>(nx, ny, gt);
    v.bed.crs_wkt = crs_wkt;
    v.bed.source = "synthetic valley";
    v.initial_depth = grids::Raster<double>(nx, ny, gt);
    v.initial_depth.crs_wkt = crs_wkt;
    v.initial_depth.source = "synthetic valley reservoir";

    const double top = 200.0;  // floor level at the head of the valley
    auto centre_y = [&](double x) {
        return 0.5 * s.width_m + s.meander_amp_m * std::sin(2.0 * std::numbers::pi * x / s.meander_len_m);
    };
    auto floor_at = [&](double x) { return top - s.floor_slope * x; };
    for (std::size_t row = 0; row < ny; ++row) {
        for (std::size_t col = 0; col < nx; ++col) {
            const double x = (static_cast<double>(col) + 0.5) * s.cell_m;
            const double y = s.width_m - (static_cast<double>(row) + 0.5) * s.cell_m;
            // Sides: flat 60 m-wide channel, then a parabolic rise to the valley rim.
            const double off = std::max(0.0, std::fabs(y - centre_y(x)) - 30.0);
            const double side = s.side_rise_m * std::pow(off / (0.5 * s.width_m), 1.5);
            // Terraces: a gentle 1 m step every 10 m of rise, as a river leaves behind.
            const double terrace = std::floor(side / 10.0) * 1.0;
            v.bed.at(col, row) = floor_at(x) + side + terrace;
        }
    }
    // The dam: a wall three cells thick across the valley; the pool behind it is
    // level with the dam crest minus freeboard. The break removes the wall at t = 0,
    // so the bed keeps no trace of it and the pool starts as the initial depth.
    v.pool_level_m = floor_at(s.dam_x_m) + s.pool_depth_m;
    for (std::size_t row = 0; row < ny; ++row)
        for (std::size_t col = 0; col < nx; ++col) {
            const double x = (static_cast<double>(col) + 0.5) * s.cell_m;
            const double depth = x < s.dam_x_m ? std::max(0.0, v.pool_level_m - v.bed.at(col, row)) : 0.0;
            v.initial_depth.at(col, row) = depth;
        }
    return v;
}

}  // namespace floodtwin::twin
