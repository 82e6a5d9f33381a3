#pragma once
// The raster every viz output is drawn on or written from: nx by ny axis-aligned cells
// in projected metres. Plain data, no VTK: the page layout (viz/map_frame.hpp) fits it
// into a map box, the VTK writers and renderers turn it into images.
#include <cstddef>

namespace floodtwin::viz {

struct ImageGrid {
    int nx = 0;
    int ny = 0;
    double x0_m = 0.0;  // lower-left corner of the lower-left cell (not its centre)
    double y0_m = 0.0;
    double dx_m = 0.0;
    double dy_m = 0.0;

    // The upper-right corner of the upper-right cell.
    [[nodiscard]] double x1_m() const { return x0_m + nx * dx_m; }
    [[nodiscard]] double y1_m() const { return y0_m + ny * dy_m; }
    [[nodiscard]] std::size_t cell_count() const {
        return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
    }
    // Cell (i, j) in the order of every field: i + nx * j, j = 0 the southern row.
    [[nodiscard]] std::size_t cell(int i, int j) const {
        return static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * static_cast<std::size_t>(j);
    }
    // Whether a point lies on the grid, its edges included.
    [[nodiscard]] bool contains(double x_m, double y_m) const {
        return x_m >= x0_m && x_m <= x1_m() && y_m >= y0_m && y_m <= y1_m();
    }
};

}  // namespace floodtwin::viz
