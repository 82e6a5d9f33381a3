#pragma once
// Reductions over a row in a fixed order: the same order for every thread count, so
// that sums and maxima (storage, rain, loss, the CFL speed) do not depend on it. The
// driver reduces each row, then the per-row results in row order.
#include <algorithm>

namespace floodtwin::hydro {

// A sum with eight running partial sums: the independent chains let GCC vectorise it
// as written (it never reassociates a sum without -ffast-math), and which value goes
// into which chain depends on its column alone. A row summed in spans (the sweep
// visits only its active tiles) thus gives the bits of the whole row when the columns
// left out hold zeros, and spans come in column order: x + 0 is x.
struct LaneSum {
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};

    // Adds x[0 .. n), the values of columns first .. first + n.
    void add(const double* x, int first, int n) {
        int k = 0;
        for (; k < n && ((first + k) & 7) != 0; ++k) acc[(first + k) & 7] += x[k];
        for (; k + 8 <= n; k += 8)
            for (int l = 0; l < 8; ++l) acc[l] += x[k + l];
        for (; k < n; ++k) acc[(first + k) & 7] += x[k];
    }
    [[nodiscard]] double total() const {
        return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    }
};

inline double row_sum(const double* x, int n) {
    LaneSum s;
    s.add(x, 0, n);
    return s.total();
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
