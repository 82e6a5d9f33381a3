// Unit: the river network (twin/network/network.hpp, twin/network/network_build.cpp) built from case
// files: bad graphs, names, tables and rules rejected with messages that name the key
// and the node; the water ledger closing over a long route through reservoirs, lags,
// Muskingum and Muskingum-Cunge reaches; the steady initial state staying steady; and
// the look-ahead (every reservoir passing its inflow) checked against an independent
// run and against exact translation along lag reaches.
#define BOOST_TEST_MODULE twin_network
#include <boost/test/unit_test.hpp>

#include "tests/support/temp_dir.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "twin/case/case_file.hpp"
#include "twin/network/network.hpp"

using namespace floodtwin;
namespace fs = std::filesystem;

namespace {

// Ledger: (storage change - net inflow) / max(storage, inflow) after a long route.
// Every router and the reservoirs keep storage by continuity with exact step volumes,
// so only round-off remains (~1e-16 per operation).
constexpr double mass_rel_tol = 1e-12;
// Inflow volume counted by the ledger against the exact integral of the hydrographs:
// the same exact integrals, summed step by step (round-off only).
constexpr double inflow_volume_rel_tol = 1e-12;
// Steady state: flows after 100 steps against the initial flows, relative. A steady
// state is a fixed point of every router; only round-off may move it.
constexpr double steady_flow_rel_tol = 1e-9;
// Steady state: reservoir levels against the flood-limit level (m). A storage drift
// of round-off size (1e-16 x 1e9 m3) over a 1e7 m2 pool is ~1e-14 m.
constexpr double steady_level_tol_m = 1e-9;
// Look-ahead against an independent run of the same arithmetic, and against exact
// translation of hydrograph points along whole-step lags: round-off only.
constexpr double forecast_rel_tol = 1e-12;
// A reservoir that holds water back must differ from its inflow by more than this
// fraction, so that the look-ahead tests can tell "passing inflow" from "holding".
constexpr double holding_min_fraction = 0.1;

using TempDir = floodtwin::testing::TempDir;

twin::Case load(const std::string& toml) {
    TempDir dir;
    return twin::load_case(dir.write("case.toml", toml));
}

twin::Network build(const twin::Case& c) { return twin::Network(c.network, c.start, c.network.settings.step_s, false); }

// The message of whatever loading or building the network throws ("" if nothing).
std::string error_of(const std::string& toml) {
    try {
        const twin::Case c = load(toml);
        (void)build(c);
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// --- case-file pieces ---

std::string header(const std::string& duration = "1d") {
    return "[case]\nname = \"network test\"\nstart = \"2020-07-01T00:00:00+08:00\"\nduration = \"" + duration +
           "\"\n\n[network]\nstep = \"1h\"\nforecast_horizon = \"24h\"\n\n";
}

std::string node(const std::string& name, const std::string& kind, const std::string& extra = "") {
    return "[[node]]\nname = \"" + name + "\"\nkind = \"" + kind + "\"\n" + extra + "\n";
}
std::string inflow(const std::string& name, const std::string& series) {
    return node(name, "inflow", "inflow = " + series + "\n");
}
std::string station(const std::string& name, const std::string& rating = "[[100.0, 0.0], [105.0, 2000.0], [110.0, 9000.0]]") {
    return node(name, "station", "rating = " + rating + "\n");
}

std::string reach(const std::string& from, const std::string& to, const std::string& method_lines) {
    return "[[reach]]\nfrom = \"" + from + "\"\nto = \"" + to + "\"\n" + method_lines + "\n";
}
std::string lag(const std::string& from, const std::string& to, const std::string& lag_text) {
    return reach(from, to, "method = \"lag\"\nlag = \"" + lag_text + "\"\n");
}
std::string muskingum(const std::string& from, const std::string& to, const std::string& k, double x) {
    return reach(from, to, "method = \"muskingum\"\nk = \"" + k + "\"\nx = " + std::to_string(x) + "\n");
}
std::string cunge(const std::string& from, const std::string& to, double length_m) {
    return reach(from, to,
                 "length = " + std::to_string(length_m) +
                     "\nslope = 3.0e-4\nwidth = 200.0\nside_slope = 2.0\nmanning = 0.035\nlow_flow = 300.0\n");
}

// A prism-like pool: storage = area x (level - 100 m); flood-limit level 120 m,
// normal pool 130 m; starting at the flood-limit level.
std::string reservoir(const std::string& name, double area_m2, const std::string& extra = "",
                      const std::string& spillway = "[[100.0, 4000.0], [140.0, 20000.0]]",
                      const std::string& storage = "") {
    const std::string table =
        storage.empty() ? "[[100.0, 0.0], [140.0, " + std::to_string(40.0 * area_m2) + "]]" : storage;
    return "[[reservoir]]\nname = \"" + name + "\"\nstorage = " + table + "\nspillway = " + spillway +
           "\ndead_level = 105.0\nnormal_pool = 130.0\nflood_limit = 120.0\ndesign_flood_level = 135.0\n"
           "check_flood_level = 140.0\ninitial_level = 120.0\n" +
           extra + "\n";
}

std::string rule(const std::string& reservoir_name, const std::string& name, const std::string& lines) {
    return "[[rule]]\nreservoir = \"" + reservoir_name + "\"\nname = \"" + name + "\"\n" + lines + "\n";
}

// A small valid network: In -> Upper (reservoir) -> Mid (junction) -> Gauge (station) -> Sea.
std::string valid_network() {
    return header() + inflow("In", "1000.0") + node("Mid", "junction") + station("Gauge") + node("Sea", "sink") +
           reservoir("Upper", 1e7) + lag("In", "Upper", "2h") + lag("Upper", "Mid", "1h") + lag("Mid", "Gauge", "1h") +
           lag("Gauge", "Sea", "1h");
}

// The flood network of the ledger and look-ahead tests. Two rivers, each through a
// reservoir (one with a local inflow into the pool), join at J and pass station S on
// the way to the sea: lag, fractional lag, Muskingum and Muskingum-Cunge reaches.
// `reservoirs` = false puts plain junctions where the reservoirs are (a junction has
// no local inflow and no rules).
std::string flood_network(bool reservoirs, bool rules, bool local_inflow, const std::string& duration = "10d") {
    const std::string flood1 = "[[0, 1000.0], [86400, 1000.0], [259200, 6000.0], [475200, 1000.0]]";
    const std::string flood2 = "[[0, 500.0], [108000, 500.0], [302400, 3000.0], [518400, 500.0]]";
    // The floods pass within the 10 days; their base flows hold to the end (extend = "hold").
    const std::string hold = "\nextend = \"hold\"";
    std::string t = header(duration) + inflow("In1", flood1 + hold) + inflow("In2", flood2 + hold) +
                    node("J", "junction") +
                    station("S", "[[100.0, 0.0], [105.0, 3000.0], [110.0, 12000.0]]") + node("Sea", "sink");
    if (reservoirs) {
        t += reservoir("DamA", 2e7);
        t += reservoir("DamB", 1e7,
                       local_inflow ? "inflow = [[0, 100.0], [200000, 400.0], [400000, 100.0]]\nextend = \"hold\"\n"
                                    : "");
    } else {
        t += node("DamA", "junction") + node("DamB", "junction");
    }
    t += lag("In1", "DamA", "2h") + cunge("DamA", "J", 60000.0) + muskingum("In2", "DamB", "4h", 0.25) +
         lag("DamB", "J", "90min") + cunge("J", "S", 40000.0) + lag("S", "Sea", "1h");
    if (reservoirs && rules) {
        t += rule("DamA", "flood cap", "type = \"max_release\"\nvalue = 3000.0\npriority = 30\n");
        t += rule("DamB", "eco", "type = \"min_release\"\nvalue = 300.0\npriority = 10\n");
        t += rule("DamB", "ramping", "type = \"rate_limit\"\nrate_up = 300.0\nrate_down = 300.0\npriority = 20\n");
    }
    return t;
}

double relative_difference(double a, double b) { return std::abs(a - b) / std::max({std::abs(a), std::abs(b), 1.0}); }

}  // namespace

// --- bad input: each message names the key and the nodes ---

BOOST_AUTO_TEST_CASE(valid_network_builds) {
    // The pieces the bad cases below are made of are themselves valid.
    BOOST_TEST(error_of(valid_network()) == "");
}

BOOST_AUTO_TEST_CASE(cycle_is_listed) {
    const std::string msg = error_of(header() + inflow("In", "100.0") + node("A", "junction") + node("B", "junction") +
                                     lag("In", "A", "1h") + lag("A", "B", "1h") + lag("B", "A", "1h"));
    BOOST_TEST_MESSAGE("cycle: " << msg);
    BOOST_TEST((contains(msg, "A -> B -> A") || contains(msg, "B -> A -> B")), msg);
    BOOST_TEST((contains(msg, "node[1]") || contains(msg, "node[2]")), msg);
}

BOOST_AUTO_TEST_CASE(rule_condition_with_unknown_node) {
    const std::string msg =
        error_of(valid_network() +
                 rule("Upper", "cap", "type = \"max_release\"\nvalue = 500.0\nif = \"flow(Nowhere) > 10\"\n"));
    BOOST_TEST_MESSAGE("unknown node in if: " << msg);
    BOOST_TEST(contains(msg, "rule[0].if"), msg);
    BOOST_TEST(contains(msg, "'Nowhere'"), msg);
}

BOOST_AUTO_TEST_CASE(downstream_control_with_unknown_node) {
    const std::string msg = error_of(
        valid_network() + rule("Upper", "gauge control", "type = \"downstream_control\"\nnode = \"Nowhere\"\nmax_flow = 800.0\n"));
    BOOST_TEST_MESSAGE("unknown downstream_control node: " << msg);
    BOOST_TEST(contains(msg, "rule[0].node"), msg);
    BOOST_TEST(contains(msg, "'Nowhere'"), msg);
}

BOOST_AUTO_TEST_CASE(rule_for_unknown_reservoir) {
    const std::string msg = error_of(valid_network() + rule("Uppr", "cap", "type = \"max_release\"\nvalue = 500.0\n"));
    BOOST_TEST_MESSAGE("unknown reservoir: " << msg);
    BOOST_TEST(contains(msg, "rule[0].reservoir"), msg);
    BOOST_TEST(contains(msg, "'Uppr'"), msg);
    BOOST_TEST(contains(msg, "did you mean 'Upper'"), msg);
}

BOOST_AUTO_TEST_CASE(reach_from_unknown_node_suggests_a_name) {
    const std::string msg = error_of(header() + inflow("In", "100.0") + node("Gauge", "station") + node("Sea", "sink") +
                                     lag("In", "Gauge", "1h") + lag("Guage", "Sea", "1h"));
    BOOST_TEST_MESSAGE("unknown from: " << msg);
    BOOST_TEST(contains(msg, "reach[1].from"), msg);
    BOOST_TEST(contains(msg, "'Guage'"), msg);
    BOOST_TEST(contains(msg, "did you mean 'Gauge'"), msg);
}

BOOST_AUTO_TEST_CASE(two_reaches_out_of_one_node) {
    const std::string msg = error_of(header() + inflow("In", "100.0") + node("A", "junction") + node("B", "sink") +
                                     lag("In", "A", "1h") + lag("In", "B", "1h") + lag("A", "B", "1h"));
    BOOST_TEST_MESSAGE("split: " << msg);
    BOOST_TEST(contains(msg, "reach[1]"), msg);
    BOOST_TEST(contains(msg, "'In'"), msg);
    BOOST_TEST(contains(msg, "reach[0]"), msg);  // the reach that already leaves it
}

BOOST_AUTO_TEST_CASE(node_not_joined) {
    const std::string msg = error_of(valid_network() + station("Lonely"));
    BOOST_TEST_MESSAGE("not joined: " << msg);
    BOOST_TEST(contains(msg, "node[4]"), msg);
    BOOST_TEST(contains(msg, "'Lonely'"), msg);
}

BOOST_AUTO_TEST_CASE(storage_table_not_monotone) {
    const std::string msg =
        error_of(header() + inflow("In", "100.0") + node("Sea", "sink") +
                 reservoir("Upper", 1e7, "", "[[100.0, 4000.0], [140.0, 20000.0]]",
                           "[[100.0, 0.0], [120.0, 2.0e8], [130.0, 1.5e8], [140.0, 4.0e8]]") +
                 lag("In", "Upper", "1h") + lag("Upper", "Sea", "1h"));
    BOOST_TEST_MESSAGE("storage table: " << msg);
    BOOST_TEST(contains(msg, "reservoir[0]"), msg);
    BOOST_TEST(contains(msg, "'Upper'"), msg);
    BOOST_TEST(contains(msg, "storage table row 3"), msg);
}

BOOST_AUTO_TEST_CASE(no_release_capacity_at_normal_pool) {
    // The spillway crest is above the normal pool: nothing can leave at 130 m.
    const std::string msg = error_of(header() + inflow("In", "100.0") + node("Sea", "sink") +
                                     reservoir("Upper", 1e7, "", "[[100.0, 0.0], [130.0, 0.0], [135.0, 800.0]]") +
                                     lag("In", "Upper", "1h") + lag("Upper", "Sea", "1h"));
    BOOST_TEST_MESSAGE("capacity: " << msg);
    BOOST_TEST(contains(msg, "reservoir[0]"), msg);
    BOOST_TEST(contains(msg, "'Upper'"), msg);
    BOOST_TEST(contains(msg, "normal_pool"), msg);
}

BOOST_AUTO_TEST_CASE(domain_reach_not_from_a_domain_inlet) {
    const std::string msg =
        error_of(header() + inflow("In", "100.0") + node("Mouth", "domain_outlet", "boundary = \"east\"\n") +
                 node("Sea", "sink") + reach("In", "Mouth", "method = \"domain\"\n") + lag("Mouth", "Sea", "1h"));
    BOOST_TEST_MESSAGE("domain reach: " << msg);
    BOOST_TEST(contains(msg, "reach[0]"), msg);
    BOOST_TEST(contains(msg, "domain_inlet"), msg);
    BOOST_TEST(contains(msg, "'In'"), msg);  // the node it wrongly starts from
}

BOOST_AUTO_TEST_CASE(two_domain_outlets) {
    const std::string msg =
        error_of(header() + inflow("In", "100.0") + node("Entry", "domain_inlet", "boundary = \"west\"\n") +
                 node("Mouth1", "domain_outlet", "boundary = \"east\"\n") +
                 node("Mouth2", "domain_outlet", "boundary = \"south\"\n") + node("Sea", "sink") +
                 lag("In", "Entry", "1h") + reach("Entry", "Mouth1", "method = \"domain\"\n") +
                 lag("Mouth1", "Mouth2", "1h") + lag("Mouth2", "Sea", "1h"));
    BOOST_TEST_MESSAGE("two outlets: " << msg);
    BOOST_TEST(contains(msg, "node[3]"), msg);
    BOOST_TEST(contains(msg, "'Mouth1'"), msg);
    BOOST_TEST(contains(msg, "'Mouth2'"), msg);
}

BOOST_AUTO_TEST_CASE(station_rating_not_increasing) {
    const std::string msg = error_of(header() + inflow("In", "100.0") +
                                     station("Gauge", "[[100.0, 0.0], [105.0, 500.0], [104.0, 800.0]]") +
                                     node("Sea", "sink") + lag("In", "Gauge", "1h") + lag("Gauge", "Sea", "1h"));
    BOOST_TEST_MESSAGE("rating: " << msg);
    BOOST_TEST(contains(msg, "node[1].rating"), msg);
    BOOST_TEST(contains(msg, "row 3"), msg);
    BOOST_TEST(contains(msg, "'Gauge'"), msg);
}

// --- running ---

BOOST_AUTO_TEST_CASE(ledger_closes_over_a_long_route) {
    const twin::Case c = load(flood_network(true, true, true));
    twin::Network net = build(c);
    const auto steps = static_cast<std::size_t>(std::llround(c.duration_s / net.step_s()));
    double worst = 0.0, max_level_a = 0.0;
    const std::size_t dam_a = 0;
    for (std::size_t k = 0; k < steps; ++k) {
        net.step();
        worst = std::max(worst, std::abs(net.ledger().relative_error()));
        max_level_a = std::max(max_level_a, net.reservoirs()[dam_a].level_m());
    }
    const twin::NetworkLedger& l = net.ledger();
    BOOST_TEST_MESSAGE("ledger: storage " << l.storage_m3 << " (initial " << l.initial_storage_m3 << "), in "
                                          << l.inflow_m3 << ", out " << l.outflow_m3 << ", worst relative error "
                                          << worst << "; DamA peak level " << max_level_a << " m");
    // The run means something: DamA's release cap made it store flood water.
    BOOST_TEST(max_level_a > 121.0);
    BOOST_TEST(l.outflow_m3 > 0.5 * l.inflow_m3);
    BOOST_TEST(worst < mass_rel_tol);
    BOOST_TEST(std::abs(l.relative_error()) < mass_rel_tol);

    // The inflow counted is the exact volume of the hydrographs (the nodes' forecasts
    // and DamB's local inflow), not a trapezoid of step-end points.
    double expected_in = 0.0;
    for (const twin::NodeSection& n : c.network.nodes)
        if (n.inflow_m3_s) expected_in += n.inflow_m3_s->integral(0.0, c.duration_s);
    for (const twin::ReservoirSection& r : c.network.reservoirs)
        if (r.inflow_m3_s) expected_in += r.inflow_m3_s->integral(0.0, c.duration_s);
    BOOST_TEST(relative_difference(l.inflow_m3, expected_in) < inflow_volume_rel_tol);
}

BOOST_AUTO_TEST_CASE(steady_state_stays_steady) {
    // Constant inflows, reservoirs at their flood-limit level with no rules: the steady
    // state of initialise() is a fixed point of every step.
    std::string toml = header("5d") + inflow("In1", "1200.0") + inflow("In2", "700.0") + node("J", "junction") +
                       station("S", "[[100.0, 0.0], [105.0, 3000.0], [110.0, 12000.0]]") + node("Sea", "sink") +
                       reservoir("DamA", 2e7) + reservoir("DamB", 1e7, "inflow = 150.0\n") + lag("In1", "DamA", "2h") +
                       cunge("DamA", "J", 60000.0) + muskingum("In2", "DamB", "4h", 0.25) +
                       lag("DamB", "J", "90min") + cunge("J", "S", 40000.0) + lag("S", "Sea", "1h");
    const twin::Case c = load(toml);
    twin::Network net = build(c);
    std::vector<double> in0, out0;
    for (const twin::NetworkNode& n : net.nodes()) {
        in0.push_back(n.inflow_m3_s);
        out0.push_back(n.outflow_m3_s);
    }
    // The steady flows are what the inflows add up to.
    BOOST_TEST(net.nodes()[static_cast<std::size_t>(net.find_node("S"))].inflow_m3_s == 1200.0 + 700.0 + 150.0,
               boost::test_tools::tolerance(steady_flow_rel_tol));
    for (int k = 0; k < 100; ++k) net.step();
    double worst_flow = 0.0, worst_level = 0.0;
    for (std::size_t n = 0; n < net.nodes().size(); ++n) {
        worst_flow = std::max(worst_flow, relative_difference(net.nodes()[n].inflow_m3_s, in0[n]));
        worst_flow = std::max(worst_flow, relative_difference(net.nodes()[n].outflow_m3_s, out0[n]));
    }
    for (const twin::Reservoir& r : net.reservoirs())
        worst_level = std::max(worst_level, std::abs(r.level_m() - r.flood_limit_m(c.start)));
    BOOST_TEST_MESSAGE("steady: worst relative flow change " << worst_flow << ", worst level departure " << worst_level
                                                             << " m");
    BOOST_TEST(worst_flow < steady_flow_rel_tol);
    BOOST_TEST(worst_level < steady_level_tol_m);
    BOOST_TEST(std::abs(net.ledger().relative_error()) < mass_rel_tol);
}

BOOST_AUTO_TEST_CASE(look_ahead_at_the_start_is_the_network_without_reservoirs) {
    // From the steady start, "every reservoir passing its inflow" is exactly a network
    // with junctions where the reservoirs are: the look-ahead of the one must be the
    // run of the other, node by node and step by step.
    const twin::Case with = load(flood_network(true, true, false));
    const twin::Case without = load(flood_network(false, false, false));
    const twin::Network net = build(with);
    twin::Network plain = build(without);
    const double horizon_s = 120 * 3600.0;  // through the rise and the peak of the flood
    const twin::NetworkForecast f = net.look_ahead(horizon_s);
    BOOST_TEST(f.steps() == 120u);
    double worst = 0.0, peak_s = 0.0;
    for (std::size_t k = 0; k < f.steps(); ++k) {
        plain.step();
        for (std::size_t n = 0; n < net.nodes().size(); ++n) {
            const int m = plain.find_node(net.nodes()[n].name);
            BOOST_TEST_REQUIRE(m >= 0);
            worst = std::max(worst, relative_difference(f.inflow_m3_s[k][n],
                                                        plain.nodes()[static_cast<std::size_t>(m)].inflow_m3_s));
        }
        peak_s = std::max(peak_s, f.inflow_m3_s[k][static_cast<std::size_t>(net.find_node("S"))]);
    }
    BOOST_TEST_MESSAGE("look-ahead vs the network without reservoirs: worst relative difference "
                       << worst << "; peak at S " << peak_s);
    BOOST_TEST(peak_s > 5000.0);  // the flood is in the window
    BOOST_TEST(worst < forecast_rel_tol);
}

BOOST_AUTO_TEST_CASE(look_ahead_along_lags_shifts_the_inflow) {
    // In -> 3 h lag -> Dam -> 2 h lag -> S -> Sea, the dam holding water back by a
    // release cap. Mid-flood, the look-ahead at the dam is the inflow 3 h earlier; at S
    // it is the dam's actual past releases for the first 2 h, then (the dam passing its
    // inflow from now on) the inflow 5 h earlier.
    const std::string toml = header("4d") +
                             inflow("In", "[[0, 1000.0], [36000, 1000.0], [216000, 5000.0], [345600, 1000.0]]") +
                             station("S", "[[100.0, 0.0], [105.0, 3000.0], [110.0, 12000.0]]") + node("Sea", "sink") +
                             reservoir("Dam", 2e7) + lag("In", "Dam", "3h") + lag("Dam", "S", "2h") +
                             lag("S", "Sea", "1h") +
                             rule("Dam", "cap", "type = \"max_release\"\nvalue = 2000.0\npriority = 30\n");
    const twin::Case c = load(toml);
    twin::Network net = build(c);
    const hydro::TimeSeries& in = *c.network.nodes[0].inflow_m3_s;
    const int dam = net.find_node("Dam"), s = net.find_node("S");
    const double h = 3600.0;
    std::vector<double> release;  // the dam's release at the end of each step, by hour
    release.push_back(net.reservoirs()[0].release_m3_s());
    for (int k = 0; k < 50; ++k) {
        net.step();
        release.push_back(net.reservoirs()[0].release_m3_s());
    }
    const double t0 = net.time_s();
    BOOST_TEST(t0 == 50 * h);
    const twin::NetworkForecast f = net.look_ahead(24 * h);
    // The dam is holding: its past releases are well below its inflow.
    BOOST_TEST(release[49] < (1.0 - holding_min_fraction) * in.value_at(49 * h - 3 * h));
    double worst = 0.0;
    for (std::size_t k = 1; k <= f.steps(); ++k) {
        const double t = t0 + static_cast<double>(k) * h;
        worst = std::max(worst, relative_difference(f.inflow_m3_s[k - 1][static_cast<std::size_t>(dam)],
                                                    in.value_at(t - 3 * h)));
        const double expected_s =
            k <= 2 ? release[static_cast<std::size_t>(std::llround((t - 2 * h) / h))] : in.value_at(t - 5 * h);
        worst = std::max(worst, relative_difference(f.inflow_m3_s[k - 1][static_cast<std::size_t>(s)], expected_s));
    }
    BOOST_TEST_MESSAGE("look-ahead along lags: worst relative difference " << worst);
    BOOST_TEST(worst < forecast_rel_tol);
    // NetworkForecast::at interpolates between steps and holds past the end.
    BOOST_TEST(f.at(dam, 2.5 * h) == 0.5 * (in.value_at(t0 - h) + in.value_at(t0)),
               boost::test_tools::tolerance(forecast_rel_tol));
    BOOST_TEST(f.at(dam, 100 * h) == f.inflow_m3_s.back()[static_cast<std::size_t>(dam)]);
}
