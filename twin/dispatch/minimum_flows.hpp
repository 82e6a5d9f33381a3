#pragma once
// Minimums downstream (`downstream_minimum` rules): a navigation depth or stage, a supply
// or ecological flow at a control station that a reservoir upstream keeps up. Each step,
// with every dispatched reservoir keeping its present offset from its inflow, the
// forecast at the station after the reservoir's travel time says what is lacking (or to
// spare); the reservoir's floor is its present release plus that, shared equally among
// the reservoirs serving the same station. Like joint dispatch's cut, the floor corrects
// its own forecast errors step by step.
#include <string>
#include <vector>

#include "twin/network/network.hpp"

namespace floodtwin::twin {

struct MinimumPoint {
    std::string name, key, purpose;  // "Three Gorges/Fuling channel", "rule[7]", "navigation"
    int station = -1, reservoir = -1, priority = 100;
    std::string measure;             // flow | stage | depth
    double written = 0.0;            // the minimum as written (m3/s, or m)
    double min_m3_s = 0.0;           // as a flow, through the rating
    int servers = 1;                 // reservoirs serving the same station
    std::vector<std::string> zones;
    RuleCondition condition;
};

class MinimumFlows {
public:
    MinimumFlows() = default;
    // Throws std::invalid_argument naming the key: an unknown node, a node not downstream
    // of the reservoir, a stage or depth at a node without a rating, a depth without the
    // node's bed_level, a minimum below the rating's lowest flow.
    MinimumFlows(const NetworkCase& net, const Network& network);

    [[nodiscard]] bool empty() const { return m_points.empty(); }
    [[nodiscard]] const std::vector<MinimumPoint>& points() const { return m_points; }
    [[nodiscard]] std::vector<int> members() const;
    // Adds each point's floor to its reservoir's limits. `persist`: the look-ahead with
    // the members keeping `offsets` (release - inflow).
    void add_limits(const Network& network, const NetworkForecast& persist, const std::vector<double>& offsets,
                    std::vector<std::vector<ExternalLimit>>& out) const;

private:
    std::vector<MinimumPoint> m_points;
};

}  // namespace floodtwin::twin
