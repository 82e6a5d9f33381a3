#include "twin/reservoir/storage_curve.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "grids/text_fields.hpp"

namespace floodtwin::twin {

namespace {

// Linear interpolation on segment k (xs[k], xs[k + 1]), also used beyond the ends.
double on_segment(const std::vector<double>& xs, const std::vector<double>& ys, std::size_t k, double x) {
    const double w = (x - xs[k]) / (xs[k + 1] - xs[k]);
    return ys[k] + w * (ys[k + 1] - ys[k]);
}

// The segment for x: the first or last one beyond the ends.
std::size_t segment_of(const std::vector<double>& xs, double x) {
    const auto it = std::upper_bound(xs.begin(), xs.end(), x);
    const std::size_t upper = static_cast<std::size_t>(it - xs.begin());
    return std::clamp<std::size_t>(upper, 1, xs.size() - 1) - 1;
}

}  // namespace

std::string table_name(TableKind kind) {
    switch (kind) {
        case TableKind::storage: return "storage table";
        case TableKind::area: return "area table";
        case TableKind::capacity: return "capacity table";
    }
    return "table";
}

LevelTable::LevelTable(std::vector<double> levels_m, std::vector<double> values, TableKind kind,
                       const std::string& owner)
    : m_levels(std::move(levels_m)), m_values(std::move(values)), m_kind(kind) {
    const std::string what = owner + ": " + table_name(kind);
    if (m_levels.size() != m_values.size())
        throw std::invalid_argument(what + ": " + std::to_string(m_levels.size()) + " levels but " +
                                    std::to_string(m_values.size()) + " values");
    if (m_levels.size() < 2)
        throw std::invalid_argument(what + ": needs at least two rows, has " + std::to_string(m_levels.size()));
    const char* unit = kind == TableKind::storage ? " m3" : kind == TableKind::area ? " m2" : " m3/s";
    for (std::size_t k = 0; k < m_levels.size(); ++k) {
        const std::string row = what + " row " + std::to_string(k + 1) + ": ";
        if (!std::isfinite(m_levels[k]) || !std::isfinite(m_values[k]))
            throw std::invalid_argument(row + "level and value must be finite numbers");
        if (kind != TableKind::storage && m_values[k] < 0.0)
            throw std::invalid_argument(row + "value " + grids::number_text(m_values[k]) + unit + " is negative");
        if (k == 0) continue;
        if (!(m_levels[k] > m_levels[k - 1]))
            throw std::invalid_argument(row + "level " + grids::number_text(m_levels[k]) +
                                        " m is not above the previous " + grids::number_text(m_levels[k - 1]) + " m");
        if (kind == TableKind::storage && !(m_values[k] > m_values[k - 1]))
            throw std::invalid_argument(row + "storage " + grids::number_text(m_values[k]) +
                                        " m3 is not above the previous " + grids::number_text(m_values[k - 1]) + " m3");
        if (kind != TableKind::storage && m_values[k] < m_values[k - 1])
            throw std::invalid_argument(row + "value " + grids::number_text(m_values[k]) + unit +
                                        " is below the previous " + grids::number_text(m_values[k - 1]) + unit +
                                        " (must not decrease with level)");
    }
}

double LevelTable::value_at(double level_m) const {
    if (m_kind != TableKind::storage) {
        if (level_m <= m_levels.front()) return m_values.front();
        if (level_m >= m_levels.back()) return m_values.back();
    }
    return on_segment(m_levels, m_values, segment_of(m_levels, level_m), level_m);
}

double LevelTable::level_at(double value) const {
    if (m_kind != TableKind::storage) throw std::logic_error("LevelTable::level_at: only a storage table inverts");
    return on_segment(m_values, m_levels, segment_of(m_values, value), value);
}

}  // namespace floodtwin::twin
