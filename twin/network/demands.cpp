#include "twin/network/demands.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "twin/reservoir/rule_condition.hpp"

namespace floodtwin::twin {

namespace {

[[noreturn]] void fail(const std::string& key, const std::string& what) {
    throw std::invalid_argument(key + ": " + what);
}

// Shortfalls below this share of the ask are round-off, not a short day.
constexpr double short_tolerance = 1e-9;

}  // namespace

double NetworkDemand::volume_m3(const Instant& start, double t0_s, double dt_s) const {
    if (series_m3_s) return series_m3_s->integral(t0_s, t0_s + dt_s);
    if (!monthly_m3_s.empty()) {
        const MonthDay md = local_month_day({start.epoch_s + t0_s + 0.5 * dt_s, start.utc_offset_min});
        return monthly_m3_s[static_cast<std::size_t>(md.month - 1)] * dt_s;
    }
    return flow_m3_s.value_or(0.0) * dt_s;
}

NetworkDemands::NetworkDemands(const std::vector<DemandSection>& sections, std::size_t nodes,
                               const std::function<int(const std::string&)>& find_node,
                               const std::function<bool(int, int)>& downstream_of)
    : m_by_node(nodes) {
    std::set<std::string> names;
    for (const DemandSection& s : sections) {
        if (!names.insert(s.name).second) fail(s.key + ".name", "'" + s.name + "' is already the name of a demand");
        NetworkDemand d;
        d.name = s.name;
        d.key = s.key;
        d.purpose = s.purpose;
        d.note = s.note;
        d.priority = s.priority;
        d.return_share = s.return_share;
        d.node = find_node(s.node);
        if (d.node < 0) fail(s.key + ".node", "no node or reservoir is named '" + s.node + "'");
        const int given = (s.flow_m3_s ? 1 : 0) + (s.series_m3_s ? 1 : 0) + (s.monthly_m3_s.empty() ? 0 : 1);
        if (given != 1)
            fail(s.key, "'" + s.name + "': give exactly one of flow, series and monthly (" + std::to_string(given) +
                            " given)");
        if (!s.monthly_m3_s.empty() && s.monthly_m3_s.size() != 12)
            fail(s.key + ".monthly", "'" + s.name + "': twelve figures, January to December (" +
                                         std::to_string(s.monthly_m3_s.size()) + " given)");
        d.flow_m3_s = s.flow_m3_s;
        d.series_m3_s = s.series_m3_s;
        d.monthly_m3_s = s.monthly_m3_s;
        if (!s.return_to.empty()) {
            d.return_node = find_node(s.return_to);
            if (d.return_node < 0) fail(s.key + ".return_to", "no node or reservoir is named '" + s.return_to + "'");
            if (!downstream_of(d.node, d.return_node))
                fail(s.key + ".return_to", "'" + s.return_to + "' is not downstream of '" + s.node +
                                               "': returned water flows down from the intake");
        } else if (s.return_share > 0.0) {
            fail(s.key + ".return_to", "'" + s.name + "': a return_share above 0 needs the node it returns to");
        }
        m_by_node[static_cast<std::size_t>(d.node)].push_back(static_cast<int>(m_demands.size()));
        m_demands.push_back(std::move(d));
    }
    for (auto& list : m_by_node)
        std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
            return m_demands[static_cast<std::size_t>(a)].priority < m_demands[static_cast<std::size_t>(b)].priority;
        });
    m_accounts.assign(m_demands.size(), {});
}

std::vector<double> NetworkDemands::share(int node, const Instant& start, double t0_s, double dt_s,
                                          double available_m3, std::vector<double>* asked) const {
    const std::vector<int>& list = m_by_node[static_cast<std::size_t>(node)];
    std::vector<double> ask(list.size()), got(list.size(), 0.0);
    for (std::size_t k = 0; k < list.size(); ++k)
        ask[k] = m_demands[static_cast<std::size_t>(list[k])].volume_m3(start, t0_s, dt_s);
    double left = std::max(available_m3, 0.0);
    for (std::size_t i = 0; i < list.size();) {
        // One priority at a time; equal priorities share what is left in proportion.
        std::size_t j = i;
        double group = 0.0;
        const int priority = m_demands[static_cast<std::size_t>(list[i])].priority;
        for (; j < list.size() && m_demands[static_cast<std::size_t>(list[j])].priority == priority; ++j) group += ask[j];
        const double f = group > left ? left / group : 1.0;
        for (std::size_t k = i; k < j; ++k) got[k] = f * ask[k];
        left = std::max(0.0, left - std::min(group, left));
        i = j;
    }
    if (asked) *asked = std::move(ask);
    return got;
}

void NetworkDemands::book(int d, double asked_m3, double delivered_m3, double dt_s, double t_end_s) {
    DemandAccount& a = m_accounts[static_cast<std::size_t>(d)];
    a.demanded_m3 += asked_m3;
    a.delivered_m3 += delivered_m3;
    a.returned_m3 += m_demands[static_cast<std::size_t>(d)].return_share * delivered_m3;
    const double deficit = std::max(0.0, asked_m3 - delivered_m3);
    a.delivered_m3_s = delivered_m3 / dt_s;
    a.deficit_m3_s = deficit / dt_s;
    if (deficit > short_tolerance * asked_m3 && deficit > 0.0) a.short_s += dt_s;
    if (a.deficit_m3_s > a.largest_deficit_m3_s) {
        a.largest_deficit_m3_s = a.deficit_m3_s;
        a.largest_deficit_time_s = t_end_s;
    }
}

}  // namespace floodtwin::twin
