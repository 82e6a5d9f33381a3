// Unit: the water-resources side of the network. [[demand]] withdrawals (shares by
// priority and in proportion, return flows, intakes in a pool down to its dead level,
// monthly demands, the accounts and the ledger), `downstream_minimum` rules keeping a
// station's flow or navigation depth up, the linear guide curve, checkpoints carrying
// it all bit for bit, and the refusals named by key.
#define BOOST_TEST_MODULE twin_water_resources
#include <boost/test/unit_test.hpp>

#include "tests/support/temp_dir.hpp"

#include <cmath>
#include <string>

#include "twin/case/case_file.hpp"
#include "twin/case/time_text.hpp"
#include "twin/dispatch/joint_dispatch.hpp"
#include "twin/network/network.hpp"

using namespace floodtwin;

namespace {

// The ledger with withdrawals and returns closes to round-off like the rest.
constexpr double mass_rel_tol = 1e-12;
// Volumes against their exact values (flows x seconds): round-off over a few hundred steps.
constexpr double volume_rel_tol = 1e-12;

twin::Case load(const std::string& toml) {
    floodtwin::testing::TempDir dir;
    return twin::load_case(dir.write("case.toml", toml));
}

std::string header(const std::string& duration, const std::string& start = "2022-08-01T00:00:00+08:00") {
    return "[case]\nname = \"water test\"\nstart = \"" + start + "\"\nduration = \"" + duration +
           "\"\n[network]\nstep = \"1h\"\nforecast_horizon = \"24h\"\n";
}

std::string table(const std::string& name, const std::string& lines) { return "[[" + name + "]]\n" + lines + "\n"; }

std::string lag(const std::string& from, const std::string& to, const std::string& t) {
    return table("reach", "from = \"" + from + "\"\nto = \"" + to + "\"\nmethod = \"lag\"\nlag = \"" + t + "\"");
}

std::string demand(const std::string& name, const std::string& node, const std::string& lines) {
    return table("demand", "name = \"" + name + "\"\nnode = \"" + node + "\"\n" + lines);
}

// In (steady flow) -> Town (junction) -> Gauge (station) -> Sea (sink).
std::string river(double inflow_m3_s, const std::string& duration = "2d") {
    return header(duration) + table("node", "name = \"In\"\nkind = \"inflow\"\ninflow = " + std::to_string(inflow_m3_s)) +
           table("node", "name = \"Town\"\nkind = \"junction\"") +
           table("node", "name = \"Gauge\"\nkind = \"station\"\nrating = [[100.0, 0.0], [105.0, 1000.0]]\n"
                         "bed_level = 99.0") +
           table("node", "name = \"Sea\"\nkind = \"sink\"") + lag("In", "Town", "2h") + lag("Town", "Gauge", "3h") +
           lag("Gauge", "Sea", "1h");
}

struct Routed {
    twin::Network network;
    std::optional<twin::JointDispatch> dispatch;
};

// Routes the whole case alone, with its dispatch rules.
std::unique_ptr<Routed> route(const twin::Case& c) {
    auto r = std::make_unique<Routed>(Routed{twin::Network(c.network, c.start, c.network.settings.step_s, false), {}});
    r->dispatch.emplace(c.network, r->network);
    r->network.set_limit_source([d = &*r->dispatch](const twin::Network& n) { return d->limits(n); });
    const auto steps = static_cast<int>(std::llround(c.duration_s / c.network.settings.step_s));
    for (int k = 0; k < steps; ++k) r->network.step();
    return r;
}

const twin::DemandAccount& account(const twin::Network& n, const std::string& name) {
    for (std::size_t d = 0; d < n.demands().demands().size(); ++d)
        if (n.demands().demands()[d].name == name) return n.demands().accounts()[d];
    throw std::runtime_error("no demand " + name);
}

std::string error_of(const std::string& toml) {
    try {
        (void)route(load(toml));
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(a_demand_takes_its_water_and_returns_its_share_downstream) {
    // 100 m3/s past Town; the city takes 30 and returns half of it at the Gauge.
    const auto r = route(load(river(100.0) + demand("city", "Town", "flow = 30.0\nreturn_share = 0.5\nreturn_to = \"Gauge\"")));
    const twin::Network& n = r->network;
    const double seconds = 2 * 86400.0;
    const twin::DemandAccount& a = account(n, "city");
    BOOST_TEST(std::abs(a.delivered_m3 - 30.0 * seconds) <= volume_rel_tol * 30.0 * seconds);
    BOOST_TEST(a.short_s == 0.0);
    BOOST_TEST(a.largest_deficit_m3_s == 0.0);
    // Flows: 70 leave Town, 70 + 15 pass the Gauge.
    BOOST_TEST(std::abs(n.nodes()[static_cast<std::size_t>(n.find_node("Town"))].outflow_m3_s - 70.0) < 1e-9);
    BOOST_TEST(std::abs(n.nodes()[static_cast<std::size_t>(n.find_node("Gauge"))].outflow_m3_s - 85.0) < 1e-9);
    BOOST_TEST(std::abs(n.ledger().withdrawn_m3 - 30.0 * seconds) <= volume_rel_tol * 30.0 * seconds);
    BOOST_TEST(std::abs(n.ledger().returned_m3 - 15.0 * seconds) <= volume_rel_tol * 15.0 * seconds);
    BOOST_TEST(std::abs(n.ledger().relative_error()) < mass_rel_tol);
}

BOOST_AUTO_TEST_CASE(an_intake_at_a_2d_inlet_hands_the_2d_model_only_what_is_left) {
    // Coupled: what reaches the inlet goes to the 2D model, less the intake's water.
    const std::string toml =
        header("2d") + table("node", "name = \"In\"\nkind = \"inflow\"\ninflow = 100.0") +
        table("node", "name = \"Town\"\nkind = \"domain_inlet\"\nboundary = \"upstream\"") +
        table("node", "name = \"Out\"\nkind = \"domain_outlet\"\nboundary = \"downstream\"") +
        table("node", "name = \"Sea\"\nkind = \"sink\"") + lag("In", "Town", "2h") +
        table("reach", "from = \"Town\"\nto = \"Out\"\nmethod = \"domain\"") + lag("Out", "Sea", "1h") +
        demand("city", "Town", "flow = 30.0");
    const twin::Case c = load(toml);
    twin::Network n(c.network, c.start, 3600.0, true);
    for (int k = 0; k < 48; ++k) n.step();
    const double seconds = 48 * 3600.0;
    BOOST_TEST(std::abs(n.ledger().to_domain_m3 - 70.0 * seconds) <= volume_rel_tol * 70.0 * seconds);
    BOOST_TEST(std::abs(n.ledger().relative_error()) < mass_rel_tol);
}

BOOST_AUTO_TEST_CASE(short_water_goes_by_priority_then_in_proportion) {
    // 20 m3/s for asks of 15 (priority 1) and 10 (priority 2): 15 and 5.
    auto r = route(load(river(20.0) + demand("drinking", "Town", "flow = 15.0\npriority = 1") +
                        demand("industry", "Town", "flow = 10.0\npriority = 2")));
    const double seconds = 2 * 86400.0;
    BOOST_TEST(std::abs(account(r->network, "drinking").delivered_m3 - 15.0 * seconds) <= volume_rel_tol * 15.0 * seconds);
    const twin::DemandAccount& ind = account(r->network, "industry");
    BOOST_TEST(std::abs(ind.delivered_m3 - 5.0 * seconds) <= volume_rel_tol * 5.0 * seconds);
    BOOST_TEST(std::abs(ind.largest_deficit_m3_s - 5.0) < 1e-9);
    BOOST_TEST(ind.short_s == seconds);
    BOOST_TEST(account(r->network, "drinking").short_s == 0.0);
    // Equal priorities share in proportion to their asks: 12 and 8 of 20.
    r = route(load(river(20.0) + demand("a", "Town", "flow = 15.0") + demand("b", "Town", "flow = 10.0")));
    BOOST_TEST(std::abs(account(r->network, "a").delivered_m3 - 12.0 * seconds) <= volume_rel_tol * 12.0 * seconds);
    BOOST_TEST(std::abs(account(r->network, "b").delivered_m3 - 8.0 * seconds) <= volume_rel_tol * 8.0 * seconds);
    BOOST_TEST(std::abs(r->network.ledger().relative_error()) < mass_rel_tol);
}

BOOST_AUTO_TEST_CASE(an_intake_in_a_pool_draws_it_down_to_the_dead_level_and_no_further) {
    // No inflow: 1e6 m3 above the dead level and an ask of 20 m3/s (72,000 m3/h): the
    // pool lasts 13.9 h; after that the intake is short for the rest of the day.
    const std::string pool = table("reservoir",
                                   "name = \"Pool\"\nstorage = [[100.0, 0.0], [110.0, 2.0e6]]\n"
                                   "spillway = [[100.0, 0.0], [110.0, 500.0]]\ndead_level = 105.0\n"
                                   "normal_pool = 110.0\ndesign_flood_level = 110.0\ncheck_flood_level = 110.0\n"
                                   "initial_level = 110.0\ninflow = 0.0");
    const std::string toml = header("1d") + pool + table("node", "name = \"Sea\"\nkind = \"sink\"") +
                             lag("Pool", "Sea", "1h") + demand("irrigation", "Pool", "flow = 20.0\npurpose = \"irrigation\"") +
                             table("rule", "reservoir = \"Pool\"\nname = \"shut\"\ntype = \"max_release\"\nvalue = 0.0");
    const auto r = route(load(toml));
    const twin::Network& n = r->network;
    const twin::DemandAccount& a = account(n, "irrigation");
    BOOST_TEST(std::abs(a.delivered_m3 - 1.0e6) < 1e-3);
    BOOST_TEST(std::abs(n.reservoirs()[0].level_m() - 105.0) < 1e-9);
    BOOST_TEST(std::abs(a.short_s - 11.0 * 3600.0) < 1e-6);  // hours 14..24 short (hour 14 part short)
    BOOST_TEST(std::abs(n.reservoir_ledgers()[0].withdrawn_m3 - 1.0e6) < 1e-3);
    BOOST_TEST(std::abs(n.ledger().relative_error()) < mass_rel_tol);
}

BOOST_AUTO_TEST_CASE(a_monthly_demand_follows_the_local_month) {
    // From 31 July 12:00 +08:00 for a day: 12 h of July's figure, 12 h of August's.
    std::string months = "monthly = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 10.0, 30.0, 0.0, 0.0, 0.0, 0.0]";
    std::string toml = river(100.0, "1d");
    toml.replace(toml.find("2022-08-01T00:00:00"), 19, "2022-07-31T12:00:00");
    const auto r = route(load(toml + demand("fields", "Town", months)));
    const double expected = (10.0 + 30.0) * 12.0 * 3600.0;
    BOOST_TEST(std::abs(account(r->network, "fields").delivered_m3 - expected) <= volume_rel_tol * expected);
}

BOOST_AUTO_TEST_CASE(a_downstream_minimum_keeps_the_gauge_up_from_storage) {
    // 50 m3/s into a full pool 5 h above a gauge whose minimum is 80 m3/s: the pool
    // releases 80 from the first step it can, and the gauge is below only until that
    // release arrives (5 h lag + the first step).
    auto toml = [](const std::string& minimum) {
        return header("3d") + table("node", "name = \"In\"\nkind = \"inflow\"\ninflow = 50.0") +
               table("reservoir",
                     "name = \"Pool\"\nstorage = [[100.0, 0.0], [120.0, 4.0e8]]\n"
                     "spillway = [[100.0, 1000.0], [120.0, 1000.0]]\ndead_level = 101.0\nnormal_pool = 120.0\n"
                     "design_flood_level = 120.0\ncheck_flood_level = 120.0\ninitial_level = 119.0") +
               table("node", "name = \"Gauge\"\nkind = \"station\"\nrating = [[100.0, 0.0], [105.0, 1000.0]]\n"
                             "bed_level = 99.0") +
               table("node", "name = \"Sea\"\nkind = \"sink\"") + lag("In", "Pool", "1h") + lag("Pool", "Gauge", "5h") +
               lag("Gauge", "Sea", "1h") +
               table("rule", "reservoir = \"Pool\"\nname = \"channel\"\ntype = \"downstream_minimum\"\nnode = \"Gauge\"\n"
                             "purpose = \"navigation\"\npriority = 10\n" + minimum) +
               // Without the minimum the pool would refill to its normal pool and pass little.
               table("rule", "reservoir = \"Pool\"\nname = \"refill\"\ntype = \"max_release\"\nvalue = 10.0\npriority = 50");
    };
    auto r = route(load(toml("min_flow = 80.0")));
    const twin::Network& n = r->network;
    const auto gauge = static_cast<std::size_t>(n.find_node("Gauge"));
    BOOST_TEST(std::abs(n.nodes()[gauge].outflow_m3_s - 80.0) < 1e-6);
    BOOST_TEST(r->dispatch->minimums().points().size() == 1u);
    BOOST_TEST(std::abs(n.ledger().relative_error()) < mass_rel_tol);
    // A depth of 2 m over the bed at 99 m: stage 101 m, 200 m3/s on the rating.
    r = route(load(toml("min_depth = 2.0")));
    BOOST_TEST(std::abs(r->network.nodes()[gauge].outflow_m3_s - 200.0) < 1e-6);
    BOOST_TEST(std::abs(*r->network.stage_m(static_cast<int>(gauge)) - 101.0) < 1e-9);
}

BOOST_AUTO_TEST_CASE(the_guide_curve_is_linear_through_the_year_and_wraps) {
    twin::SeasonalLevel g;
    g.month = {1, 6, 10};
    g.day = {1, 10, 1};
    g.level_m = {175.0, 145.0, 175.0};
    const auto at = [&](const std::string& iso) { return *g.linear_on(twin::parse_instant(iso, "test")); };
    BOOST_TEST(std::abs(at("2022-01-01T00:00:00+08:00") - 175.0) < 1e-12);
    BOOST_TEST(std::abs(at("2022-06-10T00:00:00+08:00") - 145.0) < 1e-12);
    // 1 Jan to 10 Jun is 160 days: 80 days in, half way.
    BOOST_TEST(std::abs(at("2022-03-22T00:00:00+08:00") - 160.0) < 1e-9);
    // 10 Jun to 1 Oct is 113 days; 12 h into the span, 30 m x 0.5 / 113 above 145.
    BOOST_TEST(std::abs(at("2022-06-10T12:00:00+08:00") - (145.0 + 15.0 / 113.0)) < 1e-9);
    // After the last entry the span wraps to 1 Jan at 175 m: flat at 175.
    BOOST_TEST(std::abs(at("2022-12-15T00:00:00+08:00") - 175.0) < 1e-12);
    g.level_m.back() = 165.0;  // 1 Oct 165 m -> 1 Jan 175 m over 92 days
    BOOST_TEST(std::abs(at("2022-11-16T00:00:00+08:00") - (165.0 + 10.0 * 46.0 / 92.0)) < 1e-9);
}

BOOST_AUTO_TEST_CASE(a_checkpoint_carries_the_demands_bit_for_bit) {
    const twin::Case c = load(river(20.0) + demand("a", "Town", "flow = 15.0\nreturn_share = 0.3\nreturn_to = \"Gauge\"") +
                              demand("b", "Gauge", "series = [[0, 5.0], [172800, 25.0]]"));
    twin::Network whole(c.network, c.start, 3600.0, false), first(c.network, c.start, 3600.0, false);
    for (int k = 0; k < 48; ++k) whole.step();
    for (int k = 0; k < 20; ++k) first.step();
    twin::StateArchive a;
    first.save_state(a);
    twin::Network resumed(c.network, c.start, 3600.0, false);
    resumed.restore_state(a, false);
    for (int k = 20; k < 48; ++k) resumed.step();
    for (const std::string name : {"a", "b"}) {
        BOOST_TEST(account(resumed, name).delivered_m3 == account(whole, name).delivered_m3);
        BOOST_TEST(account(resumed, name).short_s == account(whole, name).short_s);
    }
    BOOST_TEST(resumed.ledger().withdrawn_m3 == whole.ledger().withdrawn_m3);
    BOOST_TEST(resumed.ledger().returned_m3 == whole.ledger().returned_m3);
    BOOST_TEST(std::abs(resumed.ledger().relative_error()) < mass_rel_tol);
}

BOOST_AUTO_TEST_CASE(bad_demands_and_minimums_are_named_by_key) {
    const std::string base = river(20.0);
    BOOST_TEST(contains(error_of(base + demand("a", "Nowhere", "flow = 1.0")), "demand[0].node"));
    BOOST_TEST(contains(error_of(base + demand("a", "Town", "flow = 1.0\nmonthly = [1.0]")),
                        "give exactly one of flow, series and monthly (2 given)"));
    BOOST_TEST(contains(error_of(base + demand("a", "Town", "monthly = [1.0, 2.0]")), "twelve figures"));
    BOOST_TEST(contains(error_of(base + demand("a", "Gauge", "flow = 1.0\nreturn_share = 0.5\nreturn_to = \"Town\"")),
                        "demand[0].return_to: 'Town' is not downstream of 'Gauge'"));
    BOOST_TEST(contains(error_of(base + demand("a", "Town", "flow = 1.0\nreturn_share = 0.5")),
                        "demand[0].return_to"));
    BOOST_TEST(contains(error_of(base + demand("a", "Town", "flow = 1.0") + demand("a", "Gauge", "flow = 1.0")),
                        "demand[1].name: 'a' is already the name of a demand"));
    // Low-flow thresholds decrease from blue to red and say where they come from.
    std::string low = base;
    low.replace(low.find("bed_level = 99.0"), 16, "bed_level = 99.0\nlow_flow = [800.0, 900.0]\nlow_flow_source = \"test\"");
    BOOST_TEST(contains(error_of(low), "node[2].low_flow: thresholds must decrease from blue to red (800 then 900)"));
    low = base;
    low.replace(low.find("bed_level = 99.0"), 16, "bed_level = 99.0\nlow_flow = [900.0, 800.0]");
    BOOST_TEST(contains(error_of(low), "node[2].low_flow_source: say where the low-flow thresholds come from"));
}
