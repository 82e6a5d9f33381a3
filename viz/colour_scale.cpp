#include "viz/colour_scale.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace floodtwin::viz {

namespace {

struct ControlPoint {
    double t;
    Rgb colour;
};

constexpr Rgb rgb8(int r, int g, int b) { return {r / 255.0, g / 255.0, b / 255.0}; }

// Nine evenly spaced samples of viridis, dark purple to yellow.
const std::array<ControlPoint, 9> k_viridis{{
    {0.000, rgb8(68, 1, 84)},
    {0.125, rgb8(71, 44, 122)},
    {0.250, rgb8(59, 81, 139)},
    {0.375, rgb8(44, 113, 142)},
    {0.500, rgb8(33, 144, 141)},
    {0.625, rgb8(39, 173, 129)},
    {0.750, rgb8(92, 200, 99)},
    {0.875, rgb8(170, 220, 50)},
    {1.000, rgb8(253, 231, 37)},
}};

// Cividis at quarter points, dark blue through grey to yellow.
const std::array<ControlPoint, 5> k_cividis{{
    {0.00, rgb8(0, 32, 77)},
    {0.25, rgb8(65, 77, 107)},
    {0.50, rgb8(124, 123, 120)},
    {0.75, rgb8(188, 175, 111)},
    {1.00, rgb8(255, 233, 69)},
}};

template <std::size_t N>
Rgb interpolate(const std::array<ControlPoint, N>& points, double t) {
    t = std::clamp(t, 0.0, 1.0);
    for (std::size_t k = 1; k < N; ++k) {
        if (t <= points[k].t) {
            const ControlPoint& a = points[k - 1];
            const ControlPoint& b = points[k];
            const double w = (t - a.t) / (b.t - a.t);
            return {a.colour.r + w * (b.colour.r - a.colour.r), a.colour.g + w * (b.colour.g - a.colour.g),
                    a.colour.b + w * (b.colour.b - a.colour.b)};
        }
    }
    return points.back().colour;
}

// 3 * 0.1 is 0.30000000000000004: legends want the 0.3 a person would write.
double snap(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.12g", v);
    return std::strtod(text, nullptr);
}

double nice_step(double x, bool up) {
    static constexpr std::array<double, 10> steps{1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0};
    const double decade = std::pow(10.0, std::floor(std::log10(x)));
    const double m = x / decade;
    if (up) {
        for (double s : steps)
            if (s * decade >= x * (1.0 - 1e-12)) return snap(s * decade);
        return snap(10.0 * decade);
    }
    double best = 1.0;
    for (double s : steps)
        if (s <= m * (1.0 + 1e-12)) best = s;
    return snap(best * decade);
}

}  // namespace

double snap_round(double v) { return snap(v); }

Rgb palette_colour(Palette palette, double t) {
    return palette == Palette::viridis ? interpolate(k_viridis, t) : interpolate(k_cividis, t);
}

std::string to_string(Palette palette) { return palette == Palette::viridis ? "viridis" : "cividis"; }

ColourScale::ColourScale(Palette palette, double lo, double hi, bool reversed)
    : m_palette(palette), m_lo(lo), m_hi(hi), m_reversed(reversed) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi))
        throw std::invalid_argument("colour scale: the range must be finite with low < high, got " +
                                    std::to_string(lo) + " .. " + std::to_string(hi));
    m_entries.resize(table_size);
    for (int k = 0; k < table_size; ++k) {
        const double t = static_cast<double>(k) / (table_size - 1);
        m_entries[static_cast<std::size_t>(k)] = palette_colour(palette, reversed ? 1.0 - t : t);
    }
}

int ColourScale::index_of(double value) const {
    if (std::isnan(value)) return -1;
    // As vtkLookupTable: entry floor((v - lo) * N / (hi - lo)), clamped to the table.
    const double position = (value - m_lo) * (table_size / (m_hi - m_lo));
    if (!(position > 0.0)) return 0;
    if (position >= table_size - 1) return table_size - 1;
    return static_cast<int>(position);
}

Rgb ColourScale::colour_at(double value) const {
    const int k = index_of(value);
    return k < 0 ? Rgb{} : m_entries[static_cast<std::size_t>(k)];
}

double nice_ceiling(double x) { return x > 0.0 && std::isfinite(x) ? nice_step(x, true) : 1.0; }

double nice_floor(double x) {
    if (!std::isfinite(x) || x == 0.0) return 0.0;
    if (x < 0.0) return -nice_ceiling(-x);
    return nice_step(x, false);
}

}  // namespace floodtwin::viz
