#pragma once
// The ensemble part of the case-file key registry (twin/case/case_keys.hpp): [ensemble].
#include <span>

#include "twin/case/case_keys.hpp"

namespace floodtwin::twin {

std::span<const CaseTable> ensemble_case_tables();
std::span<const CaseKey> ensemble_case_keys();

}  // namespace floodtwin::twin
