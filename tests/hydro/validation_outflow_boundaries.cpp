// Validation: the two outflow boundaries set by a relation rather than a ghost state,
// in each scheme (fv1, fv2, inertial).
// - normal_depth: a straight channel on a 0.1 % slope fed by a steady inflow at its
//   head settles at Manning's normal depth everywhere, the outlet included, when the
//   outlet's slope is the channel's; and draws down towards the outlet (an M2 curve)
//   when the outlet's slope is steeper.
// - rating: a flat basin fed by a steady inflow settles at the level where the
//   outlet's rating gives the inflow back (the rating inverted).
// Both: the water balance closes.
#define BOOST_TEST_MODULE hydro_validation_outflow_boundaries
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <vector>

#include "hydro/simulation.hpp"
#include "tests/support/hydro_checks.hpp"

using namespace floodtwin::hydro;
using namespace floodtwin::hydro::testing;

BOOST_TEST_GLOBAL_FIXTURE(OneThread);

namespace {

constexpr Scheme schemes[] = {Scheme::fv1, Scheme::fv2, Scheme::inertial};

// Channel: 3 x 100 cells of 10 m (30 m wide, 1 km long), bed falling 0.1 % to the
// south, n = 0.03, 60 m3/s entering across the northern edge (2 m2/s), walls on the
// sides. Normal depth (q n / S^1/2)^(3/5) = 1.468 m; the run starts there at rest and
// goes on for 2 h, some eight passages of the kinematic wave.
constexpr double channel_slope = 0.001, channel_n = 0.03, channel_q_m3_s = 60.0, channel_width_m = 30.0;
// max |h / h_n - 1| over every cell at the end, and |outflow rate / inflow - 1|.
constexpr double normal_depth_rel_tol = 0.01;
constexpr double steady_outflow_rel_tol = 1e-3;

double normal_depth_m() {
    return std::pow(channel_q_m3_s / channel_width_m * channel_n / std::sqrt(channel_slope), 0.6);
}

struct ChannelResult {
    std::vector<double> depth;  // along the channel's middle column, from the outlet up
    double outflow_rel, mass_rel;
};

ChannelResult run_channel(Scheme scheme, double outlet_slope) {
    const Grid g{3, 100, 10.0, 10.0};
    std::vector<double> z(g.cells());
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) z[g.index(i, j)] = channel_slope * (j + 0.5) * g.dy_m;
    Simulation sim(g, z, SolverConfig{.scheme = scheme});
    sim.set_manning(channel_n);
    sim.set_depth(std::vector<double>(g.cells(), normal_depth_m()));
    sim.add_boundary({"head", Edge::north, 0, -1, BoundaryKind::inflow, TimeSeries(channel_q_m3_s)});
    EdgeBoundary outlet{"outlet", Edge::south, 0, -1, BoundaryKind::normal_depth, {}};
    outlet.slope = outlet_slope;
    sim.add_boundary(outlet);
    sim.advance_to(6600.0);
    const double out_before = sim.ledger().boundaries[1].out_m3;
    sim.advance_to(7200.0);
    const double rate = (sim.ledger().boundaries[1].out_m3 - out_before) / 600.0;
    ChannelResult r{{}, std::abs(rate / channel_q_m3_s - 1.0), std::abs(sim.ledger().relative_error())};
    for (int j = 0; j < g.ny; ++j) r.depth.push_back(sim.state().h[g.index(1, j)]);
    return r;
}

// Basin: 10 x 10 cells of 10 m, level bed at 0 m, n = 0.03, 5 m3/s entering across
// the north edge, a rating outlet across the south edge: a broad-crested weir of 100 m
// crest at 1 m, Q = 1.7 B (eta - 1)^1.5, tabulated every 0.1 m from 1 to 2 m. The
// basin starts level with the crest and fills for 30 min (its time constant is about
// two minutes).
constexpr double basin_inflow_m3_s = 5.0;
// |level at the outlet - the rating's level for the inflow| (m), and the outflow rate.
constexpr double rating_level_tol_m = 2e-3;
constexpr double rating_outflow_rel_tol = 1e-3;

EdgeBoundary weir_outlet() {
    EdgeBoundary b{"weir", Edge::south, 0, -1, BoundaryKind::rating, {}};
    for (int k = 0; k <= 10; ++k) {
        const double level = 1.0 + 0.1 * k;
        b.rating_level_m.push_back(level);
        b.rating_discharge_m3_s.push_back(1.7 * 100.0 * std::pow(level - 1.0, 1.5));
    }
    return b;
}

// The level at which the tabulated rating (linear between points) gives `q`.
double rating_level_for(const EdgeBoundary& b, double q) {
    for (std::size_t k = 1; k < b.rating_level_m.size(); ++k)
        if (q <= b.rating_discharge_m3_s[k]) {
            const double f = (q - b.rating_discharge_m3_s[k - 1]) /
                             (b.rating_discharge_m3_s[k] - b.rating_discharge_m3_s[k - 1]);
            return b.rating_level_m[k - 1] + f * (b.rating_level_m[k] - b.rating_level_m[k - 1]);
        }
    return b.rating_level_m.back();
}

}  // namespace

BOOST_AUTO_TEST_CASE(normal_depth_outlet_keeps_uniform_flow) {
    const double hn = normal_depth_m();
    for (const Scheme scheme : schemes) {
        BOOST_TEST_CONTEXT(name_of(scheme)) {
            const ChannelResult r = run_channel(scheme, channel_slope);
            double worst = 0.0;
            for (const double h : r.depth) worst = std::max(worst, std::abs(h / hn - 1.0));
            BOOST_TEST_MESSAGE("normal_depth " << name_of(scheme) << ": h_n " << hn << " m, outlet cell "
                                               << r.depth.front() << " m, worst |h/h_n - 1| " << worst
                                               << ", outflow/inflow - 1 " << r.outflow_rel << ", mass "
                                               << r.mass_rel);
            BOOST_TEST(worst <= normal_depth_rel_tol);
            BOOST_TEST(r.outflow_rel <= steady_outflow_rel_tol);
            BOOST_TEST(r.mass_rel <= 1e-10);
        }
    }
}

BOOST_AUTO_TEST_CASE(steeper_outlet_slope_draws_the_channel_down) {
    // An outlet slope of 1 % passes the flow at a smaller depth: the outlet cell lies
    // clearly below the normal depth (at about the critical depth, 0.74 m, which caps
    // the outflow) and the depth rises upstream towards the normal depth without
    // passing it.
    const double hn = normal_depth_m();
    for (const Scheme scheme : schemes) {
        BOOST_TEST_CONTEXT(name_of(scheme)) {
            const ChannelResult r = run_channel(scheme, 10.0 * channel_slope);
            BOOST_TEST_MESSAGE("normal_depth, 10x slope " << name_of(scheme) << ": outlet cell " << r.depth.front()
                                                          << " m, 500 m up " << r.depth[50] << " m, h_n " << hn);
            BOOST_TEST(r.depth.front() < 0.9 * hn);
            BOOST_TEST(r.depth[50] > r.depth.front());
            BOOST_TEST(r.depth.back() > r.depth[50]);
            BOOST_TEST(r.depth.back() <= hn * (1.0 + normal_depth_rel_tol));
            BOOST_TEST(r.outflow_rel <= steady_outflow_rel_tol);
            BOOST_TEST(r.mass_rel <= 1e-10);
        }
    }
}

BOOST_AUTO_TEST_CASE(rating_outlet_settles_where_the_rating_returns_the_inflow) {
    const EdgeBoundary weir = weir_outlet();
    const double expected = rating_level_for(weir, basin_inflow_m3_s);
    for (const Scheme scheme : schemes) {
        BOOST_TEST_CONTEXT(name_of(scheme)) {
            const Grid g{10, 10, 10.0, 10.0};
            Simulation sim(g, std::vector<double>(g.cells(), 0.0), SolverConfig{.scheme = scheme});
            sim.set_manning(0.03);
            sim.set_water_level(1.0);
            sim.add_boundary({"in", Edge::north, 0, -1, BoundaryKind::inflow, TimeSeries(basin_inflow_m3_s)});
            sim.add_boundary(weir);
            sim.advance_to(1500.0);
            const double out_before = sim.ledger().boundaries[1].out_m3;
            sim.advance_to(1800.0);
            const double rate = (sim.ledger().boundaries[1].out_m3 - out_before) / 300.0;
            double level = 0.0;  // the segment's level: the highest of its cells
            for (int i = 0; i < g.nx; ++i) level = std::max(level, sim.state().h[g.index(i, 0)]);
            BOOST_TEST_MESSAGE("rating " << name_of(scheme) << ": level " << level << " m, the rating's "
                                         << expected << " m; outflow " << rate << " m3/s for "
                                         << basin_inflow_m3_s);
            BOOST_TEST(std::abs(level - expected) <= rating_level_tol_m);
            BOOST_TEST(std::abs(rate / basin_inflow_m3_s - 1.0) <= rating_outflow_rel_tol);
            BOOST_TEST(std::abs(sim.ledger().relative_error()) <= 1e-10);
        }
    }
}

BOOST_AUTO_TEST_CASE(outflow_boundaries_refuse_bad_relations) {
    const Grid g{4, 4, 1.0, 1.0};
    Simulation sim(g, std::vector<double>(g.cells(), 0.0), SolverConfig{});
    EdgeBoundary flat{"flat", Edge::south, 0, -1, BoundaryKind::normal_depth, {}};
    BOOST_CHECK_EXCEPTION(sim.add_boundary(flat), std::invalid_argument, [](const std::invalid_argument& e) {
        return std::string(e.what()).find("normal_depth needs a slope > 0") != std::string::npos;
    });
    EdgeBoundary down = weir_outlet();
    down.rating_level_m[3] = down.rating_level_m[2];
    BOOST_CHECK_EXCEPTION(sim.add_boundary(down), std::invalid_argument, [](const std::invalid_argument& e) {
        return std::string(e.what()).find("rating levels must increase (point 3)") != std::string::npos;
    });
    EdgeBoundary less = weir_outlet();
    less.rating_discharge_m3_s[5] = 0.0;
    BOOST_CHECK_EXCEPTION(sim.add_boundary(less), std::invalid_argument, [](const std::invalid_argument& e) {
        return std::string(e.what()).find("rating discharges must not decrease (point 5)") != std::string::npos;
    });
}
