#pragma once
// MUSCL slope limiting for the second-order scheme.
#include <algorithm>
#include <cmath>

namespace floodtwin::hydro {

// minmod limiter (Roe 1986; van Leer 1979): the smaller one-sided difference when
// both have the same sign, zero at an extremum. It is the most dissipative TVD
// limiter, chosen because it keeps the reconstructed depth between neighbouring
// cell depths, which is what makes the face depths non-negative.
inline double minmod(double a, double b) {
    const double m = std::fabs(a) < std::fabs(b) ? a : b;
    return a * b > 0.0 ? m : 0.0;
}

}  // namespace floodtwin::hydro
