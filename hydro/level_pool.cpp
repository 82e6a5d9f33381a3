#include "hydro/level_pool.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace floodtwin::hydro {

namespace {

void check_input(double value, const char* name, bool positive) {
    if (!std::isfinite(value) || value < 0.0 || (positive && value == 0.0))
        throw std::invalid_argument(std::string("level_pool_step: ") + name + " = " + std::to_string(value) +
                                    (positive ? " must be finite and > 0" : " must be finite and >= 0"));
}

}  // namespace

LevelPoolStep level_pool_step(double storage_m3, double outflow_start_m3_s, double volume_in_m3, double dt_s,
                              const std::function<double(double storage_m3)>& outflow_of_storage) {
    check_input(storage_m3, "storage_m3", false);
    check_input(outflow_start_m3_s, "outflow_start_m3_s", false);
    check_input(volume_in_m3, "volume_in_m3", false);
    check_input(dt_s, "dt_s", true);
    if (!outflow_of_storage) throw std::invalid_argument("level_pool_step: no outflow law given");

    const double available_m3 = storage_m3 + volume_in_m3;
    auto outflow = [&](double s) {
        const double q = outflow_of_storage(s);
        if (!std::isfinite(q) || q < 0.0)
            throw std::invalid_argument("level_pool_step: outflow " + std::to_string(q) + " m3/s at storage " +
                                        std::to_string(s) + " m3 is negative or not finite");
        return q;
    };
    // g(S2) = S2 - (S1 + V_in) + (O1 + f(S2)) dt/2: strictly increasing, so one root at most.
    auto residual = [&](double s, double q) { return s - available_m3 + 0.5 * dt_s * (outflow_start_m3_s + q); };

    const double q_empty = outflow(0.0);
    if (residual(0.0, q_empty) >= 0.0) {
        // Even an empty pool cannot pay for the trapezoid: it empties, and the end outflow
        // is what the water in hand allows (<= f(0) because g(0) >= 0).
        return {0.0, std::max(0.0, 2.0 * available_m3 / dt_s - outflow_start_m3_s), available_m3};
    }

    // Bracket [a, b] with g(a) < 0 <= g(b); g(S1 + V_in) >= 0 as outflows are >= 0.
    double a = 0.0, qa = q_empty, ga = residual(a, qa);
    double b = available_m3, qb = outflow(b), gb = residual(b, qb);
    // Illinois false position (halve the stale end's residual when one end repeats),
    // with a bisection after any step that failed to halve the bracket: superlinear on
    // smooth laws, never worse than twice bisection on kinked tables.
    double fa = ga, fb = gb;
    int last_side = 0;
    bool bisect = false;
    for (int iteration = 0; iteration < 400 && gb != 0.0; ++iteration) {
        const double width = b - a;
        double x = b - fb * width / (fb - fa);
        if (bisect || !(x > a && x < b)) x = a + 0.5 * width;
        if (!(x > a && x < b)) break;  // a and b are neighbouring doubles: round-off reached
        const double qx = outflow(x), gx = residual(x, qx);
        if (gx < 0.0) {
            a = x, qa = qx, ga = gx, fa = gx;
            if (last_side < 0) fb *= 0.5;
            last_side = -1;
        } else {
            b = x, qb = qx, gb = gx, fb = gx;
            if (last_side > 0) fa *= 0.5;
            last_side = 1;
        }
        bisect = (b - a) > 0.5 * width;
    }

    const double storage_end_m3 = std::abs(ga) < std::abs(gb) ? a : b;
    const double volume_out_m3 = available_m3 - storage_end_m3;
    // The outflow the volume implies; within [f(a), f(b)] it equals f(S2) to round-off
    // for a continuous law and picks the right value inside a jump of a tabled one.
    const double implied_m3_s = 2.0 * volume_out_m3 / dt_s - outflow_start_m3_s;
    const double outflow_end_m3_s = std::max(0.0, std::clamp(implied_m3_s, std::min(qa, qb), std::max(qa, qb)));
    return {storage_end_m3, outflow_end_m3_s, volume_out_m3};
}

}  // namespace floodtwin::hydro
