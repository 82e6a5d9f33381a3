#pragma once
// The river network's part of the case-file key registry (twin/case/case_keys.hpp):
// [network], [[node]], [[reach]], [[reservoir]], [[rule]], [[joint]], [backwater].
#include <span>

#include "twin/case/case_keys.hpp"

namespace floodtwin::twin {

std::span<const CaseTable> network_case_tables();
std::span<const CaseKey> network_case_keys();

}  // namespace floodtwin::twin
