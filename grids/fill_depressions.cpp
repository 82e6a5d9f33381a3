#include "grids/fill_depressions.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

namespace floodtwin::grids {

DepressionFillReport fill_depressions(Raster<double>& dem) {
    DepressionFillReport report;
    const std::size_t nx = dem.nx, ny = dem.ny;
    if (nx == 0 || ny == 0) return report;
    using Entry = std::pair<double, std::size_t>;  // level, index: ties break by index
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> open;
    std::vector<char> reached(nx * ny, 0);
    const auto nodata = [&](std::size_t k) { return dem.is_nodata_value(dem.values[k]); };
    const auto seed = [&](std::size_t k) {
        if (!reached[k] && !nodata(k)) {
            reached[k] = 1;
            open.push({dem.values[k], k});
        }
    };
    for (std::size_t k = 0; k < nx * ny; ++k) {
        const std::size_t col = k % nx, row = k / nx;
        bool outlet = col == 0 || row == 0 || col + 1 == nx || row + 1 == ny;
        if (!outlet && !nodata(k))
            outlet = nodata(k - 1) || nodata(k + 1) || nodata(k - nx) || nodata(k + nx);
        if (outlet) seed(k);
    }
    const double cell_area = std::abs(dem.transform.pixel_width * dem.transform.pixel_height);
    while (!open.empty()) {
        const auto [level, k] = open.top();
        open.pop();
        const std::size_t col = k % nx, row = k / nx;
        const std::size_t next[4] = {col > 0 ? k - 1 : k, col + 1 < nx ? k + 1 : k, row > 0 ? k - nx : k,
                                     row + 1 < ny ? k + nx : k};
        for (const std::size_t n : next) {
            if (n == k || reached[n] || nodata(n)) continue;
            reached[n] = 1;
            if (dem.values[n] < level) {
                const double rise = level - dem.values[n];
                ++report.cells_raised;
                report.volume_m3 += rise * cell_area;
                report.deepest_m = std::max(report.deepest_m, rise);
                dem.values[n] = level;
            }
            open.push({dem.values[n], n});
        }
    }
    return report;
}

}  // namespace floodtwin::grids
