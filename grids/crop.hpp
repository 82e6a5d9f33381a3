#pragma once
// Cutting a raster down to the area a case needs, so the solver never carries cells it
// will not use.
#include "grids/raster.hpp"

namespace floodtwin::grids {

// The cells of `raster` that overlap `box` (same CRS as the raster). The box is snapped
// OUTWARD to whole cells, so every point of the box lies in the result; a box edge on a
// cell edge (within 1e-9 of a cell) takes no extra cell. A box reaching past the raster
// is clipped to it. Throws RasterError naming raster.source when the box is inverted or
// misses the raster. CRS, nodata and source are kept.
template <class T>
[[nodiscard]] Raster<T> crop(const Raster<T>& raster, const Bounds& box);

extern template Raster<double> crop(const Raster<double>&, const Bounds&);
extern template Raster<float> crop(const Raster<float>&, const Bounds&);

}  // namespace floodtwin::grids
