#pragma once
// The CFL speed of a cell: the one bound every time-step choice of the solver uses
// (the row kernels, the start of a run, the point inflows).
#include <cmath>

namespace floodtwin::hydro {

// (|u| + c)/dx + (|v| + c)/dy in 1/s, c = sqrt(g h); rdx = 1/dx, rdy = 1/dy. Why
// the sum: the unsplit 2D update is a weighted mean of an x update and a y update,
// each taken with the step divided by its weight. With weights in proportion to the
// two terms, both 1D updates meet their own CFL condition, dt (|u| + c)/dx <= C (the
// one under which the hydrostatic reconstruction keeps depths non-negative, Audusse
// et al. 2004), exactly when dt times this sum is <= C.
inline double cfl_speed(double h, double u, double v, double g, double rdx, double rdy) {
    const double c = std::sqrt(g * h);
    return (std::fabs(u) + c) * rdx + (std::fabs(v) + c) * rdy;
}

}  // namespace floodtwin::hydro
