#include "twin/setup/grid_memory.hpp"

#include <unistd.h>

#include <stdexcept>

#include "grids/text_fields.hpp"

namespace floodtwin::twin {

namespace {

// "1.66e+11 bytes (166 GB)"
std::string bytes_text(double bytes) {
    return grids::formatted("%.3g", bytes) + " bytes (" + grids::formatted("%.3g", bytes / 1e9) + " GB)";
}

}  // namespace

std::uint64_t physical_memory_bytes() {
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long page_size = ::sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page_size <= 0) return 0;  // unknown: nothing is refused
    return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size);
}

std::optional<std::string> memory_refusal(const GridDemand& demand, std::uint64_t memory_bytes) {
    const double needed = demand.bytes_per_cell * demand.size.cells();
    if (memory_bytes == 0 || needed <= static_cast<double>(memory_bytes)) return std::nullopt;
    return demand.subject + " is " + std::to_string(demand.size.nx) + " x " + std::to_string(demand.size.ny) + " = " +
           grids::formatted("%.3g", demand.size.cells()) + " cells; " + demand.stage + " needs " +
           grids::number_text(demand.bytes_per_cell) + " bytes per cell, " + bytes_text(needed) +
           ", more than this machine's memory, " + bytes_text(static_cast<double>(memory_bytes)) + ": " +
           demand.remedy;
}

void check_fits_in_memory(const GridDemand& demand) {
    if (const auto refusal = memory_refusal(demand, physical_memory_bytes())) throw std::invalid_argument(*refusal);
}

}  // namespace floodtwin::twin
