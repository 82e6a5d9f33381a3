#pragma once
// Where the grid lands on a plan map: scaled to fit the map box with its aspect kept
// and centred in it, north up. Gives the image pixel of any point in the grid's CRS,
// for the camera of the VTK renderer, station markers and labels, and tests.
#include <array>

#include "viz/image_grid.hpp"
#include "viz/map_layout.hpp"

namespace floodtwin::viz {

struct MapFrame {
    int width = 0;   // the image, pixels
    int height = 0;
    double px_per_m = 0.0;
    double centre_x_m = 0.0;  // world point at the image centre
    double centre_y_m = 0.0;

    // Image position (column from the left, row from the top, in pixels; the pixel
    // holding the point is the integer part) of a point in the grid's CRS.
    [[nodiscard]] std::array<double, 2> pixel_of(double x_m, double y_m) const;
};

// The grid fitted into layout.map. The grid must have cells of positive size.
MapFrame fit_grid(const MapLayout& layout, const ImageGrid& grid);

}  // namespace floodtwin::viz
