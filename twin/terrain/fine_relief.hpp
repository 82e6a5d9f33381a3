#pragma once
// The fine relief laid on the interpolated 2 km surface away from the valleys: seeded
// value noise of +-2 m on a 400 m lattice, bilinear. Small against any ridge or valley of
// the relief (tens to hundreds of metres over kilometres), so it moves none; it keeps the
// hillsides from being perfectly smooth, so rain gathers into many small flow paths. Its
// pits are filled with the rest (grids::fill_depressions).
#include <cstdint>

namespace floodtwin::twin {

inline constexpr double kFineReliefAmplitude_m = 2.0;

// Metres, in [-kFineReliefAmplitude_m, kFineReliefAmplitude_m]; deterministic in (x, y, seed).
[[nodiscard]] double fine_relief(double x, double y, std::uint64_t seed);

}  // namespace floodtwin::twin
