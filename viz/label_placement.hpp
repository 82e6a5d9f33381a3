#pragma once
// Station markers and their labels on a map, in image pixels. A label goes right of
// the marker and a little above it, as map readers expect; on the left where that
// would cross the right side of the bounds (a station at the east edge), below where
// it would cross the top; and slid inside the bounds when neither side fits. Pure: no
// VTK (the renderer measures the text, this decides where it goes).
#include "viz/map_layout.hpp"  // PixelBox

namespace floodtwin::viz {

// `column`, `row`: the marker's centre (row counted from the top); `radius_px` its
// radius; `width` x `height` the label's size. Returns the label's box.
[[nodiscard]] PixelBox place_label(double column, double row, double radius_px, int width, int height,
                                   const PixelBox& bounds);

// A station marker's radius and its label's type size on a map `image_height` tall:
// in proportion to the image, never too small to see or read.
[[nodiscard]] double station_marker_radius_px(int image_height);
[[nodiscard]] int station_label_font_px(int image_height);

}  // namespace floodtwin::viz
