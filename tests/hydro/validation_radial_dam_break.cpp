// Validation: a circular dam break centred on a square grid. The initial state and
// the domain are invariant under the rotation by 90 degrees and under the mirror
// x -> -x, so the solution must be too; only the order of floating-point operations
// differs between x and y faces. Catches index slips between the x and y sweeps,
// one-sided boundary handling and a direction-dependent limiter.
#define BOOST_TEST_MODULE hydro_validation_radial_dam_break
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <vector>

#include "hydro/simulation.hpp"
#include "tests/support/hydro_checks.hpp"

using namespace floodtwin::hydro;
using namespace floodtwin::hydro::testing;

BOOST_TEST_GLOBAL_FIXTURE(OneThread);

namespace {

// 80 x 80 cells of 0.5 m (40 m square, walls all round); a column of radius 8 m at
// the centre, 2 m deep, in 0.5 m of water (wet) or on a dry bed. Checked at 1.5 s,
// while the wave runs out towards the walls, and at 4 s, after they have reflected it
// (the corners and the edges see different waves, a harder test of the symmetry).
constexpr int n = 80;
constexpr double dx_m = 0.5;
constexpr double radius_m = 8.0;
constexpr double h_in_m = 2.0;

// Max over cells of |h(R c) - h(c)| (m) and of the rotated discharges (m2/s) for the
// rotation / mirror R: round-off only. Values are O(1), so 1e-12 allows a few
// thousand ulps accumulated over the ~150 steps.
constexpr double symmetry_tol_h_m = 1e-12;
constexpr double symmetry_tol_q_m2s = 1e-12;
constexpr double mass_error_tol = 1e-12;

struct Asymmetry {
    double h = 0.0, q = 0.0;
};

// Rotation by +90 degrees about the centre maps cell (i, j) to (n-1-j, i) and the
// vector (u, v) to (-v, u). Mirror x -> -x maps (i, j) to (n-1-i, j) and (u, v) to (-u, v).
Asymmetry rotation_asymmetry(const State& s, const Grid& g) {
    Asymmetry a;
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            const std::size_t c = g.index(i, j), r = g.index(n - 1 - j, i);
            a.h = std::max(a.h, std::abs(s.h[r] - s.h[c]));
            a.q = std::max({a.q, std::abs(s.hu[r] + s.hv[c]), std::abs(s.hv[r] - s.hu[c])});
        }
    return a;
}

Asymmetry mirror_asymmetry(const State& s, const Grid& g) {
    Asymmetry a;
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            const std::size_t c = g.index(i, j), m = g.index(n - 1 - i, j);
            a.h = std::max(a.h, std::abs(s.h[m] - s.h[c]));
            a.q = std::max({a.q, std::abs(s.hu[m] + s.hu[c]), std::abs(s.hv[m] - s.hv[c])});
        }
    return a;
}

void run_radial(Scheme scheme, double h_out_m) {
    const Grid g{n, n, dx_m, dx_m};
    std::vector<double> h0(g.cells());
    const double centre = 0.5 * n * dx_m;
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            const double x = (i + 0.5) * dx_m - centre, y = (j + 0.5) * dx_m - centre;
            h0[g.index(i, j)] = x * x + y * y < radius_m * radius_m ? h_in_m : h_out_m;
        }
    Simulation sim(g, std::vector<double>(g.cells(), 0.0), SolverConfig{.scheme = scheme});
    sim.set_depth(h0);
    BOOST_TEST_REQUIRE(rotation_asymmetry(sim.state(), g).h == 0.0);  // the set-up itself

    Stopwatch clock;
    for (const double t : {1.5, 4.0}) {
        sim.advance_to(t);
        const Asymmetry rot = rotation_asymmetry(sim.state(), g);
        const Asymmetry mir = mirror_asymmetry(sim.state(), g);
        BOOST_TEST_MESSAGE("radial " << name_of(scheme) << " outside " << h_out_m << " m, t = " << t << " s ("
                                     << sim.steps() << " steps, " << clock.seconds() << " s): rotation asymmetry h "
                                     << rot.h << " m, q " << rot.q << " m2/s; mirror h " << mir.h << " m, q " << mir.q
                                     << " m2/s; max |q| " << max_abs(sim.state().hu) << " m2/s; mass error "
                                     << sim.ledger().relative_error() << ", positivity added "
                                     << sim.ledger().relative_positivity_added());
        BOOST_TEST(all_finite(sim.state()));
        BOOST_TEST(sim.ledger().relative_positivity_added() <= positivity_added_tol);
        BOOST_TEST(rot.h <= symmetry_tol_h_m);
        BOOST_TEST(rot.q <= symmetry_tol_q_m2s);
        BOOST_TEST(mir.h <= symmetry_tol_h_m);
        BOOST_TEST(mir.q <= symmetry_tol_q_m2s);
        BOOST_TEST(std::abs(sim.ledger().relative_error()) <= mass_error_tol);
    }
    // The flow really went somewhere: the discharge is far above the tolerance.
    BOOST_TEST(max_abs(sim.state().hu) > 0.1);
}

}  // namespace

BOOST_AUTO_TEST_CASE(radial_wet_fv1) { run_radial(Scheme::fv1, 0.5); }
BOOST_AUTO_TEST_CASE(radial_wet_fv2) { run_radial(Scheme::fv2, 0.5); }
BOOST_AUTO_TEST_CASE(radial_dry_fv1) { run_radial(Scheme::fv1, 0.0); }
BOOST_AUTO_TEST_CASE(radial_dry_fv2) { run_radial(Scheme::fv2, 0.0); }
