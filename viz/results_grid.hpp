#pragma once
// The cells of a results.nc as viz draws and writes them. The file's grid (CF) gives
// the centre of the first cell; an ImageGrid starts at its corner, half a cell away.
#include "grids/netcdf_writer.hpp"  // NcGrid
#include "viz/image_grid.hpp"

namespace floodtwin::viz {

[[nodiscard]] inline ImageGrid image_grid_of(const grids::NcGrid& g) {
    return {static_cast<int>(g.nx), static_cast<int>(g.ny), g.x0_m - 0.5 * g.dx_m, g.y0_m - 0.5 * g.dy_m, g.dx_m,
            g.dy_m};
}

}  // namespace floodtwin::viz
