#pragma once
// The four pre- tables of a case ([fourpre], [[observed]], [[area]], [[plan]]) from
// their entries, as read; names are checked against the case (stations, plans).
#include <string_view>
#include <vector>

#include "twin/case/case.hpp"
#include "twin/case/case_entries.hpp"

namespace floodtwin::twin {

// Fills `c.fourpre` from the entries of the table `name`; false when `name` is not one
// of the four pre- tables.
bool read_fourpre_table(std::string_view name, const std::vector<CaseEntry>& entries, const CaseErrors& errors,
                        Case& c);

}  // namespace floodtwin::twin
