#pragma once
// A parameter of the cells (Manning n, loss rate, rain weight) given either as one
// value for all or as one value per cell in solver order.
#include <cstddef>
#include <utility>
#include <vector>

namespace floodtwin::hydro {

class CellField {
public:
    CellField() = default;
    CellField(int nx, double value) { set(nx, value); }

    // One value everywhere, kept as one row of nx copies so that the row kernels read
    // a uniform field exactly as they read a per-cell one.
    void set(int nx, double value) {
        m_cells.clear();
        m_value = value;
        m_row.assign(static_cast<std::size_t>(nx), value);
    }
    void set(std::vector<double> per_cell) { m_cells = std::move(per_cell); }

    [[nodiscard]] bool uniform() const { return m_cells.empty(); }
    // The values of the row of cells that starts at solver index `first`.
    [[nodiscard]] const double* row(std::size_t first) const {
        return uniform() ? m_row.data() : m_cells.data() + first;
    }
    [[nodiscard]] double at(std::size_t cell) const { return uniform() ? m_value : m_cells[cell]; }

private:
    std::vector<double> m_cells;  // per cell; empty: uniform
    std::vector<double> m_row;    // nx copies of m_value
    double m_value = 0.0;
};

}  // namespace floodtwin::hydro
