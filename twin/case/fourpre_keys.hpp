#pragma once
// The four pre- part of the case-file key registry (twin/case/case_keys.hpp):
// [fourpre], [[observed]], [[area]], [[plan]].
#include <span>

#include "twin/case/case_keys.hpp"

namespace floodtwin::twin {

std::span<const CaseTable> fourpre_case_tables();
std::span<const CaseKey> fourpre_case_keys();

// The repeated tables a [[plan]] may add entries to ([[plan.rule]], ...).
inline constexpr std::string_view plan_addable_tables[] = {"rule", "breach", "detention"};

}  // namespace floodtwin::twin
