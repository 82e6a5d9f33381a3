#pragma once
// The uniform cell-centred grid the solver works on.
#include <cstddef>

namespace floodtwin::hydro {

// Index space of the solver: i runs east (x), j runs north (y), cell (i, j) is at
// index i + nx * j. Row 0 is the southern row; callers holding north-up rasters
// flip rows once when they hand a DEM to the solver.
struct Grid {
    int nx = 0;
    int ny = 0;
    double dx_m = 1.0;
    double dy_m = 1.0;

    [[nodiscard]] std::size_t cells() const { return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny); }
    [[nodiscard]] std::size_t index(int i, int j) const {
        return static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * static_cast<std::size_t>(j);
    }
    [[nodiscard]] double cell_area_m2() const { return dx_m * dy_m; }
};

// The four sides of the domain; west is i = 0, south is j = 0.
enum class Edge { west, east, south, north };

}  // namespace floodtwin::hydro
