#pragma once
// Whether a grid fits in this machine's memory, asked before it is allocated: reading
// the DEM, warping it, and running the solver on the prepared grid each need so many
// bytes per cell. A grid that cannot fit is refused with the estimate and the memory,
// instead of failing deep inside GDAL or the solver (or being killed by the system).
#include <cstdint>
#include <optional>
#include <string>

#include "grids/gdal_raster.hpp"

namespace floodtwin::twin {

// Bytes per cell of each stage. The solver's: floodtwin-bench's `bytes_per_cell` (peak
// resident memory / cells) on the 2000 x 2000 dam break, 104 for fv2 (README, "Speed of
// the portable and native builds"; fv1 measures the same, 99.7 at 3000 x 3000): a lower
// bound for a run, which also keeps the DEM and the output maps.
inline constexpr double solver_bytes_per_cell = 104.0;
// Reading a DEM: one double per cell.
inline constexpr double read_bytes_per_cell = 8.0;
// Warping: GDAL's in-memory output band and our copy of it, a double each.
inline constexpr double warp_bytes_per_cell = 16.0;

// The memory of this machine: sysconf(_SC_PHYS_PAGES) x sysconf(_SC_PAGE_SIZE).
[[nodiscard]] std::uint64_t physical_memory_bytes();

// A grid and what is asked of it, for the message.
struct GridDemand {
    grids::GridSize size;
    double bytes_per_cell = solver_bytes_per_cell;
    std::string subject;  // "grid.resolution: the DEM warped to 0.01 m"
    std::string stage;    // "warping it", "the solver"
    std::string remedy;   // "use a coarser grid.resolution"
};

// The message that refuses `demand` on a machine with `memory_bytes`, or nothing when
// the estimate (bytes per cell x cells) fits:
//   "<subject> is 40000 x 40000 = 1.6e+09 cells; <stage> needs 104 bytes per cell,
//    1.66e+11 bytes (166 GB), more than this machine's memory, 8.2e+09 bytes (8.2 GB): <remedy>"
[[nodiscard]] std::optional<std::string> memory_refusal(const GridDemand& demand, std::uint64_t memory_bytes);

// Throws std::invalid_argument with memory_refusal's message on this machine.
void check_fits_in_memory(const GridDemand& demand);

}  // namespace floodtwin::twin
