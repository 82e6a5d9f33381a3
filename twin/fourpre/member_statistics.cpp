#include "twin/fourpre/member_statistics.hpp"

#include <cmath>
#include <limits>

namespace floodtwin::twin {

double sorted_quantile(std::span<const double> sorted, double p) {
    if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
    const double h = static_cast<double>(sorted.size() - 1) * p;
    const std::size_t lo = static_cast<std::size_t>(std::floor(h));
    const double w = h - static_cast<double>(lo);
    if (w == 0.0 || lo + 1 >= sorted.size()) return sorted[lo];
    const double a = sorted[lo], b = sorted[lo + 1];
    if (std::isinf(b)) return b;  // between a value and "never": not a time
    return a + w * (b - a);
}

double fraction_at_or_above(std::span<const double> values, double threshold) {
    if (values.empty()) return 0.0;
    std::size_t n = 0;
    for (const double v : values)
        if (v >= threshold) ++n;
    return static_cast<double>(n) / static_cast<double>(values.size());
}

MeanSpread mean_spread(std::span<const double> values) {
    double sum = 0.0;
    std::size_t n = 0;
    for (const double v : values)
        if (std::isfinite(v)) sum += v, ++n;
    if (n == 0) return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    const double mean = sum / static_cast<double>(n);
    double squares = 0.0;
    for (const double v : values)
        if (std::isfinite(v)) squares += (v - mean) * (v - mean);
    return {mean, n > 1 ? std::sqrt(squares / static_cast<double>(n - 1)) : 0.0};
}

}  // namespace floodtwin::twin
