#pragma once
// report.html of a forecast issue time: one page the office hands round. Forecast
// (hydrographs drawn as charts, peaks, numbered floods, reservoirs, the inundation and
// hazard maps), warnings (table and map), the rehearsal (the plans side by side, their
// maps), and the chosen plan with its orders, filled into the page model of
// twin/fourpre/report_page.hpp.
#include "twin/fourpre/fourpre_run.hpp"
#include "twin/fourpre/report_page.hpp"

namespace floodtwin::twin {

[[nodiscard]] ReportPage fourpre_report(const FourPreRun& run);

}  // namespace floodtwin::twin
