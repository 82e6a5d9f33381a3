#pragma once
// Level-pool (storage-indication) routing through a pool with an uncontrolled outlet:
// the implicit trapezoidal step of Puls' method (Chow, Maidment & Mays 1988, 8.2),
//   S2 = S1 + V_in - (O1 + f(S2)) / 2 * dt,
// solved for S2 by a bracketed root search rather than a storage-indication table, so
// any non-decreasing outflow law f(S) works and the answer is exact to round-off.
#include <functional>

namespace floodtwin::hydro {

struct LevelPoolStep {
    double storage_end_m3 = 0.0;
    double outflow_end_m3_s = 0.0;  // point value at the end of the step
    double volume_out_m3 = 0.0;    // S1 + V_in - S2 exactly: mass closes by construction
};

// One step of dt_s from storage_m3 (>= 0) with outflow_start_m3_s (>= 0) at its start and
// volume_in_m3 (>= 0) entering during it. outflow_of_storage must be non-decreasing and
// >= 0; f(0) may be > 0 (an outlet below the pool bottom): when even S2 = 0 cannot pay
// for the trapezoidal outflow, the pool empties (S2 = 0) and the end outflow is cut to
// what the water in hand allows, never below zero. Throws std::invalid_argument on
// negative or non-finite inputs or outflows.
LevelPoolStep level_pool_step(double storage_m3, double outflow_start_m3_s, double volume_in_m3, double dt_s,
                              const std::function<double(double storage_m3)>& outflow_of_storage);

}  // namespace floodtwin::hydro
