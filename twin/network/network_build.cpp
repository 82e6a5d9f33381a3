#include "twin/network/network_build.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "grids/text_fields.hpp"
#include "twin/case/case_keys.hpp"

namespace floodtwin::twin {

namespace {

[[noreturn]] void fail(const std::string& key, const std::string& what) {
    throw std::invalid_argument(key + ": " + what);
}

// Capacity tables summed on the union of their levels (each held at its end values).
void sum_capacity(const ReservoirSection& r, std::vector<double>& levels, std::vector<double>& total) {
    const std::vector<const std::vector<std::vector<double>>*> parts = {&r.spillway, &r.outlets, &r.turbines};
    std::set<double> at;
    for (const auto* t : parts)
        for (const auto& row : *t) at.insert(row[0]);
    if (at.empty())
        fail(r.key, "no release capacity: give at least one of spillway, outlets, turbines");
    auto value = [](const std::vector<std::vector<double>>& t, double z) {
        if (t.empty()) return 0.0;
        if (z <= t.front()[0]) return t.front()[1];
        if (z >= t.back()[0]) return t.back()[1];
        std::size_t i = 1;
        while (t[i][0] < z) ++i;
        const double f = (z - t[i - 1][0]) / (t[i][0] - t[i - 1][0]);
        return t[i - 1][1] + f * (t[i][1] - t[i - 1][1]);
    };
    for (const auto* t : parts)
        for (std::size_t i = 1; i < t->size(); ++i)
            if (!((*t)[i][0] > (*t)[i - 1][0]))
                fail(r.key, "capacity table row " + std::to_string(i + 1) + ": levels must increase");
    for (double z : at) {
        levels.push_back(z);
        double q = 0.0;
        for (const auto* t : parts) q += value(*t, z);
        total.push_back(q);
    }
}

NodeKind node_kind(const std::string& kind) {
    if (kind == "inflow") return NodeKind::inflow;
    if (kind == "station") return NodeKind::station;
    if (kind == "domain_inlet") return NodeKind::domain_inlet;
    if (kind == "domain_outlet") return NodeKind::domain_outlet;
    if (kind == "sink") return NodeKind::sink;
    return NodeKind::junction;
}

}  // namespace

ReservoirSpec reservoir_spec(const ReservoirSection& r, const std::vector<RuleSection>& rules) {
    ReservoirSpec s;
    s.name = r.name;
    for (const auto& row : r.storage) {
        s.table_level_m.push_back(row[0]);
        s.table_storage_m3.push_back(row[1]);
    }
    sum_capacity(r, s.capacity_level_m, s.capacity_m3_s);
    s.dead_level_m = r.dead_level_m;
    s.normal_pool_m = r.normal_pool_m;
    s.design_flood_level_m = r.design_flood_level_m;
    s.check_flood_level_m = r.check_flood_level_m;
    s.initial_level_m = r.initial_level_m;
    for (const DateLevel& d : r.flood_limit) {
        s.flood_limit.month.push_back(d.month);
        s.flood_limit.day.push_back(d.day);
        s.flood_limit.level_m.push_back(d.level_m);
    }
    for (const DateLevel& d : r.guide_curve) {
        s.guide_curve.month.push_back(d.month);
        s.guide_curve.day.push_back(d.day);
        s.guide_curve.level_m.push_back(d.level_m);
    }
    if (r.installed_mw) {
        if (r.turbines.empty()) fail(r.key + ".installed_capacity", "needs a turbines capacity table");
        if (!r.tailwater_m) fail(r.key + ".tailwater", "needed with installed_capacity (the head)");
        HydropowerSpec h;
        h.efficiency = r.efficiency;
        h.installed_mw = *r.installed_mw;
        for (const auto& row : r.turbines) h.turbine_capacity_m3_s = std::max(h.turbine_capacity_m3_s, row[1]);
        h.tailwater_level_m = *r.tailwater_m;
        s.hydropower = h;
    }
    std::set<std::string> names;
    for (const RuleSection& rs : rules) {
        if (rs.reservoir != r.name) continue;
        if (!names.insert(rs.name).second)
            fail(rs.key + ".name", "'" + rs.name + "' is already a rule of reservoir '" + r.name + "'");
        RuleSpec spec;
        spec.name = rs.name;
        spec.type = rs.type;
        spec.priority = rs.priority;
        spec.zones = rs.zones;
        spec.condition = rs.condition;
        spec.value_m3_s = rs.value_m3_s;
        spec.purpose = rs.purpose;
        spec.rate_up_m3_s_per_h = rs.rate_up_m3_s_per_h;
        spec.rate_down_m3_s_per_h = rs.rate_down_m3_s_per_h;
        spec.return_days = rs.return_time_s / 86400.0;
        spec.level_m = rs.level_m;
        spec.horizon_s = rs.horizon_s;
        spec.inflow_threshold_m3_s = rs.threshold_m3_s;
        spec.power_mw = rs.power_mw;
        spec.node = rs.node;
        spec.max_flow_m3_s = rs.max_flow_m3_s.value_or(0.0);
        spec.max_stage_m = rs.max_stage_m.value_or(0.0);
        if (rs.type == "downstream_control" && !rs.max_flow_m3_s && !rs.max_stage_m)
            fail(rs.key, "a downstream_control rule needs max_flow or max_stage");
        if (rs.type == "downstream_minimum" &&
            (rs.min_flow_m3_s ? 1 : 0) + (rs.min_stage_m ? 1 : 0) + (rs.min_depth_m ? 1 : 0) != 1)
            fail(rs.key, "a downstream_minimum rule needs exactly one of min_flow, min_stage and min_depth");
        s.rules.push_back(std::move(spec));
    }
    return s;
}

NetworkParts build_network(const NetworkCase& net, double step_s) {
    NetworkParts p;
    std::map<std::string, std::string> owner;  // name -> key that defined it
    auto claim = [&](const std::string& name, const std::string& key) {
        const auto [it, fresh] = owner.emplace(name, key);
        if (!fresh) fail(key + ".name", "'" + name + "' is already the name of " + it->second);
    };
    for (const NodeSection& s : net.nodes) {
        claim(s.name, s.key);
        NetworkNode n;
        n.name = s.name;
        n.key = s.key;
        n.kind = node_kind(s.kind);
        n.local_inflow_m3_s = s.inflow_m3_s;
        n.datum = s.datum;
        n.boundary = s.boundary;
        for (std::size_t i = 0; i < s.rating.size(); ++i) {
            const double stage = s.rating[i][0], flow = s.rating[i][1];
            if (i > 0 && !(stage > n.rating_stage_m.back() && flow > n.rating_flow_m3_s.back()))
                fail(s.key + ".rating", "'" + s.name + "': row " + std::to_string(i + 1) +
                                            ": stage and flow must both increase from row to row");
            n.rating_stage_m.push_back(stage);
            n.rating_flow_m3_s.push_back(flow);
        }
        if (s.rating.size() == 1) fail(s.key + ".rating", "a rating needs at least two rows");
        // Low-flow (drought) thresholds: blue to red, decreasing, with where they come from.
        for (const auto* low : {&s.low_flow_m3_s, &s.low_stage_m}) {
            const std::string key = s.key + (low == &s.low_flow_m3_s ? ".low_flow" : ".low_stage");
            if (low->size() > 4) fail(key, "at most four thresholds (blue, yellow, orange, red)");
            for (std::size_t k = 1; k < low->size(); ++k)
                if (!((*low)[k] < (*low)[k - 1]))
                    fail(key, "thresholds must decrease from blue to red (" + grids::number_text((*low)[k - 1]) +
                                  " then " + grids::number_text((*low)[k]) + ")");
            if (!low->empty() && s.low_flow_source.empty())
                fail(s.key + ".low_flow_source", "say where the low-flow thresholds come from");
            if (low == &s.low_stage_m && !low->empty() && s.rating.empty())
                fail(key, "a low stage needs the node's rating");
        }
        p.nodes.push_back(std::move(n));
    }
    for (const ReservoirSection& r : net.reservoirs) {
        claim(r.name, r.key);
        try {
            p.reservoirs.emplace_back(reservoir_spec(r, net.rules));
        } catch (const std::invalid_argument& e) {
            const std::string what = e.what();
            throw std::invalid_argument(what.rfind(r.key, 0) == 0 ? what : r.key + ": " + what);
        }
        NetworkNode n;
        n.name = r.name;
        n.key = r.key;
        n.kind = NodeKind::reservoir;
        n.local_inflow_m3_s = r.inflow_m3_s;
        n.reservoir = static_cast<int>(p.reservoirs.size() - 1);
        p.nodes.push_back(std::move(n));
        p.reservoir_node.push_back(static_cast<int>(p.nodes.size() - 1));
    }
    auto find = [&](const std::string& name) {
        for (std::size_t i = 0; i < p.nodes.size(); ++i)
            if (p.nodes[i].name == name) return static_cast<int>(i);
        return -1;
    };
    auto unknown = [&](const std::string& key, const std::string& name, const std::string& what) {
        std::string msg = "no " + what + " named '" + name + "'";
        std::string best;
        std::size_t best_d = 3;
        for (const NetworkNode& n : p.nodes)
            if (const std::size_t d = edit_distance(name, n.name); d < best_d) best = n.name, best_d = d;
        if (!best.empty()) msg += "; did you mean '" + best + "'?";
        fail(key, msg);
    };
    for (const RuleSection& rule : net.rules)
        if (std::none_of(net.reservoirs.begin(), net.reservoirs.end(),
                         [&](const ReservoirSection& r) { return r.name == rule.reservoir; }))
            unknown(rule.key + ".reservoir", rule.reservoir, "reservoir");

    // Reaches.
    for (const ReachSection& s : net.reaches) {
        const int from = find(s.from), to = find(s.to);
        if (from < 0) unknown(s.key + ".from", s.from, "node or reservoir");
        if (to < 0) unknown(s.key + ".to", s.to, "node or reservoir");
        if (from == to) fail(s.key, "runs from '" + s.from + "' to itself");
        NetworkNode& up = p.nodes[static_cast<std::size_t>(from)];
        if (up.downstream >= 0)
            fail(s.key, "'" + s.from + "' already has a reach downstream (" +
                            p.reaches[static_cast<std::size_t>(up.downstream)].key +
                            "); a node has one reach downstream (splits are not modelled)");
        if (up.kind == NodeKind::sink) fail(s.key + ".from", "'" + s.from + "' is a sink: nothing leaves it");
        const bool domain = s.method == "domain";
        if (domain && (up.kind != NodeKind::domain_inlet ||
                       p.nodes[static_cast<std::size_t>(to)].kind != NodeKind::domain_outlet))
            fail(s.key + ".method", "'" + s.from + "' -> '" + s.to +
                                        "': a \"domain\" reach runs from a domain_inlet to the domain_outlet");
        if (!domain && up.kind == NodeKind::domain_inlet)
            fail(s.key + ".method", "the reach from domain_inlet '" + s.from +
                                        "' lies inside the 2D model: it must be method = \"domain\"");
        NetworkReach reach{s.name, s.key, from, to, domain, hydro::ReachRouter::lag(step_s, step_s), 0.0, 0.0};
        try {
            if (s.method == "muskingum_cunge") {
                hydro::ChannelSection cs;
                cs.bottom_width_m = s.width_m;
                cs.side_slope = s.side_slope;
                cs.manning_n = s.manning;
                cs.bed_slope = s.slope;
                reach.router = hydro::ReachRouter::muskingum_cunge(cs, s.length_m, step_s, s.low_flow_m3_s);
            } else if (s.method == "muskingum") {
                reach.router = hydro::ReachRouter::muskingum(s.k_s, s.x, step_s);
            } else {
                if (s.method == "lag" && !s.lag_s) fail(s.key + ".lag", "missing: a lag reach needs its travel time");
                reach.router = hydro::ReachRouter::lag(s.lag_s.value_or(0.0), step_s);
            }
        } catch (const std::invalid_argument& e) {
            fail(s.key, e.what());
        }
        up.downstream = static_cast<int>(p.reaches.size());
        p.nodes[static_cast<std::size_t>(to)].upstream.push_back(static_cast<int>(p.reaches.size()));
        p.reaches.push_back(std::move(reach));
    }

    // The 2D model's inlets and outlet.
    for (std::size_t i = 0; i < p.nodes.size(); ++i) {
        const NetworkNode& n = p.nodes[i];
        if (n.kind == NodeKind::domain_inlet) p.inlets.push_back(static_cast<int>(i));
        if (n.kind == NodeKind::domain_outlet) {
            if (p.outlet >= 0)
                fail(n.key, "'" + n.name + "' is a second domain_outlet ('" +
                                p.nodes[static_cast<std::size_t>(p.outlet)].name +
                                "' is one); the 2D model has one outlet to the network");
            p.outlet = static_cast<int>(i);
        }
        if (n.kind == NodeKind::inflow && !n.upstream.empty())
            fail(n.key, "inflow node '" + n.name + "' has a reach into it; use a junction with an inflow upstream");
    }
    if (!p.inlets.empty() && p.outlet >= 0)
        for (int i : p.inlets)
            if (p.nodes[static_cast<std::size_t>(i)].downstream < 0)
                fail(p.nodes[static_cast<std::size_t>(i)].key,
                     "domain_inlet '" + p.nodes[static_cast<std::size_t>(i)].name +
                         "' needs a reach with method = \"domain\" to the domain_outlet: the network alone "
                         "routes its water through it");

    // Topological order (Kahn); what is left over lies on a cycle.
    std::vector<int> indegree(p.nodes.size(), 0);
    for (const NetworkReach& r : p.reaches) ++indegree[static_cast<std::size_t>(r.to)];
    std::vector<int> ready;
    for (std::size_t i = 0; i < p.nodes.size(); ++i)
        if (indegree[i] == 0) ready.push_back(static_cast<int>(i));
    while (!ready.empty()) {
        const int n = ready.front();
        ready.erase(ready.begin());
        p.order.push_back(n);
        const int r = p.nodes[static_cast<std::size_t>(n)].downstream;
        if (r >= 0 && --indegree[static_cast<std::size_t>(p.reaches[static_cast<std::size_t>(r)].to)] == 0)
            ready.push_back(p.reaches[static_cast<std::size_t>(r)].to);
    }
    if (p.order.size() != p.nodes.size()) {
        // Walk down from a node left over until a node repeats: that is the cycle.
        int n = 0;
        while (indegree[static_cast<std::size_t>(n)] == 0) ++n;
        std::vector<int> seen;
        while (std::find(seen.begin(), seen.end(), n) == seen.end()) {
            seen.push_back(n);
            n = p.reaches[static_cast<std::size_t>(p.nodes[static_cast<std::size_t>(n)].downstream)].to;
        }
        std::string text = p.nodes[static_cast<std::size_t>(n)].name;
        for (int m = p.reaches[static_cast<std::size_t>(p.nodes[static_cast<std::size_t>(n)].downstream)].to;;
             m = p.reaches[static_cast<std::size_t>(p.nodes[static_cast<std::size_t>(m)].downstream)].to) {
            text += " -> " + p.nodes[static_cast<std::size_t>(m)].name;
            if (m == n) break;
        }
        fail(p.nodes[static_cast<std::size_t>(n)].key, "the network has a cycle: " + text);
    }

    // Every node joined to the others (one network, not several pieces).
    if (p.nodes.size() > 1) {
        std::vector<int> component(p.nodes.size(), -1);
        std::vector<std::vector<int>> adjacent(p.nodes.size());
        for (const NetworkReach& r : p.reaches) {
            adjacent[static_cast<std::size_t>(r.from)].push_back(r.to);
            adjacent[static_cast<std::size_t>(r.to)].push_back(r.from);
        }
        std::vector<int> stack = {0};
        component[0] = 0;
        while (!stack.empty()) {
            const int n = stack.back();
            stack.pop_back();
            for (int m : adjacent[static_cast<std::size_t>(n)])
                if (component[static_cast<std::size_t>(m)] < 0) component[static_cast<std::size_t>(m)] = 0, stack.push_back(m);
        }
        for (std::size_t i = 0; i < p.nodes.size(); ++i)
            if (component[i] < 0)
                fail(p.nodes[i].key, "'" + p.nodes[i].name + "' is not joined to '" + p.nodes[0].name +
                                         "' by any chain of reaches: every node must be reachable");
    }

    // Node names in rules.
    for (std::size_t r = 0; r < p.reservoirs.size(); ++r) {
        for (const std::string& name : p.reservoirs[r].nodes_referenced())
            if (find(name) < 0) {
                std::string key = net.reservoirs[r].key;
                for (const RuleSection& rule : net.rules)
                    if (rule.reservoir == net.reservoirs[r].name &&
                        (rule.node == name || rule.condition.find(name) != std::string::npos)) {
                        key = rule.key + (rule.node == name ? ".node" : ".if");
                        break;
                    }
                unknown(key, name, "node");
            }
    }
    for (const RuleSection& rule : net.rules) p.reads_forecast = p.reads_forecast || rule.type == "pre_release";
    return p;
}

}  // namespace floodtwin::twin
