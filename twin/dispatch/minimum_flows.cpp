#include "twin/dispatch/minimum_flows.hpp"

#include <algorithm>
#include <stdexcept>

#include "grids/text_fields.hpp"
#include "twin/dispatch/joint_dispatch.hpp"

namespace floodtwin::twin {

namespace {

[[noreturn]] void fail(const std::string& key, const std::string& what) {
    throw std::invalid_argument(key + ": " + what);
}

}  // namespace

MinimumFlows::MinimumFlows(const NetworkCase& net, const Network& network) {
    for (const RuleSection& rule : net.rules) {
        if (rule.type != "downstream_minimum") continue;
        MinimumPoint p;
        p.name = rule.reservoir + "/" + rule.name;
        p.key = rule.key;
        p.purpose = rule.purpose.empty() ? "other" : rule.purpose;
        p.priority = rule.priority;
        p.zones = rule.zones;
        p.condition = RuleCondition(rule.condition, "rule '" + rule.name + "': if");
        p.station = network.find_node(rule.node);
        if (p.station < 0) fail(rule.key + ".node", "no node named '" + rule.node + "'");
        for (std::size_t r = 0; r < network.reservoirs().size(); ++r)
            if (network.reservoirs()[r].spec().name == rule.reservoir) p.reservoir = static_cast<int>(r);
        if (!network.travel_time_s(network.reservoir_node(p.reservoir), p.station))
            fail(rule.key + ".node", "'" + rule.node + "' is not downstream of reservoir '" + rule.reservoir + "'");
        std::optional<double> stage;
        if (rule.min_flow_m3_s) {
            p.measure = "flow";
            p.written = p.min_m3_s = *rule.min_flow_m3_s;
        } else if (rule.min_stage_m) {
            p.measure = "stage";
            p.written = *rule.min_stage_m;
            stage = p.written;
        } else {
            p.measure = "depth";
            p.written = rule.min_depth_m.value_or(0.0);
            const auto node = std::find_if(net.nodes.begin(), net.nodes.end(),
                                           [&](const NodeSection& n) { return n.name == rule.node; });
            if (node == net.nodes.end() || !node->bed_level_m)
                fail(rule.key + ".min_depth", "'" + rule.node + "' has no bed_level: a depth needs the channel bed");
            stage = *node->bed_level_m + p.written;
        }
        if (stage) {
            const auto q = network.flow_for_stage(p.station, *stage);
            if (!q) fail(rule.key + ".min_" + p.measure, "a " + p.measure + " minimum needs a rating at '" + rule.node + "'");
            p.min_m3_s = *q;
        }
        m_points.push_back(std::move(p));
    }
    for (MinimumPoint& p : m_points)
        p.servers = static_cast<int>(std::count_if(m_points.begin(), m_points.end(),
                                                   [&](const MinimumPoint& o) { return o.station == p.station; }));
}

std::vector<int> MinimumFlows::members() const {
    std::vector<int> r;
    for (const MinimumPoint& p : m_points) r.push_back(p.reservoir);
    return r;
}

void MinimumFlows::add_limits(const Network& network, const NetworkForecast& persist,
                              const std::vector<double>& offsets, std::vector<std::vector<ExternalLimit>>& out) const {
    const double dt = network.step_s();
    const Instant now{network.start().epoch_s + network.time_s(), network.start().utc_offset_min};
    for (const MinimumPoint& p : m_points) {
        if (!control_applies(p.zones, p.condition, network, p.reservoir, now)) continue;
        const int node = network.reservoir_node(p.reservoir);
        const double lead = dt + *network.travel_time_s(node, p.station);
        const double expected = persist.at(p.station, lead);
        const double gap = p.min_m3_s - expected;  // > 0: release more
        const double base = std::max(0.0, persist.at(node, dt) + offsets[static_cast<std::size_t>(p.reservoir)]);
        ExternalLimit lim;
        lim.rule = p.name;
        lim.priority = p.priority;
        lim.min_m3_s = std::max(0.0, base + gap / p.servers);
        const std::string& station = network.nodes()[static_cast<std::size_t>(p.station)].name;
        lim.why = "forecast at " + station + " in " + grids::formatted("%.0f", lead / 3600.0) + " h " +
                  grids::formatted("%.0f", expected) + (gap > 0.0 ? " < " : " >= ") + p.purpose + " minimum " +
                  grids::formatted("%.0f", p.min_m3_s) +
                  (gap > 0.0 ? ": release " + grids::formatted("%.0f", gap / p.servers) + " more"
                             : ": keep at least " + grids::formatted("%.0f", *lim.min_m3_s));
        out[static_cast<std::size_t>(p.reservoir)].push_back(std::move(lim));
    }
}

}  // namespace floodtwin::twin
