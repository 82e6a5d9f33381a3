#include "hydro/tile_activity.hpp"

#include <algorithm>

namespace floodtwin::hydro {

void TileActivity::resize(const Grid& g, int rows, int cols) {
    m_nx = g.nx;
    m_ny = g.ny;
    m_rows = rows;
    m_cols_per_tile = cols;
    m_bands = (g.ny + rows - 1) / rows;
    m_cols = (g.nx + cols - 1) / cols;
    m_flags.assign(static_cast<std::size_t>(m_bands) * static_cast<std::size_t>(m_cols), 0);
}

void TileActivity::mark_cell(std::size_t c) {
    const auto n = static_cast<std::size_t>(m_nx);
    set(band_of(static_cast<int>(c / n)), col_of(static_cast<int>(c % n)), true);
}

void TileActivity::mark_all() { std::fill(m_flags.begin(), m_flags.end(), 1); }

void TileActivity::from_depths(std::span<const double> h) {
    std::fill(m_flags.begin(), m_flags.end(), 0);
    for (int j = 0; j < m_ny; ++j) {
        const double* row = h.data() + static_cast<std::size_t>(j) * static_cast<std::size_t>(m_nx);
        for (int t = 0; t < m_cols; ++t) {
            if (wet(band_of(j), t)) continue;
            const IndexRange c = tile_columns(t);
            if (std::any_of(row + c.first, row + c.last, [](double d) { return d > 0.0; })) set(band_of(j), t, true);
        }
    }
}

std::vector<unsigned char> TileActivity::rows() const {
    std::vector<unsigned char> out(static_cast<std::size_t>(m_ny), 0);
    for (int b = 0; b < m_bands; ++b) {
        bool any = false;
        for (int t = 0; t < m_cols && !any; ++t) any = wet(b, t);
        const IndexRange r = band_rows(b);
        std::fill(out.begin() + r.first, out.begin() + r.last, any ? 1 : 0);
    }
    return out;
}

std::vector<unsigned char> rain_tiles(const TileActivity& tiles, const CellField& weight) {
    TileActivity a = tiles;
    std::fill(a.m_flags.begin(), a.m_flags.end(), 0);
    for (int j = 0; j < a.m_ny; ++j) {
        const double* row = weight.row(static_cast<std::size_t>(j) * static_cast<std::size_t>(a.m_nx));
        for (int t = 0; t < a.tile_cols(); ++t) {
            const IndexRange c = a.tile_columns(t);
            if (std::any_of(row + c.first, row + c.last, [](double w) { return w > 0.0; })) a.set(a.band_of(j), t, true);
        }
    }
    return a.m_flags;
}

}  // namespace floodtwin::hydro
