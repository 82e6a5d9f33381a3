#pragma once
// From the network tables of a case to the parts of a twin::Network, checked: names,
// references, the graph (no cycles, every node joined, one reach out of a node, the
// 2D inlets and outlet), reservoir tables and rules. Each error names the key.
#include <vector>

#include "twin/network/network.hpp"

namespace floodtwin::twin {

struct NetworkParts {
    std::vector<NetworkNode> nodes;
    std::vector<NetworkReach> reaches;
    std::vector<Reservoir> reservoirs;
    std::vector<int> reservoir_node;
    std::vector<int> order;  // topological, upstream first
    std::vector<int> inlets;
    int outlet = -1;
    bool reads_forecast = false;  // a rule looks at the forecast inflow
};

NetworkParts build_network(const NetworkCase& net, double step_s);

// The reservoir as the model runs it: capacity = spillway + outlets + turbines.
ReservoirSpec reservoir_spec(const ReservoirSection& r, const std::vector<RuleSection>& rules);

}  // namespace floodtwin::twin
