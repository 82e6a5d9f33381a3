#pragma once
// Everything a plan map (north up) places, in one call: the page's boxes and text
// spots, the grid fitted into the map box, the legend, the scale bar and the north
// arrow. The VTK renderer draws from it; anything else that draws the same map (an
// HTML report's SVG) can lay it out identically without VTK.
#include "viz/image_grid.hpp"
#include "viz/legend_layout.hpp"
#include "viz/map_frame.hpp"
#include "viz/map_layout.hpp"
#include "viz/north_arrow.hpp"
#include "viz/scale_bar.hpp"

namespace floodtwin::viz {

struct PlanMapLayout {
    MapLayout layout;  // the page's boxes
    MapFrame frame;    // where the grid lands in layout.map
    LegendLayout legend;
    ScaleBar scale_bar;
    NorthArrow north_arrow;

    // Image position (column, row from the top, in pixels) of a point in the grid's CRS.
    [[nodiscard]] std::array<double, 2> pixel_of(double x_m, double y_m) const { return frame.pixel_of(x_m, y_m); }
};

// A width x height plan map of `grid` (cells of positive size) with a legend from
// legend_lo to legend_hi.
PlanMapLayout plan_map_layout(int width, int height, const ImageGrid& grid, double legend_lo, double legend_hi);

}  // namespace floodtwin::viz
