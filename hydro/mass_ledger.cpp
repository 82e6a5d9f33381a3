#include "hydro/mass_ledger.hpp"

#include <algorithm>
#include <cmath>

namespace floodtwin::hydro {

double MassLedger::inflow_m3() const {
    double v = rain_m3;
    for (const auto& b : boundaries) v += b.in_m3;
    for (const auto& p : point_inflows) v += p.in_m3;
    return v;
}

double MassLedger::outflow_m3() const {
    double v = loss_m3;
    for (const auto& b : boundaries) v += b.out_m3;
    for (const auto& p : point_inflows) v += p.out_m3;
    return v;
}

double MassLedger::relative_error() const {
    const double imbalance = (storage_m3 - initial_storage_m3) - net_inflow_m3();
    const double scale = std::max({storage_m3, inflow_m3(), initial_storage_m3});
    return scale > 0.0 ? imbalance / scale : 0.0;
}

}  // namespace floodtwin::hydro
