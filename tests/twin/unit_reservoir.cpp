// Unit: the reservoir (twin/reservoir/reservoir.hpp, twin/reservoir/storage_curve.hpp): level tables,
// the seasonal flood-limit level by local date, zones, checks of bad input with clear
// messages, and steps: continuity, capacity and empty-pool limits, energy, and mass
// closing over a long run through a flood.
#define BOOST_TEST_MODULE twin_reservoir
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "hydro/time_series.hpp"
#include "tests/support/reservoirs.hpp"
#include "twin/reservoir/reservoir.hpp"
#include "twin/reservoir/storage_curve.hpp"
#include "twin/case/time_text.hpp"

using namespace floodtwin;
using namespace floodtwin::testing;

namespace {

// Interpolated table values and hand-worked steps agree to round-off.
constexpr double value_rel_tol = 1e-12;
// (storage change - (inflow - outflow volume)) / inflow volume over the long run.
constexpr double mass_rel_tol = 1e-12;
// A capacity-limited step ends with the release on the capacity curve at the end level
// (the level-pool solve is exact to round-off; the margin is the table's slope x ulp).
constexpr double capacity_rel_tol = 1e-9;

}  // namespace

BOOST_AUTO_TEST_CASE(level_table_interpolates_and_inverts) {
    const twin::LevelTable storage({540.0, 560.0, 600.0}, {5e9, 7e9, 12.67e9}, twin::TableKind::storage, "t");
    BOOST_TEST(storage.value_at(550.0) == 6e9, boost::test_tools::tolerance(value_rel_tol));
    BOOST_TEST(storage.level_at(6e9) == 550.0, boost::test_tools::tolerance(value_rel_tol));
    BOOST_TEST(storage.level_at(storage.value_at(587.3)) == 587.3, boost::test_tools::tolerance(value_rel_tol));
    // Storage is extrapolated from the end segments, both ways.
    BOOST_TEST(storage.value_at(610.0) == 12.67e9 + 10.0 * (12.67e9 - 7e9) / 40.0,
               boost::test_tools::tolerance(value_rel_tol));
    BOOST_TEST(storage.level_at(4e9) == 530.0, boost::test_tools::tolerance(value_rel_tol));
    // Capacity is held at the ends.
    const twin::LevelTable capacity({540.0, 600.0}, {0.0, 32300.0}, twin::TableKind::capacity, "t");
    BOOST_TEST(capacity.value_at(530.0) == 0.0);
    BOOST_TEST(capacity.value_at(620.0) == 32300.0);
    BOOST_TEST(capacity.value_at(570.0) == 16150.0);
    BOOST_CHECK_THROW((void)capacity.level_at(1.0), std::logic_error);
}

BOOST_AUTO_TEST_CASE(level_table_errors_name_table_and_row) {
    auto message = [](std::vector<double> z, std::vector<double> v, twin::TableKind kind) {
        return error_of([&] { twin::LevelTable(z, v, kind, "reservoir 'Xiluodu'"); });
    };
    BOOST_TEST(message({540, 565, 560}, {1, 2, 3}, twin::TableKind::storage) ==
               "reservoir 'Xiluodu': storage table row 3: level 560 m is not above the previous 565 m");
    BOOST_TEST(message({540, 560, 600}, {5e9, 7e9, 7e9}, twin::TableKind::storage) ==
               "reservoir 'Xiluodu': storage table row 3: storage 7000000000 m3 is not above the previous "
               "7000000000 m3");
    BOOST_TEST(message({540, 560}, {100, 50}, twin::TableKind::capacity) ==
               "reservoir 'Xiluodu': capacity table row 2: value 50 m3/s is below the previous 100 m3/s (must not "
               "decrease with level)");
    BOOST_TEST(message({540, 560}, {-1, 50}, twin::TableKind::area) ==
               "reservoir 'Xiluodu': area table row 1: value -1 m2 is negative");
    BOOST_TEST(message({540}, {1}, twin::TableKind::storage) ==
               "reservoir 'Xiluodu': storage table: needs at least two rows, has 1");
    BOOST_TEST(message({540, 560}, {1}, twin::TableKind::storage) ==
               "reservoir 'Xiluodu': storage table: 2 levels but 1 values");
}

BOOST_AUTO_TEST_CASE(seasonal_flood_limit_by_local_date) {
    const twin::Reservoir r(prism_spec());
    // The flood season starts at local midnight on 10 June: 16:00 UTC on 9 June.
    const twin::Instant before = twin::parse_instant("2020-06-09T23:59:59+08:00", "t");
    const twin::Instant from = twin::parse_instant("2020-06-10T00:00:00+08:00", "t");
    BOOST_TEST(r.flood_limit_m(before) == 175.0);
    BOOST_TEST(r.flood_limit_m(from) == 145.0);
    BOOST_TEST(r.flood_limit_m(twin::Instant{from.epoch_s, 0}) == 175.0);  // 9 June in UTC
    BOOST_TEST(r.flood_limit_m(twin::parse_instant("2020-09-30T23:59:59+08:00", "t")) == 145.0);
    BOOST_TEST(r.flood_limit_m(twin::parse_instant("2020-10-01T00:00:00+08:00", "t")) == 175.0);
    // Before the year's first entry the last one still applies (wrap round New Year).
    BOOST_TEST(r.flood_limit_m(twin::parse_instant("2021-01-01T00:00:00+08:00", "t")) == 175.0);
    // None given: the normal pool all year.
    twin::ReservoirSpec s = prism_spec();
    s.flood_limit = {};
    BOOST_TEST(twin::Reservoir(s).flood_limit_m(from) == 175.0);
    BOOST_TEST(!s.flood_limit.level_on(from).has_value());
}

BOOST_AUTO_TEST_CASE(zones_between_guide_curves) {
    const twin::Reservoir r(prism_spec());
    BOOST_TEST(r.zone_at(139.0, flood_season()) == "inactive");
    BOOST_TEST(r.zone_at(140.0, flood_season()) == "conservation");
    BOOST_TEST(r.zone_at(145.0, flood_season()) == "conservation");
    BOOST_TEST(r.zone_at(150.0, flood_season()) == "flood_control");
    BOOST_TEST(r.zone_at(150.0, dry_season()) == "conservation");
    BOOST_TEST(r.zone_at(180.0, flood_season()) == "flood_control");
    BOOST_TEST(r.zone_at(180.5, flood_season()) == "surcharge");
    BOOST_TEST(r.zone(flood_season()) == "flood_control");  // starts at 150 m
}

BOOST_AUTO_TEST_CASE(bad_reservoirs_named) {
    auto message = [](auto change) {
        twin::ReservoirSpec s = prism_spec();
        change(s);
        return error_of([&] { twin::Reservoir r(s); });
    };
    BOOST_TEST(message([](twin::ReservoirSpec& s) { s.table_storage_m3[2] = s.table_storage_m3[1]; }) ==
               "reservoir 'Prism': storage table row 3: storage 4000000000 m3 is not above the previous "
               "4000000000 m3");
    BOOST_TEST(message([](twin::ReservoirSpec& s) { s.capacity_m3_s = {0, 0, 0, 0, 0}; }) ==
               "reservoir 'Prism': capacity table: no release capacity at normal_pool_m 175 m: the pool could not "
               "pass a flood");
    BOOST_TEST(message([](twin::ReservoirSpec& s) { s.flood_limit.level_m[0] = 176.0; }) ==
               "reservoir 'Prism': flood_limit row 1: level 176 m is above normal_pool_m 175 m");
    BOOST_TEST(message([](twin::ReservoirSpec& s) { s.flood_limit.level_m[0] = 140.0; }) ==
               "reservoir 'Prism': flood_limit row 1: level 140 m is not above dead_level_m 140 m");
    BOOST_TEST(message([](twin::ReservoirSpec& s) { s.flood_limit.month = {10, 6}; }) ==
               "reservoir 'Prism': flood_limit row 2: date 06-01 is not after 10-10 (dates go through the year in "
               "order)");
    BOOST_TEST(message([](twin::ReservoirSpec& s) { s.flood_limit.day[0] = 31; }) ==
               "reservoir 'Prism': flood_limit row 1: no such date 06-31 (month, day)");
    BOOST_TEST(message([](twin::ReservoirSpec& s) { s.design_flood_level_m = 170.0; }) ==
               "reservoir 'Prism': design_flood_level_m 170 m is below normal_pool_m 175 m");
    BOOST_TEST(message([](twin::ReservoirSpec& s) { s.check_flood_level_m = 205.0; }) ==
               "reservoir 'Prism': check_flood_level_m 205 m is above the storage table (the storage table covers "
               "100..200 m)");
    BOOST_TEST(message([](twin::ReservoirSpec& s) { s.initial_level_m = 99.0; }) ==
               "reservoir 'Prism': initial_level_m 99 m is outside the storage table (the storage table covers "
               "100..200 m)");
    BOOST_TEST(message([](twin::ReservoirSpec& s) { s.name.clear(); }) == "reservoir: name is empty");
    BOOST_TEST(message([](twin::ReservoirSpec& s) {
                   s.hydropower = prism_hydropower();
                   s.hydropower->efficiency = 90.0;
               }) == "reservoir 'Prism': hydropower: efficiency 90 must be in (0, 1]");
}

BOOST_AUTO_TEST_CASE(step_by_continuity) {
    twin::Reservoir r(prism_spec());
    r.set_release(5000.0);
    twin::ReleaseDecision d;
    d.release_m3_s = 7000.0;
    const twin::Reservoir::Step s = r.step(d, 8000.0 * 3600.0, 8000.0, 3600.0);
    BOOST_TEST(!s.capacity_limited);
    BOOST_TEST(s.release_end_m3_s == 7000.0);
    BOOST_TEST(s.volume_out_m3 == 6000.0 * 3600.0);
    BOOST_TEST(s.storage_end_m3 == prism_storage_m3(150.0) + 2000.0 * 3600.0);
    BOOST_TEST(s.level_end_m == 150.0 + 2000.0 * 3600.0 / prism_area_m2, boost::test_tools::tolerance(value_rel_tol));
    BOOST_TEST(r.release_m3_s() == 7000.0);
    BOOST_TEST(r.level_m() == s.level_end_m);
}

BOOST_AUTO_TEST_CASE(step_limited_by_capacity_and_by_an_empty_pool) {
    twin::Reservoir r(prism_spec());
    r.set_release(20000.0);
    twin::ReleaseDecision d;
    d.release_m3_s = 40000.0;  // more than the gates pass near 150 m
    twin::Reservoir::Step s = r.step(d, 10000.0 * 3600.0, 10000.0, 3600.0);
    BOOST_TEST(s.capacity_limited);
    BOOST_TEST(s.release_end_m3_s == prism_capacity_m3_s(s.level_end_m), boost::test_tools::tolerance(capacity_rel_tol));
    BOOST_TEST(s.storage_end_m3 == prism_storage_m3(150.0) + 10000.0 * 3600.0 - s.volume_out_m3,
               boost::test_tools::tolerance(value_rel_tol));
    BOOST_TEST_MESSAGE("capacity-limited step: " << s.release_end_m3_s << " m3/s at " << s.level_end_m << " m");

    // A pool with a few hours of water and a big bottom outlet: it empties, never below zero.
    twin::ReservoirSpec spec = prism_spec();
    spec.capacity_level_m = {90.0, 200.0};
    spec.capacity_m3_s = {50000.0, 50000.0};
    spec.initial_level_m = 100.5;  // 5e7 m3
    spec.dead_level_m = 100.0;
    twin::Reservoir small(spec);
    d.release_m3_s = 50000.0;
    s = small.step(d, 0.0, 0.0, 3600.0);
    BOOST_TEST(s.capacity_limited);
    BOOST_TEST(s.storage_end_m3 == 0.0);
    BOOST_TEST(s.volume_out_m3 == 5e7);
    BOOST_TEST(s.release_end_m3_s == 2.0 * 5e7 / 3600.0, boost::test_tools::tolerance(value_rel_tol));
}

BOOST_AUTO_TEST_CASE(energy_from_head_and_turbines) {
    twin::ReservoirSpec spec = prism_spec();
    spec.hydropower = prism_hydropower();  // tailwater 60 m: head 90 m at 150 m
    twin::Reservoir r(spec);
    r.set_release(2000.0);
    twin::ReleaseDecision d;
    d.release_m3_s = 2000.0;
    twin::Reservoir::Step s = r.step(d, 2000.0 * 3600.0, 2000.0, 3600.0);  // level held
    BOOST_TEST(s.head_m == 90.0, boost::test_tools::tolerance(value_rel_tol));
    BOOST_TEST(s.energy_mwh == 1000.0 * 9.81 * 2000.0 * 90.0 * 0.9 / 1e6, boost::test_tools::tolerance(value_rel_tol));
    // Spill beyond the turbines generates nothing more; the output is capped.
    spec.hydropower->installed_mw = 1000.0;
    twin::Reservoir capped(spec);
    capped.set_release(8000.0);
    d.release_m3_s = 8000.0;
    s = capped.step(d, 8000.0 * 3600.0, 8000.0, 3600.0);
    BOOST_TEST(s.energy_mwh == 1000.0, boost::test_tools::tolerance(value_rel_tol));
}

BOOST_AUTO_TEST_CASE(mass_closes_over_a_long_run) {
    // 40 days of hourly steps through a flood that overtops the design flood level,
    // with a full rule stack: capacity-limited, emergency and rate-limited steps.
    twin::ReservoirSpec spec = prism_spec();
    spec.hydropower = prism_hydropower();
    twin::RuleSpec eco = rule("eco", "min_release", 20);
    eco.value_m3_s = 6000.0;
    twin::RuleSpec ramp = rule("ramp", "rate_limit", 30);
    ramp.rate_up_m3_s_per_h = 2000.0;
    ramp.rate_down_m3_s_per_h = 1000.0;
    twin::RuleSpec back = rule("back", "return_to_limit", 40);
    back.return_days = 7.0;
    twin::RuleSpec channel = rule("channel", "max_release", 50);
    channel.value_m3_s = 30000.0;
    twin::RuleSpec power = rule("power", "hydropower", 60);
    power.power_mw = 1500.0;
    spec.rules = {rule("open-all", "emergency", 1), eco, ramp, back, channel, power};
    twin::Reservoir r(spec);
    r.set_level(145.0);
    r.set_release(8000.0);

    const double day_s = 86400.0, dt_s = 3600.0;
    const hydro::TimeSeries inflow({0.0, 3 * day_s, 6 * day_s, 12 * day_s, 40 * day_s},
                                   {8000.0, 80000.0, 50000.0, 12000.0, 8000.0}, "flood");
    const double start_m3 = r.storage_m3();
    double in_m3 = 0.0, out_m3 = 0.0, peak_m = r.level_m(), energy_mwh = 0.0;
    int limited = 0, emergency = 0;
    for (int n = 0; n < 40 * 24; ++n) {
        const double t0 = n * dt_s;
        const twin::Instant now{flood_season().epoch_s + t0, 480};
        const twin::ReleaseDecision d = r.decide(inputs_of(r, inflow.value_at(t0), now, dt_s));
        emergency += d.set_by == "open-all";
        const double volume_in_m3 = inflow.integral(t0, t0 + dt_s);
        const twin::Reservoir::Step s = r.step(d, volume_in_m3, inflow.value_at(t0 + dt_s), dt_s);
        in_m3 += volume_in_m3;
        out_m3 += s.volume_out_m3;
        limited += s.capacity_limited;
        energy_mwh += s.energy_mwh;
        peak_m = std::max(peak_m, r.level_m());
    }
    const double error = std::abs(r.storage_m3() - start_m3 - (in_m3 - out_m3)) / in_m3;
    BOOST_TEST_MESSAGE("40 d: peak level " << peak_m << " m, end level " << r.level_m() << " m, " << limited
                                           << " capacity-limited steps, " << emergency << " emergency decisions, "
                                           << energy_mwh / 1e3 << " GWh, mass error " << error);
    BOOST_TEST(peak_m > spec.design_flood_level_m);
    BOOST_TEST(emergency > 0);
    BOOST_TEST(limited > 0);
    BOOST_TEST(error < mass_rel_tol);
    BOOST_TEST(std::abs(r.level_m() - 145.0) < 0.5);  // back near the flood-limit level
}
