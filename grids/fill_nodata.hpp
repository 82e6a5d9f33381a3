#pragma once
// Filling small voids in a DEM (SRTM radar shadow, lakes, warp seams) so the solver does
// not meet isolated holes, while large voids stay visible as nodata for a person to judge.
#include <cstddef>

#include "grids/raster.hpp"

namespace floodtwin::grids {

struct FillOptions {
    // A hole is a set of nodata cells joined through their 8 neighbours; only holes of
    // at most this many cells are filled.
    std::size_t max_hole_cells = 16;
};

struct FillReport {
    std::size_t holes_filled = 0;
    std::size_t cells_filled = 0;
    std::size_t holes_left = 0;  // too big, or with no valid cell around them
    std::size_t cells_left = 0;
};

// Fills holes in place by onion peeling: each pass gives every hole cell that touches
// known cells the inverse-distance-weighted mean of those 8 neighbours (weight 1 across
// an edge, 1/sqrt(2) across a corner), using only values known before the pass, until
// the hole is full. Every filled value is a convex combination of the hole's rim, so it
// lies between the rim's lowest and highest values, and the result does not depend on
// scan order. (Not GDALFillNodata: that one limits by search distance, not hole size,
// and would drag GDAL into a pure operation.) Holes touching the raster edge count too.
template <class T>
FillReport fill_nodata_holes(Raster<T>& raster, const FillOptions& options = {});

extern template FillReport fill_nodata_holes(Raster<double>&, const FillOptions&);
extern template FillReport fill_nodata_holes(Raster<float>&, const FillOptions&);

}  // namespace floodtwin::grids
