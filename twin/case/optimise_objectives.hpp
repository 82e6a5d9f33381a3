#pragma once
// The objectives `floodtwin optimise` judges a plan by: the one registry of their names,
// units, senses and tolerances (docs/optimise.md). The case reader checks
// [optimise].objectives against it; twin/optimise/network_objectives.cpp computes each
// one from a routed network (a test checks that every one the network can give has its
// computation). To add an objective: a row here, and its computation there.
#include <span>
#include <string_view>

namespace floodtwin::twin {

enum class ObjectiveSense { minimise, maximise };

struct ObjectiveInfo {
    std::string_view name;
    std::string_view unit;  // of the value reported ("m3/s", "m", "m3", "MWh", "h")
    ObjectiveSense sense = ObjectiveSense::minimise;
    // Two plans are equal on it within this: absolute, or relative to the larger of the
    // two magnitudes (as the four pre- ranking's tolerances, twin/fourpre/plan_ranking.cpp).
    double tolerance = 0.0;
    bool relative = false;
    bool needs_2d = false;  // judged only in the rehearsal (the 2D model), not in the search
    std::string_view doc;
};

[[nodiscard]] std::span<const ObjectiveInfo> optimise_objectives();
[[nodiscard]] const ObjectiveInfo* find_objective(std::string_view name);

}  // namespace floodtwin::twin
