// Validation: a lake at rest over an uneven bed stays at rest (the C-property,
// Bermudez & Vazquez 1994), also where mounds stick out of the water as dry islands
// and the shoreline crosses the grid. Hydrostatic reconstruction (Audusse et al.
// 2004) makes this exact in exact arithmetic; here it must hold to round-off.
#define BOOST_TEST_MODULE hydro_validation_lake_at_rest
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <vector>

#include "hydro/simulation.hpp"
#include "tests/support/hydro_checks.hpp"

using namespace floodtwin::hydro;
using namespace floodtwin::hydro::testing;

BOOST_TEST_GLOBAL_FIXTURE(OneThread);

namespace {

constexpr int steps = 1000;
constexpr double level_m = 1.0;
// Max over wet cells (h > dry depth) of |(hu, hv)| / h, any step: round-off only.
constexpr double max_speed_tol_m_s = 1e-12;
// Max over wet cells of |h + z - level|, after the run: round-off only.
constexpr double max_level_error_tol_m = 1e-12;
// |ledger().relative_error()|: nothing enters or leaves, storage is a sum of depths.
constexpr double mass_error_tol = 1e-12;

// 48 x 36 cells of 2 m. Two mounds break the surface (peaks 1.6 m and 1.25 m above a
// 1 m lake), one stays submerged (0.7 m), a ramp on the east side runs dry, and a
// small ripple makes every face see a bed step.
Grid lake_grid() { return Grid{48, 36, 2.0, 2.0}; }

std::vector<double> lake_bed(const Grid& g) {
    std::vector<double> z(g.cells());
    auto mound = [](double x, double y, double x0, double y0, double r, double peak) {
        const double d2 = ((x - x0) * (x - x0) + (y - y0) * (y - y0)) / (r * r);
        return peak * std::exp(-d2);
    };
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const double x = (i + 0.5) * g.dx_m, y = (j + 0.5) * g.dy_m;
            double zz = mound(x, y, 24.0, 30.0, 8.0, 1.6)      // emerged island
                        + mound(x, y, 60.0, 40.0, 6.0, 1.25)   // emerged island
                        + mound(x, y, 40.0, 50.0, 10.0, 0.7)   // submerged shoal
                        + 0.05 * std::sin(0.9 * x) * std::cos(1.3 * y);
            if (x > 80.0) zz += 0.12 * (x - 80.0);  // east shore, dry beyond z = 1
            z[g.index(i, j)] = zz;
        }
    return z;
}

void run_lake(Scheme scheme) {
    const Grid g = lake_grid();
    const std::vector<double> bed = lake_bed(g);
    Simulation sim(g, bed, SolverConfig{.scheme = scheme});
    sim.set_water_level(level_m);

    std::size_t dry = 0, wet = 0;
    for (std::size_t k = 0; k < g.cells(); ++k) (bed[k] >= level_m ? dry : wet) += 1;
    BOOST_TEST_REQUIRE(dry > 20u, "the bed must have dry islands");
    BOOST_TEST_REQUIRE(wet > 1000u);

    const double wet_m = sim.config().dry_depth_m;
    double worst_speed = 0.0;
    Stopwatch clock;
    for (int n = 0; n < steps; ++n) {
        sim.step();
        worst_speed = std::max(worst_speed, max_speed_m_s(sim.state(), wet_m));
    }
    const State& s = sim.state();
    double worst_level = 0.0, dry_depth = 0.0;
    for (std::size_t k = 0; k < g.cells(); ++k) {
        if (bed[k] < level_m)
            worst_level = std::max(worst_level, std::abs(s.h[k] + bed[k] - level_m));
        else
            dry_depth = std::max(dry_depth, s.h[k]);
    }
    BOOST_TEST_MESSAGE(name_of(scheme) << ": " << steps << " steps to t = " << sim.time() << " s in " << clock.seconds()
                                       << " s; max speed " << worst_speed << " m/s, max level error " << worst_level
                                       << " m, max depth on islands " << dry_depth << " m, mass error "
                                       << sim.ledger().relative_error());
    BOOST_TEST(sim.steps() == static_cast<std::size_t>(steps));
    BOOST_TEST(all_finite(s));
    BOOST_TEST(worst_speed <= max_speed_tol_m_s);
    BOOST_TEST(worst_level <= max_level_error_tol_m);
    BOOST_TEST(dry_depth == 0.0);  // no water appears on the islands
    BOOST_TEST(std::abs(sim.ledger().relative_error()) <= mass_error_tol);
}

}  // namespace

BOOST_AUTO_TEST_CASE(lake_at_rest_with_islands_fv1) { run_lake(Scheme::fv1); }
BOOST_AUTO_TEST_CASE(lake_at_rest_with_islands_fv2) { run_lake(Scheme::fv2); }
