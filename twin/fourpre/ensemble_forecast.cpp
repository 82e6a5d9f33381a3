#include "twin/fourpre/ensemble_forecast.hpp"

#include <cmath>

#include "grids/text_fields.hpp"
#include "twin/case/time_text.hpp"
#include "twin/fourpre/level_crossings.hpp"

namespace floodtwin::twin {

std::string probabilistic_warning_text(const StationEnsemble& s, double issue_s, int utc_offset_min) {
    for (std::size_t l = 4; l-- > 0;) {
        if (s.probability[l] < 0.1) continue;
        std::string text = s.name + ": " + to_string(ensemble_levels[l]) + " with " +
                           grids::number_text(std::round(s.probability[l] * 100.0)) + " % probability";
        if (!std::isnan(s.earliest[l]))
            text += ", earliest crossing " +
                    (s.earliest[l] <= issue_s ? std::string("already at the issue time")
                                              : "in " + lead_text(s.earliest[l] - issue_s) + " (" +
                                                    format_instant(s.earliest[l], utc_offset_min) + ")");
        return text;
    }
    return {};
}

}  // namespace floodtwin::twin
