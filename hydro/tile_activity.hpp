#pragma once
// Which parts of the grid a sweep must visit. Real floods are mostly dry: the grid is
// cut into tiles (SolverConfig::tile_rows x tile_cols cells) and a flag per tile says
// whether it may hold water. A sweep visits a tile only when it or one of its eight neighbours may
// hold water, or when it receives rain or water through the domain edge; everywhere
// else the update of a dry cell among dry cells is exactly zero, so skipping it changes
// no bit of the result. The flags are a function of the state alone, never of the
// thread count or of how tiles are shared among threads.
#include <algorithm>
#include <cstddef>
#include <span>
#include <vector>

#include "hydro/cell_field.hpp"
#include "hydro/grid.hpp"

namespace floodtwin::hydro {

// One flag per tile, tiles numbered band by band (a band is kTileRows rows).
// Rows [first, last) of a band, or columns [first, last) of a tile column.
struct IndexRange {
    int first = 0;
    int last = 0;
};

class TileActivity {
public:
    // Tiles of `rows` x `cols` cells (both >= 2, the reach of the fv2 stencil).
    void resize(const Grid& g, int rows, int cols);
    [[nodiscard]] int rows_per_band() const { return m_rows; }
    [[nodiscard]] int cols_per_tile() const { return m_cols_per_tile; }
    [[nodiscard]] IndexRange band_rows(int band) const {
        const int a = band * m_rows;
        return {a, std::min(a + m_rows, m_ny)};
    }
    [[nodiscard]] IndexRange tile_columns(int col) const {
        const int a = col * m_cols_per_tile;
        return {a, std::min(a + m_cols_per_tile, m_nx)};
    }
    [[nodiscard]] int band_of(int row) const { return row / m_rows; }
    [[nodiscard]] int col_of(int column) const { return column / m_cols_per_tile; }
    [[nodiscard]] int bands() const { return m_bands; }
    [[nodiscard]] int tile_cols() const { return m_cols; }
    [[nodiscard]] std::size_t tiles() const { return m_flags.size(); }

    [[nodiscard]] bool wet(int band, int col) const { return m_flags[index(band, col)] != 0; }
    void set(int band, int col, bool wet) { m_flags[index(band, col)] = wet ? 1 : 0; }
    // The tile of cell `c` (solver index) may hold water now.
    void mark_cell(std::size_t c);
    void mark_all();
    // Exact flags of `h`: a tile is wet when any of its depths is > 0.
    void from_depths(std::span<const double> h);
    // Per row: whether its band has a wet tile (what a snapshot keeps as wet_rows).
    [[nodiscard]] std::vector<unsigned char> rows() const;

    [[nodiscard]] std::span<const unsigned char> flags() const { return m_flags; }

private:
    friend std::vector<unsigned char> rain_tiles(const TileActivity& tiles, const CellField& weight);
    [[nodiscard]] std::size_t index(int band, int col) const {
        return static_cast<std::size_t>(band) * static_cast<std::size_t>(m_cols) + static_cast<std::size_t>(col);
    }
    int m_nx = 0, m_ny = 0;
    int m_rows = 2, m_cols_per_tile = 2;
    int m_bands = 0;
    int m_cols = 0;
    std::vector<unsigned char> m_flags;
};

// Per tile: whether any cell of it has a rain weight > 0 (the tiles rain can wet).
// `tiles` gives the tiling.
[[nodiscard]] std::vector<unsigned char> rain_tiles(const TileActivity& tiles, const CellField& weight);

}  // namespace floodtwin::hydro
