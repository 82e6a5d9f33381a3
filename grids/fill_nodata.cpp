#include "grids/fill_nodata.hpp"

#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace floodtwin::grids {

namespace {

struct Neighbour {
    int dcol;
    int drow;
    double weight;  // inverse distance in cells
};

constexpr double k_diagonal_weight = 0.70710678118654752440;  // 1 / sqrt(2)
constexpr Neighbour k_neighbours[8] = {
    {-1, -1, k_diagonal_weight}, {0, -1, 1.0}, {1, -1, k_diagonal_weight}, {-1, 0, 1.0},
    {1, 0, 1.0},                 {-1, 1, k_diagonal_weight}, {0, 1, 1.0},  {1, 1, k_diagonal_weight},
};

// Calls visit(neighbour_index, weight) for each of the up to 8 neighbours inside the grid.
template <class Visit>
void for_each_neighbour(std::size_t index, std::size_t nx, std::size_t ny, Visit&& visit) {
    const auto col = static_cast<std::int64_t>(index % nx);
    const auto row = static_cast<std::int64_t>(index / nx);
    for (const Neighbour& n : k_neighbours) {
        const std::int64_t c = col + n.dcol;
        const std::int64_t r = row + n.drow;
        if (c < 0 || r < 0 || c >= static_cast<std::int64_t>(nx) || r >= static_cast<std::int64_t>(ny)) continue;
        visit(static_cast<std::size_t>(r) * nx + static_cast<std::size_t>(c), n.weight);
    }
}

// Fills one hole ring by ring; returns the number of its cells that stayed empty
// (non-zero only when nothing around the hole is known).
template <class T>
std::size_t fill_hole(Raster<T>& raster, std::vector<std::uint8_t>& known, std::vector<std::size_t> pending) {
    std::vector<std::pair<std::size_t, T>> ring;
    std::vector<std::size_t> still_pending;
    while (!pending.empty()) {
        ring.clear();
        still_pending.clear();
        for (std::size_t cell : pending) {
            double sum = 0.0;
            double weights = 0.0;
            for_each_neighbour(cell, raster.nx, raster.ny, [&](std::size_t other, double weight) {
                if (!known[other]) return;
                sum += weight * static_cast<double>(raster.values[other]);
                weights += weight;
            });
            if (weights > 0.0)
                ring.emplace_back(cell, static_cast<T>(sum / weights));
            else
                still_pending.push_back(cell);
        }
        if (ring.empty()) break;
        // Applied after the pass so a cell never sees a neighbour filled in the same pass.
        for (const auto& [cell, value] : ring) {
            raster.values[cell] = value;
            known[cell] = 1;
        }
        std::swap(pending, still_pending);
    }
    return pending.size();
}

}  // namespace

template <class T>
FillReport fill_nodata_holes(Raster<T>& raster, const FillOptions& options) {
    FillReport report;
    const std::size_t n = raster.size();
    if (n == 0 || raster.values.size() != n) return report;

    std::vector<std::uint8_t> known(n);
    for (std::size_t i = 0; i < n; ++i) known[i] = raster.is_nodata_value(raster.values[i]) ? 0 : 1;

    // Holes found as 8-connected components of unknown cells by breadth-first search.
    std::vector<std::uint8_t> seen(n, 0);
    std::vector<std::size_t> hole;
    for (std::size_t start = 0; start < n; ++start) {
        if (known[start] || seen[start]) continue;
        hole.clear();
        hole.push_back(start);
        seen[start] = 1;
        for (std::size_t next = 0; next < hole.size(); ++next) {
            for_each_neighbour(hole[next], raster.nx, raster.ny, [&](std::size_t other, double) {
                if (known[other] || seen[other]) return;
                seen[other] = 1;
                hole.push_back(other);
            });
        }
        if (hole.size() > options.max_hole_cells) {
            ++report.holes_left;
            report.cells_left += hole.size();
            continue;
        }
        const std::size_t left = fill_hole(raster, known, hole);
        if (left == 0) {
            ++report.holes_filled;
            report.cells_filled += hole.size();
        } else {
            ++report.holes_left;
            report.cells_left += left;
            report.cells_filled += hole.size() - left;
        }
    }
    return report;
}

template FillReport fill_nodata_holes(Raster<double>&, const FillOptions&);
template FillReport fill_nodata_holes(Raster<float>&, const FillOptions&);

}  // namespace floodtwin::grids
