// Validation: results do not depend on the number of OpenMP threads, bit for bit
// (DESIGN.md: "Bitwise identical results for any thread count"). Runs the same cases
// with 1 and 2 threads (and 3, which splits the rows unevenly) and compares the state,
// the ledger, the diagnostics and the step count exactly.
#define BOOST_TEST_MODULE hydro_validation_threads
#include <boost/test/unit_test.hpp>

#include <omp.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "hydro/simulation.hpp"
#include "tests/support/hydro_scenarios.hpp"
#include "tests/support/hydro_checks.hpp"

using namespace floodtwin::hydro;
using namespace floodtwin::hydro::testing;

namespace {

// Bitwise: memcmp of the arrays, == on every ledger total. No tolerance.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    // memcmp must not see the null data() of an empty vector (UBSan).
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof(double)) == 0; }

struct RunEnd {
    State state;
    MassLedger ledger;
    Diagnostics diag;
    std::size_t steps;
    double time;
    FaceDischarges faces;  // inertial: its face discharges; empty otherwise
};

template <class Make>
RunEnd run_with_threads(int threads, Make make, double t_end) {
    const int saved = omp_get_max_threads();
    omp_set_num_threads(threads);
    Simulation sim = make();
    sim.advance_to(t_end);
    omp_set_num_threads(saved);
    return {sim.state(), sim.ledger(), sim.diagnostics(), sim.steps(), sim.time(), sim.face_discharges()};
}

void compare(const RunEnd& a, const RunEnd& b, const std::string& what) {
    BOOST_TEST_CONTEXT(what) {
        BOOST_TEST(a.steps == b.steps);
        BOOST_TEST(same_bits(a.time, b.time));
        BOOST_TEST(same_bits(a.state.h, b.state.h));
        BOOST_TEST(same_bits(a.state.hu, b.state.hu));
        BOOST_TEST(same_bits(a.state.hv, b.state.hv));
        BOOST_TEST(same_bits(a.ledger.storage_m3, b.ledger.storage_m3));
        BOOST_TEST(same_bits(a.ledger.initial_storage_m3, b.ledger.initial_storage_m3));
        BOOST_TEST(same_bits(a.ledger.rain_m3, b.ledger.rain_m3));
        BOOST_TEST(same_bits(a.ledger.loss_m3, b.ledger.loss_m3));
        BOOST_TEST(same_bits(a.ledger.positivity_added_m3, b.ledger.positivity_added_m3));
        BOOST_TEST_REQUIRE(a.ledger.boundaries.size() == b.ledger.boundaries.size());
        for (std::size_t k = 0; k < a.ledger.boundaries.size(); ++k) {
            BOOST_TEST(same_bits(a.ledger.boundaries[k].in_m3, b.ledger.boundaries[k].in_m3));
            BOOST_TEST(same_bits(a.ledger.boundaries[k].out_m3, b.ledger.boundaries[k].out_m3));
        }
        BOOST_TEST(same_bits(a.diag.max_depth_m, b.diag.max_depth_m));
        BOOST_TEST(same_bits(a.diag.max_speed_m_s, b.diag.max_speed_m_s));
        BOOST_TEST(same_bits(a.diag.time_of_max_depth_s, b.diag.time_of_max_depth_s));
        BOOST_TEST(same_bits(a.diag.arrival_time_s, b.diag.arrival_time_s));
        BOOST_TEST(same_bits(a.faces.qx, b.faces.qx));
        BOOST_TEST(same_bits(a.faces.qy, b.faces.qy));
    }
}

template <class Make>
void check_thread_independence(Make make, double t_end, const std::string& label) {
    Stopwatch clock;
    const RunEnd one = run_with_threads(1, make, t_end);
    const RunEnd two = run_with_threads(2, make, t_end);
    const RunEnd three = run_with_threads(3, make, t_end);
    BOOST_TEST_MESSAGE(label << ": " << one.steps << " steps to " << one.time << " s, three runs in " << clock.seconds()
                             << " s; storage " << one.ledger.storage_m3 << " m3");
    BOOST_TEST(one.steps > 10u);
    compare(one, two, label + ": 1 vs 2 threads");
    compare(one, three, label + ": 1 vs 3 threads");
}

}  // namespace

BOOST_AUTO_TEST_CASE(rain_slope_fv1) {
    check_thread_independence([] { return scenarios::rain_slope(Scheme::fv1, 1); }, 900.0, "rain slope fv1");
}
BOOST_AUTO_TEST_CASE(rain_slope_fv2) {
    check_thread_independence([] { return scenarios::rain_slope(Scheme::fv2, 1); }, 900.0, "rain slope fv2");
}
BOOST_AUTO_TEST_CASE(dam_break_friction_inflow_fv1) {
    check_thread_independence([] { return scenarios::dam_break_friction(Scheme::fv1, 1); }, 40.0,
                              "dam break + friction + inflow fv1");
}
BOOST_AUTO_TEST_CASE(dam_break_friction_inflow_fv2) {
    check_thread_independence([] { return scenarios::dam_break_friction(Scheme::fv2, 1); }, 40.0,
                              "dam break + friction + inflow fv2");
}

// The sweep visits only the tiles that may change (tile_activity.hpp); every other
// cell's update is exactly zero. On a mostly dry valley with water entering through an
// edge, a pond held on a dry edge, rain on one patch and a spring on a dry slope, for
// each scheme (the local-inertial one's face discharges too), the tracked sweep ends on the
// same bits as the sweep of every tile, for 1, 2, 3 and 5 threads (each shares the
// bands differently): the tile schedule changes no bit. It must also skip tiles, or the
// comparison would prove nothing.
BOOST_AUTO_TEST_CASE(tiles_visited_change_no_bit) {
    for (const Scheme scheme : {Scheme::fv1, Scheme::fv2, Scheme::inertial}) {
        const std::string name = name_of(scheme);
        const RunEnd all = run_with_threads(1, [&] { return scenarios::sparse_valley(scheme, true); }, 300.0);
        for (const int threads : {1, 2, 3, 5}) {
            const RunEnd tracked =
                run_with_threads(threads, [&] { return scenarios::sparse_valley(scheme, false); }, 300.0);
            compare(all, tracked, name + ": every tile vs tracked tiles, " + std::to_string(threads) + " threads");
        }
        Simulation sim = scenarios::sparse_valley(scheme, false);
        const std::size_t cells = sim.grid().cells();
        std::size_t most = 0, fewest = cells;
        while (sim.time() < 300.0) {
            sim.step(300.0 - sim.time());
            most = std::max(most, sim.visited_cells());
            fewest = std::min(fewest, sim.visited_cells());
        }
        BOOST_TEST_MESSAGE(name << ": " << fewest << " to " << most << " of " << cells << " cells visited per sweep");
        BOOST_TEST(fewest < cells / 2, name << ": the first sweeps should skip most of the dry valley");
        BOOST_TEST(most < cells, name << ": even the widest sweep should skip dry cells");
        BOOST_TEST(fewest > 0u);
        BOOST_TEST(sim.ledger().relative_error() < 1e-12, name);
    }
}

// A run stopped half way, snapshotted, restored into a fresh simulation of the same
// case and finished ends bit for bit where the uninterrupted run ends: what a
// checkpoint relies on.
BOOST_AUTO_TEST_CASE(snapshot_restore_continues_bit_for_bit) {
    for (const Scheme scheme : {Scheme::fv1, Scheme::fv2}) {
        // Both runs stop at 17 s (a checkpoint lands on an output time, which the
        // uninterrupted run also steps to).
        Simulation whole = scenarios::dam_break_friction(scheme, 1);
        whole.advance_to(17.0);
        whole.advance_to(40.0);
        Simulation first = scenarios::dam_break_friction(scheme, 1);
        first.advance_to(17.0);
        const floodtwin::hydro::Snapshot half = first.snapshot();
        Simulation second = scenarios::dam_break_friction(scheme, 1);
        second.restore(half);
        second.advance_to(40.0);
        const RunEnd a{whole.state(), whole.ledger(), whole.diagnostics(), whole.steps(), whole.time(), whole.face_discharges()};
        const RunEnd b{second.state(), second.ledger(), second.diagnostics(), second.steps(), second.time(), second.face_discharges()};
        compare(a, b,
                std::string("restore ") + name_of(scheme));
    }
}
