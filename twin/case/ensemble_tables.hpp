#pragma once
// The [ensemble] table of a case from its entry, as read; the inflows it names are
// checked against the case's forecast inflows.
#include <string>
#include <string_view>
#include <vector>

#include "twin/case/case.hpp"
#include "twin/case/case_entries.hpp"

namespace floodtwin::twin {

// Fills `c.ensemble` from the entries of the table `name`; false when it is not [ensemble].
bool read_ensemble_table(std::string_view name, const std::vector<CaseEntry>& entries, const CaseErrors& errors,
                         Case& c);

// The names of the case's forecast inflows, the ones an ensemble perturbs: inflow nodes
// and reservoirs with a series, inflow boundaries and point sources with one.
[[nodiscard]] std::vector<std::string> forecast_inflow_names(const Case& c);

}  // namespace floodtwin::twin
