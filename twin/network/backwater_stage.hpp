#pragma once
// The [backwater] relation of a case: a reservoir's pool level and the flow at a node
// give the stage at the 2D model's downstream boundary, through a table the program
// computes by standard step along the reservoir reach (hydro/backwater.hpp).
#include <memory>
#include <string>

#include "hydro/backwater.hpp"
#include "twin/network/network.hpp"

namespace floodtwin::twin {

class BackwaterStage {
public:
    // Checks the names against the network (the reservoir, the node or the outlet of
    // `boundary`) and computes the table; throws std::invalid_argument naming the key.
    BackwaterStage(const BackwaterRelation& relation, const Network& network);

    [[nodiscard]] const BackwaterRelation& relation() const { return m_relation; }
    [[nodiscard]] int reservoir() const { return m_reservoir; }
    [[nodiscard]] int node() const { return m_node; }
    // The stage now: the pool's level and the node's flow (coupled, at the 2D outlet: the
    // flow the network routes there, not the 2D outflow of the last interval).
    [[nodiscard]] double stage_m(const Network& network) const;
    [[nodiscard]] double stage_m(double pool_level_m, double discharge_m3_s) const {
        return m_table.stage_m(pool_level_m, discharge_m3_s);
    }
    // The table as CSV: pool level down the rows, discharge across.
    [[nodiscard]] std::string csv() const;

private:
    BackwaterRelation m_relation;
    int m_reservoir = -1, m_node = -1;
    hydro::BackwaterTable m_table;
};

}  // namespace floodtwin::twin
