#pragma once
// Manning bed friction, applied implicitly after the flux update.
#include <bit>
#include <cmath>
#include <cstdint>

namespace floodtwin::hydro {

// x^(-1/3) for x > 0 to full double precision without std::cbrt/std::pow, which
// stop GCC from vectorising the update loop. A float bit-trick guess (relative
// error < 4e-2) refined by four Newton steps y <- y (4 - x y^3) / 3; the error
// squares (times 2) each step: 4e-2 -> 3e-3 -> 2e-5 -> 8e-10 -> ~1e-16.
inline double inv_cbrt(double x) {
    const float xf = static_cast<float>(x);
    const std::uint32_t bits = std::bit_cast<std::uint32_t>(xf);
    // 0x54a21d2a: exponent-and-mantissa constant for the inverse cube root
    // (the 1/3-power analogue of the inverse square-root trick).
    const std::uint32_t guess_bits = 0x54a21d2au - bits / 3u;
    double y = static_cast<double>(std::bit_cast<float>(guess_bits));
    constexpr double third = 1.0 / 3.0;
    for (int k = 0; k < 4; ++k) y = y * (4.0 - x * y * y * y) * third;
    return y;
}

// Implicit Manning friction: the speed after friction s solves the backward-Euler
// equation s = s0 - dt k s^2, k = g n^2 / h^(4/3), for the speed s0 after the flux
// update, so s = 2 s0 / (1 + sqrt(1 + 4 dt k s0)) and the factor applied to the unit
// discharge is 2 / (1 + sqrt(1 + 4 dt k s0)). The point-implicit factor
// 1 / (1 + dt k s0) (Liang & Marche 2009) agrees to first order but, in a thin film
// on a steep slope, where a time step's gravity dt g S is many times the flow speed,
// it settles at s = s_n^2 / s0 instead of the normal-flow speed s_n: the sheet runs
// far too slowly and too deep. The backward-Euler root settles where g S = k s^2
// whatever the time step (Xia & Liang 2018, Adv. Water Resour. 117:87, make the same
// point for thin overland flow). The factor lies in (0, 1]: friction can slow the
// flow to rest, never reverse it. With 1/h and |V| already at hand (the update loop
// has them); h > 0.
inline double manning_factor_from_speed(double h, double inv_h, double speed, double n, double dt, double g) {
    const double h_m43 = inv_h * inv_cbrt(h);  // h^(-4/3)
    return 2.0 / (1.0 + std::sqrt(1.0 + 4.0 * dt * g * n * n * speed * h_m43));
}

inline double manning_factor(double h, double hu, double hv, double n, double dt, double g) {
    const double inv_h = 1.0 / h;
    return manning_factor_from_speed(h, inv_h, std::sqrt(hu * hu + hv * hv) * inv_h, n, dt, g);
}

}  // namespace floodtwin::hydro
