#pragma once
// What a plan comes to on the river network alone: the value of each objective of
// [optimise] (twin/case/optimise_objectives.hpp), and the hard limits it breaks. The
// limits are the four pre- ranking's (twin/fourpre/plan_outcome.cpp), judged here on the
// network's own trajectories: no reservoir above its design (or check) flood level by
// more than 1 cm, no release above what the outlets pass at the pool's level, no release
// changing faster than its rate_limit rules allow (1 % slack).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "twin/case/case.hpp"
#include "twin/run/routed_network.hpp"

namespace floodtwin::twin {

struct NetworkJudgement {
    std::vector<double> values;         // c.optimise.settings.objectives' order, each in its unit and sense
    std::vector<std::string> breaches;  // the hard limits broken, in words
    // How far the limits are broken: metres above the level limits, plus the relative
    // excess of releases over capacity and of release changes over the rate limits,
    // summed over reservoirs. 0: none broken.
    double violation = 0.0;

    [[nodiscard]] bool feasible() const { return breaches.empty(); }
};

// Throws std::invalid_argument naming the objective when it cannot be computed (a value
// that is not finite).
[[nodiscard]] NetworkJudgement judge_network(const RoutedNetwork& routed, const Case& c);

// The case file with `overrides` after `plan` (in load_case's order) routed on the
// network alone and judged: what one plan of the search costs.
[[nodiscard]] NetworkJudgement judge_plan_on_network(const std::filesystem::path& file,
                                                     const std::vector<std::string>& overrides,
                                                     const std::string& plan = {});

// Whether the network gives `objective` (the registry's objectives but the 2D ones).
[[nodiscard]] bool network_gives(std::string_view objective);

}  // namespace floodtwin::twin
