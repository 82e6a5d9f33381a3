#pragma once
// The ensemble section of the four pre- report: how the members were made and run, the
// chance of each station's warning levels with the earliest crossing, the ensemble mean,
// spread and 10-90 % band against the deterministic forecast, the probability maps.
#include "twin/fourpre/fourpre_run.hpp"
#include "twin/fourpre/report_page.hpp"

namespace floodtwin::twin {

// Needs run.ensemble.
[[nodiscard]] ReportSection ensemble_section(const FourPreRun& run);

}  // namespace floodtwin::twin
