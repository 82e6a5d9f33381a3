#pragma once
// The domain: which cells of the prepared grid the solver computes on. Cells outside it
// (nodata in the DEM with grid.nodata = "outside", or whose centre lies outside
// grid.domain) are closed walls that hold no water, take no rain and lose nothing;
// outputs show nodata there. Everything about outside cells is decided here, once:
// the mask, the bed the solver sees there, and the checks that keep inputs off them.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "grids/raster.hpp"
#include "twin/case/case.hpp"

namespace floodtwin::twin {

struct Domain {
    std::vector<unsigned char> outside;  // per cell, solver order: 1 outside the domain
    std::size_t outside_cells = 0;       // cells with outside = 1
    std::size_t nodata_cells = 0;        // of them, nodata in the DEM
    std::size_t filled_cells = 0;        // grid.nodata = "fill": nodata cells filled
    [[nodiscard]] bool is_outside(std::size_t cell) const { return !outside.empty() && outside[cell] != 0; }
};

// Applies grid.nodata to the prepared DEM's nodata cells ("fill" fills them in `dem`,
// "error" refuses them naming the first cell and the count, "outside" marks them) and
// cuts the domain to grid.domain. Throws std::invalid_argument naming the key, also when
// no cell is left inside. `notes` gets a line for what was done (cells outside, filled).
[[nodiscard]] Domain settle_domain(const Case& c, grids::Raster<double>& dem, std::vector<std::string>& notes);

// The bed the solver steps on, in solver order: the DEM inside, the wall bed outside.
[[nodiscard]] std::vector<double> solver_bed(const grids::Raster<double>& dem, const Domain& domain);

// Values of a per-cell input set to `value` on outside cells (rain weight, loss, depth: 0).
void set_outside(std::vector<double>& values, const Domain& domain, double value);

// Solver-order values with NaN (nodata in results.nc and the GeoTIFFs) on outside cells;
// the values unchanged when there are none.
[[nodiscard]] std::vector<double> nan_outside(std::span<const double> values, const std::vector<unsigned char>& outside);

// Throws naming `key` when solver cell `cell` (holding the point (x, y)) is outside.
void require_inside(const Domain& domain, std::size_t cell, const std::string& key, double x, double y);

// Solver-order flags (1: the cell's centre is inside) of a polygon file OGR reads, or of
// a mask raster (non-zero: inside; warped onto the grid with nearest when it is not on it).
[[nodiscard]] std::vector<unsigned char> area_cells(const std::filesystem::path& path, const grids::Raster<double>& dem);

// "outside the domain (nodata in the DEM, or outside grid.domain)": how messages say it.
[[nodiscard]] std::string outside_reason(const Case& c);

}  // namespace floodtwin::twin
