#pragma once
// The files of a forecast and a rehearsal: forecast/hydrographs.csv (every station's
// raw and updated stage and its flow), forecast/forecast.json (peaks, numbered floods,
// reservoir trajectories, the updating, the level resets), the class maps as GeoTIFFs,
// rehearsal/comparison.csv and .json (the plans side by side).
#include "twin/fourpre/fourpre_run.hpp"

namespace floodtwin::twin {

void write_forecast_products(const FourPreRun& run);
void write_rehearsal_comparison(const FourPreRun& run);

// The comparison, one row a plan, as the report and comparison.csv show it.
struct ComparisonTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::vector<std::string>> cell_class;  // level-<colour> / bad / good
};
[[nodiscard]] ComparisonTable rehearsal_comparison(const FourPreRun& run);

// The numbered floods of the analysis and the baseline forecast together.
[[nodiscard]] std::vector<NumberedFlood> forecast_numbered_floods(const FourPreRun& run);

}  // namespace floodtwin::twin
