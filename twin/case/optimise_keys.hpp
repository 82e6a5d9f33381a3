#pragma once
// The optimise part of the case-file key registry (twin/case/case_keys.hpp):
// [optimise] and [[optimise.variable]].
#include <span>

#include "twin/case/case_keys.hpp"

namespace floodtwin::twin {

std::span<const CaseTable> optimise_case_tables();
std::span<const CaseKey> optimise_case_keys();

}  // namespace floodtwin::twin
