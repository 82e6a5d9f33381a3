#pragma once
// Closed depressions filled so every cell drains to the raster's edge: a DEM interpolated
// from coarse relief keeps hollows that are artefacts of its smoothing (a valley floor
// averaged with its hills), and a 2D model would store rain and river water in them.
#include <cstddef>

#include "grids/raster.hpp"

namespace floodtwin::grids {

struct DepressionFillReport {
    std::size_t cells_raised = 0;
    double volume_m3 = 0.0;       // filled, over the cells' area
    double deepest_m = 0.0;       // largest rise of one cell
};

// Priority-flood (Barnes, Lehman and Mulla 2014, Computers & Geosciences 62, 117-127):
// from the edge cells inward in order of level, each cell not yet reached is raised to
// the level it was reached from when it lies lower. 4-connected, as the solver's faces
// are, so the water of every cell has a path of faces to the edge that never rises.
// Nodata cells are outlets as the edge is (a domain's outside). The result is the same
// for any order of equal levels (ties break by index). Pure: no files.
DepressionFillReport fill_depressions(Raster<double>& dem);

}  // namespace floodtwin::grids
