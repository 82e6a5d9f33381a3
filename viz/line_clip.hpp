#pragma once
// A line cut to a rectangle: rivers drawn on a map stop at the grid's edge instead of
// running over the legend. Pure: no VTK.
#include <vector>

#include "grids/polyline.hpp"

namespace floodtwin::viz {

struct ClipBox {
    double xmin = 0.0, ymin = 0.0, xmax = 0.0, ymax = 0.0;
};

// The parts of `line` inside `box` (edges included), each a run of points in the
// line's order; a line that leaves and re-enters gives several parts. Segments are cut
// where they cross the edges (Liang-Barsky); parts of fewer than two points are dropped.
[[nodiscard]] std::vector<std::vector<grids::LinePoint>> clip_to_box(const grids::Polyline& line, const ClipBox& box);

}  // namespace floodtwin::viz
