#pragma once
// How an objective's values are shown to people (the report, the reasons of the Pareto
// plans): in a unit of their size (bn m3, GWh) with the decimals that matter. pareto.json
// keeps the values in the registry's units.
#include <algorithm>
#include <cstdio>
#include <string>

#include "twin/case/optimise_objectives.hpp"

namespace floodtwin::twin {

struct ObjectiveDisplay {
    double factor = 1.0;
    std::string unit;
    int decimals = 0;

    [[nodiscard]] std::string text(double v) const {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%.*f", decimals, v * factor);
        return buf;
    }
};

// For values of `objective` up to `largest` in magnitude.
inline ObjectiveDisplay objective_display(const std::string& objective, double largest) {
    const ObjectiveInfo* o = find_objective(objective);
    const std::string unit(o ? o->unit : "");
    if (unit == "m3") {
        if (largest >= 1e9) return {1e-9, "bn m3", 3};
        if (largest >= 1e6) return {1e-6, "million m3", 2};
        return {1.0, "m3", 0};
    }
    if (unit == "MWh") return largest >= 1e4 ? ObjectiveDisplay{1e-3, "GWh", 1} : ObjectiveDisplay{1.0, "MWh", 0};
    if (unit == "m") return {1.0, "m", 2};
    if (unit == "h") return {1.0, "h", 2};
    if (unit == "m2") return {1e-6, "km2", 3};
    if (unit == "m3/s") return {1.0, unit, largest < 1000.0 ? 1 : 0};
    return {1.0, unit, 2};
}

}  // namespace floodtwin::twin
