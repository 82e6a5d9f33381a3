#pragma once
// plan.json: the ranking with its rule and reasons, and the chosen plan (预案) as a duty
// officer hands it on: dispatch orders per reservoir (time-stamped releases and the pool
// they lead to), the warnings to issue, the areas to evacuate and the river reaches to
// patrol, and the risks that remain.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "twin/fourpre/fourpre_run.hpp"

namespace floodtwin::twin {

// One dispatch order: from `epoch_s` on, release this (until the next order).
struct DispatchOrder {
    double epoch_s = 0.0;
    double release_m3_s = 0.0, level_m = 0.0;  // the release ordered, the pool when it starts
};

// The orders of one reservoir: its release sampled every `step_s` from the issue time,
// a new order only where it changes by more than 2 % (or 200 m3/s, the larger).
[[nodiscard]] std::vector<DispatchOrder> dispatch_orders(const ReservoirOutcome& r, double issue_s, double step_s);

// A reach to patrol: a station's stage at or above its warning stage, from .. to.
struct PatrolReach {
    std::string station;
    double from_s = 0.0, to_s = 0.0, peak_m = 0.0, warning_stage_m = 0.0;
    std::string datum;
};
[[nodiscard]] std::vector<PatrolReach> patrol_reaches(const PlanOutcome& p);

// What remains at risk with the chosen plan, in sentences.
[[nodiscard]] std::vector<std::string> residual_risks(const FourPreRun& run);

[[nodiscard]] nlohmann::json plan_document(const FourPreRun& run);

}  // namespace floodtwin::twin
