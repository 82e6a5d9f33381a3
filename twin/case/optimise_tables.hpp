#pragma once
// The optimise tables of a case ([optimise], [[optimise.variable]]) from their entries,
// as read: objectives against twin/case/optimise_objectives.hpp, the station against the
// network, each variable's key against the registry (a number, a duration or an element
// of a list of numbers), its bounds against the key's range.
#include <string_view>
#include <vector>

#include "twin/case/case.hpp"
#include "twin/case/case_entries.hpp"

namespace floodtwin::twin {

// Fills `c.optimise` from the entries of the table `name`; false when it is not one of
// the optimise tables.
bool read_optimise_table(std::string_view name, const std::vector<CaseEntry>& entries, const CaseErrors& errors,
                         Case& c);

}  // namespace floodtwin::twin
