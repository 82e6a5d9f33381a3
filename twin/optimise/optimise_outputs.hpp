#pragma once
// What `floodtwin optimise` writes for other programs and for the case: pareto.json
// (each Pareto plan's variables, objectives and feasibility; the hand-written plans
// judged the same way, with the Pareto plans at least as good as each; how the search
// went) and plans.toml (each Pareto plan as a ready [[plan]] block). Both depend on the
// case, the seed and the search alone, never on the threads or the clock: a seeded run
// repeats them byte for byte.
#include <string>

#include <nlohmann/json.hpp>

#include "twin/optimise/optimise_run.hpp"

namespace floodtwin::twin {

[[nodiscard]] nlohmann::json pareto_document(const OptimiseRun& run);
[[nodiscard]] std::string plans_toml(const OptimiseRun& run);

}  // namespace floodtwin::twin
