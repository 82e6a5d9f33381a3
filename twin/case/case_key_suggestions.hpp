#pragma once
// "Did you mean ...?": the registered key nearest to one that is not (twin/case/case_keys.hpp).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace floodtwin::twin {

// The registered key nearest to `table.name` by edit distance (a misspelt name in the
// same table, or the same name in another table), as "table.name"; nullopt when
// nothing is close. With an empty `name`, `table` itself is matched against tables
// and, as a top-level key, against key names ("name" -> "case.name").
[[nodiscard]] std::optional<std::string> nearest_case_key(std::string_view table, std::string_view name);

// Levenshtein distance with adjacent transpositions (optimal string alignment).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace floodtwin::twin
