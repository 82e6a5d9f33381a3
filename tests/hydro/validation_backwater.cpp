// Validation: steady gradually varied flow by the standard step method
// (hydro/backwater.hpp). Still water is flat; uniform flow stays uniform; an M1
// profile matches an independent RK4 integration of the GVF equation; the
// stage table is monotone, exact at its grid points and bilinear between them; and
// bad sections are refused by index.
#define BOOST_TEST_MODULE hydro_validation_backwater
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "hydro/backwater.hpp"
#include "hydro/channel_section.hpp"
#include "tests/support/hydro_checks.hpp"

using namespace floodtwin::hydro;
using namespace floodtwin::hydro::testing;

namespace {

// Zero discharge: |level - pool| (only round-off of bed + (pool - bed)).
constexpr double still_water_tol_m = 1e-12;
// Normal depth held over 100 km of prismatic channel: max |depth - normal depth|.
constexpr double uniform_flow_tol_m = 1e-4;
// M1 profile against RK4 (5 m steps, error < 1e-8 m): max level error with 500 m
// standard steps, and with 100 m steps (second order: about 25 times smaller).
// Measured 3.0e-4 m and 1.2e-5 m.
constexpr double m1_tol_500m_m = 1e-3;
constexpr double m1_tol_100m_m = 1e-4;
// Table: at grid points, |stage_m - direct standard_step|; between grid points,
// |stage_m - bilinear of the four corners|, both round-off.
constexpr double table_exact_tol_m = 1e-12;
// Table between grid points against a direct standard_step: the bilinear error of this
// coarse grid (pool step 2 m, discharges 0, 200, 500, 1000, 2000 m3/s). Measured 0.17 m
// at pool 8.6 m and 120 m3/s, where a shallow reach's stage rises like Q^0.6 from still
// water and the straight line between 0 and 200 m3/s cuts under it; under 0.1 m for
// pools of 10 m and more.
constexpr double table_interpolation_tol_m = 0.2;

constexpr double gravity = 9.81;

// A prismatic channel from chainage 0 to length_m, bed rising upstream at slope s0.
std::vector<BackwaterSection> prismatic(double length_m, double s0, double width_m, double side_slope, double n) {
    return {{0.0, 0.0, width_m, side_slope, n}, {length_m, s0 * length_m, width_m, side_slope, n}};
}

template <class F>
std::string invalid_argument_message(F&& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(no exception)";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(zero_discharge_is_flat_at_the_pool_level) {
    const std::vector<BackwaterSection> river{{0.0, -4.0, 60.0, 2.0, 0.03},
                                              {1800.0, -1.0, 35.0, 1.0, 0.04},
                                              {5200.0, -2.5, 80.0, 3.0, 0.035},
                                              {9000.0, 4.0, 20.0, 0.5, 0.05}};
    const double pool = 6.5;
    const BackwaterProfile p = standard_step(river, 0.0, pool, 250.0);
    double worst = 0.0;
    for (std::size_t k = 0; k < p.chainage_m.size(); ++k) {
        worst = std::max(worst, std::abs(p.water_level_m[k] - pool));
        BOOST_TEST(p.velocity_m_s[k] == 0.0);
        BOOST_TEST(!p.critical[k]);
    }
    BOOST_TEST_MESSAGE("still water: " << p.chainage_m.size() << " sections, worst |level - pool| " << worst << " m");
    BOOST_TEST(worst <= still_water_tol_m);
    BOOST_TEST(p.chainage_m.back() == 9000.0);
    BOOST_TEST(std::abs(p.depth_m.back() - 2.5) <= still_water_tol_m);
    // No gap longer than the step: 9000 m in steps of at most 250 m.
    for (std::size_t k = 1; k < p.chainage_m.size(); ++k)
        BOOST_TEST(p.chainage_m[k] - p.chainage_m[k - 1] <= 250.0 + 1e-9);
}

BOOST_AUTO_TEST_CASE(normal_depth_stays_normal) {
    const ChannelSection shape{.bottom_width_m = 80.0, .side_slope = 2.0, .manning_n = 0.035, .bed_slope = 3e-4};
    const double q = 800.0;
    const double normal = normal_depth_m(shape, q);
    const std::vector<BackwaterSection> channel = prismatic(100e3, shape.bed_slope, 80.0, 2.0, 0.035);
    for (const FrictionSlopeAverage friction :
         {FrictionSlopeAverage::conveyance, FrictionSlopeAverage::friction_slope}) {
        const BackwaterProfile p =
            standard_step(channel, q, normal, BackwaterOptions{.max_step_m = 500.0, .friction = friction});
        double worst = 0.0;
        for (const double d : p.depth_m) worst = std::max(worst, std::abs(d - normal));
        BOOST_TEST_MESSAGE("uniform flow, normal depth " << normal << " m, " << p.depth_m.size()
                                                         << " sections: worst |depth - normal| " << worst << " m");
        BOOST_TEST(worst <= uniform_flow_tol_m);
        BOOST_TEST(std::none_of(p.critical.begin(), p.critical.end(), [](bool c) { return c; }));
    }
}

BOOST_AUTO_TEST_CASE(m1_profile_matches_the_gvf_equation) {
    // Rectangle 300 m wide, n = 0.03, S0 = 2e-4, Q = 600 m3/s (normal depth ~2.4 m),
    // 6 m deep at the downstream end: an M1 backwater curve over 100 km. The reference
    // integrates, with chainage s increasing upstream,
    //   dh/ds = -S0 (1 - (K_n / K)^2) / (1 - Fr^2),  K = A R^(2/3) / n,  K_n = Q / sqrt(S0),
    //   Fr^2 = Q^2 b / (g A^3),
    // by RK4 with 5 m steps. The standard step is run without expansion and contraction
    // losses, which the GVF equation does not have.
    const double b = 300.0;
    const double n = 0.03;
    const double s0 = 2e-4;
    const double q = 600.0;
    const double length = 100e3;
    const double depth_0 = 6.0;
    auto slope = [&](double h) {
        const double area = b * h;
        const double conveyance = area * std::pow(area / (b + 2.0 * h), 2.0 / 3.0) / n;
        const double kn_over_k = q / std::sqrt(s0) / conveyance;
        const double froude2 = q * q * b / (gravity * area * area * area);
        return -s0 * (1.0 - kn_over_k * kn_over_k) / (1.0 - froude2);
    };
    constexpr double ds = 5.0;
    std::vector<double> reference{depth_0};  // every 100 m
    double h = depth_0;
    for (int k = 1; k <= static_cast<int>(length / ds); ++k) {
        const double k1 = slope(h);
        const double k2 = slope(h + 0.5 * ds * k1);
        const double k3 = slope(h + 0.5 * ds * k2);
        const double k4 = slope(h + ds * k3);
        h += ds / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4);
        if (k % 20 == 0) reference.push_back(h);
    }

    const std::vector<BackwaterSection> channel = prismatic(length, s0, b, 0.0, n);
    const BackwaterOptions no_losses{.expansion_coefficient = 0.0, .contraction_coefficient = 0.0};
    auto worst_error = [&](double step_m, const BackwaterOptions& base) {
        BackwaterOptions o = base;
        o.max_step_m = step_m;
        const BackwaterProfile p = standard_step(channel, q, depth_0, o);
        double worst = 0.0;
        for (std::size_t k = 0; k < p.chainage_m.size(); ++k) {
            const auto ref = static_cast<std::size_t>(std::lround(p.chainage_m[k] / 100.0));
            worst = std::max(worst, std::abs(p.depth_m[k] - reference[ref]));
        }
        return worst;
    };
    Stopwatch clock;
    const double error_500 = worst_error(500.0, no_losses);
    const double error_100 = worst_error(100.0, no_losses);
    BOOST_TEST_MESSAGE("M1: depth " << reference.front() << " m at 0 km, " << reference[100] << " m at 10 km, "
                                    << reference.back() << " m at 100 km; max level error " << error_500
                                    << " m with 500 m steps, " << error_100 << " m with 100 m steps ("
                                    << clock.seconds() << " s)");
    BOOST_TEST(error_500 <= m1_tol_500m_m);
    BOOST_TEST(error_100 <= m1_tol_100m_m);
    BOOST_TEST(error_100 < error_500);

    // With the default loss coefficients the flow slows downstream everywhere
    // (expansion), which costs energy: levels are at least those without losses.
    const BackwaterProfile lossless = standard_step(channel, q, depth_0, no_losses);
    const BackwaterProfile with_losses = standard_step(channel, q, depth_0);
    double lowest = 0.0;
    double highest = 0.0;
    for (std::size_t k = 0; k < lossless.depth_m.size(); ++k) {
        lowest = std::min(lowest, with_losses.water_level_m[k] - lossless.water_level_m[k]);
        highest = std::max(highest, with_losses.water_level_m[k] - lossless.water_level_m[k]);
    }
    BOOST_TEST_MESSAGE("M1 with expansion loss 0.3: levels raised by up to " << highest << " m");
    BOOST_TEST(lowest >= -1e-9);
    BOOST_TEST(highest > 0.0);
}

BOOST_AUTO_TEST_CASE(critical_depth_where_no_subcritical_level_exists) {
    // Downstream level below critical depth: the march starts at critical depth.
    const std::vector<BackwaterSection> mild = prismatic(5e3, 2e-4, 50.0, 1.0, 0.03);
    const double q = 300.0;
    const double critical = critical_depth_m({.bottom_width_m = 50.0, .side_slope = 1.0}, q);
    const BackwaterProfile p = standard_step(mild, q, 0.5 * critical);
    BOOST_TEST(p.critical.front());
    BOOST_TEST(std::abs(p.depth_m.front() - critical) < 1e-12);
    BOOST_TEST(!p.critical.back());  // the mild channel recovers a subcritical (M2) profile

    // A steep channel (normal depth supercritical) with a low tailwater: every section
    // upstream passes through critical depth.
    const std::vector<BackwaterSection> steep = prismatic(2e3, 0.02, 50.0, 1.0, 0.03);
    const BackwaterProfile s = standard_step(steep, q, 0.0, 100.0);
    BOOST_TEST(std::all_of(s.critical.begin(), s.critical.end(), [](bool c) { return c; }));
    double worst = 0.0;
    for (const double d : s.depth_m) worst = std::max(worst, std::abs(d - critical));
    BOOST_TEST(worst < 1e-12);
}

BOOST_AUTO_TEST_CASE(stage_table_is_monotone_exact_and_bilinear) {
    // A reservoir reach: 60 km upstream of a dam, bed rising 3e-4, widening towards the
    // dam; the 2D model's edge at 24.75 km (between computation sections).
    const std::vector<BackwaterSection> reach{{0.0, 0.0, 400.0, 3.0, 0.03},
                                              {20e3, 6.0, 250.0, 2.5, 0.032},
                                              {40e3, 12.0, 150.0, 2.0, 0.035},
                                              {60e3, 18.0, 120.0, 2.0, 0.035}};
    const double edge = 24750.0;
    const std::vector<double> pools{8.0, 10.0, 12.0, 14.0, 16.0};
    const std::vector<double> flows{0.0, 200.0, 500.0, 1000.0, 2000.0};
    Stopwatch clock;
    const BackwaterTable table(reach, edge, pools, flows, 500.0);
    BOOST_TEST_MESSAGE("table of " << pools.size() << " x " << flows.size() << " in " << clock.seconds() << " s");

    double worst_grid = 0.0;
    double least_rise_pool = 1e9;
    double least_rise_flow = 1e9;
    for (std::size_t i = 0; i < pools.size(); ++i) {
        for (std::size_t j = 0; j < flows.size(); ++j) {
            const double direct = water_level_at_m(standard_step(reach, flows[j], pools[i], 500.0), edge);
            worst_grid = std::max(
                {worst_grid, std::abs(table.at(i, j) - direct), std::abs(table.stage_m(pools[i], flows[j]) - direct)});
            if (i > 0) least_rise_pool = std::min(least_rise_pool, table.at(i, j) - table.at(i - 1, j));
            if (j > 0) least_rise_flow = std::min(least_rise_flow, table.at(i, j) - table.at(i, j - 1));
        }
    }
    BOOST_TEST_MESSAGE("table: worst difference from standard_step at grid points "
                       << worst_grid << " m; least rise with pool " << least_rise_pool << " m, with discharge "
                       << least_rise_flow << " m");
    BOOST_TEST(worst_grid <= table_exact_tol_m);
    BOOST_TEST(least_rise_pool > 0.0);
    BOOST_TEST(least_rise_flow > 0.0);

    double worst_bilinear = 0.0;
    double worst_direct = 0.0;
    double worst_pool = 0.0;
    double worst_flow = 0.0;
    for (std::size_t i = 0; i + 1 < pools.size(); ++i) {
        for (std::size_t j = 0; j + 1 < flows.size(); ++j) {
            const double pool = pools[i] + 0.3 * (pools[i + 1] - pools[i]);
            const double flow = flows[j] + 0.6 * (flows[j + 1] - flows[j]);
            const double low = table.at(i, j) + 0.6 * (table.at(i, j + 1) - table.at(i, j));
            const double high = table.at(i + 1, j) + 0.6 * (table.at(i + 1, j + 1) - table.at(i + 1, j));
            const double stage = table.stage_m(pool, flow);
            worst_bilinear = std::max(worst_bilinear, std::abs(stage - (low + 0.3 * (high - low))));
            const double direct = water_level_at_m(standard_step(reach, flow, pool, 500.0), edge);
            if (std::abs(stage - direct) > worst_direct) {
                worst_direct = std::abs(stage - direct);
                worst_pool = pool;
                worst_flow = flow;
            }
        }
    }
    BOOST_TEST_MESSAGE("table between grid points: worst |stage - bilinear| "
                       << worst_bilinear << " m, |stage - standard_step| " << worst_direct << " m (pool " << worst_pool
                       << " m, " << worst_flow << " m3/s)");
    BOOST_TEST(worst_bilinear <= table_exact_tol_m);
    BOOST_TEST(worst_direct <= table_interpolation_tol_m);

    // Clamped outside the grid.
    BOOST_TEST(table.stage_m(2.0, 500.0) == table.stage_m(8.0, 500.0));
    BOOST_TEST(table.stage_m(20.0, 5000.0) == table.stage_m(16.0, 2000.0));
    BOOST_TEST(table.stage_m(12.0, -10.0) == table.at(2, 0));
}

BOOST_AUTO_TEST_CASE(bad_sections_are_named_by_index) {
    const std::vector<BackwaterSection> good{{0.0, 0.0, 50.0, 1.0, 0.03},
                                             {1000.0, 0.2, 50.0, 1.0, 0.03},
                                             {2000.0, 0.4, 50.0, 1.0, 0.03},
                                             {3000.0, 0.6, 50.0, 1.0, 0.03}};
    struct Case {
        std::size_t index;
        BackwaterSection section;
        std::string field;
    };
    const std::vector<Case> cases{{2, {900.0, 0.4, 50.0, 1.0, 0.03}, "chainage_m"},
                                  {1, {1000.0, 0.2, 0.0, 1.0, 0.03}, "bottom_width_m"},
                                  {3, {3000.0, 0.6, 50.0, -1.0, 0.03}, "side_slope"},
                                  {3, {3000.0, 0.6, 50.0, 1.0, -0.01}, "manning_n"}};
    for (const Case& c : cases) {
        std::vector<BackwaterSection> bad = good;
        bad[c.index] = c.section;
        const std::string label = "section " + std::to_string(c.index) + ":";
        const std::string msg = invalid_argument_message([&] { (void)standard_step(bad, 100.0, 3.0); });
        BOOST_TEST((contains(msg, label) && contains(msg, c.field)), msg);
        const std::string from_table = invalid_argument_message([&] { BackwaterTable(bad, 500.0, {3.0}, {100.0}); });
        BOOST_TEST((contains(from_table, label) && contains(from_table, c.field)), from_table);
    }
    BOOST_TEST(contains(invalid_argument_message([&] { (void)standard_step(good, -1.0, 3.0); }), "discharge_m3_s"));
    BOOST_TEST(contains(invalid_argument_message([&] {
                            BackwaterTable(good, 500.0, {3.0, 2.0}, {100.0});
                        }),
                        "pool_levels_m[1]"));
    BOOST_TEST(
        contains(invalid_argument_message([&] { BackwaterTable(good, 5000.0, {3.0}, {100.0}); }), "output_chainage_m"));
}
