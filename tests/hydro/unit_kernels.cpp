// Unit tests of the pointwise kernels: HLLC flux (flux.hpp), hydrostatic
// reconstruction (flux.hpp), the inverse cube root and Manning friction
// (friction.hpp), the minmod limiter (reconstruction.hpp).
#define BOOST_TEST_MODULE hydro_kernels
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>

#include "hydro/flux.hpp"
#include "hydro/friction.hpp"
#include "hydro/reconstruction.hpp"

using namespace floodtwin::hydro;

namespace {

constexpr double g = 9.81;
// Flux identities that hold in exact arithmetic: allowed error relative to the flux
// scale h (|u| + c) for mass and h (u^2 + c^2) for momentum, a few roundings.
constexpr double flux_round_off_tol = 1e-14;
// inv_cbrt against 1 / std::cbrt, relative, over 1e-6 .. 1e4 (both sides round).
constexpr double inv_cbrt_rel_tol = 1e-14;
// manning_factor against the closed form 2 / (1 + sqrt(1 + 4 dt g n^2 |V| h^(-4/3))), relative.
constexpr double manning_rel_tol = 1e-14;

struct Side {
    double h, un, ut;
};

double mass_scale(const Side& a, const Side& b) {
    return std::max(a.h * (std::abs(a.un) + std::sqrt(g * a.h)), b.h * (std::abs(b.un) + std::sqrt(g * b.h)));
}
double momentum_scale(const Side& a, const Side& b) {
    return std::max(a.h * (a.un * a.un + a.ut * a.ut + g * a.h), b.h * (b.un * b.un + b.ut * b.ut + g * b.h));
}

// Random states: depths 1 mm .. 20 m on a log scale, velocities up to +/-8 m/s, so
// sub- and supercritical flows both occur.
struct StateSampler {
    std::mt19937_64 rng{20240611};
    Side operator()() {
        std::uniform_real_distribution<double> logh(std::log(1e-3), std::log(20.0)), vel(-8.0, 8.0);
        return {std::exp(logh(rng)), vel(rng), vel(rng)};
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(hllc_equal_states_give_the_physical_flux) {
    StateSampler sample;
    double worst_mass = 0.0, worst_mom = 0.0;
    for (int n = 0; n < 20000; ++n) {
        const Side s = sample();
        const NormalFlux f = hllc_flux(s.h, s.un, s.ut, s.h, s.un, s.ut, g);
        const double q = s.h * s.un;
        const double ms = mass_scale(s, s), ps = momentum_scale(s, s);
        worst_mass = std::max(worst_mass, std::abs(f.mass - q) / ms);
        worst_mom = std::max(worst_mom, std::abs(f.mom_n - (q * s.un + 0.5 * g * s.h * s.h)) / ps);
        worst_mom = std::max(worst_mom, std::abs(f.mom_t - q * s.ut) / ps);
    }
    BOOST_TEST_MESSAGE("HLLC consistency: worst relative error mass " << worst_mass << ", momentum " << worst_mom);
    BOOST_TEST(worst_mass <= flux_round_off_tol);
    BOOST_TEST(worst_mom <= flux_round_off_tol);
}

BOOST_AUTO_TEST_CASE(hllc_is_mirror_symmetric) {
    // Reflecting the face (swap left and right, negate normal velocities) must negate
    // the mass and tangential-momentum fluxes and keep the normal-momentum flux.
    // Includes one dry side, the dry-bed wave speeds.
    StateSampler sample;
    double worst = 0.0;
    for (int n = 0; n < 20000; ++n) {
        Side l = sample(), r = sample();
        if (n % 5 == 0) r = {0.0, 0.0, 0.0};
        if (n % 7 == 0) l = {0.0, 0.0, 0.0};
        const NormalFlux f = hllc_flux(l.h, l.un, l.ut, r.h, r.un, r.ut, g);
        const NormalFlux m = hllc_flux(r.h, -r.un, r.ut, l.h, -l.un, l.ut, g);
        const double ms = std::max(mass_scale(l, r), 1e-300), ps = std::max(momentum_scale(l, r), 1e-300);
        worst = std::max({worst, std::abs(f.mass + m.mass) / ms, std::abs(f.mom_n - m.mom_n) / ps,
                          std::abs(f.mom_t + m.mom_t) / ps});
    }
    BOOST_TEST_MESSAGE("HLLC mirror symmetry: worst relative asymmetry " << worst);
    BOOST_TEST(worst <= flux_round_off_tol);
}

BOOST_AUTO_TEST_CASE(hllc_is_upwind_for_supercritical_flow) {
    // All waves run one way: the flux is the upwind side's physical flux.
    const NormalFlux f = hllc_flux(0.5, 6.0, 1.0, 0.4, 5.0, -2.0, g);  // Fr = 2.7 on the left
    BOOST_TEST(std::abs(f.mass - 3.0) <= 1e-15 * 3.0);
    BOOST_TEST(std::abs(f.mom_n - (3.0 * 6.0 + 0.5 * g * 0.25)) <= 1e-15 * 20.0);
    BOOST_TEST(std::abs(f.mom_t - 3.0) <= 1e-15 * 3.0);
}

BOOST_AUTO_TEST_CASE(two_dry_cells_exchange_nothing) {
    for (const double u : {0.0, 3.0, -2.0}) {
        const NormalFlux f = hllc_flux(0.0, u, 1.0, 0.0, -u, 2.0, g);
        BOOST_TEST(f.mass == 0.0);
        BOOST_TEST(f.mom_n == 0.0);
        BOOST_TEST(f.mom_t == 0.0);
        BOOST_TEST(std::isfinite(f.mass));
    }
    // Dry on both sides of a bed step too.
    const FaceFlux ff = hydrostatic_flux(0.0, 0.0, 0.0, 3.0, 0.0, 0.0, 0.0, 1.0, g);
    BOOST_TEST(ff.mass == 0.0);
    BOOST_TEST(ff.mom_n_left == 0.0);
    BOOST_TEST(ff.mom_n_right == 0.0);
    BOOST_TEST(ff.mom_t == 0.0);
}

BOOST_AUTO_TEST_CASE(dry_bed_front_flux_is_bounded_by_the_rarefaction) {
    // Water against a dry cell: mass flows towards the dry side, no faster than the
    // exact front speed 2c allows.
    const double h = 1.0, c = std::sqrt(g * h);
    const NormalFlux f = hllc_flux(h, 0.0, 0.0, 0.0, 0.0, 0.0, g);
    BOOST_TEST(f.mass > 0.0);
    BOOST_TEST(f.mass <= 2.0 * c * h);
    const NormalFlux b = hllc_flux(0.0, 0.0, 0.0, h, 0.0, 0.0, g);
    BOOST_TEST(std::abs(b.mass + f.mass) <= 1e-15 * c * h);
}

BOOST_AUTO_TEST_CASE(lake_at_rest_exactly_representable) {
    // Level 1 m: bed 0.25 m on the left, 0.5 m on the right. The face bed is 0.5 m,
    // both reconstructed depths are 0.5 m: no mass flux, and each side's momentum
    // flux equals its own cell pressure g h^2 / 2, so a cell's momentum does not change.
    const double hL = 0.75, zL = 0.25, hR = 0.5, zR = 0.5;
    const FaceFlux f = hydrostatic_flux(hL, 0.0, 0.0, zL, hR, 0.0, 0.0, zR, g);
    BOOST_TEST(f.mass == 0.0);
    BOOST_TEST(f.mom_t == 0.0);
    BOOST_TEST(std::abs(f.mom_n_left - 0.5 * g * hL * hL) <= flux_round_off_tol * g * hL * hL);
    BOOST_TEST(std::abs(f.mom_n_right - 0.5 * g * hR * hR) <= flux_round_off_tol * g * hR * hR);
}

BOOST_AUTO_TEST_CASE(lake_at_rest_random_beds) {
    // Random bed pairs under random levels, with a dry, higher bed on one side in a
    // third of the cases (a shoreline face).
    std::mt19937_64 rng(77);
    std::uniform_real_distribution<double> level(-5.0, 50.0), dz(-3.0, 3.0), u01(0.0, 1.0);
    double worst_mass = 0.0, worst_pressure = 0.0;
    for (int n = 0; n < 20000; ++n) {
        const double eta = level(rng);
        const double zL = eta - 3.0 * u01(rng);
        double zR = zL + dz(rng);
        const bool shoreline = n % 3 == 0;
        if (shoreline) zR = eta + u01(rng);  // emerged right cell
        const double hL = std::max(0.0, eta - zL), hR = std::max(0.0, eta - zR);
        const FaceFlux f = hydrostatic_flux(hL, 0.0, 0.0, zL, hR, 0.0, 0.0, zR, g);
        const Side l{hL, 0.0, 0.0}, r{hR, 0.0, 0.0};
        const double ms = std::max(mass_scale(l, r), 1e-300), ps = std::max(momentum_scale(l, r), 1e-300);
        worst_mass = std::max(worst_mass, std::abs(f.mass) / ms);
        worst_pressure = std::max({worst_pressure, std::abs(f.mom_n_left - 0.5 * g * hL * hL) / ps,
                                   std::abs(f.mom_n_right - 0.5 * g * hR * hR) / ps});
        if (shoreline) BOOST_TEST_REQUIRE(f.mass == 0.0);  // nothing climbs onto the dry bank
    }
    BOOST_TEST_MESSAGE("lake at rest: worst relative mass flux " << worst_mass << ", pressure imbalance "
                                                                 << worst_pressure);
    BOOST_TEST(worst_mass <= flux_round_off_tol);
    BOOST_TEST(worst_pressure <= flux_round_off_tol);
}

BOOST_AUTO_TEST_CASE(inv_cbrt_is_accurate_from_1e_minus_6_to_1e4) {
    // 200,000 points log-spaced over ten decades plus the decade ends and powers of two.
    double worst = 0.0, worst_x = 0.0;
    auto check = [&](double x) {
        const double ref = 1.0 / std::cbrt(x);
        const double err = std::abs(inv_cbrt(x) - ref) / ref;
        if (err > worst) {
            worst = err;
            worst_x = x;
        }
    };
    constexpr int points = 200000;
    for (int k = 0; k <= points; ++k) check(std::pow(10.0, -6.0 + 10.0 * k / points));
    for (int e = -20; e <= 13; ++e) {
        check(std::ldexp(1.0, e));
        check(std::nextafter(std::ldexp(1.0, e), 0.0));
    }
    for (const double x : {1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1.0, 10.0, 100.0, 1e3, 1e4}) check(x);
    BOOST_TEST_MESSAGE("inv_cbrt: worst relative error " << worst << " at x = " << worst_x);
    BOOST_TEST(worst < inv_cbrt_rel_tol);
}

BOOST_AUTO_TEST_CASE(manning_factor_matches_the_implicit_formula) {
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> logh(std::log(1e-4), std::log(30.0)), vel(-10.0, 10.0), n(0.0, 0.2),
        logdt(std::log(1e-3), std::log(1e3));
    double worst = 0.0;
    for (int k = 0; k < 20000; ++k) {
        const double h = std::exp(logh(rng)), hu = h * vel(rng), hv = h * vel(rng), nn = n(rng),
                     dt = std::exp(logdt(rng));
        const double speed = std::hypot(hu, hv) / h;
        const double exact = 2.0 / (1.0 + std::sqrt(1.0 + 4.0 * dt * g * nn * nn * speed / std::pow(h, 4.0 / 3.0)));
        worst = std::max(worst, std::abs(manning_factor(h, hu, hv, nn, dt, g) - exact) / exact);
    }
    BOOST_TEST_MESSAGE("manning_factor: worst relative error " << worst);
    BOOST_TEST(worst <= manning_rel_tol);
}

BOOST_AUTO_TEST_CASE(manning_factor_is_the_backward_euler_root) {
    // s = f s0 solves s = s0 - dt g n^2 s^2 / h^(4/3): the residual, relative to s0.
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> logh(std::log(1e-4), std::log(30.0)), logs(std::log(1e-3), std::log(20.0)),
        n(0.01, 0.2), logdt(std::log(1e-3), std::log(1e3));
    double worst = 0.0;
    for (int k = 0; k < 20000; ++k) {
        const double h = std::exp(logh(rng)), s0 = std::exp(logs(rng)), nn = n(rng), dt = std::exp(logdt(rng));
        const double s = manning_factor(h, h * s0, 0.0, nn, dt, g) * s0;
        const double kf = g * nn * nn / std::pow(h, 4.0 / 3.0);
        worst = std::max(worst, std::abs(s - (s0 - dt * kf * s * s)) / s0);
    }
    BOOST_TEST_MESSAGE("manning_factor: worst backward-Euler residual " << worst);
    BOOST_TEST(worst <= 1e-12);
}

BOOST_AUTO_TEST_CASE(manning_friction_settles_at_normal_flow_for_any_time_step) {
    // A film 1 cm deep on a 20 % slope, n = 0.05: each step adds dt g S of speed and
    // friction takes it off. The speed must settle at Manning's h^(2/3) S^(1/2) / n
    // even when dt g S is a hundred times that speed (the thin-film case).
    const double h = 0.01, slope = 0.2, nn = 0.05;
    const double normal = std::pow(h, 2.0 / 3.0) * std::sqrt(slope) / nn;
    for (const double dt : {0.01, 1.0, 30.0}) {
        double u = 0.0;
        for (int k = 0; k < 20000; ++k) {
            const double u0 = u + dt * g * slope;
            u = manning_factor(h, h * u0, 0.0, nn, dt, g) * u0;
        }
        BOOST_TEST_MESSAGE("friction equilibrium, dt " << dt << " s: " << u << " m/s against " << normal);
        BOOST_TEST(std::abs(u / normal - 1.0) <= 1e-9);
    }
}

BOOST_AUTO_TEST_CASE(manning_friction_never_reverses_the_flow) {
    // However long the step, however rough the bed and thin the film, the factor lies
    // in (0, 1]: the discharge keeps its sign and never grows.
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> logh(std::log(1e-6), std::log(50.0)), vel(-50.0, 50.0),
        logn(std::log(1e-3), std::log(1.0)), logdt(std::log(1e-4), std::log(1e5));
    for (int k = 0; k < 50000; ++k) {
        const double h = std::exp(logh(rng)), hu = h * vel(rng), hv = h * vel(rng);
        const double f = manning_factor(h, hu, hv, std::exp(logn(rng)), std::exp(logdt(rng)), g);
        BOOST_TEST_REQUIRE(f > 0.0);
        BOOST_TEST_REQUIRE(f <= 1.0);
        BOOST_TEST_REQUIRE(std::signbit(hu * f) == std::signbit(hu));
        BOOST_TEST_REQUIRE(std::abs(hu * f) <= std::abs(hu));
    }
    // No friction, no change; still water stays still.
    BOOST_TEST(manning_factor(1.0, 2.0, -1.0, 0.0, 10.0, g) == 1.0);
    BOOST_TEST(manning_factor(1.0, 0.0, 0.0, 0.05, 10.0, g) == 1.0);
}

BOOST_AUTO_TEST_CASE(minmod_limiter) {
    BOOST_TEST(minmod(1.0, 2.0) == 1.0);
    BOOST_TEST(minmod(-3.0, -2.0) == -2.0);
    BOOST_TEST(minmod(1.0, -2.0) == 0.0);
    BOOST_TEST(minmod(0.0, 5.0) == 0.0);
}
