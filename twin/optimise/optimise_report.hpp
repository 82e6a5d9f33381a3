#pragma once
// The optimise report page (report.html, twin/fourpre/report_page.hpp lays it out): the
// front as charts (a scatter for two objectives, a scatter of each pair for more) with
// the case's own plans judged the same way; the Pareto plans; for each hand-written plan
// the Pareto plans at least as good on every objective; with --rehearse, the rehearsal's
// ranking; how the search went.
#include "twin/fourpre/report_page.hpp"
#include "twin/optimise/optimise_run.hpp"

namespace floodtwin::twin {

[[nodiscard]] ReportPage optimise_report(const OptimiseRun& run);

}  // namespace floodtwin::twin
