#include "twin/joint_dispatch.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "twin/network_build.hpp"

namespace floodtwin::twin {

namespace {

[[noreturn]] void fail(const std::string& key, const std::string& what) {
    throw std::invalid_argument(key + ": " + what);
}

std::string flow_text(double q) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", q);
    return buf;
}

int reservoir_index(const Network& network, const std::string& name) {
    for (std::size_t r = 0; r < network.reservoirs().size(); ++r)
        if (network.reservoirs()[r].spec().name == name) return static_cast<int>(r);
    return -1;
}

}  // namespace

JointDispatch::JointDispatch(const NetworkCase& net, const Network& network) {
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
        c.target_m3s = target_of(j.key, c.station, j.target_flow_m3s, j.target_stage_m);
        c.release_target_m3s = j.release_target_m3s.value_or(c.target_m3s);
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
        c.target_m3s = target_of(rule.key, c.station, rule.max_flow_m3s, rule.max_stage_m);
        c.release_target_m3s = c.target_m3s;
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

void JointDispatch::add_limits(const ControlPoint& c, const Network& network,
                               std::vector<std::vector<ExternalLimit>>& out) {
    const NetworkForecast& f = network.current_forecast();
    const double dt = network.step_s();
    const Instant now{network.start().epoch_s + network.time_s(), network.start().utc_offset_min};
    const std::string& station = network.nodes()[static_cast<std::size_t>(c.station)].name;
    const std::size_t n = c.members.size();
    std::vector<double> tau(n), room(n), stored(n), passthrough(n);
    for (std::size_t m = 0; m < n; ++m) {
        const Reservoir& res = network.reservoirs()[static_cast<std::size_t>(c.members[m])];
        tau[m] = *network.travel_time_s(network.reservoir_node(c.members[m]), c.station);
        room[m] = std::max(0.0, res.storage_at(res.spec().normal_pool_m) - res.storage_m3());
        stored[m] = std::max(0.0, res.storage_m3() - res.storage_at(res.flood_limit_m(now)));
        passthrough[m] = f.at(network.reservoir_node(c.members[m]), dt);
    }
    double total_stored = 0.0;
    for (double s : stored) total_stored += s;

    for (std::size_t m = 0; m < n; ++m) {
        const int r = c.members[m];
        const Reservoir& res = network.reservoirs()[static_cast<std::size_t>(r)];
        if (!c.zones.empty() && std::find(c.zones.begin(), c.zones.end(), res.zone(now)) == c.zones.end()) continue;
        if (!c.condition.always()) {
            RuleInputs in;
            in.time = now;
            in.dt_s = dt;
            in.level_m = res.level_m();
            in.storage_m3 = res.storage_m3();
            in.inflow_m3s = network.nodes()[static_cast<std::size_t>(network.reservoir_node(r))].inflow_m3s;
            in.release_prev_m3s = res.release_m3s();
            in.node_flow = [&](std::string_view name) -> std::optional<double> {
                const int k = network.find_node(std::string(name));
                if (k < 0) return std::nullopt;
                return network.nodes()[static_cast<std::size_t>(k)].outflow_m3s;
            };
            in.node_stage = [&](std::string_view name) -> std::optional<double> {
                const int k = network.find_node(std::string(name));
                return k < 0 ? std::nullopt : network.stage_m(k);
            };
            if (!c.condition.holds(in)) continue;
        }
        const double lead = dt + tau[m];
        const double forecast = f.at(c.station, lead);
        const double excess = forecast - c.target_m3s;
        ExternalLimit lim;
        lim.rule = c.name;
        lim.priority = c.priority;
        const std::string at = station + " in " + flow_text(lead / 3600.0) + " h";
        if (excess > 0.0) {
            if (room[m] <= 0.0) {
                event_once(network.time_s(), c, r,
                           "flood-control storage used up (normal pool " + flow_text(res.spec().normal_pool_m) + " m)",
                           network);
                continue;  // nothing left to hold back: its own rules decide
            }
            // Members that can still act for that time, and the first tier among them with room.
            int tier = c.tiers[m];
            for (std::size_t k = 0; k < n; ++k)
                if (tau[k] <= tau[m] + 1e-6 && room[k] > 0.0) tier = std::min(tier, c.tiers[k]);
            double share = 0.0;
            if (c.tiers[m] == tier) {
                double sum = 0.0;
                for (std::size_t k = 0; k < n; ++k)
                    if (tau[k] <= tau[m] + 1e-6 && room[k] > 0.0 && c.tiers[k] == tier) sum += room[k];
                share = room[m] / sum;
            }
            const double cut = share * excess;
            lim.max_m3s = std::max(0.0, passthrough[m] - cut);
            lim.why = "forecast at " + at + " " + flow_text(forecast) + " > target " + flow_text(c.target_m3s) +
                      ": cut " + flow_text(cut) + " of " + flow_text(excess) +
                      (share > 0.0 ? "" : " (a later tier: hold the inflow)");
        } else {
            if (stored[m] <= 0.0) continue;  // no flood water stored: its own rules decide
            const double headroom = c.release_target_m3s - forecast;
            const double extra = headroom > 0.0 && total_stored > 0.0 ? headroom * stored[m] / total_stored : 0.0;
            lim.max_m3s = passthrough[m] + extra;
            lim.why = "forecast at " + at + " " + flow_text(forecast) +
                      (extra > 0.0 ? " below release target " + flow_text(c.release_target_m3s) + ": release up to " +
                                         flow_text(extra) + " of stored water"
                                   : " above release target " + flow_text(c.release_target_m3s) + ": hold stored water");
        }
        out[static_cast<std::size_t>(r)].push_back(std::move(lim));
    }
}

std::vector<std::vector<ExternalLimit>> JointDispatch::limits(const Network& network) {
    std::vector<std::vector<ExternalLimit>> out(network.reservoirs().size());
    for (const ControlPoint& c : m_controls) add_limits(c, network, out);
    return out;
}

}  // namespace floodtwin::twin
