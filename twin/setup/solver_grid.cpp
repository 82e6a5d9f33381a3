#include "twin/setup/solver_grid.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "grids/text_fields.hpp"

namespace floodtwin::twin {

hydro::Grid solver_grid(const grids::Raster<double>& raster) {
    const double dx = raster.resolution_x();
    const double dy = raster.resolution_y();
    if (!(dx > 0.0) || !(dy > 0.0) || !std::isfinite(dx) || !std::isfinite(dy))
        throw std::invalid_argument(raster.source + ": cell size must be positive");
    return hydro::Grid{static_cast<int>(raster.nx), static_cast<int>(raster.ny), dx, dy};
}

void check_on_grid(const grids::Raster<double>& r, const grids::Raster<double>& dem, const std::string& what) {
    const double tol = 1e-6 * dem.resolution_x();
    if (r.nx != dem.nx || r.ny != dem.ny || std::fabs(r.transform.origin_x - dem.transform.origin_x) > tol ||
        std::fabs(r.transform.origin_y - dem.transform.origin_y) > tol ||
        std::fabs(r.transform.pixel_width - dem.transform.pixel_width) > tol ||
        std::fabs(r.transform.pixel_height - dem.transform.pixel_height) > tol)
        throw std::invalid_argument(what + " is " + std::to_string(r.nx) + " x " + std::to_string(r.ny) +
                                    " cells from (" + grids::number_text(r.transform.origin_x) + ", " +
                                    grids::number_text(r.transform.origin_y) + "), the prepared grid is " +
                                    std::to_string(dem.nx) + " x " + std::to_string(dem.ny) + " from (" +
                                    grids::number_text(dem.transform.origin_x) + ", " +
                                    grids::number_text(dem.transform.origin_y) + "): it must match cell for cell");
}

std::vector<double> to_solver_order(const grids::Raster<double>& raster, const char* what) {
    return to_solver_order(raster, what, {});
}

std::vector<double> to_solver_order(const grids::Raster<double>& raster, const char* what,
                                    const std::vector<unsigned char>& outside) {
    std::vector<double> out(raster.size());
    for (std::size_t row = 0; row < raster.ny; ++row) {
        const std::size_t j = raster.ny - 1 - row;
        for (std::size_t col = 0; col < raster.nx; ++col) {
            const double v = raster.at(col, row);
            const std::size_t c = j * raster.nx + col;
            if (!outside.empty() && outside[c]) {
                out[c] = raster.is_nodata_value(v) ? 0.0 : v;
                continue;
            }
            if (raster.is_nodata_value(v))
                throw std::invalid_argument(raster.source + ": " + what + " has no data at column " +
                                            std::to_string(col) + ", row " + std::to_string(row) +
                                            " (fill the holes or crop them away)");
            out[j * raster.nx + col] = v;
        }
    }
    return out;
}

grids::Raster<double> raster_on_grid(const std::filesystem::path& path, const grids::Raster<double>& dem,
                                     const std::string& key, grids::Resampling resampling,
                                     std::vector<std::string>& notes) {
    grids::Raster<double> r = grids::read_raster(path);
    const std::string what = key + ": " + path.string();
    try {
        check_on_grid(r, dem, what);
        return r;  // cell for cell, as read
    } catch (const std::invalid_argument& e) {
        if (r.crs_wkt.empty())
            throw std::invalid_argument(std::string(e.what()) +
                                        " (it has no CRS, so it cannot be warped onto the DEM's grid)");
    }
    const grids::CrsFacts crs = grids::crs_facts(r.crs_wkt, what);
    const std::string unit = crs.geographic ? "degree" : crs.unit_name;
    const char* how = resampling == grids::Resampling::nearest ? "nearest" : "bilinear";
    grids::Raster<double> warped = grids::warp_onto(r, dem, resampling);
    notes.push_back(what + " warped from " + crs.name + ", " + std::to_string(r.nx) + " x " +
                    std::to_string(r.ny) + " cells of " + grids::number_text(r.resolution_x()) + " " + unit +
                    ", onto the DEM grid (" + how + ")");
    return warped;
}

grids::Raster<double> to_raster(std::span<const double> solver_values, const grids::Raster<double>& like) {
    if (solver_values.size() != like.size())
        throw std::invalid_argument("to_raster: " + std::to_string(solver_values.size()) + " values for a " +
                                    std::to_string(like.nx) + " x " + std::to_string(like.ny) + " raster");
    grids::Raster<double> out(like.nx, like.ny, like.transform);
    out.crs_wkt = like.crs_wkt;
    out.source = like.source;
    for (std::size_t row = 0; row < like.ny; ++row) {
        const std::size_t j = like.ny - 1 - row;
        for (std::size_t col = 0; col < like.nx; ++col) out.at(col, row) = solver_values[j * like.nx + col];
    }
    return out;
}

}  // namespace floodtwin::twin
