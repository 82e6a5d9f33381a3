#pragma once
// What the report's SVG charts share (svg_chart.cpp, svg_scatter.cpp): numbers written
// into the drawing, and axis steps people read easily.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace floodtwin::twin::svg_axis {

// A coordinate or a tick label with `decimals` places.
inline std::string num(double v, int decimals = 1) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// 1, 2, 2.5 or 5 times a power of ten: the smallest not below `raw`.
inline double nice_step(double raw) {
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double f : {1.0, 2.0, 2.5, 5.0})
        if (f * p >= raw * (1 - 1e-9)) return f * p;
    return 10 * p;
}

// The decimals a tick label needs at this step: 2.5 and 0.25 one more than their power.
inline int step_decimals(double step) {
    int d = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
    if (std::fabs(step * std::pow(10.0, d) - std::round(step * std::pow(10.0, d))) > 1e-6) ++d;
    return d;
}

}  // namespace floodtwin::twin::svg_axis
