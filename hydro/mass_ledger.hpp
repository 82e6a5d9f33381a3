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

// Water moved inside the domain by a weir link (weir_links.hpp): neither in nor out.
struct TransferAccount {
    std::string name;
    double a_to_b_m3 = 0.0;  // from side A to side B (river to land, into a detention area)
    double b_to_a_m3 = 0.0;  // back
    double discharge_m3_s = 0.0;  // over the last step, A to B positive
    double peak_m3_s = 0.0;       // the largest |discharge| of a step so far

    [[nodiscard]] double net_m3() const { return a_to_b_m3 - b_to_a_m3; }
};

struct MassLedger {
    double initial_storage_m3 = 0.0;
    double storage_m3 = 0.0;
    std::vector<FlowAccount> boundaries;     // one per EdgeBoundary, in order
    std::vector<FlowAccount> point_inflows;  // one per PointInflow, in order
    std::vector<TransferAccount> links;      // one per WeirLink, in order
    double rain_m3 = 0.0;
    double loss_m3 = 0.0;  // infiltration and drainage actually taken
    // Water the solver made up: what clamping depths that came out below zero added,
    // summed in the fixed row order like the other totals. Not an inflow: it is left
    // out of inflow_m3(), so relative_error() still shows it as an imbalance; this
    // says how much of the imbalance it is. Under the CFL condition it is round-off
    // (often exactly 0); a sizeable value means the step was too long.
    double positivity_added_m3 = 0.0;

    [[nodiscard]] double inflow_m3() const;      // everything that came in
    [[nodiscard]] double outflow_m3() const;     // everything that went out, losses included
    [[nodiscard]] double net_inflow_m3() const { return inflow_m3() - outflow_m3(); }
    // (storage change - net inflow) / max(storage, inflow volume): zero for a
    // conservative run up to round-off.
    [[nodiscard]] double relative_error() const;
    // positivity_added_m3 over the same scale as relative_error(); NaN if either is.
    [[nodiscard]] double relative_positivity_added() const;
};

}  // namespace floodtwin::hydro
