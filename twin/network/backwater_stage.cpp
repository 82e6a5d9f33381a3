#include "twin/network/backwater_stage.hpp"

#include <sstream>
#include <stdexcept>

namespace floodtwin::twin {

namespace {

std::vector<hydro::BackwaterSection> sections_of(const BackwaterRelation& b) {
    std::vector<hydro::BackwaterSection> s;
    for (const auto& row : b.sections) s.push_back({row[0], row[1], row[2], row[3], row[4]});
    return s;
}

int reservoir_named(const Network& network, const std::string& name) {
    for (std::size_t r = 0; r < network.reservoirs().size(); ++r)
        if (network.reservoirs()[r].spec().name == name) return static_cast<int>(r);
    throw std::invalid_argument("backwater.reservoir: no reservoir named '" + name + "'");
}

int node_of(const BackwaterRelation& b, const Network& network) {
    if (!b.node.empty()) {
        const int n = network.find_node(b.node);
        if (n < 0) throw std::invalid_argument("backwater.node: no node named '" + b.node + "'");
        return n;
    }
    for (std::size_t n = 0; n < network.nodes().size(); ++n)
        if (network.nodes()[n].kind == NodeKind::domain_outlet && network.nodes()[n].boundary == b.boundary)
            return static_cast<int>(n);
    throw std::invalid_argument("backwater.node: not given, and no domain_outlet has boundary = \"" + b.boundary + "\"");
}

hydro::BackwaterTable table_of(const BackwaterRelation& b) {
    try {
        const auto s = sections_of(b);
        return hydro::BackwaterTable(s, b.at_m, b.pool_levels_m, b.discharges_m3_s);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("backwater: ") + e.what());
    }
}

}  // namespace

BackwaterStage::BackwaterStage(const BackwaterRelation& relation, const Network& network)
    : m_relation(relation),
      m_reservoir(reservoir_named(network, relation.reservoir)),
      m_node(node_of(relation, network)),
      m_table(table_of(relation)) {}

double BackwaterStage::stage_m(const Network& network) const {
    // Coupled, the outlet's flow is what the 2D model let out in the last interval; a
    // stage set from it pushes water back in, which lowers the flow and the stage, and
    // the exchange oscillates with growing amplitude. The flow the network routes to the
    // outlet through its `domain` reaches has no such feedback.
    const NetworkNode& node = network.nodes()[static_cast<std::size_t>(m_node)];
    const bool from_2d = network.coupled() && node.kind == NodeKind::domain_outlet;
    const double q = from_2d ? network.domain_inflow_m3_s(m_node) : node.inflow_m3_s;
    return m_table.stage_m(network.reservoirs()[static_cast<std::size_t>(m_reservoir)].level_m(), q);
}

std::string BackwaterStage::csv() const {
    std::ostringstream o;
    o.precision(10);
    o << "# stage (m) at chainage " << m_relation.at_m << " m above the dam of '" << m_relation.reservoir
      << "', by standard step; rows: pool level (m), columns: discharge (m3/s)\npool_level_m";
    for (double q : m_table.discharges_m3_s()) o << ",q_" << q;
    o << '\n';
    for (std::size_t i = 0; i < m_table.pool_levels_m().size(); ++i) {
        o << m_table.pool_levels_m()[i];
        for (std::size_t j = 0; j < m_table.discharges_m3_s().size(); ++j) o << ',' << m_table.at(i, j);
        o << '\n';
    }
    return o.str();
}

}  // namespace floodtwin::twin
