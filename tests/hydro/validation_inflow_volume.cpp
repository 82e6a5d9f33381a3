// Validation: a flood hydrograph entering through a segment of the west edge. The
// ledger's inflow volume must equal the exact integral of the piecewise-linear
// hydrograph (TimeSeries::integral), whatever the time steps, and the water balance
// must close. Into a shallow lake (wet segment) and onto a dry floodplain (the
// segment starts dry: the water must still enter in full).
#define BOOST_TEST_MODULE hydro_validation_inflow_volume
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <vector>

#include "hydro/simulation.hpp"
#include "tests/support/hydro_checks.hpp"

using namespace floodtwin::hydro;
using namespace floodtwin::hydro::testing;

BOOST_TEST_GLOBAL_FIXTURE(OneThread);

namespace {

// |in_m3 - integral| / integral, and |ledger().relative_error()|.
constexpr double inflow_volume_rel_tol = 1e-10;
constexpr double mass_error_tol = 1e-10;

// A basin of 50 x 30 cells of 10 m with walls all round; the inflow enters over
// j in [10, 18) on the west edge (80 m wide). Hydrograph: rises to 60 m3/s in
// 10 min, recedes to 15 m3/s by 40 min and to zero by 60 min; the run ends at 70 min
// with intervals that do not line up with the hydrograph's points.
constexpr double end_s = 4200.0;

TimeSeries hydrograph() {
    return TimeSeries({0.0, 600.0, 2400.0, 3600.0}, {0.0, 60.0, 15.0, 0.0}, "test hydrograph");
}

Grid basin_grid() { return Grid{50, 30, 10.0, 10.0}; }

void run_inflow(Scheme scheme, bool dry_start) {
    const Grid g = basin_grid();
    std::vector<double> bed(g.cells());
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i)
            // A floodplain falling gently eastwards (0.2 %) with a low bank across it.
            bed[g.index(i, j)] = -0.002 * i * g.dx_m + (i == 30 ? 0.4 : 0.0) + 0.02 * std::sin(0.7 * j);
    Simulation sim(g, bed, SolverConfig{.scheme = scheme});
    if (dry_start)
        sim.set_water_level(-2.0);  // everything dry: the bed ranges from -1 m to 0.4 m
    else
        sim.set_water_level(0.5);
    sim.set_manning(0.035);
    sim.add_boundary({"river", Edge::west, 10, 18, BoundaryKind::inflow, hydrograph()});

    Stopwatch clock;
    double worst_mass = 0.0;
    bool finite = true;
    double t = 0.0;
    for (int k = 0; t < end_s; ++k) {
        t = std::min(end_s, t + 173.0 + 37.0 * (k % 3));
        sim.advance_to(t);
        worst_mass = std::max(worst_mass, std::abs(sim.ledger().relative_error()));
        finite = finite && all_finite(sim.state());
    }
    const FlowAccount& river = sim.ledger().boundaries.at(0);
    const double exact = hydrograph().integral(0.0, end_s);
    const double rel = std::abs(river.in_m3 - exact) / exact;
    BOOST_TEST_MESSAGE("inflow " << name_of(scheme) << (dry_start ? " dry start" : " wet start") << ": "
                                 << sim.steps() << " steps in " << clock.seconds() << " s; in " << river.in_m3
                                 << " m3, exact " << exact << " m3, relative difference " << rel << ", out "
                                 << river.out_m3 << " m3, worst mass error " << worst_mass << ", storage change "
                                 << sim.ledger().storage_m3 - sim.ledger().initial_storage_m3
                                 << " m3, positivity added " << sim.ledger().positivity_added_m3 << " m3");
    BOOST_TEST(finite);
    BOOST_TEST(sim.ledger().relative_positivity_added() <= positivity_added_tol);
    BOOST_TEST(rel <= inflow_volume_rel_tol);
    BOOST_TEST(river.out_m3 == 0.0);  // an inflow boundary never lets water out
    BOOST_TEST(worst_mass <= mass_error_tol);
}

}  // namespace

BOOST_AUTO_TEST_CASE(hydrograph_into_lake_fv1) { run_inflow(Scheme::fv1, false); }
BOOST_AUTO_TEST_CASE(hydrograph_into_lake_fv2) { run_inflow(Scheme::fv2, false); }
BOOST_AUTO_TEST_CASE(hydrograph_onto_dry_floodplain_fv1) { run_inflow(Scheme::fv1, true); }
BOOST_AUTO_TEST_CASE(hydrograph_onto_dry_floodplain_fv2) { run_inflow(Scheme::fv2, true); }
