#pragma once
// A number as the four pre- products write it for people: a fixed number of decimals
// ("192.24"), and `if_not_finite` (a dash in tables, nothing in CSV) for NaN or infinity.
#include <cmath>
#include <string>

#include "grids/text_fields.hpp"

namespace floodtwin::twin {

[[nodiscard]] inline std::string fixed(double v, int decimals, const char* if_not_finite = "") {
    if (!std::isfinite(v)) return if_not_finite;
    const std::string pattern = "%." + std::to_string(decimals) + "f";
    return grids::formatted(pattern.c_str(), v);
}

}  // namespace floodtwin::twin
