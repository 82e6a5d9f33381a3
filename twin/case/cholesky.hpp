#pragma once
// The lower Cholesky factor of a symmetric matrix, or nothing when it is not positive
// definite: the check of a correlation matrix (ensemble_tables.cpp) and the factor that
// correlates the members' errors (member_draws.cpp) are one computation.
#include <cmath>
#include <optional>
#include <vector>

namespace floodtwin::twin {

[[nodiscard]] inline std::optional<std::vector<std::vector<double>>> cholesky_factor(
    const std::vector<std::vector<double>>& m) {
    const std::size_t n = m.size();
    std::vector<std::vector<double>> l(n, std::vector<double>(n, 0.0));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j <= i; ++j) {
            double s = m[i][j];
            for (std::size_t k = 0; k < j; ++k) s -= l[i][k] * l[j][k];
            if (i == j) {
                if (!(s > 1e-12)) return std::nullopt;
                l[i][i] = std::sqrt(s);
            } else {
                l[i][j] = s / l[j][j];
            }
        }
    return l;
}

}  // namespace floodtwin::twin
