// Validation: weir links (levee breaches, detention inlets), in each scheme.
// - Breach: a deep reservoir drains through a breach in its levee onto a floodplain
//   falling away from it (free flow throughout); the breach grows linearly from nothing
//   to 25 m and its bottom falls from 3 m to 0 m over 10 minutes. The reservoir's mean
//   level follows the broad-crested weir law A dH/dt = -C b(t) (H - z_b(t))^1.5,
//   integrated here by RK4, and the breach's ledger line is what the reservoir lost.
// - Drowned: two closed basins joined by a link whose sill lies under both levels come
//   level by Villemonte's drowned weir law, without overshoot.
// - Trigger: a link set to open at a level opens in the step in which a basin filled
//   at a steady rate reaches that level.
// - A snapshot taken while a breach forms continues bit for bit.
#define BOOST_TEST_MODULE hydro_validation_weir_links
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <vector>

#include "hydro/simulation.hpp"
#include "tests/support/hydro_checks.hpp"

using namespace floodtwin::hydro;
using namespace floodtwin::hydro::testing;

BOOST_TEST_GLOBAL_FIXTURE(OneThread);

namespace {

constexpr Scheme schemes[] = {Scheme::fv1, Scheme::fv2, Scheme::inertial};

SolverConfig config_of(Scheme scheme) { return SolverConfig{.scheme = scheme}; }
constexpr double C = kBroadCrestedWeirCoefficient;

// Reservoir: columns 0-39 of a 60 x 60 grid of 10 m cells (240,000 m2), bed at -10 m,
// level 3 m: 13 m deep, so the water comes to the breach at under 1 m/s and the level
// near it stays within centimetres of the mean. Levee: column 40 at 10 m. Floodplain:
// columns 41-59, falling from -3 m to -8 m to a free east edge, so the tail water stays
// below the breach bottom (checked). The breach runs along the levee over rows 20-39
// (200 m of crest, strips of 10 m), centred at 100 m.
constexpr int kNx = 60, kNy = 60, kLevee = 40;
constexpr double kDx = 10.0, kReservoirArea = 40 * 60 * kDx * kDx;
constexpr double kLevel0 = 3.0, kSill0 = 3.0, kSill1 = 0.0, kWidth1 = 25.0, kFormation = 600.0, kOpens = 60.0;
constexpr double kEnd = 3600.0;
// |mean reservoir level - weir-law level| over the run, relative to the level's fall
// (measured 2026-12-07: fv1 0.34 %, fv2 0.04 %, inertial 0.06 %).
constexpr double breach_level_rel_tol = 0.01;
constexpr double mass_rel_tol = 1e-12;
// Drowned: |basin level - the pair's weir law| (m; 5 % of the 0.5 m each basin moves),
// and how far the basins' mean levels may cross (m).
constexpr double drowned_level_tol_m = 0.025;
constexpr double overshoot_tol_m = 5e-3;

std::vector<double> breach_bed(const Grid& g) {
    std::vector<double> z(g.cells());
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i)
            z[g.index(i, j)] = i < kLevee ? -10.0 : i == kLevee ? 10.0 : -3.0 - 5.0 * (i - kLevee - 1) / 18.0;
    return z;
}

WeirLink breach_link(const Grid& g) {
    WeirLink w;
    w.name = "breach";
    for (int j = 20; j < 40; ++j)
        w.strips.push_back({g.index(kLevee - 1, j), g.index(kLevee + 1, j), (j - 20) * kDx, (j - 19) * kDx,
                            g.index(kLevee - 2, j), g.index(kLevee + 2, j)});
    w.centre_m = 100.0;
    w.width_end_m = kWidth1;
    w.sill_start_m = kSill0;
    w.sill_end_m = kSill1;
    w.formation_s = kFormation;
    w.opens_at_s = kOpens;
    return w;
}

// The reservoir as a level pool: RK4 in steps of 0.05 s of A dH/dt = -C b (H - z)^1.5.
double weir_law_level(double t_end) {
    auto rate = [](double t, double h) {
        const double f = std::clamp((t - kOpens) / kFormation, 0.0, 1.0);
        if (t < kOpens) return 0.0;
        const double b = f * kWidth1, head = h - (kSill0 + f * (kSill1 - kSill0));
        return head > 0.0 ? -C * b * head * std::sqrt(head) / kReservoirArea : 0.0;
    };
    double h = kLevel0;
    const double dt = 0.05;
    for (double t = 0.0; t < t_end - 1e-9; t += dt) {
        const double k1 = rate(t, h), k2 = rate(t + dt / 2, h + dt / 2 * k1);
        const double k3 = rate(t + dt / 2, h + dt / 2 * k2), k4 = rate(t + dt, h + dt * k3);
        h += dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    }
    return h;
}

double mean_level(const Simulation& sim, int i_end) {
    const Grid& g = sim.grid();
    double v = 0.0;
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < i_end; ++i) v += sim.state().h[g.index(i, j)];
    return -10.0 + v / (i_end * g.ny);
}

Simulation breach_run(Scheme scheme) {
    const Grid g{kNx, kNy, kDx, kDx};
    std::vector<double> z = breach_bed(g);
    Simulation sim(g, z, config_of(scheme));
    sim.set_manning(0.03);
    std::vector<double> h(g.cells(), 0.0);
    for (std::size_t c = 0; c < g.cells(); ++c)
        if (static_cast<int>(c % kNx) < kLevee) h[c] = kLevel0 - z[c];
    sim.set_depth(h);
    sim.add_boundary({"east", Edge::east, 0, -1, BoundaryKind::free, {}});
    sim.add_weir_link(breach_link(g));
    return sim;
}

}  // namespace

BOOST_AUTO_TEST_CASE(weir_law_free_and_drowned) {
    BOOST_TEST(weir_unit_discharge(2.0, 0.0, C) == C * std::pow(2.0, 1.5), boost::test_tools::tolerance(1e-14));
    BOOST_TEST(weir_unit_discharge(2.0, -1.0, C) == C * std::pow(2.0, 1.5), boost::test_tools::tolerance(1e-14));
    // Villemonte: H2/H1 = 1/2 gives (1 - 0.5^1.5)^0.385 = 0.8452 of the free flow.
    BOOST_TEST(weir_unit_discharge(2.0, 1.0, C) / (C * std::pow(2.0, 1.5)) == 0.84539,
               boost::test_tools::tolerance(1e-4));
    BOOST_TEST(weir_unit_discharge(2.0, 2.0, C) == 0.0);
    BOOST_TEST(weir_unit_discharge(0.0, 0.0, C) == 0.0);
    BOOST_TEST(weir_unit_discharge(-1.0, -2.0, C) == 0.0);
}

BOOST_AUTO_TEST_CASE(opening_grows_linearly_and_stays_on_the_crest) {
    const Grid g{kNx, kNy, kDx, kDx};
    const WeirLink w = breach_link(g);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    BOOST_TEST(weir_opening(w, nan, 1e6).width_m == 0.0);
    BOOST_TEST(weir_opening(w, kOpens, 0.0).width_m == 0.0);
    BOOST_TEST(weir_opening(w, kOpens, kOpens + kFormation / 2).width_m == kWidth1 / 2,
               boost::test_tools::tolerance(1e-12));
    BOOST_TEST(weir_opening(w, kOpens, kOpens + kFormation / 2).sill_m == 1.5, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(weir_opening(w, kOpens, 1e6).sill_m == kSill1);
    // 25 m centred at 100 m: 87.5-112.5 m, so strips 8 (80-90 m) 2.5 m, 9 and 10 full, 11 2.5 m.
    BOOST_TEST(strip_opening_m(w, w.strips[8], 25.0) == 2.5, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(strip_opening_m(w, w.strips[9], 25.0) == 10.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(strip_opening_m(w, w.strips[11], 25.0) == 2.5, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(strip_opening_m(w, w.strips[7], 25.0) == 0.0);
    // Near the end of the crest the opening is shifted inside: all 25 m are kept.
    WeirLink end = w;
    end.centre_m = 195.0;
    double total = 0.0;
    for (const auto& s : end.strips) total += strip_opening_m(end, s, 25.0);
    BOOST_TEST(total == 25.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(bad_links_are_refused_by_name) {
    const Grid g{kNx, kNy, kDx, kDx};
    Simulation sim(g, breach_bed(g), SolverConfig{});
    auto refused = [&](std::function<void(WeirLink&)> spoil, const std::string& says) {
        WeirLink w = breach_link(g);
        spoil(w);
        try {
            sim.add_weir_link(w);
        } catch (const std::invalid_argument& e) {
            const std::string m = e.what();
            BOOST_TEST_INFO(m);
            BOOST_TEST((m.find("'breach'") != std::string::npos && m.find(says) != std::string::npos));
            return;
        }
        BOOST_ERROR("not refused: " + says);
    };
    refused([](WeirLink& w) { w.strips.clear(); }, "no strips");
    refused([&](WeirLink& w) { w.strips[3].b = g.cells(); }, "off the grid");
    refused([](WeirLink& w) { w.strips[3].b = w.strips[3].a; }, "both sides");
    refused([](WeirLink& w) { std::swap(w.strips[3], w.strips[4]); }, "overlaps");
    refused([](WeirLink& w) { w.width_end_m = -1.0; }, "widths");
    refused([](WeirLink& w) { w.formation_s = -5.0; }, "formation");
    refused([](WeirLink& w) { w.coefficient = 0.0; }, "coefficient");
    refused([](WeirLink& w) { w.opens_at_s = std::numeric_limits<double>::quiet_NaN(); }, "trigger level");
}

BOOST_AUTO_TEST_CASE(breach_drains_the_reservoir_at_the_weir_law) {
    const double expected_end = weir_law_level(kEnd);
    const double fall = kLevel0 - expected_end;
    BOOST_TEST_MESSAGE("weir law: level " << kLevel0 << " m -> " << expected_end << " m over " << kEnd << " s");
    BOOST_TEST(fall > 1.0);  // the test means something: the reservoir falls well over a metre
    for (Scheme scheme : schemes) {
        BOOST_TEST_CONTEXT("scheme " << to_string(scheme)) {
            Simulation sim = breach_run(scheme);
            const double v0 = sim.ledger().storage_m3;
            double worst = 0.0, tail_over_sill = -1e9;
            const Grid& g = sim.grid();
            for (double t = 300.0; t <= kEnd; t += 300.0) {
                sim.advance_to(t);
                worst = std::max(worst, std::abs(mean_level(sim, kLevee) - weir_law_level(t)));
                const WeirOpening op = weir_opening(breach_link(g), kOpens, t);
                for (const auto& s : breach_link(g).strips)
                    tail_over_sill = std::max(tail_over_sill, sim.bed()[s.b] + sim.state().h[s.b] - op.sill_m);
            }
            BOOST_TEST_MESSAGE(to_string(scheme) << ": max |level - weir law| " << worst << " m ("
                                                    << worst / fall * 100 << " % of the fall), peak "
                                                    << sim.ledger().links[0].peak_m3_s << " m3/s");
            BOOST_TEST(tail_over_sill < 0.0);  // free flow throughout, as the weir law assumes
            BOOST_TEST(worst / fall < breach_level_rel_tol);
            // The breach's ledger line is what the reservoir lost.
            const auto& acc = sim.ledger().links[0];
            const double lost = (kLevel0 - mean_level(sim, kLevee)) * kReservoirArea;
            BOOST_TEST(acc.net_m3() == lost, boost::test_tools::tolerance(1e-9));
            BOOST_TEST(acc.b_to_a_m3 == 0.0);
            BOOST_TEST(acc.peak_m3_s > 0.0);
            BOOST_TEST(std::abs(sim.ledger().relative_error()) < mass_rel_tol);
            BOOST_TEST(sim.ledger().storage_m3 + sim.ledger().boundaries[0].out_m3 == v0,
                       boost::test_tools::tolerance(1e-11));
        }
    }
}

BOOST_AUTO_TEST_CASE(drowned_link_brings_two_basins_level_without_overshoot) {
    // Two basins of 20 x 20 cells of 10 m, bed -5 m, levels 2 m and 1 m, a wall between
    // (column 20 at 10 m) and a 20 m link with its sill at 0 m: drowned all along.
    const Grid g{41, 20, 10.0, 10.0};
    std::vector<double> z(g.cells()), h(g.cells());
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            z[g.index(i, j)] = i == 20 ? 10.0 : -5.0;
            h[g.index(i, j)] = i < 20 ? 7.0 : i > 20 ? 6.0 : 0.0;
        }
    WeirLink w;
    w.name = "link";
    w.strips = {{g.index(19, 9), g.index(21, 9), 0.0, 10.0, g.index(18, 9), g.index(22, 9)},
                {g.index(19, 10), g.index(21, 10), 10.0, 20.0, g.index(18, 10), g.index(22, 10)}};
    w.centre_m = 10.0;
    w.width_start_m = w.width_end_m = 20.0;
    w.opens_at_s = 0.0;
    const double area = 20 * 20 * 100.0;
    // Level pool pair: A dHa/dt = -Q, A dHb/dt = Q, Q = 20 q(Ha, Hb) (drowned), by RK4.
    auto ode = [&](double t_end) {
        double ha = 2.0, hb = 1.0;
        const double dt = 0.05;
        auto q = [&](double a, double b) {
            return a >= b ? 20.0 * weir_unit_discharge(a, b, C) : -20.0 * weir_unit_discharge(b, a, C);
        };
        for (double t = 0.0; t < t_end - 1e-9; t += dt) {
            const double k1 = q(ha, hb), k2 = q(ha - dt / 2 * k1 / area, hb + dt / 2 * k1 / area);
            const double k3 = q(ha - dt / 2 * k2 / area, hb + dt / 2 * k2 / area);
            const double k4 = q(ha - dt * k3 / area, hb + dt * k3 / area);
            const double dq = dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4) / area;
            ha -= dq;
            hb += dq;
        }
        return ha;
    };
    for (Scheme scheme : schemes) {
        BOOST_TEST_CONTEXT("scheme " << to_string(scheme)) {
            Simulation sim(g, z, config_of(scheme));
            sim.set_manning(0.03);
            sim.set_depth(h);
            sim.add_weir_link(w);
            double worst = 0.0, lowest_difference = 1.0;
            for (double t = 60.0; t <= 1800.0; t += 60.0) {
                sim.advance_to(t);
                double va = 0.0, vb = 0.0;
                for (int j = 0; j < g.ny; ++j)
                    for (int i = 0; i < 20; ++i) {
                        va += sim.state().h[g.index(i, j)];
                        vb += sim.state().h[g.index(i + 21, j)];
                    }
                const double la = -5.0 + va / 400.0, lb = -5.0 + vb / 400.0;
                worst = std::max(worst, std::abs(la - ode(t)));
                lowest_difference = std::min(lowest_difference, la - lb);
            }
            BOOST_TEST_MESSAGE(to_string(scheme) << ": max |level - drowned weir law| " << worst
                                                    << " m, smallest level difference " << lowest_difference << " m");
            // Measured 2026-12-07: 18.6 mm (fv1), 3.3 mm (fv2), 17.4 mm (inertial); the
            // basins' means cross by at most 2.3 mm (fv2) as their seiches die out.
            BOOST_TEST(worst < drowned_level_tol_m);
            BOOST_TEST(lowest_difference >= -overshoot_tol_m);
            BOOST_TEST(std::abs(sim.ledger().relative_error()) < mass_rel_tol);
        }
    }
}

BOOST_AUTO_TEST_CASE(link_opens_when_the_trigger_level_is_reached) {
    // A closed basin of 10 x 10 cells of 10 m at bed 0, filled by 10 m3/s from t = 0:
    // its level reaches 1 m at t = 1000 s. The link to a dry basin opens there.
    const Grid g{21, 10, 10.0, 10.0};
    std::vector<double> z(g.cells(), 0.0);
    for (int j = 0; j < g.ny; ++j) z[g.index(10, j)] = 10.0;
    for (Scheme scheme : schemes) {
        BOOST_TEST_CONTEXT("scheme " << to_string(scheme)) {
            Simulation sim(g, z, config_of(scheme));
            sim.set_manning(0.03);
            sim.add_point_inflow({"fill", {g.index(2, 5)}, TimeSeries(10.0)});
            WeirLink w;
            w.name = "inlet";
            w.strips = {{g.index(9, 5), g.index(11, 5), 0.0, 10.0, g.index(8, 5), g.index(12, 5)}};
            w.centre_m = 5.0;
            w.width_start_m = w.width_end_m = 10.0;
            w.sill_start_m = w.sill_end_m = 0.5;
            w.trigger_cell = g.index(9, 5);
            w.trigger_level_m = 1.0;
            sim.add_weir_link(w);
            double previous = 0.0, dt_last = 0.0;
            while (std::isnan(sim.link_opened_s()[0]) && sim.time() < 2000.0) {
                previous = sim.time();
                dt_last = sim.step();
            }
            const double opened = sim.link_opened_s()[0];
            BOOST_TEST_MESSAGE(to_string(scheme) << ": opened at " << opened << " s (steps of " << dt_last << " s)");
            BOOST_TEST(opened == previous + dt_last);
            // The level at the trigger cell rises with the basin's mean level (1 m at
            // 1000 s), give or take the sloshing of the inflow's wave: within 2 %.
            BOOST_TEST(std::abs(opened - 1000.0) < 20.0);
            BOOST_TEST(sim.ledger().links[0].a_to_b_m3 == 0.0);
            sim.advance_to(opened + 60.0);
            BOOST_TEST(sim.ledger().links[0].a_to_b_m3 > 0.0);
        }
    }
}

BOOST_AUTO_TEST_CASE(snapshot_while_the_breach_forms_continues_bit_for_bit) {
    for (Scheme scheme : schemes) {
        BOOST_TEST_CONTEXT("scheme " << to_string(scheme)) {
            Simulation straight = breach_run(scheme);
            straight.advance_to(300.0);  // the breach is half formed
            const Snapshot snap = straight.snapshot();
            straight.advance_to(900.0);
            Simulation resumed = breach_run(scheme);
            resumed.restore(snap);
            resumed.advance_to(900.0);
            BOOST_TEST(resumed.state().h == straight.state().h);
            BOOST_TEST(resumed.ledger().links[0].a_to_b_m3 == straight.ledger().links[0].a_to_b_m3);
            BOOST_TEST(resumed.link_opened_s()[0] == straight.link_opened_s()[0]);
        }
    }
}
