#pragma once
// Tables against pool level: storage (m3), surface area (m2) or release capacity (m3/s),
// checked once and interpolated linearly between rows.
#include <string>
#include <vector>

namespace floodtwin::twin {

enum class TableKind {
    storage,   // strictly increasing; extrapolated linearly beyond the ends, so a flood that
               // overtops the table (or a pool drawn below it) still has a level and storage
    area,      // >= 0, non-decreasing; held at the end values outside the table
    capacity,  // >= 0, non-decreasing; held at the end values outside the table
};

class LevelTable {
public:
    // `owner` starts every error message ("reservoir 'Xiluodu'"); rows count from 1:
    // "reservoir 'Xiluodu': storage table row 3: level 560 m is not above the previous 565 m".
    // Throws std::invalid_argument.
    LevelTable(std::vector<double> levels_m, std::vector<double> values, TableKind kind, const std::string& owner);

    [[nodiscard]] double value_at(double level_m) const;
    // The inverse, for storage tables only (std::logic_error otherwise): linear between
    // rows and extrapolated like value_at beyond them.
    [[nodiscard]] double level_at(double value) const;

    [[nodiscard]] const std::vector<double>& levels_m() const { return m_levels; }
    [[nodiscard]] const std::vector<double>& values() const { return m_values; }
    [[nodiscard]] TableKind kind() const { return m_kind; }

private:
    std::vector<double> m_levels;
    std::vector<double> m_values;
    TableKind m_kind;
};

// "storage table", "area table", "capacity table".
std::string table_name(TableKind kind);

}  // namespace floodtwin::twin
