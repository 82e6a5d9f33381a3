#pragma once
// Breaches and detention inlets placed on the grid as weir links (hydro/weir_links.hpp):
// the crest stretch cut into strips of about one cell, each joining the first cells
// lower than the crest on either side of it; the opening's growth; the gauge whose
// stage opens it. Every error names the case key.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "grids/raster.hpp"
#include "hydro/weir_links.hpp"
#include "twin/case/case.hpp"
#include "twin/setup/domain_mask.hpp"

namespace floodtwin::twin {

struct GaugeSite;

// A detention area as the run reports it.
struct DetentionSite {
    std::vector<std::size_t> cells;  // solver indices inside the area
    std::size_t link = 0;            // its inlet among the simulation's weir links
};

struct WeirLinkPlan {
    std::vector<hydro::WeirLink> links;     // the breaches, then the detention inlets, in case order
    std::vector<std::string> kinds;         // per link: "breach" or "detention"
    std::vector<DetentionSite> detentions;
};

// `bed_m`: the solver's bed (solver order); `gauges`: the case's gauges, placed.
[[nodiscard]] WeirLinkPlan plan_weir_links(const Case& c, const grids::Raster<double>& dem,
                                           std::span<const double> bed_m, const Domain& domain,
                                           std::span<const GaugeSite> gauges);

}  // namespace floodtwin::twin
