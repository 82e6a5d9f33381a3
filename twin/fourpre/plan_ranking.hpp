#pragma once
// The plan (预案): the rehearsed plans ranked by the rule the case writes. First the plans
// that break no hard limit (no reservoir above its design flood level, no release above
// capacity, none changing faster than a rate limit), then the objectives of fourpre.ranking
// in order, each deciding only between plans equal on those before (equal within its
// stated tolerance). Every plan gets the reason for its place.
#include <string>
#include <vector>

#include "twin/fourpre/forecast_warnings.hpp"
#include "twin/fourpre/plan_outcome.hpp"

namespace floodtwin::twin {

// One objective's value for a plan: lower is better (storage and energy enter negated).
struct ObjectiveValue {
    std::string objective;
    double value = 0.0;
    std::string text;  // as the comparison shows it: "0.84 km2", "2 orange, 1 yellow"
};

struct RankedPlan {
    std::size_t plan = 0;  // index into the outcomes
    int rank = 0;          // 1 first
    bool admissible = true;
    std::vector<ObjectiveValue> values;  // in the rule's order
    std::string why;
};

// What the rule compares, in words (shown with the ranking).
[[nodiscard]] std::string ranking_rule_text(const std::vector<std::string>& objectives, const std::string& control_station);

// `warnings[k]`: the warnings of outcomes[k].
[[nodiscard]] std::vector<RankedPlan> rank_plans(const std::vector<PlanOutcome>& outcomes,
                                                 const std::vector<std::vector<Warning>>& warnings,
                                                 const std::vector<std::string>& objectives,
                                                 const std::string& control_station);

// The tolerance within which two values of `objective` are equal.
[[nodiscard]] double objective_tolerance(const std::string& objective, double cell_area_m2);

}  // namespace floodtwin::twin
