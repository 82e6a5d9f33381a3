#pragma once
// What the files that write the registry's key tables share (twin/case/case_keys.cpp
// for the 2D model, twin/case/network_keys.cpp for the river network): the common
// ranges and the short name of the type. Include it only there, last: it also turns
// off, for the rest of the file, a warning GCC 12 gives about the tables.
#include <limits>
#include <string_view>

#include "twin/case/case_keys.hpp"

namespace floodtwin::twin::key_table {

inline constexpr double inf = std::numeric_limits<double>::infinity();
inline constexpr CaseRange positive{.lo = 0.0, .hi = inf, .lo_open = true};
inline constexpr CaseRange non_negative{.lo = 0.0, .hi = inf};
// Output and exchange intervals: each is a step target, and targets closer than this
// would force steps far shorter than the CFL condition needs.
inline constexpr CaseRange output_interval{.lo = 1e-3, .hi = inf};
inline constexpr std::string_view output_interval_note =
    "at least 1 ms: each interval is a step target, and shorter ones force steps far below the CFL step";

using T = CaseValueType;

}  // namespace floodtwin::twin::key_table

// Keys are written with designated initializers, naming only what they set; GCC 12
// still warns about the members left to their defaults (fixed in later GCCs).
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
