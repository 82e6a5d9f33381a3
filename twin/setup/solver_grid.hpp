#pragma once
// The bridge between north-up rasters (grids) and the solver's index space (hydro):
// raster row 0 is the northern row, solver row 0 the southern one.
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "grids/gdal_raster.hpp"
#include "grids/raster.hpp"
#include "hydro/grid.hpp"

namespace floodtwin::twin {

// Solver grid of a raster: same cells, dx/dy from its resolution. Throws naming the
// raster's source when its cells are not square-ish metric cells (> 0).
hydro::Grid solver_grid(const grids::Raster<double>& raster);

// Throws naming `what` (the case key and the file or band) when `raster` does not lie
// on the prepared grid `dem` cell for cell: the same size, origin and cell size, to a
// millionth of a cell. Per-cell inputs are never resampled silently.
void check_on_grid(const grids::Raster<double>& raster, const grids::Raster<double>& dem, const std::string& what);

// Raster values in solver order. Throws naming the source and the cell (column,
// row as in the raster) when a value is nodata: the solver needs every cell.
std::vector<double> to_solver_order(const grids::Raster<double>& raster, const char* what);

// The same, but a nodata value on a cell outside the domain (`outside`, solver order,
// 1: outside; empty: none) is no error: the cell's value is 0 there.
std::vector<double> to_solver_order(const grids::Raster<double>& raster, const char* what,
                                    const std::vector<unsigned char>& outside);

// The per-cell input `path` of key `key` on the prepared grid `dem`: as read when it lies
// on it cell for cell (check_on_grid), otherwise warped onto it with `resampling`
// (nearest for classes such as Manning n, bilinear for continuous values), with a line
// saying so added to `notes`. A raster without a CRS that does not match is refused.
grids::Raster<double> raster_on_grid(const std::filesystem::path& path, const grids::Raster<double>& dem,
                                     const std::string& key, grids::Resampling resampling,
                                     std::vector<std::string>& notes);

// A raster like `like` (georeferencing, CRS) holding solver-order values.
grids::Raster<double> to_raster(std::span<const double> solver_values, const grids::Raster<double>& like);

}  // namespace floodtwin::twin
