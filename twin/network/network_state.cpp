// The network's state as named numbers (twin/state/state_archive.hpp): what a checkpoint
// keeps so that a run resumes bit for bit, and what a hot start takes over.
#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <string>

#include "twin/network/network.hpp"

namespace floodtwin::twin {

namespace {

constexpr const char* kLogNumbers[] = {"time_s",     "reservoir", "inflow_m3_s", "release_m3_s", "level_m",
                                       "storage_m3", "energy_mwh", "capacity_limited", "decided_m3_s",
                                       "lo_m3_s",    "hi_m3_s",   "desired_m3_s"};

std::string log_key(const char* field) { return std::string("network.log.") + field; }

std::string reach_key(std::size_t r) { return "network.reach[" + std::to_string(r) + "].routing"; }

template <class T, class Get>
std::vector<double> column(const std::vector<T>& items, Get get) {
    std::vector<double> v;
    v.reserve(items.size());
    for (const T& item : items) v.push_back(get(item));
    return v;
}

// Each item's `field` from the array "<prefix><name>", one value per item.
template <class T>
void restore_columns(const StateArchive& a, const std::string& prefix, std::vector<T>& items,
                     std::initializer_list<std::pair<const char*, double T::*>> fields) {
    for (const auto& [name, field] : fields) {
        const std::vector<double>& v = a.get_array(prefix + name, items.size());
        for (std::size_t i = 0; i < items.size(); ++i) items[i].*field = v[i];
    }
}

void save_log(StateArchive& a, const std::vector<DispatchRecord>& log) {
    std::vector<std::vector<double>> numbers(std::size(kLogNumbers));
    std::vector<std::string> zone, set_by, desired_by, reason, binding;
    for (const DispatchRecord& d : log) {
        const double values[] = {d.time_s,       static_cast<double>(d.reservoir), d.inflow_m3_s,
                                 d.release_m3_s, d.level_m,                         d.storage_m3,
                                 d.energy_mwh,   d.capacity_limited ? 1.0 : 0.0,    d.decision.release_m3_s,
                                 d.decision.lo_m3_s, d.decision.hi_m3_s,            d.decision.desired_m3_s};
        for (std::size_t k = 0; k < numbers.size(); ++k) numbers[k].push_back(values[k]);
        zone.push_back(d.decision.zone);
        set_by.push_back(d.decision.set_by);
        desired_by.push_back(d.decision.desired_by);
        reason.push_back(d.decision.reason);
        std::string b;
        for (const std::string& line : d.decision.binding) b += line + '\n';
        binding.push_back(std::move(b));
    }
    for (std::size_t k = 0; k < numbers.size(); ++k) a.put(log_key(kLogNumbers[k]), std::move(numbers[k]));
    a.put_texts(log_key("zone"), zone);
    a.put_texts(log_key("set_by"), set_by);
    a.put_texts(log_key("desired_by"), desired_by);
    a.put_texts(log_key("reason"), reason);
    a.put_texts(log_key("binding"), binding);
}

std::vector<DispatchRecord> restore_log(const StateArchive& a) {
    const std::size_t n = a.get_array(log_key("time_s")).size();
    std::vector<const std::vector<double>*> numbers;
    for (const char* field : kLogNumbers) numbers.push_back(&a.get_array(log_key(field), n));
    auto texts = [&](const char* field) {
        std::vector<std::string> t = a.get_texts(log_key(field));
        if (t.size() != n)
            throw std::runtime_error(a.source + ": state '" + log_key(field) + "' holds " + std::to_string(t.size()) +
                                     " entries for " + std::to_string(n) + " log rows");
        return t;
    };
    const auto zone = texts("zone"), set_by = texts("set_by"), desired_by = texts("desired_by"),
               reason = texts("reason"), binding = texts("binding");
    std::vector<DispatchRecord> log(n);
    for (std::size_t i = 0; i < n; ++i) {
        DispatchRecord& d = log[i];
        auto at = [&](std::size_t k) { return (*numbers[k])[i]; };
        d.time_s = at(0);
        d.reservoir = static_cast<int>(at(1));
        d.inflow_m3_s = at(2);
        d.release_m3_s = at(3);
        d.level_m = at(4);
        d.storage_m3 = at(5);
        d.energy_mwh = at(6);
        d.capacity_limited = at(7) != 0.0;
        d.decision.release_m3_s = at(8);
        d.decision.lo_m3_s = at(9);
        d.decision.hi_m3_s = at(10);
        d.decision.desired_m3_s = at(11);
        d.decision.zone = zone[i];
        d.decision.set_by = set_by[i];
        d.decision.desired_by = desired_by[i];
        d.decision.reason = reason[i];
        for (std::size_t from = 0, nl; (nl = binding[i].find('\n', from)) != std::string::npos; from = nl + 1)
            d.decision.binding.push_back(binding[i].substr(from, nl - from));
    }
    return log;
}

}  // namespace

void Network::save_state(StateArchive& a) const {
    a.put("network.time_s", m_time_s);
    a.put("network.node.inflow_m3_s", column(m_nodes, [](const NetworkNode& n) { return n.inflow_m3_s; }));
    a.put("network.node.outflow_m3_s", column(m_nodes, [](const NetworkNode& n) { return n.outflow_m3_s; }));
    a.put("network.node.volume_in_m3", column(m_nodes, [](const NetworkNode& n) { return n.volume_in_m3; }));
    a.put("network.node.volume_out_m3", column(m_nodes, [](const NetworkNode& n) { return n.volume_out_m3; }));
    a.put("network.reach.outflow_m3_s", column(m_reaches, [](const NetworkReach& r) { return r.outflow_m3_s; }));
    a.put("network.reach.volume_out_m3", column(m_reaches, [](const NetworkReach& r) { return r.volume_out_m3; }));
    for (std::size_t r = 0; r < m_reaches.size(); ++r) a.put(reach_key(r), m_reaches[r].router.state());
    a.put("network.reservoir.storage_m3", column(m_reservoirs, [](const Reservoir& r) { return r.storage_m3(); }));
    a.put("network.reservoir.level_m", column(m_reservoirs, [](const Reservoir& r) { return r.level_m(); }));
    a.put("network.reservoir.release_m3_s", column(m_reservoirs, [](const Reservoir& r) { return r.release_m3_s(); }));
    // Water routed by the upstream part that the downstream part has not taken yet.
    std::vector<double> counts, pending;
    for (const auto& steps : m_pending) {
        counts.push_back(static_cast<double>(steps.size()));
        for (const auto& [q, v] : steps) pending.insert(pending.end(), {q, v});
    }
    a.put("network.pending.count", std::move(counts));
    a.put("network.pending.flow_volume", std::move(pending));
    a.put("network.outlet_debt_m3", m_outlet_debt_m3);
    a.put("network.outlet_flow_m3_s", m_outlet_flow_m3_s);
    a.put("network.inlet_volume_m3", m_inlet_volume_m3);
    const NetworkLedger& l = m_ledger;
    a.put("network.ledger", {l.initial_storage_m3, l.storage_m3, l.inflow_m3, l.outflow_m3, l.to_domain_m3,
                             l.from_domain_m3});
    a.put("network.reservoir_ledger.initial_storage_m3",
          column(m_reservoir_ledgers, [](const ReservoirLedger& r) { return r.initial_storage_m3; }));
    a.put("network.reservoir_ledger.inflow_m3",
          column(m_reservoir_ledgers, [](const ReservoirLedger& r) { return r.inflow_m3; }));
    a.put("network.reservoir_ledger.release_m3",
          column(m_reservoir_ledgers, [](const ReservoirLedger& r) { return r.release_m3; }));
    // Withdrawals ([[demand]]): kept apart so that checkpoints from before them still restore.
    a.put("network.ledger.demands", {l.withdrawn_m3, l.returned_m3});
    a.put("network.reservoir_ledger.withdrawn_m3",
          column(m_reservoir_ledgers, [](const ReservoirLedger& r) { return r.withdrawn_m3; }));
    a.put("network.return_m3", m_return_m3);
    const auto& acc = m_demands.accounts();
    std::vector<double> accounts;
    for (const DemandAccount& d : acc)
        accounts.insert(accounts.end(), {d.demanded_m3, d.delivered_m3, d.returned_m3, d.short_s,
                                         d.largest_deficit_m3_s, d.largest_deficit_time_s, d.delivered_m3_s,
                                         d.deficit_m3_s});
    a.put("network.demand.accounts", std::move(accounts));
    save_log(a, m_log);
}

void Network::restore_state(const StateArchive& a, bool hot) {
    const std::size_t nodes = m_nodes.size(), reaches = m_reaches.size(), pools = m_reservoirs.size();
    restore_columns(a, "network.node.", m_nodes,
                    {{"inflow_m3_s", &NetworkNode::inflow_m3_s},
                     {"outflow_m3_s", &NetworkNode::outflow_m3_s},
                     {"volume_in_m3", &NetworkNode::volume_in_m3},
                     {"volume_out_m3", &NetworkNode::volume_out_m3}});
    restore_columns(a, "network.reach.", m_reaches,
                    {{"outflow_m3_s", &NetworkReach::outflow_m3_s}, {"volume_out_m3", &NetworkReach::volume_out_m3}});
    for (std::size_t r = 0; r < reaches; ++r) {
        NetworkReach& reach = m_reaches[r];
        try {
            reach.router.set_state(a.get_array(reach_key(r)));
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error(a.source + ": " + reach.key + " '" + reach.name + "': " + e.what());
        }
    }
    const auto& storage = a.get_array("network.reservoir.storage_m3", pools);
    const auto& level = a.get_array("network.reservoir.level_m", pools);
    const auto& release = a.get_array("network.reservoir.release_m3_s", pools);
    for (std::size_t r = 0; r < pools; ++r) {
        try {
            m_reservoirs[r].restore(storage[r], level[r], release[r]);
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error(a.source + ": " + e.what());
        }
    }
    const auto& counts = a.get_array("network.pending.count", nodes);
    const auto& pending = a.get_array("network.pending.flow_volume");
    std::size_t at = 0;
    for (std::size_t n = 0; n < nodes; ++n) {
        m_pending[n].clear();
        for (double k = 0; k < counts[n]; ++k, at += 2) {
            if (at + 1 >= pending.size()) throw std::runtime_error(a.source + ": state 'network.pending' is short");
            m_pending[n].emplace_back(pending[at], pending[at + 1]);
        }
    }
    m_outlet_debt_m3 = a.get_number("network.outlet_debt_m3");
    m_outlet_flow_m3_s = a.get_number("network.outlet_flow_m3_s");
    m_inlet_volume_m3 = a.get_array("network.inlet_volume_m3", m_inlets.size());
    const bool with_demands = a.has("network.return_m3");
    m_return_m3 = with_demands ? a.get_array("network.return_m3", nodes) : std::vector<double>(nodes, 0.0);
    m_forecast.reset();
    m_forecast_t = -1.0;
    if (hot) {
        // A new run from this state: its own clock, ledgers and log.
        m_time_s = 0.0;
        m_ledger = {};
        m_ledger.initial_storage_m3 = m_ledger.storage_m3 = storage_now();
        m_reservoir_ledgers.assign(pools, {});
        for (std::size_t r = 0; r < pools; ++r) m_reservoir_ledgers[r].initial_storage_m3 = m_reservoirs[r].storage_m3();
        m_log.clear();
        m_demands.accounts().assign(m_demands.demands().size(), {});
        return;
    }
    m_time_s = a.get_number("network.time_s");
    const auto& l = a.get_array("network.ledger", 6);
    m_ledger = {l[0], l[1], l[2], l[3], l[4], l[5]};
    const auto& ri = a.get_array("network.reservoir_ledger.initial_storage_m3", pools);
    const auto& rin = a.get_array("network.reservoir_ledger.inflow_m3", pools);
    const auto& rout = a.get_array("network.reservoir_ledger.release_m3", pools);
    for (std::size_t r = 0; r < pools; ++r) m_reservoir_ledgers[r] = {ri[r], rin[r], rout[r]};
    if (with_demands) {
        const auto& ld = a.get_array("network.ledger.demands", 2);
        m_ledger.withdrawn_m3 = ld[0];
        m_ledger.returned_m3 = ld[1];
        const auto& rw = a.get_array("network.reservoir_ledger.withdrawn_m3", pools);
        for (std::size_t r = 0; r < pools; ++r) m_reservoir_ledgers[r].withdrawn_m3 = rw[r];
        std::vector<DemandAccount>& acc = m_demands.accounts();
        const auto& v = a.get_array("network.demand.accounts", 8 * acc.size());
        for (std::size_t d = 0; d < acc.size(); ++d)
            acc[d] = {v[8 * d], v[8 * d + 1], v[8 * d + 2], v[8 * d + 3],
                      v[8 * d + 4], v[8 * d + 5], v[8 * d + 6], v[8 * d + 7]};
    }
    m_log = restore_log(a);
}

void Network::reset_reservoir_levels(const std::vector<std::pair<std::string, double>>& levels) {
    for (const auto& [name, level] : levels) {
        const auto it = std::find_if(m_reservoirs.begin(), m_reservoirs.end(),
                                     [&](const Reservoir& r) { return r.spec().name == name; });
        if (it == m_reservoirs.end())
            throw std::invalid_argument("reservoir level at the start: the network has no reservoir '" + name + "'");
        it->set_level(level);
        m_reservoir_ledgers[static_cast<std::size_t>(it - m_reservoirs.begin())].initial_storage_m3 = it->storage_m3();
    }
    m_ledger.initial_storage_m3 = m_ledger.storage_m3 = storage_now();
    m_forecast.reset();
    m_forecast_t = -1.0;
}

}  // namespace floodtwin::twin
