#pragma once
// Weir links: water over a structure the grid does not resolve as an opening, a levee
// breach or the inlet of a detention area, moved from the cells on one side of it to the
// cells on the other after each step, like the point inflows.
//
// Per metre of opening, with H1 the upstream level over the sill and H2 the tail water
// over it, the broad-crested weir law
//     q = C H1^(3/2) (1 - (H2 / H1)^(3/2))^0.385,   C = sqrt(g) (2/3)^(3/2) = 1.705 m^0.5/s,
// free flow at critical depth over the crest (Henderson 1966, 6.5) times Villemonte's
// (1947) drowning factor, which is 1 while the tail water stays below the sill: the same
// pair HEC-RAS uses for its lateral structures and breaches (Hydraulic Reference Manual,
// ch. 8). The opening grows linearly in time from its first to its final width and sill,
// as HEC-RAS's linear breach progression does, centred on a point of the crest.
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "hydro/grid.hpp"
#include "hydro/mass_ledger.hpp"
#include "hydro/state.hpp"
#include "hydro/tile_activity.hpp"

namespace floodtwin::hydro {

inline constexpr double kBroadCrestedWeirCoefficient = 1.705;  // m^0.5/s: sqrt(9.81) (2/3)^1.5

// One stretch of the crest: the water passes between cell a (side A: the river's, for
// a breach or an inlet) and cell b (side B: the land's, the detention area's).
struct WeirStrip {
    std::size_t a = 0, b = 0;
    double from_m = 0.0, to_m = 0.0;  // chainage along the crest, from_m < to_m
    // The cells whose levels give the heads: the next cells out from a and b. The cell
    // against the crest stands higher than the water around it while it is drawn from:
    // the approach flow meets the crest there as a wall (the Riemann solution at a
    // wall lifts it by about u h / c); one cell further out the level is the
    // approaching water's.
    std::size_t a_level = 0, b_level = 0;
};

struct WeirLink {
    std::string name;
    std::vector<WeirStrip> strips;  // in chainage order; their stretches do not overlap
    double centre_m = 0.0;          // chainage the opening grows about
    double width_start_m = 0.0, width_end_m = 0.0;  // >= 0
    double sill_start_m = 0.0, sill_end_m = 0.0;    // the sill (the breach bottom) at both ends
    double formation_s = 0.0;       // from opening to full size (0: at once)
    double coefficient = kBroadCrestedWeirCoefficient;
    // When it opens: at opens_at_s, or (NaN) the first time the water level at
    // trigger_cell, wet, reaches trigger_level_m.
    double opens_at_s = std::numeric_limits<double>::quiet_NaN();
    std::size_t trigger_cell = 0;
    double trigger_level_m = std::numeric_limits<double>::quiet_NaN();
};

// Per metre of opening (m2/s, >= 0) from the upstream head h1 and the tail head h2 over
// the sill (h2 <= 0: free flow); 0 when h1 <= 0.
double weir_unit_discharge(double h1_m, double h2_m, double coefficient);

// The opening's width and sill at time t_s of a link that opened at opened_s (NaN: closed).
struct WeirOpening {
    double width_m = 0.0;
    double sill_m = 0.0;
};
WeirOpening weir_opening(const WeirLink& link, double opened_s, double t_s);

// How much of strip `s`'s stretch the opening covers (m).
double strip_opening_m(const WeirLink& link, const WeirStrip& s, double width_m);

struct WeirLinkCase {
    const Grid& grid;
    std::span<const double> bed_m;
    std::span<const WeirLink> links;
    double gravity_m_s2;
    double dry_depth_m;
};

// Opens, at t_s, the links whose trigger level is reached in `s` (opened_s[k] NaN until then).
void open_triggered_links(const WeirLinkCase& wc, const State& s, double t_s, std::span<double> opened_s);

// Moves the water each open link passes over [t0_s, t0_s + dt]: per strip, in order,
// from the higher to the lower side, at the weir law with the opening at mid-step and
// the levels of `s`, but never more than the upper cell holds above the sill nor more
// than would bring both levels level (the explicit step cannot overshoot). The water
// taken leaves its cell with its velocity, the water given arrives at rest; tiles of
// the cells given water are marked wet; the volumes go to ledger.links (storage is
// unchanged). Returns the largest CFL speed of the cells given water (0 if none).
double pass_weir_links(const WeirLinkCase& wc, std::span<const double> opened_s, double t0_s, double dt, State& s,
                       TileActivity& wet, MassLedger& ledger);

}  // namespace floodtwin::hydro
