#pragma once
// The constructed cross-valley profile of a Chongqing river, from its bank top outwards:
// the 2 km relief fills the incised valleys (the confluence reads 160-360 m where the
// rivers run at 160-190 m), so near a river the ground is built from the records instead.
// - a floodplain from the bank top to 1 m under the 2020 mark at its outer edge (300 m
//   out): the ground the 2020 flood covered, as it did;
// - a terrace riser to 4 m above the mark (200 m more): where the 2020 flood stopped;
// - the valley wall rising at 6 % (the hillslopes of the Chongqing folds) until it meets
//   the real relief, never below the riser's top within the valley.
// Pure: levels in metres, distances in metres beyond the bank top.
#include <algorithm>

namespace floodtwin::twin {

inline constexpr double kFloodplain_m = 300.0;   // bank top to the floodplain's outer edge
inline constexpr double kRiserTop_m = 500.0;     // bank top to the top of the terrace riser
inline constexpr double kBlendStart_m = 2500.0;  // the real relief blended in from here ...
inline constexpr double kValleyReach_m = 4000.0; // ... to here, and alone beyond
inline constexpr double kMarkBelow_m = 1.0, kMarkAbove_m = 4.0, kWallSlope = 0.06;

// Level at `beyond_m` from the bank top for a river of bank top `bank_m` and 2020 mark
// `mark_m` where the real relief reads `relief_m`.
[[nodiscard]] inline double valley_level(double beyond_m, double bank_m, double mark_m, double relief_m) {
    const double plain = std::max(bank_m, mark_m - kMarkBelow_m);
    const double riser = std::max(plain + 1.0, mark_m + kMarkAbove_m);
    if (beyond_m <= 0.0) return bank_m;
    if (beyond_m <= kFloodplain_m) return bank_m + (plain - bank_m) * beyond_m / kFloodplain_m;
    if (beyond_m <= kRiserTop_m) return plain + (riser - plain) * (beyond_m - kFloodplain_m) / (kRiserTop_m - kFloodplain_m);
    return std::max(riser, std::min(relief_m, riser + kWallSlope * (beyond_m - kRiserTop_m)));
}

}  // namespace floodtwin::twin
