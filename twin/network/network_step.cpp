#include "twin/network/network_step.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace floodtwin::twin {

double network_step_s(const Case& c, bool coupled) {
    const NetworkSettings& s = c.network.settings;
    if (!coupled) return s.step_s;
    const double step = std::min(s.step_s, s.coupling_interval_s);
    const double n = s.coupling_interval_s / step;
    if (std::abs(n - std::round(n)) > 1e-9)
        throw std::invalid_argument("network.coupling_interval: must be a whole number of network.step (" +
                                    std::to_string(s.step_s) + " s)");
    return step;
}

}  // namespace floodtwin::twin
