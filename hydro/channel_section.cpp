#include "hydro/channel_section.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "hydro/refuse.hpp"

namespace floodtwin::hydro {
namespace {

void validate_geometry(const ChannelSection& s, const std::string& what) {
    if (!(std::isfinite(s.bottom_width_m) && s.bottom_width_m > 0.0))
        refuse(what, "bottom_width_m", "> 0", s.bottom_width_m);
    if (!(std::isfinite(s.side_slope) && s.side_slope >= 0.0)) refuse(what, "side_slope", ">= 0", s.side_slope);
}

// dP/dh: each bank adds sqrt(1 + z^2) of perimeter per metre of rise.
double perimeter_slope(const ChannelSection& s) { return 2.0 * std::sqrt(1.0 + s.side_slope * s.side_slope); }

// Solves value(h) = target for h > 0, where value(h) is increasing from value(0) = 0
// and value_and_slope(h) returns {value, d value / dh}. Newton's method, with a
// bisection step whenever Newton would leave the bracket [lo, hi] that holds the root.
template <class F>
double increasing_root(F&& value_and_slope, double target, double guess) {
    constexpr double smallest_guess = 1e-12;
    constexpr int max_iterations = 1000;  // reached only for absurd inputs (q ~ 1e-300)
    double lo = 0.0;
    double hi = std::max(guess, smallest_guess);
    for (int k = 0; k < max_iterations && value_and_slope(hi).first < target; ++k) {
        lo = hi;
        hi *= 2.0;
    }
    double h = std::clamp(guess, lo, hi);
    if (!(h > lo)) h = hi;
    for (int k = 0; k < max_iterations; ++k) {
        const auto [value, slope] = value_and_slope(h);
        const double residual = value - target;
        if (residual == 0.0) return h;
        (residual < 0.0 ? lo : hi) = h;
        double next = slope > 0.0 ? h - residual / slope : std::numeric_limits<double>::quiet_NaN();
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        const double tiny = 4.0 * std::numeric_limits<double>::epsilon() * next;
        if (std::abs(next - h) <= tiny || hi - lo <= tiny) return next;
        h = next;
    }
    return h;
}

}  // namespace

void validate(const ChannelSection& s, const std::string& what) {
    validate_geometry(s, what);
    if (!(std::isfinite(s.manning_n) && s.manning_n > 0.0)) refuse(what, "manning_n", "> 0", s.manning_n);
    if (!(std::isfinite(s.bed_slope) && s.bed_slope > 0.0)) refuse(what, "bed_slope", "> 0", s.bed_slope);
}

double section_area_m2(const ChannelSection& s, double depth_m) {
    const double h = std::max(depth_m, 0.0);
    return (s.bottom_width_m + s.side_slope * h) * h;
}

double section_top_width_m(const ChannelSection& s, double depth_m) {
    return s.bottom_width_m + 2.0 * s.side_slope * std::max(depth_m, 0.0);
}

double section_wetted_perimeter_m(const ChannelSection& s, double depth_m) {
    return s.bottom_width_m + perimeter_slope(s) * std::max(depth_m, 0.0);
}

double section_conveyance_m3_s(const ChannelSection& s, double depth_m) {
    const double area = section_area_m2(s, depth_m);
    const double radius = area / section_wetted_perimeter_m(s, depth_m);
    return area * std::cbrt(radius * radius) / s.manning_n;
}

double manning_discharge_m3_s(const ChannelSection& s, double depth_m) {
    return section_conveyance_m3_s(s, depth_m) * std::sqrt(s.bed_slope);
}

double normal_depth_m(const ChannelSection& s, double discharge_m3_s) {
    validate(s, "channel section");
    if (!(discharge_m3_s > 0.0)) return 0.0;
    // Q = k A^(5/3) P^(-2/3), so dQ/dh = Q (5/3 T / A - 2/3 P' / P).
    auto value_and_slope = [&s](double h) {
        const double q = manning_discharge_m3_s(s, h);
        const double slope = q * (5.0 / 3.0 * section_top_width_m(s, h) / section_area_m2(s, h) -
                                  2.0 / 3.0 * perimeter_slope(s) / section_wetted_perimeter_m(s, h));
        return std::pair{q, slope};
    };
    // Start from the smaller of the wide-rectangle depth (P = b) and the triangle depth
    // (b = 0); both are closed forms of Manning's formula.
    const double k = std::sqrt(s.bed_slope) / s.manning_n;
    double guess = std::pow(discharge_m3_s / (k * s.bottom_width_m), 0.6);
    if (s.side_slope > 0.0) {
        const double z = s.side_slope;
        const double triangle_factor = k * std::pow(z, 5.0 / 3.0) / std::cbrt(std::pow(perimeter_slope(s), 2.0));
        guess = std::min(guess, std::pow(discharge_m3_s / triangle_factor, 3.0 / 8.0));
    }
    return increasing_root(value_and_slope, discharge_m3_s, guess);
}

double kinematic_celerity_at_depth_m_s(const ChannelSection& s, double depth_m) {
    const double h = depth_m > 0.0 ? depth_m : kinematic_film_depth_m;
    const double area = section_area_m2(s, h);
    const double velocity = manning_discharge_m3_s(s, h) / area;
    const double shape = area * perimeter_slope(s) / (section_top_width_m(s, h) * section_wetted_perimeter_m(s, h));
    return velocity * (5.0 / 3.0 - 2.0 / 3.0 * shape);
}

double kinematic_celerity_m_s(const ChannelSection& s, double discharge_m3_s) {
    validate(s, "channel section");
    return kinematic_celerity_at_depth_m_s(s, normal_depth_m(s, discharge_m3_s));
}

double critical_depth_m(const ChannelSection& s, double discharge_m3_s) {
    validate_geometry(s, "channel section");
    if (!(discharge_m3_s > 0.0)) return 0.0;
    // The critical discharge at depth h is Qc = sqrt(g A^3 / T), increasing in h, with
    // dQc/dh = Qc (1.5 T / A - 0.5 T' / T), T' = 2 z.
    auto value_and_slope = [&s](double h) {
        const double area = section_area_m2(s, h);
        const double top = section_top_width_m(s, h);
        const double qc = std::sqrt(channel_gravity_m_s2 * area * area * area / top);
        return std::pair{qc, qc * (1.5 * top / area - s.side_slope / top)};
    };
    // Rectangle of the bottom width: (q^2 / g)^(1/3) with q = Q / b; an upper bound.
    const double q = discharge_m3_s / s.bottom_width_m;
    return increasing_root(value_and_slope, discharge_m3_s, std::cbrt(q * q / channel_gravity_m_s2));
}

}  // namespace floodtwin::hydro
