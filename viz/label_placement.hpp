#pragma once
// Where a station's label goes on a map, in image pixels: right of the marker and a
// little above it, as map readers expect; on the left where that would cross the right
// side of the bounds (a station at the east edge), below where it would cross the top;
// and slid inside the bounds when neither side fits. Pure: no VTK.
#include "viz/map_renderer.hpp"  // PixelBox

namespace floodtwin::viz {

// `column`, `row`: the marker's centre (row counted from the top); `radius_px` its
// radius; `width` x `height` the label's size. Returns the label's box.
[[nodiscard]] PixelBox place_label(double column, double row, double radius_px, int width, int height,
                                   const PixelBox& bounds);

}  // namespace floodtwin::viz
