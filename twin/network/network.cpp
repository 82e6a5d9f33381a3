#include "twin/network/network.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "twin/network/network_build.hpp"

namespace floodtwin::twin {

double NetworkLedger::relative_error() const {
    const double imbalance = (storage_m3 - initial_storage_m3) -
                             (inflow_m3 - outflow_m3 - to_domain_m3 + from_domain_m3 - withdrawn_m3 + returned_m3);
    const double scale = std::max({std::abs(storage_m3), std::abs(initial_storage_m3), inflow_m3, 1.0});
    return imbalance / scale;
}

double NetworkForecast::at(int node, double lead_s) const {
    if (inflow_m3_s.empty()) return 0.0;
    const auto n = static_cast<std::size_t>(node);
    const double k = std::clamp(lead_s / dt_s, 1.0, static_cast<double>(steps()));
    const auto lo = static_cast<std::size_t>(std::floor(k));
    const std::size_t hi = std::min(lo + 1, steps());
    const double f = k - static_cast<double>(lo);
    return (1.0 - f) * inflow_m3_s[lo - 1][n] + f * inflow_m3_s[hi - 1][n];
}

double NetworkForecast::max_within(int node, double horizon_s) const {
    double m = 0.0;
    const auto n = static_cast<std::size_t>(node);
    for (std::size_t k = 0; k < steps() && static_cast<double>(k + 1) * dt_s <= horizon_s + 1e-9; ++k)
        m = std::max(m, inflow_m3_s[k][n]);
    return m;
}

Network::Network(const NetworkCase& net, const Instant& start, double step_s, bool coupled)
    : m_start(start), m_step_s(step_s), m_horizon_s(net.settings.forecast_horizon_s), m_coupled(coupled) {
    if (!(step_s > 0.0)) throw std::invalid_argument("network.step: must be > 0");
    NetworkParts parts = build_network(net, step_s);
    m_nodes = std::move(parts.nodes);
    m_reaches = std::move(parts.reaches);
    m_reservoirs = std::move(parts.reservoirs);
    m_reservoir_node = std::move(parts.reservoir_node);
    m_order = std::move(parts.order);
    m_inlets = std::move(parts.inlets);
    m_outlet = parts.outlet;
    m_needs_forecast = parts.reads_forecast;

    m_downstream_part.assign(m_nodes.size(), false);
    if (m_outlet >= 0)
        for (int n : path_down(m_outlet)) m_downstream_part[static_cast<std::size_t>(n)] = true;
    m_crossing.assign(m_reaches.size(), false);
    for (std::size_t r = 0; r < m_reaches.size(); ++r) {
        const auto& reach = m_reaches[r];
        m_crossing[r] = !m_downstream_part[static_cast<std::size_t>(reach.from)] &&
                        m_downstream_part[static_cast<std::size_t>(reach.to)] && !reach.domain;
    }
    m_pending.assign(m_nodes.size(), {});
    m_inlet_volume_m3.assign(m_inlets.size(), 0.0);
    m_demands = NetworkDemands(
        net.demands, m_nodes.size(), [this](const std::string& name) { return find_node(name); },
        [this](int from, int to) {
            const std::vector<int> below = path_down(from);
            return std::find(below.begin(), below.end(), to) != below.end();
        });
    m_return_m3.assign(m_nodes.size(), 0.0);
    initialise();
}

namespace {

// The demands of a node over one step out of `available_m3`: the volume they take and the
// return flows, added to returns_m3 (per node); what returns at the node itself is taken
// off the volume at once.
double take_for_demands(const NetworkDemands& demands, int node, const Instant& start, double t0, double dt,
                        double available_m3, std::vector<double>& returns_m3, std::vector<double>* got = nullptr,
                        std::vector<double>* asked = nullptr) {
    if (!demands.at(node)) return 0.0;
    const std::vector<double> share = demands.share(node, start, t0, dt, available_m3, asked);
    const std::vector<int>& list = demands.demands_at(node);
    double taken = 0.0;
    for (std::size_t k = 0; k < list.size(); ++k) {
        const NetworkDemand& d = demands.demands()[static_cast<std::size_t>(list[k])];
        const double back = d.return_share * share[k];
        taken += share[k];
        if (d.return_node == node) taken -= back;
        else if (d.return_node >= 0) returns_m3[static_cast<std::size_t>(d.return_node)] += back;
    }
    if (got) *got = share;
    return taken;
}

}  // namespace

double Network::serve_demands(int node, double t0, double dt, double available_m3) {
    std::vector<double> got, asked;
    const double taken = take_for_demands(m_demands, node, m_start, t0, dt, available_m3, m_return_m3, &got, &asked);
    const std::vector<int>& list = m_demands.demands_at(node);
    for (std::size_t k = 0; k < list.size(); ++k) {
        const NetworkDemand& d = m_demands.demands()[static_cast<std::size_t>(list[k])];
        m_demands.book(list[k], asked[k], got[k], dt, t0 + dt);
        m_ledger.withdrawn_m3 += got[k];
        if (d.return_node == node) m_ledger.returned_m3 += d.return_share * got[k];
    }
    return taken;
}

int Network::find_node(const std::string& name) const {
    for (std::size_t n = 0; n < m_nodes.size(); ++n)
        if (m_nodes[n].name == name) return static_cast<int>(n);
    return -1;
}

std::vector<int> Network::path_down(int node) const {
    std::vector<int> path;
    for (int n = node; n >= 0;) {
        path.push_back(n);
        const int r = m_nodes[static_cast<std::size_t>(n)].downstream;
        n = r >= 0 ? m_reaches[static_cast<std::size_t>(r)].to : -1;
    }
    return path;
}

std::optional<double> Network::travel_time_s(int from, int to) const {
    double t = 0.0;
    for (int n = from; n >= 0;) {
        if (n == to) return t;
        const int r = m_nodes[static_cast<std::size_t>(n)].downstream;
        if (r < 0) break;
        const NetworkReach& reach = m_reaches[static_cast<std::size_t>(r)];
        t += reach.router.travel_time_s(std::max(reach.router.inflow_m3_s(), reach.router.outflow_m3_s()));
        n = reach.to;
    }
    return std::nullopt;
}

namespace {

// Linear interpolation in a monotone table, extrapolated linearly from the end segments.
double interpolate(const std::vector<double>& x, const std::vector<double>& y, double v) {
    if (x.size() == 1) return y.front();
    std::size_t i = std::upper_bound(x.begin(), x.end(), v) - x.begin();
    i = std::clamp<std::size_t>(i, 1, x.size() - 1);
    const double f = (v - x[i - 1]) / (x[i] - x[i - 1]);
    return y[i - 1] + f * (y[i] - y[i - 1]);
}

}  // namespace

std::optional<double> Network::stage_for_flow(int node, double flow_m3_s) const {
    const NetworkNode& n = m_nodes[static_cast<std::size_t>(node)];
    if (n.rating_flow_m3_s.empty()) return std::nullopt;
    return interpolate(n.rating_flow_m3_s, n.rating_stage_m, flow_m3_s);
}

std::optional<double> Network::flow_for_stage(int node, double stage_m) const {
    const NetworkNode& n = m_nodes[static_cast<std::size_t>(node)];
    if (n.rating_flow_m3_s.empty()) return std::nullopt;
    return interpolate(n.rating_stage_m, n.rating_flow_m3_s, stage_m);
}

double Network::domain_inflow_m3_s(int node) const {
    double q = 0.0;
    for (int r : m_nodes[static_cast<std::size_t>(node)].upstream)
        if (m_reaches[static_cast<std::size_t>(r)].domain) q += m_reaches[static_cast<std::size_t>(r)].outflow_m3_s;
    return q;
}

std::optional<double> Network::stage_m(int node) const {
    return stage_for_flow(node, m_nodes[static_cast<std::size_t>(node)].outflow_m3_s);
}

double Network::storage_now() const {
    double s = 0.0;
    for (const Reservoir& r : m_reservoirs) s += r.storage_m3();
    for (const NetworkReach& r : m_reaches)
        if (!(r.domain && m_coupled)) s += r.router.storage_m3();
    for (const auto& pending : m_pending)
        for (const auto& [q, v] : pending) s += v;
    for (double v : m_return_m3) s += v;
    return s - m_outlet_debt_m3;
}

void Network::initialise() {
    // Point flows at t = 0, carried down in topological order.
    // Demands take their first step's mean flow, from the flow passing them.
    std::vector<double> q(m_nodes.size(), 0.0), back(m_nodes.size(), 0.0);
    for (int n : m_order) {
        NetworkNode& node = m_nodes[static_cast<std::size_t>(n)];
        const auto i = static_cast<std::size_t>(n);
        double in = q[i] + back[i] / m_step_s;
        if (node.local_inflow_m3_s) in += node.local_inflow_m3_s->value_at(0.0);
        node.inflow_m3_s = in;
        double out = std::max(0.0, in - take_for_demands(m_demands, n, m_start, 0.0, m_step_s, in * m_step_s, back) /
                                            m_step_s);
        if (node.kind == NodeKind::reservoir) {
            Reservoir& res = m_reservoirs[static_cast<std::size_t>(node.reservoir)];
            out = std::min(out, res.capacity_m3_s(res.level_m()));
            res.set_release(out);
        }
        node.outflow_m3_s = out;
        if (node.downstream >= 0) {
            NetworkReach& reach = m_reaches[static_cast<std::size_t>(node.downstream)];
            reach.router.set_steady(out);
            reach.outflow_m3_s = out;
            q[static_cast<std::size_t>(reach.to)] += out;
        }
    }
    if (m_outlet >= 0) m_outlet_flow_m3_s = m_nodes[static_cast<std::size_t>(m_outlet)].inflow_m3_s;
    m_ledger = {};
    m_ledger.initial_storage_m3 = m_ledger.storage_m3 = storage_now();
    m_reservoir_ledgers.assign(m_reservoirs.size(), {});
    for (std::size_t r = 0; r < m_reservoirs.size(); ++r) m_reservoir_ledgers[r].initial_storage_m3 = m_reservoirs[r].storage_m3();
}

RuleInputs Network::rule_inputs(int reservoir, double t0, double dt) const {
    const Reservoir& res = m_reservoirs[static_cast<std::size_t>(reservoir)];
    const int node = reservoir_node(reservoir);
    RuleInputs in;
    in.time = Instant{m_start.epoch_s + t0, m_start.utc_offset_min};
    in.dt_s = dt;
    in.level_m = res.level_m();
    in.storage_m3 = res.storage_m3();
    in.inflow_m3_s = m_nodes[static_cast<std::size_t>(node)].inflow_m3_s;
    in.release_prev_m3_s = res.release_m3_s();
    if (m_needs_forecast)
        in.forecast_max_inflow = [this, node](double horizon_s) {
            return current_forecast().max_within(node, horizon_s);
        };
    in.node_flow = [this](std::string_view name) -> std::optional<double> {
        const int n = find_node(std::string(name));
        if (n < 0) return std::nullopt;
        return m_nodes[static_cast<std::size_t>(n)].outflow_m3_s;
    };
    in.node_stage = [this](std::string_view name) -> std::optional<double> {
        const int n = find_node(std::string(name));
        if (n < 0) return std::nullopt;
        return stage_m(n);
    };
    return in;
}

const NetworkForecast& Network::current_forecast() const {
    if (!m_forecast || m_forecast_t != m_time_s) {
        m_forecast = look_ahead(m_horizon_s);
        m_forecast_t = m_time_s;
    }
    return *m_forecast;
}

void Network::route_reach(int r, double flow_m3_s, double volume_m3) {
    NetworkReach& reach = m_reaches[static_cast<std::size_t>(r)];
    const hydro::RouteStep out = reach.router.step(std::max(flow_m3_s, 0.0), std::max(volume_m3, 0.0), m_step_s);
    reach.outflow_m3_s = out.outflow_m3_s;
    reach.volume_out_m3 = out.volume_out_m3;
}

void Network::advance_node(int n, double t0, double dt, const std::vector<std::vector<ExternalLimit>>& limits) {
    NetworkNode& node = m_nodes[static_cast<std::size_t>(n)];
    double q = 0.0, v = 0.0;
    for (int r : node.upstream) {
        const NetworkReach& reach = m_reaches[static_cast<std::size_t>(r)];
        if (reach.domain && m_coupled) continue;  // the 2D model carries that water
        q += reach.outflow_m3_s;
        v += reach.volume_out_m3;
    }
    if (node.local_inflow_m3_s) {
        const double vi = node.local_inflow_m3_s->integral(t0, t0 + dt);
        q += node.local_inflow_m3_s->value_at(t0 + dt);
        v += vi;
        m_ledger.inflow_m3 += vi;
    }
    if (n == m_outlet && m_coupled) {
        // What the 2D model let out; water it took in is owed and settled first.
        q = m_outlet_flow_m3_s;
        v = m_outlet_flow_m3_s * dt;
        m_ledger.from_domain_m3 += v;
        const double settle = std::min(std::max(v, 0.0), m_outlet_debt_m3);
        m_outlet_debt_m3 += (v < 0.0 ? -v : 0.0) - settle;
        v = std::max(v, 0.0) - settle;
        q = std::max(q, 0.0);
    }
    if (double& back = m_return_m3[static_cast<std::size_t>(n)]; back > 0.0) {
        // Return flows of intakes upstream, arriving over this step.
        q += back / dt;
        v += back;
        m_ledger.returned_m3 += back;
        back = 0.0;
    }
    node.inflow_m3_s = q;
    node.volume_in_m3 = v;
    double out_q = q, out_v = v;
    if (node.kind != NodeKind::reservoir && m_demands.at(n)) {
        const double taken = serve_demands(n, t0, dt, v);
        out_v = v - taken;
        out_q = std::max(0.0, q - taken / dt);
    }
    switch (node.kind) {
        case NodeKind::reservoir: {
            const int ri = node.reservoir;
            Reservoir& res = m_reservoirs[static_cast<std::size_t>(ri)];
            const RuleInputs in = rule_inputs(ri, t0, dt);
            const auto& ext = limits.empty() ? std::vector<ExternalLimit>{} : limits[static_cast<std::size_t>(ri)];
            const ReleaseDecision decision = res.decide(in, ext);
            // Intakes in the pool take from the inflow first, then from storage above the dead level.
            double v_pool = v, q_pool = q;
            if (m_demands.at(n)) {
                const double taken = serve_demands(n, t0, dt, v + res.storage_above_dead_m3());
                const double from_inflow = std::min(taken, v);
                v_pool = v - from_inflow;
                q_pool = std::max(0.0, q - taken / dt);
                res.withdraw(taken - from_inflow);
                m_reservoir_ledgers[static_cast<std::size_t>(ri)].withdrawn_m3 += taken;
            }
            const Reservoir::Step s = res.step(decision, v_pool, q_pool, dt);
            out_q = s.release_end_m3_s;
            out_v = s.volume_out_m3;
            m_reservoir_ledgers[static_cast<std::size_t>(ri)].inflow_m3 += v;
            m_reservoir_ledgers[static_cast<std::size_t>(ri)].release_m3 += out_v;
            m_log.push_back({t0 + dt, ri, q, s.release_end_m3_s, s.level_end_m, s.storage_end_m3, s.energy_mwh, decision,
                             s.capacity_limited});
            break;
        }
        // What is left after the node's intakes leaves the network or goes to the 2D model.
        case NodeKind::sink: m_ledger.outflow_m3 += out_v; break;
        case NodeKind::domain_inlet:
            if (m_coupled) {
                const auto i = std::find(m_inlets.begin(), m_inlets.end(), n) - m_inlets.begin();
                m_inlet_volume_m3[static_cast<std::size_t>(i)] += out_v;
                m_ledger.to_domain_m3 += out_v;
            }
            break;
        default: break;
    }
    node.outflow_m3_s = out_q;
    node.volume_out_m3 = out_v;
    if (node.downstream < 0) {
        // The end of the network (a sink counted above; an inlet's water went to the 2D model).
        if (node.kind != NodeKind::sink && !(node.kind == NodeKind::domain_inlet && m_coupled))
            m_ledger.outflow_m3 += out_v;
    } else if (m_crossing[static_cast<std::size_t>(node.downstream)]) {
        m_pending[static_cast<std::size_t>(n)].emplace_back(out_q, out_v);
    } else {
        route_reach(node.downstream, out_q, out_v);
    }
}

void Network::step_part(bool upstream, double t0_s) {
    m_time_s = t0_s;  // the forecast and rule inputs are of this step's start
    // Limits only for a part with reservoirs: a part without would see the other part's
    // state after its step at this step's start time.
    const bool has_reservoir = std::any_of(m_reservoir_node.begin(), m_reservoir_node.end(), [&](int n) {
        return m_downstream_part[static_cast<std::size_t>(n)] != upstream;
    });
    const std::vector<std::vector<ExternalLimit>> limits =
        m_limit_source && has_reservoir ? m_limit_source(*this) : std::vector<std::vector<ExternalLimit>>{};
    if (!upstream) {
        // Reaches into this part take the oldest step their upstream node left.
        for (std::size_t r = 0; r < m_reaches.size(); ++r) {
            if (!m_crossing[r]) continue;
            auto& pending = m_pending[static_cast<std::size_t>(m_reaches[r].from)];
            if (pending.empty()) throw std::logic_error("network: the downstream part ran ahead of the upstream part");
            const auto [q, v] = pending.front();
            pending.erase(pending.begin());
            route_reach(static_cast<int>(r), q, v);
        }
    }
    for (int n : m_order)
        if (m_downstream_part[static_cast<std::size_t>(n)] != upstream) advance_node(n, t0_s, m_step_s, limits);
    m_ledger.storage_m3 = storage_now();
    m_time_s = t0_s + m_step_s;
}

std::vector<double> Network::take_inlet_volumes() {
    std::vector<double> v = m_inlet_volume_m3;
    std::fill(m_inlet_volume_m3.begin(), m_inlet_volume_m3.end(), 0.0);
    return v;
}

NetworkForecast Network::look_ahead(double horizon_s, const std::vector<double>& release_offsets_m3_s) const {
    NetworkForecast f;
    f.t0_s = m_time_s;
    f.dt_s = m_step_s;
    const auto steps = static_cast<std::size_t>(std::ceil(horizon_s / m_step_s - 1e-9));
    std::vector<hydro::ReachRouter> routers;
    std::vector<double> reach_q, reach_v;
    for (const NetworkReach& r : m_reaches) {
        routers.push_back(r.router);
        reach_q.push_back(r.outflow_m3_s);
        reach_v.push_back(r.volume_out_m3);
    }
    // Reaches into the downstream part carry what the upstream part already routed.
    for (std::size_t k = 0; k < steps; ++k) {
        const double t0 = m_time_s + static_cast<double>(k) * m_step_s;
        std::vector<double> inflow(m_nodes.size(), 0.0), back(m_nodes.size(), 0.0);
        for (int n : m_order) {
            const NetworkNode& node = m_nodes[static_cast<std::size_t>(n)];
            double q = back[static_cast<std::size_t>(n)] / m_step_s, v = back[static_cast<std::size_t>(n)];
            for (int r : node.upstream) {
                q += reach_q[static_cast<std::size_t>(r)];
                v += reach_v[static_cast<std::size_t>(r)];
            }
            if (node.local_inflow_m3_s) {
                q += node.local_inflow_m3_s->value_at(t0 + m_step_s);
                v += node.local_inflow_m3_s->integral(t0, t0 + m_step_s);
            }
            // A node's flow is what leaves it after its intakes; a reservoir's, its inflow.
            const double pool_m3 = node.kind == NodeKind::reservoir
                                       ? m_reservoirs[static_cast<std::size_t>(node.reservoir)].storage_above_dead_m3()
                                       : 0.0;
            const double taken = take_for_demands(m_demands, n, m_start, t0, m_step_s, v + pool_m3, back);
            if (node.kind == NodeKind::reservoir) inflow[static_cast<std::size_t>(n)] = q;
            v = std::max(0.0, v - taken);
            q = std::max(0.0, q - taken / m_step_s);
            if (node.kind != NodeKind::reservoir) inflow[static_cast<std::size_t>(n)] = q;
            if (node.kind == NodeKind::reservoir && !release_offsets_m3_s.empty()) {
                // The release keeps its present offset from the inflow (volume alike).
                const double off = release_offsets_m3_s[static_cast<std::size_t>(node.reservoir)];
                const double q_out = std::max(0.0, q + off);
                v = std::max(0.0, v + off * m_step_s);
                q = q_out;
            }
            if (node.downstream >= 0) {
                const auto d = static_cast<std::size_t>(node.downstream);
                const hydro::RouteStep out = routers[d].step(std::max(q, 0.0), std::max(v, 0.0), m_step_s);
                reach_q[d] = out.outflow_m3_s;
                reach_v[d] = out.volume_out_m3;
            }
        }
        f.inflow_m3_s.push_back(std::move(inflow));
    }
    return f;
}

}  // namespace floodtwin::twin
