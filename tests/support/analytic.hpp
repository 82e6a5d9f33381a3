#pragma once
// Exact solutions of the shallow-water equations used by the validation tests.
// Each is derived in the comments; the tests compare the solver against them with
// stated error norms.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace floodtwin::hydro::analytic {

struct DepthVelocity {
    double h_m;
    double u_m_s;
};

// The 1D dam break, water at rest on both sides of a gate at x0 removed at t = 0,
// flat frictionless bed. Wet downstream bed (h_right > 0): Stoker (1957), a
// rarefaction into the reservoir, a constant middle state (h_m, u_m) and a bore
// (shock) into the tailwater. Dry downstream bed (h_right = 0): Ritter (1892), the
// rarefaction reaches the front at x0 + 2 c_left t. Both as in SWASHES
// (Delestre et al. 2013).
class DamBreak {
public:
    DamBreak(double h_left_m, double h_right_m, double x0_m, double g = 9.81)
        : m_hl(h_left_m), m_hr(h_right_m), m_x0(x0_m), m_g(g), m_cl(std::sqrt(g * h_left_m)) {
        if (!(h_left_m > h_right_m) || h_right_m < 0.0)
            throw std::invalid_argument("DamBreak: need h_left > h_right >= 0");
        if (m_hr == 0.0) {
            m_hm = 0.0;
            m_um = 2.0 * m_cl;
            m_shock = 2.0 * m_cl;  // the dry front
            return;
        }
        // Middle depth: the velocity behind the left rarefaction,
        //   u = 2 (c_l - c_m),
        // equals the velocity behind the right-moving bore into still water
        // (mass and momentum jump conditions),
        //   u = (h_m - h_r) sqrt(g (h_m + h_r) / (2 h_m h_r)).
        // The difference is monotone in h_m on [h_r, h_l]: bisect to round-off.
        auto mismatch = [&](double hm) {
            const double left = 2.0 * (m_cl - std::sqrt(g * hm));
            const double right = (hm - m_hr) * std::sqrt(0.5 * g * (hm + m_hr) / (hm * m_hr));
            return left - right;  // > 0 below the root, < 0 above
        };
        double lo = m_hr, hi = m_hl;
        for (int k = 0; k < 200 && hi - lo > 1e-15 * m_hl; ++k) {
            const double mid = 0.5 * (lo + hi);
            (mismatch(mid) > 0.0 ? lo : hi) = mid;
        }
        m_hm = 0.5 * (lo + hi);
        m_um = 2.0 * (m_cl - std::sqrt(g * m_hm));
        m_shock = m_hm * m_um / (m_hm - m_hr);  // mass jump condition, still water ahead
    }

    [[nodiscard]] double middle_depth_m() const { return m_hm; }
    [[nodiscard]] double middle_velocity_m_s() const { return m_um; }
    [[nodiscard]] double front_speed_m_s() const { return m_shock; }

    [[nodiscard]] DepthVelocity at(double x_m, double t_s) const {
        if (t_s <= 0.0) return {x_m < m_x0 ? m_hl : m_hr, 0.0};
        const double xi = (x_m - m_x0) / t_s;  // self-similar variable
        if (xi <= -m_cl) return {m_hl, 0.0};
        // Inside the rarefaction the left-going characteristic carries u + 2c = 2 c_l
        // and xi = u - c, hence c = (2 c_l - xi) / 3.
        const double cm = std::sqrt(m_g * m_hm);
        const double fan_end = m_hr == 0.0 ? 2.0 * m_cl : m_um - cm;
        if (xi <= fan_end) {
            const double c = (2.0 * m_cl - xi) / 3.0;
            return {c * c / m_g, 2.0 * (xi + m_cl) / 3.0};
        }
        if (m_hr == 0.0) return {0.0, 0.0};
        if (xi <= m_shock) return {m_hm, m_um};
        return {m_hr, 0.0};
    }

private:
    double m_hl, m_hr, m_x0, m_g, m_cl;
    double m_hm = 0.0, m_um = 0.0, m_shock = 0.0;
};

// Thacker (1981), the planar free surface oscillating in a paraboloid of revolution,
// frictionless (SWASHES, "planar surface in a paraboloid"). Origin at
// the bowl centre (cx, cy); r the distance from it.
//   bed     z(r)      = h0 (r^2 / a^2 - 1)
//   surface eta(x,y,t) = (eta h0 / a^2) (2 x' cos wt + 2 y' sin wt - eta)
//   depth   h          = max(0, eta_s - z)
//   velocity u = -eta w sin wt, v = eta w cos wt (uniform where wet),
// with w = sqrt(2 g h0) / a. Substitution: the momentum equations need
// -eta w^2 = -2 g eta h0 / a^2, which fixes w; the continuity equation holds because
// u.grad(h) cancels dh/dt term by term. The wet region is the disc of radius a
// centred at eta (cos wt, sin wt): the shoreline moves with the water.
class ThackerPlanar {
public:
    ThackerPlanar(double a_m, double h0_m, double eta_m, double cx_m, double cy_m, double g = 9.81)
        : m_a(a_m), m_h0(h0_m), m_eta(eta_m), m_cx(cx_m), m_cy(cy_m), m_omega(std::sqrt(2.0 * g * h0_m) / a_m) {}

    [[nodiscard]] double omega() const { return m_omega; }
    [[nodiscard]] double period_s() const { return 2.0 * std::numbers::pi / m_omega; }
    [[nodiscard]] double max_depth_m() const { return m_h0; }

    [[nodiscard]] double bed_m(double x, double y) const {
        const double dx = x - m_cx, dy = y - m_cy;
        return m_h0 * ((dx * dx + dy * dy) / (m_a * m_a) - 1.0);
    }
    [[nodiscard]] double depth_m(double x, double y, double t) const {
        const double dx = x - m_cx, dy = y - m_cy;
        const double wt = m_omega * t;
        const double surface =
            m_eta * m_h0 / (m_a * m_a) * (2.0 * dx * std::cos(wt) + 2.0 * dy * std::sin(wt) - m_eta);
        return std::max(0.0, surface - bed_m(x, y));
    }
    [[nodiscard]] double u_m_s(double t) const { return -m_eta * m_omega * std::sin(m_omega * t); }
    [[nodiscard]] double v_m_s(double t) const { return m_eta * m_omega * std::cos(m_omega * t); }

private:
    double m_a, m_h0, m_eta, m_cx, m_cy, m_omega;
};

// Steady frictionless 1D flow over a bed z(x) with unit discharge q: Bernoulli's
// head is constant,
//   H = q^2 / (2 g h^2) + h + z,
// so the depth at each x is a root of f(h) = q^2/(2 g h^2) + h + z - H. f is convex
// in h with its minimum at the critical depth h_c = (q^2/g)^(1/3); the subcritical
// root lies above h_c and the supercritical root below (Goutal & Maurel 1997;
// SWASHES).
inline double critical_depth_m(double q_m2s, double g = 9.81) { return std::cbrt(q_m2s * q_m2s / g); }

inline double bernoulli_depth_m(double z_m, double q_m2s, double head_m, bool subcritical, double g = 9.81) {
    const double hc = critical_depth_m(q_m2s, g);
    auto f = [&](double h) { return q_m2s * q_m2s / (2.0 * g * h * h) + h + z_m - head_m; };
    if (f(hc) > 1e-12 * head_m) throw std::invalid_argument("bernoulli_depth_m: head below the critical head");
    if (f(hc) >= 0.0) return hc;  // critical section
    double lo, hi;
    if (subcritical) {
        lo = hc;
        hi = std::max(2.0 * hc, head_m - z_m + hc);
        while (f(hi) < 0.0) hi *= 2.0;
    } else {
        hi = hc;
        lo = hc;
        while (f(lo) < 0.0) lo *= 0.5;
    }
    // Bisection on the bracket with opposite signs (f(hc) < 0): exact to round-off.
    for (int k = 0; k < 200 && hi - lo > 1e-15 * hi; ++k) {
        const double mid = 0.5 * (lo + hi);
        const bool mid_below = f(mid) < 0.0;
        // On the subcritical branch f increases with h; on the supercritical one it decreases.
        if (mid_below == subcritical)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

// The bump of the classic test: 25 m channel, z = 0.2 - 0.05 (x - 10)^2 on 8 < x < 12.
inline double bump_bed_m(double x_m) {
    return (x_m > 8.0 && x_m < 12.0) ? 0.2 - 0.05 * (x_m - 10.0) * (x_m - 10.0) : 0.0;
}

// Kinematic wave on a plane (Woolhiser & Liggett 1967; Singh 1996, "Kinematic Wave
// Modeling in Water Resources", ch. 4): steady rain i from t = 0 to t_r on a plane of
// length L and slope S, Manning n, dry at first. Unit discharge q = a h^m with
// a = S^1/2 / n and m = 5/3; continuity h_t + q_x = i. Along a characteristic
// dx/dt = a m h^(m-1) the depth grows as h = i t while it rains.
//   equilibrium (t >= t_c): a h^m = i x, h(x) = (i x / a)^(1/m);
//   rising limb at the outlet (t <= t_c): h = i t, t_c = (L / (a i^(m-1)))^(1/m);
//   recession (t > t_r >= t_c): the characteristic reaching the outlet at t left
//     x0 = a h^m / i at t_r with depth h, so t = t_r + (L - a h^m / i) / (a m h^(m-1)),
//     solved for h by bisection (t decreases monotonically in h).
class KinematicPlane {
public:
    KinematicPlane(double slope, double manning, double length_m, double rain_m_s, double rain_end_s)
        : m_a(std::sqrt(slope) / manning), m_l(length_m), m_i(rain_m_s), m_tr(rain_end_s) {
        m_tc = std::pow(m_l / (m_a * std::pow(m_i, m_m - 1.0)), 1.0 / m_m);
        if (m_tr < m_tc) throw std::invalid_argument("KinematicPlane: the rain must last past t_c");
    }
    [[nodiscard]] double time_of_concentration_s() const { return m_tc; }
    [[nodiscard]] double equilibrium_depth(double x_m) const { return std::pow(m_i * x_m / m_a, 1.0 / m_m); }
    // Depth at the outlet (x = L) at time t.
    [[nodiscard]] double outlet_depth(double t_s) const {
        if (t_s <= 0.0) return 0.0;
        if (t_s <= m_tc) return m_i * t_s;
        const double h_eq = equilibrium_depth(m_l);
        if (t_s <= m_tr) return h_eq;
        double lo = 0.0, hi = h_eq;  // t(h) falls from infinity at h -> 0 to t_r at h_eq
        for (int k = 0; k < 200; ++k) {
            const double h = 0.5 * (lo + hi);
            const double t = m_tr + (m_l - m_a * std::pow(h, m_m) / m_i) / (m_a * m_m * std::pow(h, m_m - 1.0));
            (t > t_s ? lo : hi) = h;
        }
        return 0.5 * (lo + hi);
    }
    [[nodiscard]] double outflow(double t_s) const { return m_a * std::pow(outlet_depth(t_s), m_m); }  // m2/s
    // Mean of outflow() over [t0, t1] by the composite Simpson rule on 64 panels
    // (the integrand is smooth inside each limb; the kink at t_c costs < 1e-4).
    [[nodiscard]] double mean_outflow(double t0_s, double t1_s) const {
        constexpr int n = 64;
        const double dt = (t1_s - t0_s) / n;
        double s = outflow(t0_s) + outflow(t1_s);
        for (int k = 1; k < n; ++k) s += (k % 2 ? 4.0 : 2.0) * outflow(t0_s + k * dt);
        return s * dt / 3.0 / (t1_s - t0_s);
    }

private:
    static constexpr double m_m = 5.0 / 3.0;
    double m_a, m_l, m_i, m_tr, m_tc = 0.0;
};

}  // namespace floodtwin::hydro::analytic
