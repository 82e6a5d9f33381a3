#pragma once
// `floodtwin cycle`: the four pre- workflow at successive issue times (every 12 h, say),
// each from the state the previous one left at its issue time, as a forecast centre
// runs it; and the table of how the control station's peak forecast and its orange
// lead time evolved from cycle to cycle (cycle.csv, cycle.json).
#include <string>

#include "twin/fourpre/fourpre_workflow.hpp"

namespace floodtwin::twin {

struct CycleOptions {
    FourPreOptions fourpre;  // case, out (the cycle's folder), overrides, cores, maps
    std::string from, to;    // the first and last issue times (ISO 8601 with a zone)
    std::string every;       // "12h"
    bool rehearse = false;   // each cycle rehearses the plans too (default: the forecast alone)
};

void run_cycle(const CycleOptions& options);

}  // namespace floodtwin::twin
