#include "viz/map_frame.hpp"

#include <algorithm>

namespace floodtwin::viz {

MapFrame fit_grid(const MapLayout& l, const ImageGrid& g) {
    MapFrame f;
    f.width = l.width;
    f.height = l.height;
    const double extent_x = g.nx * g.dx_m, extent_y = g.ny * g.dy_m;
    const double box_w = l.map.right - l.map.left, box_h = l.map.bottom - l.map.top;
    f.px_per_m = std::min(box_w / extent_x, box_h / extent_y);
    // The grid's centre goes to the map box's centre; the world point that then sits
    // at the image centre is where a camera looks.
    const double box_cx = 0.5 * (l.map.left + l.map.right), box_cy_up = l.height - 0.5 * (l.map.top + l.map.bottom);
    f.centre_x_m = g.x0_m + 0.5 * extent_x - (box_cx - 0.5 * l.width) / f.px_per_m;
    f.centre_y_m = g.y0_m + 0.5 * extent_y - (box_cy_up - 0.5 * l.height) / f.px_per_m;
    return f;
}

std::array<double, 2> MapFrame::pixel_of(double x_m, double y_m) const {
    const double column = 0.5 * width + (x_m - centre_x_m) * px_per_m;
    const double row = 0.5 * height - (y_m - centre_y_m) * px_per_m;
    return {column, row};
}

}  // namespace floodtwin::viz
