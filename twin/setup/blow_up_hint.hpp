#pragma once
// What to say when a run's solution becomes non-finite. The usual cause is an input far
// beyond nature (rain of 10^6 mm/h, a discharge no river carries), not the time step:
// the message names the case's largest rain intensity and inflow by key, flags those
// beyond any on record, and only then suggests a smaller hydro.cfl.
#include <string>
#include <vector>

#include "twin/case/case.hpp"
#include "twin/setup/rain_frames.hpp"

namespace floodtwin::twin {

// Above these an input is beyond anything measured: the world's greatest one-minute rain,
// 31.2 mm at Unionville, Maryland, 4 July 1956 (WMO), about 1900 mm/h; and river flows
// well above the Amazon's largest floods (a few 10^5 m3/s).
inline constexpr double record_rain_mm_h = 1900.0;
inline constexpr double record_discharge_m3_s = 1e6;

// The words after "the solution became non-finite at t = 120 s; ": the case's largest
// rain intensity (a series, or the largest cell of `rain_frames`) and its largest inflow
// ([[boundary]] discharge, [[source]] discharge, [[node]] and [[reservoir]] inflow), by
// key, then what to try:
//   "the case's largest inputs: rain.intensity up to 1e+07 mm/h, beyond any rain on record
//    (about 1900 mm/h over a minute); boundary[0].discharge up to 50 m3/s: check them;
//    if they are meant, try a smaller hydro.cfl"
// The case's inputs beyond the records above, one sentence each, for a warning when the
// run starts: such a run rarely blows up, it crawls, its time step shrinking as the depth
// grows ("rain.intensity up to 1e+09 mm/h is beyond any rain on record ...").
[[nodiscard]] std::vector<std::string> beyond_record_inputs(const Case& c, const RainFrames& rain_frames);

[[nodiscard]] std::string non_finite_hint(const Case& c, const RainFrames& rain_frames);

}  // namespace floodtwin::twin
