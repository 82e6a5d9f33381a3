#include "hydro/mass_ledger.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

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

namespace {

double balance_scale(const MassLedger& l) { return std::max({l.storage_m3, l.inflow_m3(), l.initial_storage_m3}); }

}  // namespace

double MassLedger::relative_error() const {
    const double imbalance = (storage_m3 - initial_storage_m3) - net_inflow_m3();
    // A run that blew up (NaN or infinite volumes) must not read as balanced: NaN.
    if (!std::isfinite(imbalance)) return std::numeric_limits<double>::quiet_NaN();
    const double scale = balance_scale(*this);
    return scale > 0.0 ? imbalance / scale : 0.0;
}

double MassLedger::relative_positivity_added() const {
    // NaN stays NaN (a bound on it then fails): a run that blew up must not read as 0.
    const double scale = balance_scale(*this);
    if (scale == 0.0) return positivity_added_m3 == 0.0 ? 0.0 : std::numeric_limits<double>::infinity();
    return positivity_added_m3 / scale;
}

}  // namespace floodtwin::hydro
