// Validation: joint flood dispatch (twin/dispatch/joint_dispatch.hpp) on a three-reservoir
// network. Three rivers, each through a reservoir, reach the control station
// "Control" by reaches of different lengths and methods (Muskingum-Cunge 150 km,
// Muskingum K = 6 h, a 3 h lag); a flood that would pass the station a third above its
// target. Checked: the controlled peak held at the target while the natural one is
// well above; the cut shared by remaining flood-control storage and by tier; a member
// running out of storage reported and taken over by the others; every release during
// the flood explained by the joint control; the rule stack deciding between a minimum
// release and the joint cut by priority; mass closing.
//
// The network is driven as `floodtwin route` drives it (twin/run/route.cpp): Network,
// JointDispatch as its limit source, NetworkRecorder, and dispatch_summary() with the
// natural flows from the look-ahead over the whole run from the start.
#define BOOST_TEST_MODULE twin_joint_dispatch
#include <boost/test/unit_test.hpp>

#include "tests/support/temp_dir.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "twin/case/case_file.hpp"
#include "twin/dispatch/dispatch_report.hpp"
#include "twin/dispatch/joint_dispatch.hpp"
#include "twin/network/network.hpp"
#include "twin/case/time_text.hpp"

using namespace floodtwin;
namespace fs = std::filesystem;

namespace {

// --- what the flood and the network are built to give ---
// Target flow at Control (m3/s).
constexpr double target_m3_s = 9000.0;
// The natural peak must exceed the target by at least this factor for the test to
// mean anything (the inflows are built to give about 1.33).
constexpr double natural_margin = 1.25;

// --- tolerances ---
// Controlled peak above the target, relative. The dispatch adds, each step, each
// member's share of what a forecast with the present cuts kept still has above the
// target; what is left is the routing's spreading of cuts that still grow, the slow
// rebalancing between members, and (with strict tiers) what tier 1 can no longer
// reach in time. Measured 2.0% (all tier 1), 0.6% (lags), 2.2% (tiers [1, 2, 2]).
constexpr double peak_overshoot_rel_tol = 0.03;
// Controlled peak below the target, relative: the dispatch cuts what is needed, not
// much more (the same reasoning the other way, when cuts deepen).
constexpr double peak_undercut_rel_tol = 0.02;
// Sharing by remaining flood-control storage: each member's storage used, as a
// fraction of its flood-control storage, against the fraction used by all members
// together. It cannot be exact: members act at different travel times, each adding its
// share of what the forecast still has above the target, and the held cuts are moved
// toward the storage shares only slowly (30% of the difference per step), because a
// shift between members with different travel times changes when the cut arrives.
// Measured (2026-11-28): -2%, +3%, +1% on this network. On pure lags the
// members' cuts do not spread, so the order in which they see the flood shows more:
// -5%, +30%, -38% (R3, 3 h from the station, acts last).
constexpr double share_rel_tol = 0.10;
constexpr double share_lag_rel_tol = 0.45;
// Tier 2 while tier 1 has room: storage used by a tier-2 member as a fraction of its
// flood-control storage. Not exactly zero: at the flood-limit level the guide curve
// lags a rising inflow slightly, storing a little. "Almost nothing": under 2%.
constexpr double later_tier_use_tol = 0.02;
// A member whose storage is used up passes its inflow: release above the step-end
// inflow by at most this, relative (the joint limit is the forecast inflow at the step
// end, which is the actual one here: round-off).
constexpr double pass_inflow_rel_tol = 1e-9;
// When the nearest member runs out, the others take its part over through their slower
// reaches (Muskingum K = 6 h, 150 km of Muskingum-Cunge): the station passes the target
// for a while. Measured 3.4% with R3 out at 88 h.
constexpr double takeover_rel_tol = 0.05;
// Storage left in the member that ran out, as a fraction of its flood-control storage.
constexpr double used_up_tol = 0.01;
// A release on a limit equals the limit to round-off (relative).
constexpr double limit_rel_tol = 1e-9;
// Network ledger over the run: volumes are exact, only round-off remains.
constexpr double mass_rel_tol = 1e-12;
// A member "holds flood water" when it is above its flood-limit level by more than this.
constexpr double holding_level_tol_m = 1e-3;

const std::string joint_name = "Control joint";
const std::vector<std::string> member_names = {"R1", "R2", "R3"};

using TempDir = floodtwin::testing::TempDir;

struct Setup {
    std::string tiers;                // "" or "[1, 2, 2]"
    double r3_normal_pool_m = 130.0;  // R3's flood-control storage: area x (normal pool - 120 m)
    std::string extra;                // more [[rule]] tables
    bool lags_only = false;           // lags of the same travel times instead of the diffusive reaches
};

// Three inflows, base 1000 m3/s each, rising to 5000, 4000 and 3500 m3/s at 60, 66 and
// 72 h, into three prism-like reservoirs (storage = area x (level - 100 m), areas
// 40, 20 and 10 km2) at their flood-limit level 120 m with the normal pool at 130 m:
// flood-control storage 400, 200 and 100 million m3. The excess over the target at
// Control is about 0.2 billion m3 in all.
std::string case_text(const Setup& s) {
    std::string t = R"([case]
name = "three reservoirs"
start = "2020-07-01T00:00:00+08:00"
duration = "8d"

[network]
step = "1h"
forecast_horizon = "72h"

[[node]]
name = "In1"
kind = "inflow"
inflow = [[0, 1000.0], [86400, 1000.0], [216000, 5000.0], [388800, 1000.0]]
extend = "hold"   # the flood has passed by day 5: the base flow holds to the end

[[node]]
name = "In2"
kind = "inflow"
inflow = [[0, 1000.0], [108000, 1000.0], [237600, 4000.0], [410400, 1000.0]]
extend = "hold"   # the flood has passed by day 5: the base flow holds to the end

[[node]]
name = "In3"
kind = "inflow"
inflow = [[0, 1000.0], [129600, 1000.0], [259200, 3500.0], [432000, 1000.0]]
extend = "hold"   # the flood has passed by day 5: the base flow holds to the end

[[node]]
name = "Control"
kind = "station"
rating = [[100.0, 0.0], [105.0, 5000.0], [110.0, 15000.0], [115.0, 30000.0]]

[[node]]
name = "Sea"
kind = "sink"
)";
    const double areas[] = {4e7, 2e7, 1e7};
    for (int r = 0; r < 3; ++r) {
        t += "\n[[reservoir]]\nname = \"" + member_names[static_cast<std::size_t>(r)] + "\"\n";
        t += "storage = [[100.0, 0.0], [140.0, " + std::to_string(40.0 * areas[r]) + "]]\n";
        t += "spillway = [[100.0, 20000.0], [140.0, 30000.0]]\n";
        t += "dead_level = 105.0\nnormal_pool = " + std::to_string(r == 2 ? s.r3_normal_pool_m : 130.0) + "\n";
        t += "flood_limit = 120.0\ndesign_flood_level = 135.0\ncheck_flood_level = 140.0\ninitial_level = 120.0\n";
    }
    t += s.lags_only ? R"(
[[reach]]
from = "R1"
to = "Control"
method = "lag"
lag = "12h"

[[reach]]
from = "R2"
to = "Control"
method = "lag"
lag = "6h"
)" : R"(
[[reach]]
from = "R1"
to = "Control"
length = 150000.0
slope = 3.0e-4
width = 300.0
side_slope = 2.0
manning = 0.035
low_flow = 500.0

[[reach]]
from = "R2"
to = "Control"
method = "muskingum"
k = "6h"
x = 0.2
)";
    t += R"(
[[reach]]
from = "In1"
to = "R1"
method = "lag"
lag = "2h"

[[reach]]
from = "In2"
to = "R2"
method = "lag"
lag = "1h"

[[reach]]
from = "In3"
to = "R3"
method = "lag"
lag = "1h"

[[reach]]
from = "R3"
to = "Control"
method = "lag"
lag = "3h"

[[reach]]
from = "Control"
to = "Sea"
method = "lag"
lag = "1h"

[[joint]]
name = "Control joint"
station = "Control"
target_flow = 9000.0
members = ["R1", "R2", "R3"]
)";
    if (!s.tiers.empty()) t += "tiers = " + s.tiers + "\n";
    return t + "\n" + s.extra;
}

Setup lags_only() {
    Setup s;
    s.lags_only = true;
    return s;
}
Setup with_tiers(std::string tiers) {
    Setup s;
    s.tiers = std::move(tiers);
    return s;
}
Setup with_r3_normal_pool(double level_m) {
    Setup s;
    s.r3_normal_pool_m = level_m;
    return s;
}
Setup with_rules(std::string extra) {
    Setup s;
    s.extra = std::move(extra);
    return s;
}

twin::Case load(const std::string& toml) {
    TempDir dir;
    return twin::load_case(dir.write("case.toml", toml));
}

// One run, wired as route_case() wires it.
struct JointRun {
    twin::Case c;
    twin::Network net;
    twin::JointDispatch dispatch;
    twin::NetworkForecast natural;  // every reservoir passing its inflow, from the start
    twin::NetworkRecorder recorder;
    int station = -1;
    std::vector<std::vector<double>> tau_s;  // [step][member]: travel time to Control at the decision
    // [step][member]: the joint's forecast excess over the target at Control at the
    // member's lead (step + tau), as JointDispatch reads it: > 0 means it wants a cut.
    std::vector<std::vector<double>> excess_m3_s;
    std::vector<std::vector<double>> level_start_m;  // [step][member]: the level at the decision
    nlohmann::json summary;

    explicit JointRun(const Setup& s)
        : c(load(case_text(s))),
          net(c.network, c.start, c.network.settings.step_s, false),
          dispatch(c.network, net),
          natural(net.look_ahead(c.duration_s)),
          recorder(net) {
        station = net.find_node("Control");
        net.set_limit_source([this](const twin::Network& n) { return dispatch.limits(n); });
        const auto steps = static_cast<std::size_t>(std::llround(c.duration_s / net.step_s()));
        for (std::size_t k = 0; k < steps; ++k) {
            std::vector<double> tau, excess, level;
            const twin::NetworkForecast& f = net.current_forecast();  // the one the dispatch reads
            for (int r = 0; r < 3; ++r) {
                tau.push_back(*net.travel_time_s(net.reservoir_node(r), station));
                excess.push_back(f.at(station, net.step_s() + tau.back()) - target_m3_s);
                level.push_back(net.reservoirs()[static_cast<std::size_t>(r)].level_m());
            }
            tau_s.push_back(std::move(tau));
            excess_m3_s.push_back(std::move(excess));
            level_start_m.push_back(std::move(level));
            net.step();
            recorder.sample(net);
        }
        summary = twin::dispatch_summary(net, dispatch, recorder, natural);
    }

    [[nodiscard]] double peak_m3_s() const {
        double p = 0.0;
        for (const auto& q : recorder.flows_m3_s()) p = std::max(p, q[static_cast<std::size_t>(station)]);
        return p;
    }
    [[nodiscard]] double natural_peak_m3_s() const {
        double p = 0.0;
        for (const auto& q : natural.inflow_m3_s) p = std::max(p, q[static_cast<std::size_t>(station)]);
        return p;
    }
    [[nodiscard]] const nlohmann::json& reservoir_summary(int r) const {
        return summary["reservoirs"][static_cast<std::size_t>(r)];
    }
    // Storage used (highest storage - initial) as a fraction of flood-control storage.
    [[nodiscard]] double used_fraction(int r) const {
        const auto& j = reservoir_summary(r);
        return j["storage_used_m3"].get<double>() / j["flood_control_storage_m3"].get<double>();
    }
    // The step a log record (time = the step's end) belongs to.
    [[nodiscard]] std::size_t step_of(double time_end_s) const {
        return static_cast<std::size_t>(std::llround(time_end_s / net.step_s())) - 1;
    }
};

bool names_joint(const twin::ReleaseDecision& d) {
    if (d.set_by == joint_name) return true;
    return std::any_of(d.binding.begin(), d.binding.end(),
                       [](const std::string& b) { return b.find("'" + joint_name + "'") != std::string::npos; });
}

bool has_binding(const twin::ReleaseDecision& d, const std::string& text) {
    return std::find(d.binding.begin(), d.binding.end(), text) != d.binding.end();
}

void report(const JointRun& run, const std::string& label) {
    BOOST_TEST_MESSAGE(label << ": peak at Control " << run.peak_m3_s() << " m3/s (target " << target_m3_s
                             << ", natural " << run.natural_peak_m3_s() << "); storage used / flood-control storage: R1 "
                             << run.used_fraction(0) << ", R2 " << run.used_fraction(1) << ", R3 "
                             << run.used_fraction(2) << "; ledger relative error "
                             << run.net.ledger().relative_error());
}

}  // namespace

// (a) and (f): the peak held at the target; the natural peak well above; mass closes.
BOOST_AUTO_TEST_CASE(controlled_peak_held_at_target) {
    const JointRun run(Setup{});
    report(run, "all tier 1");
    const double peak = run.peak_m3_s(), natural = run.natural_peak_m3_s();
    BOOST_TEST(natural > natural_margin * target_m3_s);
    BOOST_TEST(peak <= target_m3_s * (1.0 + peak_overshoot_rel_tol));
    BOOST_TEST(peak >= target_m3_s * (1.0 - peak_undercut_rel_tol));
    // The summary reports the same peaks (the natural one from the same look-ahead).
    const auto& control = run.summary["controls"][0];
    BOOST_TEST(control["name"].get<std::string>() == joint_name);
    BOOST_TEST(control["peak_m3_s"].get<double>() == peak, boost::test_tools::tolerance(limit_rel_tol));
    BOOST_TEST(control["natural_peak_m3_s"].get<double>() == natural, boost::test_tools::tolerance(limit_rel_tol));
    BOOST_TEST(run.summary["events"].empty());  // nobody ran out of storage
    BOOST_TEST(std::abs(run.net.ledger().relative_error()) < mass_rel_tol);
    BOOST_TEST(std::abs(run.summary["network"]["mass_balance"]["relative_error"].get<double>()) < mass_rel_tol);
}

// (b) tiers all 1: storage used in proportion to flood-control storage.
BOOST_AUTO_TEST_CASE(cut_shared_by_remaining_storage) {
    const JointRun run(Setup{});
    double used = 0.0, room = 0.0;
    for (int r = 0; r < 3; ++r) {
        used += run.reservoir_summary(r)["storage_used_m3"].get<double>();
        room += run.reservoir_summary(r)["flood_control_storage_m3"].get<double>();
    }
    const double overall = used / room;
    BOOST_TEST_MESSAGE("sharing: all members together used " << overall << " of their flood-control storage");
    BOOST_TEST(overall > 0.1);  // the flood used a fair part of it: the shares mean something
    for (int r = 0; r < 3; ++r) {
        const double deviation = run.used_fraction(r) / overall - 1.0;
        BOOST_TEST_MESSAGE("  " << member_names[static_cast<std::size_t>(r)] << ": used " << run.used_fraction(r)
                                << ", " << 100.0 * deviation << "% from the overall fraction");
        BOOST_TEST(std::abs(deviation) <= share_rel_tol, member_names[static_cast<std::size_t>(r)]
                                                             << " used " << run.used_fraction(r) << " vs overall "
                                                             << overall);
    }
    BOOST_TEST(std::abs(run.net.ledger().relative_error()) < mass_rel_tol);
}

// (b) on lag reaches the cut is shared by remaining storage closely.
BOOST_AUTO_TEST_CASE(cut_shared_by_remaining_storage_on_lag_reaches) {
    const JointRun run(lags_only());
    report(run, "lags only");
    double used = 0.0, room = 0.0;
    for (int r = 0; r < 3; ++r) {
        used += run.reservoir_summary(r)["storage_used_m3"].get<double>();
        room += run.reservoir_summary(r)["flood_control_storage_m3"].get<double>();
    }
    const double overall = used / room;
    BOOST_TEST(overall > 0.1);
    for (int r = 0; r < 3; ++r)
        BOOST_TEST(std::abs(run.used_fraction(r) / overall - 1.0) <= share_lag_rel_tol,
                   member_names[static_cast<std::size_t>(r)] << " used " << run.used_fraction(r) << " vs overall "
                                                             << overall);
    BOOST_TEST(run.peak_m3_s() <= target_m3_s * (1.0 + peak_overshoot_rel_tol));
}

// (b) tiers [1, 2, 2]: the later tier holds (almost) nothing while tier 1 has room.
BOOST_AUTO_TEST_CASE(later_tier_waits_while_tier_one_has_room) {
    const JointRun run(with_tiers("[1, 2, 2]"));
    report(run, "tiers [1, 2, 2]");
    BOOST_TEST(run.peak_m3_s() <= target_m3_s * (1.0 + peak_overshoot_rel_tol));
    // Tier 1 (R1, 400 million m3) took the flood and still has room.
    BOOST_TEST(run.used_fraction(0) > 0.2);
    BOOST_TEST(run.reservoir_summary(0)["flood_control_storage_left_m3"].get<double>() > 0.0);
    BOOST_TEST(run.used_fraction(1) < later_tier_use_tol);
    BOOST_TEST(run.used_fraction(2) < later_tier_use_tol);
    BOOST_TEST(std::abs(run.net.ledger().relative_error()) < mass_rel_tol);
}

// (c) R3 with 5 million m3 of flood-control storage runs out: the event names it and
// the time, the summary shows it, the others take over and R3 then passes its inflow.
BOOST_AUTO_TEST_CASE(member_running_out_is_reported_and_taken_over) {
    const JointRun full(Setup{});
    const JointRun run(with_r3_normal_pool(120.5));
    report(run, "R3 small");
    const twin::Reservoir& r3 = run.net.reservoirs()[2];
    const double r3_top_m3 = r3.storage_at(120.5);

    // The first decision made with R3 at its normal pool: the step after the first
    // record ending there.
    double first_full_s = -1.0;
    for (const twin::DispatchRecord& d : run.net.dispatch_log())
        if (d.reservoir == 2 && d.storage_m3 >= r3_top_m3) {
            first_full_s = d.time_s;
            break;
        }
    BOOST_TEST_REQUIRE(first_full_s > 0.0);  // it did run out

    const auto& events = run.dispatch.events();
    BOOST_TEST_REQUIRE(events.size() == 1u);
    BOOST_TEST(events[0].reservoir == "R3");
    BOOST_TEST(events[0].control == joint_name);
    BOOST_TEST(events[0].what.find("used up") != std::string::npos, events[0].what);
    BOOST_TEST(events[0].time_s == first_full_s, "event at " << events[0].time_s << " s, R3 full from "
                                                             << first_full_s << " s");
    // The summary shows it: the event with its time, and no storage left in R3.
    const auto& je = run.summary["events"];
    BOOST_TEST_REQUIRE(je.size() == 1u);
    BOOST_TEST(je[0]["reservoir"].get<std::string>() == "R3");
    BOOST_TEST(je[0]["control"].get<std::string>() == joint_name);
    BOOST_TEST(je[0]["time"].get<std::string>() ==
               twin::format_instant(run.c.start.epoch_s + events[0].time_s, run.c.start.utc_offset_min));
    BOOST_TEST(run.reservoir_summary(2)["flood_control_storage_left_m3"].get<double>() <
               used_up_tol * run.reservoir_summary(2)["flood_control_storage_m3"].get<double>());

    // The others take over: each holds more than when R3 had room.
    BOOST_TEST(run.used_fraction(0) > full.used_fraction(0));
    BOOST_TEST(run.used_fraction(1) > full.used_fraction(1));
    // What was already on its way when R3 ran out may pass the target by at most the
    // cut R3 was making then: nobody else can act for it.
    double r3_last_cut = 0.0;
    for (const twin::DispatchRecord& d : run.net.dispatch_log())
        if (d.reservoir == 2 && d.time_s == first_full_s) r3_last_cut = d.inflow_m3_s - d.release_m3_s;
    BOOST_TEST(r3_last_cut > 0.0);
    BOOST_TEST(run.peak_m3_s() <= target_m3_s * (1.0 + takeover_rel_tol));
    // From the time R2, the nearest member with room left, has been able to act (one
    // step, its travel time, and its Muskingum K again for the change to spread through
    // the reach), the station is back at the target.
    const auto r2_reach = std::find_if(run.c.network.reaches.begin(), run.c.network.reaches.end(),
                                       [](const twin::ReachSection& r) { return r.from == "R2"; });
    BOOST_TEST_REQUIRE((r2_reach != run.c.network.reaches.end() && r2_reach->method == "muskingum"));
    const double k_r2_s = r2_reach->k_s;
    const double back_by_s = first_full_s + run.net.step_s() + run.tau_s[run.step_of(first_full_s)][1] + k_r2_s;
    double worst_after = 0.0, worst_after_t = 0.0;
    for (std::size_t i = 0; i < run.recorder.times_s().size(); ++i) {
        const double t = run.recorder.times_s()[i];
        const double q = run.recorder.flows_m3_s()[i][static_cast<std::size_t>(run.station)];
        if (t >= back_by_s && q > worst_after) worst_after = q, worst_after_t = t;
    }
    BOOST_TEST_MESSAGE("R3 ran out at " << first_full_s / 3600.0 << " h, cutting " << r3_last_cut
                                        << " m3/s; from " << back_by_s / 3600.0 << " h the highest flow at Control is "
                                        << worst_after << " m3/s at " << worst_after_t / 3600.0 << " h");
    BOOST_TEST(worst_after <= target_m3_s * (1.0 + takeover_rel_tol));

    // R3, full, passes its inflow while the joint still wants a cut for the time its
    // release reaches Control: it must not draw its pool down into the flood (its own
    // guide curve would, at full capacity).
    double worst = 0.0, worst_t = 0.0;
    int checked = 0;
    for (const twin::DispatchRecord& d : run.net.dispatch_log()) {
        if (d.reservoir != 2 || d.time_s <= first_full_s) continue;
        if (run.excess_m3_s[run.step_of(d.time_s)][2] <= 0.0) continue;
        ++checked;
        const double over = (d.release_m3_s - d.inflow_m3_s) / d.inflow_m3_s;
        if (over > worst) worst = over, worst_t = d.time_s;
    }
    BOOST_TEST_MESSAGE("R3 full: " << checked << " steps with a cut wanted; worst release above inflow "
                                   << 100.0 * worst << "% at " << worst_t / 3600.0 << " h");
    BOOST_TEST(checked > 0);
    BOOST_TEST(worst <= pass_inflow_rel_tol);
    BOOST_TEST(std::abs(run.net.ledger().relative_error()) < mass_rel_tol);
}

// (d) "The logs explain each release": while the joint wants a cut for the time a
// member's release reaches Control and the member holds flood water (above its
// flood-limit level, where its own guide curve would draw it down), every release
// names the joint control, with the station and the target.
BOOST_AUTO_TEST_CASE(logs_name_the_joint_control) {
    const JointRun run(Setup{});
    std::vector<int> explained(3, 0), unexplained(3, 0);
    for (const twin::DispatchRecord& d : run.net.dispatch_log()) {
        const auto r = static_cast<std::size_t>(d.reservoir);
        const std::size_t k = run.step_of(d.time_s);
        if (run.excess_m3_s[k][r] <= 0.0) continue;  // no cut wanted
        if (run.level_start_m[k][r] <= run.net.reservoirs()[r].flood_limit_m(run.c.start) + holding_level_tol_m)
            continue;  // no flood water held yet: the guide curve may release less than the cut allows
        if (names_joint(d.decision)) {
            ++explained[r];
            if (d.decision.set_by == joint_name) {
                BOOST_TEST(d.decision.reason.find("Control") != std::string::npos, d.decision.reason);
                BOOST_TEST(d.decision.reason.find("target") != std::string::npos, d.decision.reason);
            }
        } else {
            ++unexplained[r];
            BOOST_TEST_MESSAGE("  unexplained: " << member_names[r] << " at " << d.time_s / 3600.0
                                                 << " h: " << d.decision.explain());
        }
    }
    for (std::size_t r = 0; r < 3; ++r) {
        BOOST_TEST_MESSAGE("logs: " << member_names[r] << " " << explained[r] << " releases during the flood name "
                                    << joint_name << ", " << unexplained[r] << " do not");
        BOOST_TEST(explained[r] >= 10);  // the flood lasted: not a vacuous check
        BOOST_TEST(unexplained[r] == 0);
    }
}

// (e) A minimum release of higher priority than the joint limit (50) beats the joint
// cut when both bind; one of lower priority loses.
BOOST_AUTO_TEST_CASE(minimum_release_against_the_joint_cut_by_priority) {
    const double minimum_m3_s = 2800.0;
    auto min_rule = [&](int priority) {
        return "[[rule]]\nreservoir = \"R3\"\nname = \"eco\"\ntype = \"min_release\"\nvalue = " +
               std::to_string(minimum_m3_s) + "\npurpose = \"ecological\"\nzones = [\"flood_control\"]\npriority = " +
               std::to_string(priority) + "\n";
    };
    const std::string max_over_min = "max '" + joint_name + "' overridden by min 'eco'";
    const std::string min_over_max = "min 'eco' overridden by max '" + joint_name + "'";

    {
        const JointRun run(with_rules(min_rule(10)));
        report(run, "minimum of priority 10");
        int both_bind = 0;
        for (const twin::DispatchRecord& d : run.net.dispatch_log()) {
            if (d.reservoir != 2) continue;
            if (has_binding(d.decision, max_over_min)) {
                ++both_bind;
                BOOST_TEST(d.release_m3_s == minimum_m3_s, boost::test_tools::tolerance(limit_rel_tol));
                BOOST_TEST(d.decision.set_by == "eco");
            }
            BOOST_TEST(!has_binding(d.decision, min_over_max));
            if (d.decision.zone == "flood_control" && !d.capacity_limited)
                BOOST_TEST(d.release_m3_s >= minimum_m3_s * (1.0 - limit_rel_tol));
        }
        BOOST_TEST_MESSAGE("  steps where the minimum beat the joint cut: " << both_bind);
        BOOST_TEST(both_bind > 0);
        const auto& minimums = run.reservoir_summary(2)["minimum_flows"];
        BOOST_TEST_REQUIRE(minimums.size() == 1u);
        BOOST_TEST(minimums[0]["hours_below"].get<double>() == 0.0);
        BOOST_TEST(std::abs(run.net.ledger().relative_error()) < mass_rel_tol);
    }
    {
        const JointRun run(with_rules(min_rule(90)));
        report(run, "minimum of priority 90");
        int both_bind = 0;
        for (const twin::DispatchRecord& d : run.net.dispatch_log()) {
            if (d.reservoir != 2) continue;
            if (has_binding(d.decision, min_over_max)) {
                ++both_bind;
                BOOST_TEST(d.decision.set_by == joint_name);
                BOOST_TEST(d.release_m3_s == d.decision.hi_m3_s, boost::test_tools::tolerance(limit_rel_tol));
                BOOST_TEST(d.release_m3_s < minimum_m3_s);
            }
            BOOST_TEST(!has_binding(d.decision, max_over_min));
        }
        BOOST_TEST_MESSAGE("  steps where the joint cut beat the minimum: " << both_bind);
        BOOST_TEST(both_bind > 0);
        const auto& minimums = run.reservoir_summary(2)["minimum_flows"];
        BOOST_TEST_REQUIRE(minimums.size() == 1u);
        BOOST_TEST(minimums[0]["hours_below"].get<double>() == static_cast<double>(both_bind));
        BOOST_TEST(std::abs(run.net.ledger().relative_error()) < mass_rel_tol);
    }
}
