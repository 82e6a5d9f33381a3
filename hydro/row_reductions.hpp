#pragma once
// Reductions over a row in a fixed order: the same order for every thread count, so
// that sums and maxima (storage, rain, loss, the CFL speed) do not depend on it. The
// driver reduces each row, then the per-row results in row order.
#include <algorithm>

namespace floodtwin::hydro {

// Sum with eight running partial sums: the independent chains let GCC vectorise it
// as written (it never reassociates a sum without -ffast-math), and which value goes
// into which chain depends on its index alone.
inline double row_sum(const double* x, int n) {
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8; ++k) acc[k] += x[i + k];
    for (; i < n; ++i) acc[i & 7] += x[i];
    return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

// Maximum, in the same lanes; 0 for an empty row (the values reduced are >= 0).
inline double row_max(const double* x, int n) {
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int i = 0;
    for (; i + 8 <= n; i += 8)
        for (int k = 0; k < 8; ++k) acc[k] = std::max(acc[k], x[i + k]);
    for (; i < n; ++i) acc[i & 7] = std::max(acc[i & 7], x[i]);
    return std::max(std::max(std::max(acc[0], acc[1]), std::max(acc[2], acc[3])),
                    std::max(std::max(acc[4], acc[5]), std::max(acc[6], acc[7])));
}

}  // namespace floodtwin::hydro
