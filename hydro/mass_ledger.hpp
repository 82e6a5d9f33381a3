#pragma once
// The water account of a run, kept every step.
#include <string>
#include <vector>

namespace floodtwin::hydro {

struct FlowAccount {
    std::string name;
    double in_m3 = 0.0;   // volume that entered the domain
    double out_m3 = 0.0;  // volume that left it
};

struct MassLedger {
    double initial_storage_m3 = 0.0;
    double storage_m3 = 0.0;
    std::vector<FlowAccount> boundaries;     // one per EdgeBoundary, in order
    std::vector<FlowAccount> point_inflows;  // one per PointInflow, in order
    double rain_m3 = 0.0;
    double loss_m3 = 0.0;  // infiltration and drainage actually taken

    [[nodiscard]] double inflow_m3() const;      // everything that came in
    [[nodiscard]] double outflow_m3() const;     // everything that went out, losses included
    [[nodiscard]] double net_inflow_m3() const { return inflow_m3() - outflow_m3(); }
    // (storage change - net inflow) / max(storage, inflow volume): zero for a
    // conservative run up to round-off.
    [[nodiscard]] double relative_error() const;
};

}  // namespace floodtwin::hydro
