#include "twin/warning/warning_level.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "grids/text_fields.hpp"

namespace floodtwin::twin {

std::string to_string(WarningLevel level) {
    switch (level) {
        case WarningLevel::blue: return "blue";
        case WarningLevel::yellow: return "yellow";
        case WarningLevel::orange: return "orange";
        case WarningLevel::red: return "red";
        case WarningLevel::none: break;
    }
    return "none";
}

WarningLevel parse_warning_level(std::string_view text) {
    std::string lower = grids::trim(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "none" || lower.empty()) return WarningLevel::none;
    for (const WarningLevel level : warning_levels_rising)
        if (lower == to_string(level)) return level;
    throw std::invalid_argument("warning level '" + std::string(text) + "' is not none, blue, yellow, orange or red");
}

}  // namespace floodtwin::twin
