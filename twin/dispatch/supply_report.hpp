#pragma once
// The water-resources side of dispatch_summary.json: each [[demand]]'s account (asked,
// delivered, short, days short, the largest deficit), deliveries by purpose, and each
// downstream minimum's hours below it (navigation depth, supply or ecological flow).
#include <nlohmann/json.hpp>

#include "twin/dispatch/dispatch_report.hpp"
#include "twin/dispatch/minimum_flows.hpp"

namespace floodtwin::twin {

[[nodiscard]] nlohmann::json demand_summary(const Network& network);
[[nodiscard]] nlohmann::json supply_by_purpose(const Network& network);
// From the recorded flows at each minimum's station.
[[nodiscard]] nlohmann::json minimum_summary(const Network& network, const MinimumFlows& minimums,
                                             const NetworkRecorder& recorder);

}  // namespace floodtwin::twin
