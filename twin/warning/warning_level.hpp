#pragma once
// China's four flood-warning grades, blue (IV, lowest) to red (I, highest): a term of
// the twin's, which runs, summaries, maps and reports all use (twin/warning/warning_levels.hpp
// decides them from a station's thresholds).
#include <string>
#include <string_view>

namespace floodtwin::twin {

enum class WarningLevel { none, blue, yellow, orange, red };

// "none", "blue", "yellow", "orange", "red".
[[nodiscard]] std::string to_string(WarningLevel level);
// The same words, in any case, surrounding blanks ignored, empty as none; throws
// std::invalid_argument naming the text.
[[nodiscard]] WarningLevel parse_warning_level(std::string_view text);

// Levels from blue (index 0) to red (index 3), for tables indexed by level.
inline constexpr WarningLevel warning_levels_rising[] = {WarningLevel::blue, WarningLevel::yellow,
                                                         WarningLevel::orange, WarningLevel::red};

}  // namespace floodtwin::twin
