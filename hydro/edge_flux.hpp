#pragma once
// Pointwise fluxes through a face on the domain edge, one per kind of boundary, in the
// face's outward frame: the edge cell is the left state (depth h, outward normal
// velocity un, tangential ut), the outside a ghost state made from it.
#include <algorithm>
#include <cmath>

#include "hydro/flux.hpp"

namespace floodtwin::hydro {

// Wall: the mirror ghost (normal velocity reversed) gives the pressure on the wall;
// mass and tangential momentum are set to exactly zero, which the mirror state would
// give only to round-off.
inline NormalFlux wall_flux(double h, double un, double ut, double g) {
    NormalFlux f = hllc_flux(h, un, ut, h, -un, ut, g);
    f.mass = 0.0;
    f.mom_t = 0.0;
    return f;
}

// Free: water may leave but not enter. Where it leaves, the ghost has the cell's depth
// and velocity on a bed `drop` metres lower (outward_bed_drop: the bed slope carried
// on across the edge), so uniform flow passes the edge as it passes an interior face,
// at its own depth, supercritical or not, and a thin sheet on a steep slope keeps the
// half-cell of gravity the hydrostatic flux (flux.hpp) gives it; a level ghost bed
// held the sheet back as a weir would, 2-4 times its normal depth. On a level or
// rising bed (drop <= 0) the ghost is the cell itself (zero gradient). A zero-gradient
// ghost for inward flow would import water wherever an eddy turns the edge velocity
// inward, for ever, so inward flow meets a wall instead.
inline NormalFlux free_flux(double h, double un, double ut, double drop, double g) {
    if (!(un > 0.0)) return wall_flux(h, un, ut, g);
    const FaceFlux f = hydrostatic_flux(h, un, ut, 0.0, h, un, ut, -std::max(drop, 0.0), g);
    return {f.mass, f.mom_n_left, f.mom_t};
}

// Stage: a ghost at the given depth with the cell's velocity.
inline NormalFlux stage_flux(double h, double un, double ut, double ghost_h, double g) {
    return hllc_flux(h, un, ut, ghost_h, un, ut, g);
}

// Outflow of q_out m2/s (>= 0) through the face, set by the boundary rather than by a
// ghost state (normal_depth, rating): it carries the cell's tangential velocity out, and
// its normal momentum is q_out times its speed plus the cell's pressure.
inline NormalFlux outflow_flux(double h, double ut, double q_out, double g, double dry_depth) {
    const double u_out = h > dry_depth ? q_out / h : 0.0;
    return {q_out, q_out * u_out + 0.5 * g * h * h, q_out * ut};
}

// Inflow of q_in m2/s through the face: water enters normal to the edge, its momentum
// limited to that of critical flow so that a thin film cannot be shot in at absurd speed.
inline NormalFlux inflow_flux(double h, double q_in, double g, double dry_depth) {
    const double u_in = h > dry_depth ? std::min(q_in / h, std::sqrt(g * h)) : 0.0;
    return {-q_in, q_in * u_in + 0.5 * g * h * h, 0.0};
}

}  // namespace floodtwin::hydro
