#pragma once
// The network's withdrawals ([[demand]]): what each intake asks for over a step, how the
// water passing a node is shared among its intakes (by priority, then in proportion),
// and each demand's account: delivered, short, days short, the largest deficit.
// The network (twin/network/network.hpp) takes the water and books it in its ledger;
// the returned share comes back at the demand's return node.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "hydro/time_series.hpp"
#include "twin/case/case.hpp"

namespace floodtwin::twin {

struct NetworkDemand {
    std::string name, key, purpose, note;
    int node = -1, return_node = -1;
    int priority = 100;
    double return_share = 0.0;
    std::optional<double> flow_m3_s;
    std::optional<hydro::TimeSeries> series_m3_s;
    std::vector<double> monthly_m3_s;  // 12, or empty

    // What it asks for over [t0, t0 + dt] (m3): a series' integral, a month's figure for
    // the local month of the step's middle, or the constant.
    [[nodiscard]] double volume_m3(const Instant& start, double t0_s, double dt_s) const;
};

// One demand's account since the start.
struct DemandAccount {
    double demanded_m3 = 0.0, delivered_m3 = 0.0, returned_m3 = 0.0;
    double short_s = 0.0;                 // time with a shortfall
    double largest_deficit_m3_s = 0.0;    // mean over a step
    double largest_deficit_time_s = 0.0;  // end of that step
    double delivered_m3_s = 0.0, deficit_m3_s = 0.0;  // means over the last step
};

class NetworkDemands {
public:
    NetworkDemands() = default;
    // `find_node` gives a node's index (-1: none); `downstream_of(a, b)`: b is a or lies
    // below it. Throws std::invalid_argument naming the key: an unknown node, a return
    // node that is not downstream, a duplicate name, not exactly one of flow, series and
    // monthly, twelve monthly figures, a return share without a return node.
    NetworkDemands(const std::vector<DemandSection>& sections, std::size_t nodes,
                   const std::function<int(const std::string&)>& find_node,
                   const std::function<bool(int, int)>& downstream_of);

    [[nodiscard]] bool empty() const { return m_demands.empty(); }
    [[nodiscard]] const std::vector<NetworkDemand>& demands() const { return m_demands; }
    [[nodiscard]] const std::vector<DemandAccount>& accounts() const { return m_accounts; }
    std::vector<DemandAccount>& accounts() { return m_accounts; }
    [[nodiscard]] bool at(int node) const { return !m_by_node[static_cast<std::size_t>(node)].empty(); }

    // The volumes the demands of `node` get over the step out of `available_m3`, in the
    // order of demands_at(node): by priority, equal priorities in proportion to their asks
    // (which go to `asked` when given).
    [[nodiscard]] std::vector<double> share(int node, const Instant& start, double t0_s, double dt_s,
                                            double available_m3, std::vector<double>* asked = nullptr) const;
    [[nodiscard]] const std::vector<int>& demands_at(int node) const {
        return m_by_node[static_cast<std::size_t>(node)];
    }
    // Books one step of demand `d`: asked and delivered volumes, ending at t_end_s.
    void book(int d, double asked_m3, double delivered_m3, double dt_s, double t_end_s);

private:
    std::vector<NetworkDemand> m_demands;
    std::vector<DemandAccount> m_accounts;
    std::vector<std::vector<int>> m_by_node;  // demand indices per node, by priority
};

}  // namespace floodtwin::twin
