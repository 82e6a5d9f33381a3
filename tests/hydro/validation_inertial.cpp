// Validation of the local-inertial scheme (hydro.scheme = "inertial", Bates et al.
// 2010 with the q-centred diffusion of de Almeida et al. 2012): lake at rest, the 1D
// dam breaks of Ritter and Stoker, uniform flow on a planar slope, mass, thread-count
// independence, checkpoint/resume and a comparison with fv1 on a floodplain.
//
// The scheme drops the advection term, so it is not meant for dam breaks: its errors
// near the Ritter front and in the supercritical part of the rarefaction are larger
// than fv1's. The dam-break bounds are therefore set modestly above what it measures,
// not at fv1's level.
#define BOOST_TEST_MODULE hydro_validation_inertial
#include <boost/test/unit_test.hpp>

#include <omp.h>

#include <cmath>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

#include "hydro/simulation.hpp"
#include "tests/support/analytic.hpp"
#include "tests/support/hydro_checks.hpp"
#include "tests/support/hydro_scenarios.hpp"

using namespace floodtwin::hydro;
using namespace floodtwin::hydro::testing;

BOOST_TEST_GLOBAL_FIXTURE(OneThread);

namespace {

SolverConfig inertial(int min_cells_per_thread = SolverConfig{}.min_cells_per_thread) {
    return SolverConfig{.scheme = Scheme::inertial, .min_cells_per_thread = min_cells_per_thread};
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// L1 depth error (m) of the 1D dam break (100 m, gate at 50 m, 1 m upstream) at t = 6 s.
double dam_break_l1(int nx, double h_right_m, double& mass_error) {
    const double length = 100.0, gate = 50.0, t_end = 6.0;
    const double dx = length / nx;
    const Grid g{nx, 1, dx, dx};
    Simulation sim(g, std::vector<double>(g.cells(), 0.0), inertial());
    std::vector<double> h0(g.cells());
    for (int i = 0; i < nx; ++i) h0[i] = (i + 0.5) * dx < gate ? 1.0 : h_right_m;
    sim.set_depth(h0);
    sim.advance_to(t_end);
    const analytic::DamBreak exact(1.0, h_right_m, gate);
    constexpr int sub = 16;
    double l1 = 0.0;
    for (int i = 0; i < nx; ++i) {
        double mean = 0.0;
        for (int s = 0; s < sub; ++s) mean += exact.at((i + (s + 0.5) / sub) * dx, t_end).h_m;
        l1 += std::abs(sim.state().h[i] - mean / sub) * dx;
    }
    BOOST_TEST(all_finite(sim.state()));
    mass_error = sim.ledger().relative_error();
    return l1 / length;
}

// Inflow onto a gently sloping floodplain: 80 x 60 cells of 10 m, 0.1 % slope to the
// east with gentle undulations and a shallow swale, 20 m3/s entering over the middle
// of the west edge, free outflow on the east edge, n = 0.05, one hour.
Simulation floodplain(Scheme scheme) {
    const Grid g{80, 60, 10.0, 10.0};
    std::vector<double> bed(g.cells());
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const double x = (i + 0.5) * g.dx_m, y = (j + 0.5) * g.dy_m;
            bed[g.index(i, j)] = 10.0 - 0.001 * x + 0.002 * std::abs(y - 300.0) + 0.05 * std::sin(x / 70.0) *
                                 std::cos(y / 50.0);
        }
    Simulation sim(g, bed, SolverConfig{.scheme = scheme});
    sim.set_manning(0.05);
    sim.add_boundary({"inflow", Edge::west, 25, 35, BoundaryKind::inflow, TimeSeries(20.0)});
    sim.add_boundary({"outlet", Edge::east, 0, -1, BoundaryKind::free, {}});
    return sim;
}

}  // namespace

BOOST_AUTO_TEST_CASE(lake_at_rest_over_bumps) {
    // Bed and level multiples of 1/64 m: level - z and back are exact, so the levels
    // on both sides of every wet face are equal and S = 0 exactly. Some bumps stick
    // out of the water (dry cells beside wet ones).
    const Grid g{40, 30, 1.0, 1.0};
    std::vector<double> bed(g.cells());
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i)
            bed[g.index(i, j)] = std::round(64.0 * (0.6 + 0.5 * std::sin(0.4 * i) * std::cos(0.3 * j))) / 64.0;
    Simulation sim(g, bed, inertial());
    sim.set_manning(0.03);
    sim.set_water_level(0.75);
    const std::vector<double> h0 = sim.state().h;
    sim.advance_to(100.0);
    BOOST_TEST(max_abs(sim.face_discharges().qx) == 0.0);
    BOOST_TEST(max_abs(sim.face_discharges().qy) == 0.0);
    BOOST_TEST(max_abs_diff(sim.state().h, h0) <= 1e-15);
    BOOST_TEST(std::abs(sim.ledger().relative_error()) <= 1e-14);
}

// Measured at nx = 400 (dx = 0.25 m): Ritter 7.32e-2 m, Stoker 6.73e-2 m (fv1:
// 4.0e-3 and 3.5e-3, validation_dam_break_1d), some 20 times fv1's. Without the
// advection term the middle state comes out too deep (Stoker: about 0.62 m against the
// exact 0.40 m) and the front runs at the wrong speed: the scheme is not for dam
// breaks (de Almeida & Bates 2013 find it breaks down above Froude ~0.5). The bounds
// leave ~15 % above the measured values, only to catch regressions.
constexpr double ritter_l1_tol_m = 8.5e-2;
constexpr double stoker_l1_tol_m = 7.8e-2;

// Deep still water, where friction damps nothing: a 0.5 m mound on one cell of a
// closed basin 13 m deep (40 x 60 cells of 10 m) spreads and dies out at the default
// step and theta (0.7). (theta = 1, Bates et al. without the diffusion, damps nothing:
// the same mound at 0.9 of its limit grew to a 28 m range of levels.) With
// Bates et al.'s dt = 0.7 dx / sqrt(g h) (the rule before 2026-12-07) the levels ran
// from -13 to +13 m within 400 s: the basin's floor fell dry (so did a 2 m deep one).
BOOST_AUTO_TEST_CASE(disturbance_on_deep_still_water_dies_out) {
    const Grid g{40, 60, 10.0, 10.0};
    auto range_after = [&](double theta, std::optional<double> cfl, double t_end) {
        std::vector<double> z(g.cells(), -13.0), h(g.cells(), 13.0);
        h[g.index(20, 30)] += 0.5;
        Simulation sim(g, z, SolverConfig{.scheme = Scheme::inertial, .cfl = cfl, .theta = theta});
        sim.set_manning(0.03);
        sim.set_depth(h);
        double worst = 0.0, last = 0.0;
        for (double t = 200.0; t <= t_end; t += 200.0) {
            sim.advance_to(t);
            double lo = 1e9, hi = -1e9;
            for (std::size_t c = 0; c < g.cells(); ++c) {
                lo = std::min(lo, z[c] + sim.state().h[c]);
                hi = std::max(hi, z[c] + sim.state().h[c]);
            }
            last = hi - lo;
            worst = std::max(worst, last);
        }
        BOOST_TEST_MESSAGE("theta " << theta << ", cfl " << (cfl ? *cfl : -1.0) << ": level range at " << t_end
                                    << " s " << last << " m, largest " << worst << " m");
        return std::pair{last, worst};
    };
    const auto [damped, damped_worst] = range_after(0.7, std::nullopt, 2400.0);
    BOOST_TEST(damped < 1e-3);         // measured 1.3e-5 m
    BOOST_TEST(damped_worst <= 0.5);   // never above the mound it started from
}

BOOST_AUTO_TEST_CASE(ritter_dry_bed) {
    double mass = 0.0;
    const double e = dam_break_l1(400, 0.0, mass);
    BOOST_TEST_MESSAGE("Ritter inertial nx = 400: L1 depth error " << e << " m, mass error " << mass);
    BOOST_TEST(e <= ritter_l1_tol_m);
    BOOST_TEST(std::abs(mass) <= 1e-10);
}

BOOST_AUTO_TEST_CASE(stoker_wet_bed) {
    double mass = 0.0;
    const double e = dam_break_l1(400, 0.1, mass);
    BOOST_TEST_MESSAGE("Stoker inertial nx = 400: L1 depth error " << e << " m, mass error " << mass);
    BOOST_TEST(e <= stoker_l1_tol_m);
    BOOST_TEST(std::abs(mass) <= 1e-10);
}

BOOST_AUTO_TEST_CASE(planar_slope_reaches_normal_depth) {
    // 1 m3/s per m width onto a 200 m channel at slope 1e-3, n = 0.03: Manning's normal
    // depth h_n = (q n / sqrt(S))^(3/5) = 0.969 m. Compared over the middle of the
    // channel after 4 h (the friction-dominated filling is slow: after 1 h the depth is
    // still 3 % short). Measured worst deviation 0.1 %; bound 0.5 %.
    const double q = 1.0, slope = 1e-3, n = 0.03, width = 10.0;
    const Grid g{100, 5, 2.0, 2.0};
    std::vector<double> bed(g.cells());
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) bed[g.index(i, j)] = 1.0 - slope * (i + 0.5) * g.dx_m;
    Simulation sim(g, bed, inertial());
    sim.set_manning(n);
    sim.add_boundary({"inflow", Edge::west, 0, -1, BoundaryKind::inflow, TimeSeries(q * width)});
    sim.add_boundary({"outlet", Edge::east, 0, -1, BoundaryKind::free, {}});
    sim.advance_to(14400.0);
    const double hn = std::pow(q * n / std::sqrt(slope), 0.6);
    double worst = 0.0;
    for (int j = 0; j < g.ny; ++j)
        for (int i = 30; i < 70; ++i) worst = std::max(worst, std::abs(sim.state().h[g.index(i, j)] - hn) / hn);
    BOOST_TEST_MESSAGE("planar slope: normal depth " << hn << " m, worst relative deviation " << worst
                                                     << ", mass error " << sim.ledger().relative_error());
    BOOST_TEST(worst <= 0.005);
    BOOST_TEST(std::abs(sim.ledger().relative_error()) <= 1e-10);
}

BOOST_AUTO_TEST_CASE(everything_at_once_mass_and_threads) {
    // The scenario with an inflow, a stage outlet, a point inflow, loss and friction.
    auto run = [](int threads) {
        omp_set_num_threads(threads);
        Simulation sim = scenarios::dam_break_friction(Scheme::inertial, 1);
        sim.advance_to(60.0);
        omp_set_num_threads(1);
        return sim;
    };
    const Simulation a = run(1), b = run(2);
    BOOST_TEST_MESSAGE("dam break with friction: " << a.steps() << " steps, mass error "
                                                   << a.ledger().relative_error() << ", positivity added "
                                                   << a.ledger().relative_positivity_added());
    BOOST_TEST(std::abs(a.ledger().relative_error()) <= 1e-10);
    BOOST_TEST(a.ledger().relative_positivity_added() <= 1e-12);
    BOOST_TEST(a.steps() == b.steps());
    BOOST_TEST(same_bits(a.state().h, b.state().h));
    BOOST_TEST(same_bits(a.state().hu, b.state().hu));
    BOOST_TEST(same_bits(a.face_discharges().qx, b.face_discharges().qx));
    BOOST_TEST(same_bits(a.face_discharges().qy, b.face_discharges().qy));
    BOOST_TEST(same_bits(a.diagnostics().max_depth_m, b.diagnostics().max_depth_m));
    BOOST_TEST(a.ledger().storage_m3 == b.ledger().storage_m3);
}

BOOST_AUTO_TEST_CASE(resume_from_snapshot_is_bitwise) {
    Simulation whole = scenarios::dam_break_friction(Scheme::inertial);
    whole.advance_to(25.0);  // the same shortened step at 25 s as the run that stops there
    whole.advance_to(60.0);
    Simulation first = scenarios::dam_break_friction(Scheme::inertial);
    first.advance_to(25.0);
    const Snapshot snap = first.snapshot();
    BOOST_TEST(!snap.face_qx.empty());
    Simulation resumed = scenarios::dam_break_friction(Scheme::inertial);
    resumed.restore(snap);
    resumed.advance_to(60.0);
    BOOST_TEST(same_bits(whole.state().h, resumed.state().h));
    BOOST_TEST(same_bits(whole.face_discharges().qx, resumed.face_discharges().qx));
    BOOST_TEST(whole.ledger().storage_m3 == resumed.ledger().storage_m3);
    BOOST_TEST(scenarios::dam_break_friction(Scheme::fv1).snapshot().face_qx.empty());
}

// Max-depth envelopes after 1 h, over the cells either scheme wetted beyond 5 cm.
// Measured: mean |diff| 0.0245 m, max |diff| 0.696 m (one cell: the largest
// differences sit where the two schemes treat the inflow's momentum differently, fv1
// shooting the water in at up to critical speed), wet-area fit |A and B| / |A or B|
// 0.947. Bounds ~20 % beyond.
BOOST_AUTO_TEST_CASE(floodplain_against_fv1) {
    Simulation a = floodplain(Scheme::fv1), b = floodplain(Scheme::inertial);
    a.advance_to(3600.0);
    b.advance_to(3600.0);
    const auto& da = a.diagnostics().max_depth_m;
    const auto& db = b.diagnostics().max_depth_m;
    const double wet = 0.05;
    double sum = 0.0, worst = 0.0;
    std::size_t both = 0, either = 0, n = 0;
    for (std::size_t c = 0; c < da.size(); ++c) {
        const bool wa = da[c] > wet, wb = db[c] > wet;
        both += wa && wb;
        either += wa || wb;
        if (wa || wb) {
            sum += std::abs(da[c] - db[c]);
            worst = std::max(worst, std::abs(da[c] - db[c]));
            ++n;
        }
    }
    const double mean = sum / static_cast<double>(n);
    const double fit = static_cast<double>(both) / static_cast<double>(either);  // wet-area agreement
    BOOST_TEST_MESSAGE("floodplain inertial vs fv1, max depth: mean |diff| " << mean << " m, max |diff| " << worst
                                                                             << " m, wet-area fit " << fit << ", steps "
                                                                             << a.steps() << " vs " << b.steps());
    BOOST_TEST(std::abs(b.ledger().relative_error()) <= 1e-10);
    BOOST_TEST(mean <= 0.03);
    BOOST_TEST(worst <= 0.85);
    BOOST_TEST(fit >= 0.92);
}
