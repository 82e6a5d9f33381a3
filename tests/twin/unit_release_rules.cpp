// Unit: the release-rule stack of a reservoir (twin/reservoir/release_rules.hpp through
// Reservoir::decide): the guide curve, each rule type alone, zones and conditions,
// priorities between rules and external limits, explanations, and bad rules.
#define BOOST_TEST_MODULE twin_release_rules
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "tests/support/reservoirs.hpp"
#include "twin/reservoir/release_rules.hpp"
#include "twin/reservoir/reservoir.hpp"

using namespace floodtwin;
using namespace floodtwin::testing;

namespace {

// Releases worked out by hand agree to this relative tolerance (round-off only).
constexpr double release_rel_tol = 1e-9;
// The bisection for a hydropower release stops at 1e-9 of the turbine capacity.
constexpr double power_rel_tol = 1e-6;
// Return to the flood-limit level: the level after return_days (m), and halfway the
// storage drawn down against a straight line (fraction of the zone volume): the
// trapezoid lags the point release by half a step.
constexpr double return_level_tol_m = 0.01;
constexpr double return_halfway_tol = 0.01;
// The guide curve's settling release: on the level after two steps, to round-off of
// the storage (1e10 m3 x 1e-16 over 1e8 m2) and of the release.
constexpr double settle_level_tol_m = 1e-9;
constexpr double settle_release_tol_m3_s = 1e-6;

twin::Reservoir prism_with(std::vector<twin::RuleSpec> rules, bool hydropower = false) {
    twin::ReservoirSpec s = prism_spec();
    s.rules = std::move(rules);
    if (hydropower) s.hydropower = prism_hydropower();
    return twin::Reservoir(std::move(s));
}

twin::RuleSpec min_rule(std::string name, double m3s, int priority = 100) {
    twin::RuleSpec r = rule(std::move(name), "min_release", priority);
    r.value_m3_s = m3s;
    r.purpose = "ecological";
    return r;
}

twin::RuleSpec max_rule(std::string name, double m3s, int priority = 100) {
    twin::RuleSpec r = rule(std::move(name), "max_release", priority);
    r.value_m3_s = m3s;
    return r;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

BOOST_AUTO_TEST_CASE(guide_curve_alone) {
    const twin::Reservoir r = prism_with({});
    // Flood season, 5 m above the flood-limit level: the guide curve wants it all out
    // this step; the capacity at 150 m holds it.
    twin::ReleaseDecision d = r.decide(prism_inputs(150.0, 10000.0, 10000.0));
    BOOST_TEST(d.zone == "flood_control");
    BOOST_TEST(d.desired_m3_s == 10000.0 + 5e8 / 3600.0, boost::test_tools::tolerance(release_rel_tol));
    BOOST_TEST(d.release_m3_s == prism_capacity_m3_s(150.0), boost::test_tools::tolerance(release_rel_tol));
    BOOST_TEST(d.set_by == "capacity");
    BOOST_TEST(d.binding.front() == "capacity");
    // 1 m below it: store the whole inflow.
    d = r.decide(prism_inputs(144.0, 10000.0, 10000.0));
    BOOST_TEST(d.zone == "conservation");
    BOOST_TEST(d.release_m3_s == 0.0);
    BOOST_TEST(d.set_by == "guide curve");
    // 0.1 m below: release what lands the pool on the flood-limit level.
    d = r.decide(prism_inputs(144.9, 10000.0, 10000.0));
    BOOST_TEST(d.release_m3_s == 10000.0 - 1e7 / 3600.0, boost::test_tools::tolerance(release_rel_tol));
    BOOST_TEST(d.set_by == "guide curve");
}

BOOST_AUTO_TEST_CASE(guide_curve_settles_without_ringing) {
    // 0.3 m above the flood-limit level, steady inflow: on the level in two steps, then
    // the release equals the inflow (no overshoot, no release swinging about it).
    twin::Reservoir r = prism_with({});
    r.set_level(145.3);
    const double inflow_m3_s = 10000.0, dt_s = 3600.0;
    r.set_release(inflow_m3_s);
    double worst_level_m = 0.0, worst_release_m3_s = 0.0;
    for (int n = 0; n < 12; ++n) {
        const twin::Instant t{flood_season().epoch_s + n * dt_s, 480};
        r.step(r.decide(inputs_of(r, inflow_m3_s, t, dt_s)), inflow_m3_s * dt_s, inflow_m3_s, dt_s);
        if (n >= 1) {
            worst_level_m = std::max(worst_level_m, std::abs(r.level_m() - 145.0));
            worst_release_m3_s = std::max(worst_release_m3_s, std::abs(r.release_m3_s() - inflow_m3_s));
        }
    }
    BOOST_TEST_MESSAGE("after two steps: |level - 145 m| <= " << worst_level_m << " m, |release - inflow| <= "
                                                               << worst_release_m3_s << " m3/s");
    BOOST_TEST(worst_level_m < settle_level_tol_m);
    BOOST_TEST(worst_release_m3_s < settle_release_tol_m3_s);
}

BOOST_AUTO_TEST_CASE(min_release_alone) {
    const twin::Reservoir r = prism_with({min_rule("eco", 6000.0)});
    const twin::ReleaseDecision d = r.decide(prism_inputs(144.0, 10000.0, 10000.0));
    BOOST_TEST(d.release_m3_s == 6000.0);
    BOOST_TEST(d.set_by == "eco");
    BOOST_TEST(d.binding.front() == "min 'eco'");
    BOOST_TEST(contains(d.reason, "ecological"), d.reason);
}

BOOST_AUTO_TEST_CASE(max_release_alone) {
    const twin::Reservoir r = prism_with({max_rule("channel", 12000.0)});
    const twin::ReleaseDecision d = r.decide(prism_inputs(150.0, 10000.0, 10000.0));
    BOOST_TEST(d.release_m3_s == 12000.0);
    BOOST_TEST(d.set_by == "channel");
    BOOST_TEST(d.binding.front() == "max 'channel'");
}

BOOST_AUTO_TEST_CASE(rate_limit_alone) {
    twin::RuleSpec ramp = rule("ramp", "rate_limit");
    ramp.rate_up_m3_s_per_h = 1000.0;
    ramp.rate_down_m3_s_per_h = 500.0;
    const twin::Reservoir r = prism_with({ramp});
    BOOST_TEST(r.decide(prism_inputs(150.0, 10000.0, 8000.0)).release_m3_s == 9000.0);  // up by 1000 in 1 h
    BOOST_TEST(r.decide(prism_inputs(144.0, 10000.0, 8000.0)).release_m3_s == 7500.0);  // down by 500
    const twin::ReleaseDecision two_hours = r.decide(prism_inputs(150.0, 10000.0, 8000.0, flood_season(), 7200.0));
    BOOST_TEST(two_hours.release_m3_s == 10000.0);
    BOOST_TEST(two_hours.set_by == "ramp");
    // Only one way limited: no floor when rate_down is 0.
    ramp.rate_down_m3_s_per_h = 0.0;
    BOOST_TEST(prism_with({ramp}).decide(prism_inputs(144.0, 10000.0, 8000.0)).release_m3_s == 0.0);
}

BOOST_AUTO_TEST_CASE(a_min_beats_a_lower_priority_max) {
    const twin::Reservoir r = prism_with({min_rule("eco", 6000.0, 10), max_rule("cut", 4000.0, 20)});
    const twin::ReleaseDecision d = r.decide(prism_inputs(144.0, 10000.0, 10000.0));
    BOOST_TEST(d.release_m3_s == 6000.0);
    BOOST_TEST(d.set_by == "eco");
    BOOST_TEST(has(d.binding, "max 'cut' overridden by min 'eco'"));
    const std::string line = d.explain();
    BOOST_TEST_MESSAGE(line);
    BOOST_TEST(contains(line, "set by eco"), line);
    BOOST_TEST(contains(line, "max 'cut' overridden by min 'eco'"), line);
    BOOST_TEST(!contains(line, ","), line);
}

BOOST_AUTO_TEST_CASE(a_higher_priority_max_beats_a_min) {
    const twin::Reservoir r = prism_with({min_rule("eco", 6000.0, 20), max_rule("cut", 4000.0, 10)});
    const twin::ReleaseDecision d = r.decide(prism_inputs(144.0, 10000.0, 10000.0));
    BOOST_TEST(d.release_m3_s == 4000.0);
    BOOST_TEST(d.set_by == "cut");
    BOOST_TEST(d.binding.front() == "max 'cut'");
    BOOST_TEST(has(d.binding, "min 'eco' overridden by max 'cut'"));
    BOOST_TEST(contains(d.explain(), "min 'eco' overridden by max 'cut'"), d.explain());
}

BOOST_AUTO_TEST_CASE(equal_priorities_in_the_order_given) {
    BOOST_TEST(prism_with({min_rule("eco", 6000.0), max_rule("cut", 4000.0)})
                   .decide(prism_inputs(144.0, 10000.0, 10000.0))
                   .release_m3_s == 6000.0);
    BOOST_TEST(prism_with({max_rule("cut", 4000.0), min_rule("eco", 6000.0)})
                   .decide(prism_inputs(144.0, 10000.0, 10000.0))
                   .release_m3_s == 4000.0);
}

BOOST_AUTO_TEST_CASE(a_min_beyond_capacity_or_storage_is_clipped) {
    const twin::Reservoir r = prism_with({min_rule("eco", 30000.0)});
    twin::ReleaseDecision d = r.decide(prism_inputs(144.0, 10000.0, 10000.0));
    BOOST_TEST(d.release_m3_s == prism_capacity_m3_s(144.0), boost::test_tools::tolerance(release_rel_tol));
    BOOST_TEST(has(d.binding, "min 'eco' overridden by capacity"));
    // Nor may it empty the pool this step: 1e6 m3 left, no inflow, no release yet.
    twin::RuleInputs in = prism_inputs(141.0, 0.0, 0.0);
    in.storage_m3 = 1e6;
    d = r.decide(in);
    BOOST_TEST(d.release_m3_s == 2e6 / 3600.0, boost::test_tools::tolerance(release_rel_tol));
    BOOST_TEST(d.set_by == "empty pool");
    BOOST_TEST(has(d.binding, "min 'eco' overridden by empty pool"));
}

BOOST_AUTO_TEST_CASE(external_limits_merge_by_priority) {
    const twin::Reservoir r = prism_with({max_rule("channel", 12000.0, 100), min_rule("eco", 6000.0, 40)});
    const twin::ExternalLimit cuntan{"cuntan-control", 50, std::nullopt, 9000.0, "Cuntan at 183.5 m"};
    twin::ReleaseDecision d = r.decide(prism_inputs(150.0, 10000.0, 10000.0), std::span(&cuntan, 1));
    BOOST_TEST(d.release_m3_s == 9000.0);
    BOOST_TEST(d.set_by == "cuntan-control");
    BOOST_TEST(d.reason == "Cuntan at 183.5 m");
    // Below the higher-priority min: clipped.
    const twin::ExternalLimit harsh{"joint", 50, std::nullopt, 3000.0, "joint dispatch"};
    d = r.decide(prism_inputs(150.0, 10000.0, 10000.0), std::span(&harsh, 1));
    BOOST_TEST(d.release_m3_s == 6000.0);
    BOOST_TEST(has(d.binding, "max 'joint' overridden by min 'eco'"));
    // On equal priority the reservoir's own rule comes first.
    const twin::ExternalLimit tie{"joint", 40, std::nullopt, 3000.0, "joint dispatch"};
    BOOST_TEST(r.decide(prism_inputs(150.0, 10000.0, 10000.0), std::span(&tie, 1)).release_m3_s == 6000.0);
}

BOOST_AUTO_TEST_CASE(zones_and_conditions_select_rules) {
    twin::RuleSpec flood_only = min_rule("flood-min", 6000.0);
    flood_only.zones = {"flood_control", "surcharge"};
    twin::RuleSpec summer = min_rule("summer-min", 3000.0);
    summer.condition = "date >= 06-10 and date <= 09-30";
    const twin::Reservoir r = prism_with({flood_only, summer});
    // July, conservation zone: only the summer rule.
    BOOST_TEST(r.decide(prism_inputs(144.0, 10000.0, 10000.0)).release_m3_s == 3000.0);
    // December, conservation zone (the flood-limit level is the normal pool): neither.
    BOOST_TEST(r.decide(prism_inputs(150.0, 1000.0, 1000.0, dry_season())).release_m3_s == 0.0);
    // December at 176 m: flood-control zone, the zone rule applies.
    const twin::ReleaseDecision d = r.decide(prism_inputs(176.0, 0.0, 0.0, dry_season()));
    BOOST_TEST(d.zone == "flood_control");
    BOOST_TEST(d.lo_m3_s == 6000.0);
}

BOOST_AUTO_TEST_CASE(conditions_on_network_nodes) {
    twin::RuleSpec cut = max_rule("chenglingji", 20000.0, 10);
    cut.condition = "stage(Chenglingji) >= 34.4";
    twin::RuleSpec control = rule("cuntan", "downstream_control", 5);
    control.node = "Cuntan";
    control.max_flow_m3_s = 55000.0;
    const twin::Reservoir r = prism_with({cut, control});
    BOOST_TEST(r.nodes_referenced() == (std::vector<std::string>{"Chenglingji", "Cuntan"}),
               boost::test_tools::per_element());
    twin::RuleInputs in = prism_inputs(150.0, 10000.0, 20000.0);
    in.node_stage = [](std::string_view) { return std::optional<double>(34.6); };
    BOOST_TEST(r.decide(in).release_m3_s == 20000.0);  // the downstream_control rule is the network's
    in.node_stage = [](std::string_view) { return std::optional<double>(33.0); };
    BOOST_TEST(r.decide(in).release_m3_s == prism_capacity_m3_s(150.0), boost::test_tools::tolerance(release_rel_tol));
    in.node_stage = nullptr;
    try {
        (void)r.decide(in);
        BOOST_FAIL("no error without node stages");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()) ==
                   "reservoir 'Prism': rule 'chenglingji': if: no stage known at node 'Chenglingji'");
    }
}

BOOST_AUTO_TEST_CASE(emergency_above_the_design_level) {
    const twin::Reservoir r = prism_with({rule("open-all", "emergency", 1), max_rule("channel", 12000.0, 10)});
    twin::ReleaseDecision d = r.decide(prism_inputs(182.0, 60000.0, 40000.0));
    BOOST_TEST(d.zone == "surcharge");
    BOOST_TEST(d.release_m3_s == prism_capacity_m3_s(182.0), boost::test_tools::tolerance(release_rel_tol));
    BOOST_TEST(d.set_by == "open-all");
    BOOST_TEST(has(d.binding, "max 'channel' overridden by min 'open-all'"));
    // At or below the design flood level it says nothing.
    d = r.decide(prism_inputs(179.0, 60000.0, 12000.0));
    BOOST_TEST(d.release_m3_s == 12000.0);
    BOOST_TEST(d.set_by == "channel");
}

BOOST_AUTO_TEST_CASE(return_to_the_flood_limit_over_return_days) {
    twin::RuleSpec back = rule("back", "return_to_limit", 50);
    back.return_days = 5.0;
    twin::Reservoir r = prism_with({back});
    r.set_level(180.0);  // the top of the flood-control zone
    const double inflow_m3_s = 10000.0, dt_s = 3600.0;
    r.set_release(inflow_m3_s);
    const double zone_m3 = prism_storage_m3(180.0) - prism_storage_m3(145.0);
    const int steps = 5 * 24;
    double halfway_fraction = 0.0, lowest_m = r.level_m();
    std::string desired_by;
    for (int n = 1; n <= steps + 24; ++n) {
        const twin::Instant t{flood_season().epoch_s + (n - 1) * dt_s, 480};
        const twin::ReleaseDecision d = r.decide(inputs_of(r, inflow_m3_s, t, dt_s));
        if (n == 1) desired_by = d.desired_by;
        r.step(d, inflow_m3_s * dt_s, inflow_m3_s, dt_s);
        lowest_m = std::min(lowest_m, r.level_m());
        if (n == steps / 2) halfway_fraction = (prism_storage_m3(180.0) - r.storage_m3()) / zone_m3;
        if (n == steps) BOOST_TEST_MESSAGE("after 5 d: level " << r.level_m() << " m");
        if (n == steps + 1) BOOST_TEST(r.level_m() - 145.0 < return_level_tol_m);
    }
    BOOST_TEST_MESSAGE("halfway: " << halfway_fraction << " of the zone drawn down; lowest " << lowest_m << " m");
    BOOST_TEST(desired_by == "back");
    BOOST_TEST(std::abs(halfway_fraction - 0.5) < return_halfway_tol);
    BOOST_TEST(lowest_m >= 145.0 - return_level_tol_m);
    BOOST_TEST(std::abs(r.level_m() - 145.0) < return_level_tol_m);
}

BOOST_AUTO_TEST_CASE(pre_release_on_a_forecast) {
    twin::RuleSpec pre = rule("pre", "pre_release", 60);
    pre.level_m = 160.0;
    pre.horizon_s = 48 * 3600.0;
    pre.inflow_threshold_m3_s = 20000.0;
    twin::RuleInputs in = prism_inputs(170.0, 5000.0, 5000.0, dry_season());
    in.forecast_max_inflow = [](double horizon_s) { return horizon_s >= 36 * 3600.0 ? 30000.0 : 5000.0; };
    twin::ReleaseDecision d = prism_with({pre}).decide(in);
    BOOST_TEST(d.zone == "conservation");
    BOOST_TEST(d.release_m3_s == 5000.0 + 10.0 * prism_area_m2 / (48 * 3600.0),
               boost::test_tools::tolerance(release_rel_tol));
    BOOST_TEST(d.set_by == "pre");
    BOOST_TEST(contains(d.reason, "forecast 30000"), d.reason);
    // The flood lies beyond a 24 h horizon: no pre-release, the guide curve stores.
    pre.horizon_s = 24 * 3600.0;
    d = prism_with({pre}).decide(in);
    BOOST_TEST(d.release_m3_s == 0.0);
    BOOST_TEST(d.set_by == "guide curve");
}

BOOST_AUTO_TEST_CASE(hydropower_release_from_head) {
    twin::RuleSpec hp = rule("hp", "hydropower", 80);
    hp.power_mw = 500.0;
    // Head 144 - 60 m: Q = P / (rho g eta H).
    const double expected_m3_s = 500e6 / (1000.0 * 9.81 * 0.9 * 84.0);
    twin::ReleaseDecision d = prism_with({hp}, true).decide(prism_inputs(144.0, 10000.0, 10000.0));
    BOOST_TEST(d.release_m3_s == expected_m3_s, boost::test_tools::tolerance(power_rel_tol));
    BOOST_TEST(d.set_by == "hp");

    // With a tailwater table the head falls as the release rises.
    twin::ReservoirSpec s = prism_spec();
    s.hydropower = prism_hydropower();
    s.hydropower->tailwater_release_m3_s = {0.0, 5000.0};
    s.hydropower->tailwater_levels_m = {58.0, 62.0};
    s.rules = {hp};
    const twin::Reservoir with_table(s);
    d = with_table.decide(prism_inputs(144.0, 10000.0, 10000.0));
    const double q = d.release_m3_s;
    const double power = twin::turbine_power_mw(q, 144.0 - with_table.tailwater_m(q), 0.9);
    BOOST_TEST_MESSAGE("tailwater table: " << q << " m3/s for " << power << " MW");
    BOOST_TEST(power == 500.0, boost::test_tools::tolerance(power_rel_tol));

    // More than the turbines can give: the turbine capacity.
    hp.power_mw = 2900.0;
    d = prism_with({hp}, true).decide(prism_inputs(144.0, 10000.0, 10000.0));
    BOOST_TEST(d.release_m3_s == 3000.0);
    BOOST_TEST(contains(d.reason, "turbines full"), d.reason);
}

BOOST_AUTO_TEST_CASE(bad_rules_named) {
    auto message = [](twin::RuleSpec bad, bool hydropower = false) {
        return error_of([&] { prism_with({bad}, hydropower); });
    };
    BOOST_TEST(message(rule("x", "min_flow")) ==
               "reservoir 'Prism': rule 'x': unknown type 'min_flow' (expected min_release, max_release, rate_limit, "
               "return_to_limit, pre_release, hydropower, emergency, downstream_control or downstream_minimum)");
    twin::RuleSpec cond = min_rule("tg-chenglingji", 100.0);
    cond.condition = "stage(Chenglingji) >= high";
    BOOST_TEST(message(cond) ==
               "reservoir 'Prism': rule 'tg-chenglingji': if: column 23: expected a number after '>='");
    twin::RuleSpec zone = min_rule("eco", 100.0);
    zone.zones = {"flood"};
    BOOST_TEST(message(zone) == "reservoir 'Prism': rule 'eco': zones: unknown zone 'flood' (expected inactive, "
                                "conservation, flood_control or surcharge)");
    BOOST_TEST(message(min_rule("eco", -1.0)) == "reservoir 'Prism': rule 'eco': value_m3_s -1 must be >= 0");
    twin::RuleSpec purpose = min_rule("eco", 1.0);
    purpose.purpose = "fish";
    BOOST_TEST(contains(message(purpose), "purpose 'fish' is not one of ecological"));
    BOOST_TEST(message(min_rule("eco", 1.0, 0)) ==
               "reservoir 'Prism': rule 'eco': priority 0 must be >= 1 (1 = highest)");
    twin::RuleSpec hp = rule("hp", "hydropower");
    hp.power_mw = 100.0;
    BOOST_TEST(message(hp) == "reservoir 'Prism': rule 'hp': a hydropower rule needs the reservoir's hydropower data");
    BOOST_TEST(message(hp, true).empty());
    BOOST_TEST(message(rule("ramp", "rate_limit")) ==
               "reservoir 'Prism': rule 'ramp': rate_limit needs rate_up_m3_s_per_h or rate_down_m3_s_per_h > 0");
    BOOST_TEST(message(rule("back", "return_to_limit")) == "reservoir 'Prism': rule 'back': return_days 0 must be > 0");
    BOOST_TEST(message(rule("dc", "downstream_control")) ==
               "reservoir 'Prism': rule 'dc': downstream_control needs a node");
    BOOST_TEST(message(rule("", "min_release")) == "reservoir 'Prism': rule of type 'min_release': name is empty");
    BOOST_TEST(error_of([] { prism_with({min_rule("eco", 1.0), max_rule("eco", 2.0)}); }) ==
               "reservoir 'Prism': rule 'eco': the name is used by more than one rule");
}
