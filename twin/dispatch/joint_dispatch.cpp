#include "grids/text_fields.hpp"
#include "twin/dispatch/joint_dispatch.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "twin/network/network_build.hpp"

namespace floodtwin::twin {

namespace {

[[noreturn]] void fail(const std::string& key, const std::string& what) {
    throw std::invalid_argument(key + ": " + what);
}

// Fraction per step by which a member's held cut moves toward its share of the tier's.
constexpr double kRebalance = 0.3;
// Share of the target kept free when held water is released during a flood.
constexpr double kReleaseMargin = 0.01;

int reservoir_index(const Network& network, const std::string& name) {
    for (std::size_t r = 0; r < network.reservoirs().size(); ++r)
        if (network.reservoirs()[r].spec().name == name) return static_cast<int>(r);
    return -1;
}

}  // namespace

JointDispatch::JointDispatch(const NetworkCase& net, const Network& network) : m_minimums(net, network) {
    auto station_of = [&](const std::string& key, const std::string& name) {
        const int n = network.find_node(name);
        if (n < 0) fail(key, "no node named '" + name + "'");
        return n;
    };
    auto target_of = [&](const std::string& key, int station, std::optional<double> flow, std::optional<double> stage) {
        if (flow) return *flow;
        if (!stage) fail(key, "give a target flow or a target stage");
        const auto q = network.flow_for_stage(station, *stage);
        if (!q) fail(key, "a stage target needs a rating at '" + network.nodes()[static_cast<std::size_t>(station)].name + "'");
        return *q;
    };
    auto check_upstream = [&](const ControlPoint& c, const std::string& key) {
        for (int r : c.members)
            if (!network.travel_time_s(network.reservoir_node(r), c.station))
                fail(key, "reservoir '" + network.reservoirs()[static_cast<std::size_t>(r)].spec().name +
                              "' is not upstream of '" + network.nodes()[static_cast<std::size_t>(c.station)].name + "'");
    };
    for (const JointSection& j : net.joints) {
        ControlPoint c;
        c.name = j.name;
        c.key = j.key;
        c.station = station_of(j.key + ".station", j.station);
        c.target_m3_s = target_of(j.key, c.station, j.target_flow_m3_s, j.target_stage_m);
        c.release_target_m3_s = j.release_target_m3_s.value_or(c.target_m3_s);
        c.priority = j.priority;
        if (j.members.empty()) fail(j.key + ".members", "no members");
        if (!j.tiers.empty() && j.tiers.size() != j.members.size())
            fail(j.key + ".tiers", std::to_string(j.tiers.size()) + " tiers for " + std::to_string(j.members.size()) +
                                       " members: give one per member");
        for (std::size_t m = 0; m < j.members.size(); ++m) {
            const int r = reservoir_index(network, j.members[m]);
            if (r < 0) fail(j.key + ".members", "no reservoir named '" + j.members[m] + "'");
            c.members.push_back(r);
            c.tiers.push_back(j.tiers.empty() ? 1 : static_cast<int>(j.tiers[m]));
        }
        check_upstream(c, j.key + ".members");
        m_controls.push_back(std::move(c));
    }
    for (const RuleSection& rule : net.rules) {
        if (rule.type != "downstream_control") continue;
        ControlPoint c;
        c.name = rule.reservoir + "/" + rule.name;
        c.key = rule.key;
        c.station = station_of(rule.key + ".node", rule.node);
        c.target_m3_s = target_of(rule.key, c.station, rule.max_flow_m3_s, rule.max_stage_m);
        c.release_target_m3_s = c.target_m3_s;
        c.priority = rule.priority;
        c.members = {reservoir_index(network, rule.reservoir)};
        c.tiers = {1};
        c.zones = rule.zones;
        c.condition = RuleCondition(rule.condition, "rule '" + rule.name + "': if");
        check_upstream(c, rule.key + ".node");
        m_controls.push_back(std::move(c));
    }
}

void JointDispatch::event_once(double t, const ControlPoint& c, int reservoir, const std::string& what,
                               const Network& network) {
    const std::string& name = network.reservoirs()[static_cast<std::size_t>(reservoir)].spec().name;
    for (const DispatchEvent& e : m_events)
        if (e.control == c.name && e.reservoir == name && e.what == what) return;
    m_events.push_back({t, c.name, name, what});
}

void JointDispatch::add_limits(const ControlPoint& c, const Network& network, const NetworkForecast& natural,
                               const NetworkForecast& persist, const std::vector<double>& offsets,
                               std::vector<std::vector<ExternalLimit>>& out) {
    const double dt = network.step_s();
    const Instant now{network.start().epoch_s + network.time_s(), network.start().utc_offset_min};
    const std::string& station = network.nodes()[static_cast<std::size_t>(c.station)].name;
    const std::size_t n = c.members.size();
    std::vector<double> tau(n), room(n), stored(n);
    for (std::size_t m = 0; m < n; ++m) {
        const Reservoir& res = network.reservoirs()[static_cast<std::size_t>(c.members[m])];
        tau[m] = *network.travel_time_s(network.reservoir_node(c.members[m]), c.station);
        room[m] = std::max(0.0, res.storage_at(res.spec().normal_pool_m) - res.storage_m3());
        stored[m] = std::max(0.0, res.storage_m3() - res.storage_at(res.flood_limit_m(now)));
    }

    for (std::size_t m = 0; m < n; ++m) {
        const int r = c.members[m];
        const Reservoir& res = network.reservoirs()[static_cast<std::size_t>(r)];
        if (!control_applies(c.zones, c.condition, network, r, now)) continue;
        const int node = network.reservoir_node(r);
        const double lead = dt + tau[m];
        const double offset = offsets[static_cast<std::size_t>(r)];
        const double inflow_next = persist.at(node, dt);
        const double base = std::max(0.0, inflow_next + offset);  // the present cut, kept
        // Cut what the forecast with present cuts kept still has above the target. Below
        // it, members holding flood water may release more: up to the target while the
        // natural flow still exceeds it (a cut made too deep), up to the release target
        // once the flood has passed.
        const bool flood = natural.at(c.station, lead) > c.target_m3_s;
        const double expected = persist.at(c.station, lead);  // with present cuts kept
        const double goal = expected > c.target_m3_s || flood ? c.target_m3_s : c.release_target_m3_s;
        const double gap = expected - c.target_m3_s;  // > 0: cut more
        // Releasing held water while the flood lasts keeps a margin below the target: the
        // forecast of a released cut is no better than that of the cut.
        const double margin = flood ? kReleaseMargin * c.target_m3_s : 0.0;
        const double headroom = std::max(0.0, goal - margin - expected);
        ExternalLimit lim;
        lim.rule = c.name;
        lim.priority = c.priority;
        const std::string at = station + " in " + grids::formatted("%.0f", lead / 3600.0) + " h";
        if (gap > 0.0) {
            if (room[m] <= 0.0) {
                event_once(network.time_s(), c, r,
                           "flood-control storage used up (normal pool " +
                               grids::formatted("%.0f", res.spec().normal_pool_m) + " m)",
                           network);
                lim.max_m3_s = inflow_next;
                lim.why = "flood-control storage used up: pass the inflow";
                out[static_cast<std::size_t>(r)].push_back(std::move(lim));
                continue;
            }
            // The first tier with room cuts; within it, the members that can still act for
            // that time share the cut.
            int tier = c.tiers[m];
            for (std::size_t k = 0; k < n; ++k)
                if (room[k] > 0.0) tier = std::min(tier, c.tiers[k]);
            double share = 0.0;
            if (c.tiers[m] == tier) {
                double sum = 0.0;
                for (std::size_t k = 0; k < n; ++k)
                    if (tau[k] <= tau[m] + 1e-6 && room[k] > 0.0 && c.tiers[k] == tier) sum += room[k];
                share = room[m] / sum;
            }
            double cut = share * gap;
            // Rebalance toward shares by room of the cut all members of this tier hold now:
            // increments alone leave where the flood first showed up (the far members)
            // holding more than their share.
            if (share > 0.0) {
                double held = 0.0, w = 0.0;
                for (std::size_t k = 0; k < n; ++k)
                    if (c.tiers[k] == tier && room[k] > 0.0) {
                        held += std::max(0.0, -offsets[static_cast<std::size_t>(c.members[k])]);
                        w += room[k];
                    }
                const double mine = std::max(0.0, -offset);
                cut += kRebalance * (held * room[m] / w - mine);
            }
            // A later tier adds no cut and drops any it held: it passes its inflow.
            lim.max_m3_s = share > 0.0 ? std::max(0.0, base - cut) : inflow_next;
            // No deeper than the room left this step: the pool stops at the normal pool.
            lim.max_m3_s = std::max(*lim.max_m3_s, inflow_next - room[m] / dt);
            lim.why = "forecast at " + at + " " + grids::formatted("%.0f", expected) + " > target " +
                      grids::formatted("%.0f", goal) + ": cut " + grids::formatted("%.0f", cut) + " more" +
                      (share > 0.0 ? "" : " by the first tier (a later tier: pass the inflow)");
        } else {
            // Room below the goal: members holding water may release more, by what they hold.
            double weight = stored[m], total = 0.0;
            for (std::size_t k = 0; k < n; ++k) total += stored[k];
            if (total <= 0.0) {
                weight = offset < 0.0 ? 1.0 : 0.0;
                for (std::size_t k = 0; k < n; ++k) total += offsets[static_cast<std::size_t>(c.members[k])] < 0.0 ? 1.0 : 0.0;
            }
            if (weight <= 0.0 && offset >= 0.0) continue;  // holds no flood water: its own rules decide
            const double extra = total > 0.0 ? headroom * weight / total : 0.0;
            // During the flood the present cut is kept; after it a member may always pass
            // its inflow (the natural flow no longer exceeds the target).
            lim.max_m3_s = flood ? base + extra : std::max(inflow_next, base + extra);
            lim.why = "forecast at " + at + " " + grids::formatted("%.0f", expected) +
                      (flood ? " <= target " : " after the flood, release target ") + grids::formatted("%.0f", goal) +
                      (extra > 0.0 ? ": release up to " + grids::formatted("%.0f", extra) + " more"
                                   : (flood ? ": keep the present cut" : ": pass the inflow at most"));
        }
        out[static_cast<std::size_t>(r)].push_back(std::move(lim));
    }
}

bool control_applies(const std::vector<std::string>& zones, const RuleCondition& condition, const Network& network,
                     int r, const Instant& now) {
    const Reservoir& res = network.reservoirs()[static_cast<std::size_t>(r)];
    if (!zones.empty() && std::find(zones.begin(), zones.end(), res.zone(now)) == zones.end()) return false;
    if (condition.always()) return true;
    RuleInputs in;
    in.time = now;
    in.dt_s = network.step_s();
    in.level_m = res.level_m();
    in.storage_m3 = res.storage_m3();
    in.inflow_m3_s = network.nodes()[static_cast<std::size_t>(network.reservoir_node(r))].inflow_m3_s;
    in.release_prev_m3_s = res.release_m3_s();
    in.node_flow = [&](std::string_view name) -> std::optional<double> {
        const int k = network.find_node(std::string(name));
        if (k < 0) return std::nullopt;
        return network.nodes()[static_cast<std::size_t>(k)].outflow_m3_s;
    };
    in.node_stage = [&](std::string_view name) -> std::optional<double> {
        const int k = network.find_node(std::string(name));
        return k < 0 ? std::nullopt : network.stage_m(k);
    };
    return condition.holds(in);
}

void JointDispatch::save_state(StateArchive& a) const {
    std::vector<double> times;
    std::vector<std::string> control, reservoir, what;
    for (const DispatchEvent& e : m_events) {
        times.push_back(e.time_s);
        control.push_back(e.control);
        reservoir.push_back(e.reservoir);
        what.push_back(e.what);
    }
    a.put("dispatch.event.time_s", std::move(times));
    a.put_texts("dispatch.event.control", control);
    a.put_texts("dispatch.event.reservoir", reservoir);
    a.put_texts("dispatch.event.what", what);
}

void JointDispatch::restore_state(const StateArchive& a) {
    const std::vector<double>& times = a.get_array("dispatch.event.time_s");
    const auto control = a.get_texts("dispatch.event.control"), reservoir = a.get_texts("dispatch.event.reservoir"),
               what = a.get_texts("dispatch.event.what");
    if (control.size() != times.size() || reservoir.size() != times.size() || what.size() != times.size())
        throw std::runtime_error(a.source + ": state 'dispatch.event' has columns of different lengths");
    m_events.clear();
    for (std::size_t i = 0; i < times.size(); ++i) m_events.push_back({times[i], control[i], reservoir[i], what[i]});
}

std::vector<std::vector<ExternalLimit>> JointDispatch::limits(const Network& network) {
    std::vector<std::vector<ExternalLimit>> out(network.reservoirs().size());
    if (empty()) return out;
    // Each member's present cut (release - inflow), kept in the look-ahead; a member
    // with no room left is taken to pass its inflow.
    std::vector<double> offsets(network.reservoirs().size(), 0.0);
    for (int r : m_minimums.members()) {
        const double inflow = network.nodes()[static_cast<std::size_t>(network.reservoir_node(r))].inflow_m3_s;
        offsets[static_cast<std::size_t>(r)] = network.reservoirs()[static_cast<std::size_t>(r)].release_m3_s() - inflow;
    }
    for (const ControlPoint& c : m_controls)
        for (int r : c.members) {
            const Reservoir& res = network.reservoirs()[static_cast<std::size_t>(r)];
            const double d = res.release_m3_s() - network.nodes()[static_cast<std::size_t>(network.reservoir_node(r))].inflow_m3_s;
            const bool full = res.storage_m3() >= res.storage_at(res.spec().normal_pool_m);
            offsets[static_cast<std::size_t>(r)] = full ? std::max(0.0, d) : d;
        }
    const NetworkForecast persist = network.look_ahead(network.horizon_s(), offsets);
    const NetworkForecast& natural = network.current_forecast();
    for (const ControlPoint& c : m_controls) add_limits(c, network, natural, persist, offsets, out);
    m_minimums.add_limits(network, persist, offsets, out);
    return out;
}

}  // namespace floodtwin::twin
