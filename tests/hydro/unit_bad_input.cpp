// Unit tests: bad input to hydro::Simulation is refused up front with a message that
// names the offending key or cell, never discovered later as NaN in the state.
#define BOOST_TEST_MODULE hydro_bad_input
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "hydro/simulation.hpp"

using namespace floodtwin::hydro;

namespace {

const Grid grid5x4{5, 4, 10.0, 10.0};

std::vector<double> flat_bed() { return std::vector<double>(grid5x4.cells(), 0.0); }

// Runs f; returns the message of the std::invalid_argument it throws, or a marker.
template <class F>
std::string invalid_argument_message(F&& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("(wrong exception type) ") + e.what();
    }
    return "(no exception)";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(cfl_outside_unit_interval_is_refused) {
    for (const Scheme scheme : {Scheme::fv1, Scheme::fv2}) {
        for (const double cfl : {0.0, -0.5, 1.5, -1e-9, 1.0 + 1e-9, std::numeric_limits<double>::quiet_NaN(),
                                 std::numeric_limits<double>::infinity()}) {
            const std::string msg = invalid_argument_message(
                [&] { Simulation sim(grid5x4, flat_bed(), SolverConfig{.scheme = scheme, .cfl = cfl}); });
            BOOST_TEST(contains(msg, "hydro.cfl"), "cfl = " << cfl << ": " << msg);
        }
    }
}

BOOST_AUTO_TEST_CASE(unset_cfl_selects_the_scheme_default) {
    // config.hpp: an unset cfl selects the scheme default (0.9 for fv1, 0.5 for fv2);
    // the default SolverConfig must construct, and so must the edge of the interval.
    const SolverConfig fv1_default{.scheme = Scheme::fv1};
    const SolverConfig fv2_default{.scheme = Scheme::fv2};
    const SolverConfig fv1_one{.scheme = Scheme::fv1, .cfl = 1.0};
    BOOST_TEST(fv1_default.effective_cfl() == 0.9);
    BOOST_TEST(fv2_default.effective_cfl() == 0.5);
    BOOST_CHECK_NO_THROW((Simulation(grid5x4, flat_bed(), fv1_default)));
    BOOST_CHECK_NO_THROW((Simulation(grid5x4, flat_bed(), SolverConfig())));
    BOOST_CHECK_NO_THROW((Simulation(grid5x4, flat_bed(), fv1_one)));
}

BOOST_AUTO_TEST_CASE(other_config_keys_are_named) {
    auto msg = [](SolverConfig c) { return invalid_argument_message([&] { Simulation sim(grid5x4, flat_bed(), c); }); };
    BOOST_TEST(contains(msg(SolverConfig{.dry_depth_m = 0.0}), "hydro.dry_depth"));
    BOOST_TEST(contains(msg(SolverConfig{.dry_depth_m = -1e-3}), "hydro.dry_depth"));
    BOOST_TEST(contains(msg(SolverConfig{.gravity_m_s2 = 0.0}), "hydro.gravity"));
    BOOST_TEST(contains(msg(SolverConfig{.max_dt_s = -1.0}), "hydro.max_dt"));
    BOOST_TEST(contains(msg(SolverConfig{.min_cells_per_thread = 0}), "hydro.min_cells_per_thread"));
    BOOST_TEST(contains(invalid_argument_message([] { parse_scheme("fv3"); }), "hydro.scheme"));
}

BOOST_AUTO_TEST_CASE(negative_manning_is_refused) {
    Simulation sim(grid5x4, flat_bed(), SolverConfig{});
    const std::string scalar = invalid_argument_message([&] { sim.set_manning(-0.01); });
    BOOST_TEST(contains(scalar, "manning"), scalar);
    const double not_a_number = std::numeric_limits<double>::quiet_NaN();
    const std::string nan = invalid_argument_message([&] { sim.set_manning(not_a_number); });
    BOOST_TEST(contains(nan, "manning"), nan);
    std::vector<double> n(grid5x4.cells(), 0.03);
    n[7] = -0.01;
    const std::string field = invalid_argument_message([&] { sim.set_manning(n); });
    BOOST_TEST(contains(field, "manning"), field);
    BOOST_CHECK_THROW((sim.set_manning(std::vector<double>(3, 0.03))), std::invalid_argument);  // wrong size
    BOOST_CHECK_NO_THROW((sim.set_manning(0.0)));
    BOOST_CHECK_NO_THROW((sim.set_manning(0.035)));
}

BOOST_AUTO_TEST_CASE(non_finite_bed_names_the_cell) {
    // Cell (i, j) = (3, 2) of a 5 x 4 grid, index 13: the message must let a user find it.
    std::vector<double> bed = flat_bed();
    bed[grid5x4.index(3, 2)] = std::numeric_limits<double>::quiet_NaN();
    const std::string msg = invalid_argument_message([&] { Simulation sim(grid5x4, bed, SolverConfig{}); });
    BOOST_TEST(contains(msg, "bed"), msg);
    const bool names_cell = contains(msg, "(3, 2)") || contains(msg, "(3,2)") || contains(msg, "i = 3") ||
                            contains(msg, "i=3") || contains(msg, "13");
    BOOST_TEST(names_cell, "the message should name cell (3, 2) / index 13: " << msg);

    bed[grid5x4.index(3, 2)] = std::numeric_limits<double>::infinity();
    BOOST_CHECK_THROW((Simulation(grid5x4, bed, SolverConfig{})), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(bad_grid_or_bed_size_is_refused) {
    BOOST_CHECK_THROW((Simulation(Grid{0, 4, 10.0, 10.0}, {}, SolverConfig{})), std::invalid_argument);
    BOOST_CHECK_THROW((Simulation(Grid{5, 4, 0.0, 10.0}, flat_bed(), SolverConfig{})), std::invalid_argument);
    BOOST_CHECK_THROW((Simulation(Grid{5, 4, 10.0, -1.0}, flat_bed(), SolverConfig{})), std::invalid_argument);
    BOOST_CHECK_THROW((Simulation(grid5x4, std::vector<double>(19, 0.0), SolverConfig{})), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(boundary_segment_off_the_edge_is_refused) {
    Simulation sim(grid5x4, flat_bed(), SolverConfig{});
    const TimeSeries q(1.0);
    // West and east edges run along j (4 cells); south and north along i (5 cells).
    BOOST_CHECK_THROW((sim.add_boundary({"past north end", Edge::west, 0, 5, BoundaryKind::inflow, q})),
                      std::invalid_argument);
    BOOST_CHECK_THROW((sim.add_boundary({"negative begin", Edge::east, -1, 2, BoundaryKind::stage, q})),
                      std::invalid_argument);
    BOOST_CHECK_THROW((sim.add_boundary({"past east end", Edge::south, 3, 6, BoundaryKind::free, q})),
                      std::invalid_argument);
    BOOST_CHECK_THROW((sim.add_boundary({"begin beyond edge", Edge::north, 7, -1, BoundaryKind::free, q})),
                      std::invalid_argument);
    BOOST_CHECK_THROW((sim.add_boundary({"reversed", Edge::north, 3, 1, BoundaryKind::free, q})),
                      std::invalid_argument);
    // The whole edge and an inner segment are fine.
    BOOST_CHECK_NO_THROW((sim.add_boundary({"whole east", Edge::east, 0, -1, BoundaryKind::free, {}})));
    BOOST_CHECK_NO_THROW((sim.add_boundary({"south middle", Edge::south, 1, 4, BoundaryKind::stage, TimeSeries(0.5)})));
}

BOOST_AUTO_TEST_CASE(point_inflow_off_the_grid_is_refused) {
    Simulation sim(grid5x4, flat_bed(), SolverConfig{});
    BOOST_CHECK_THROW((sim.add_point_inflow({"outside", {grid5x4.cells()}, TimeSeries(1.0)})), std::invalid_argument);
    BOOST_CHECK_NO_THROW((sim.add_point_inflow({"inside", {grid5x4.index(2, 2)}, TimeSeries(1.0)})));
}
