#pragma once
// Rivers and levees written into a DEM. A 30 m DEM sees a river as its water surface
// (radar and photogrammetry stop at water) and smooths a levee away, so without help the
// solver has no channel to convey the base flow and no crest to hold it back.
#include <cstddef>
#include <optional>

#include "grids/polyline.hpp"
#include "grids/raster.hpp"

namespace floodtwin::grids {

// A trapezoidal cross-section swept along a centre line. At offset d from the line (the
// distance to its nearest point, of chainage c) the section's level is
//     bed(c) + max(0, d - bottom_width / 2) / bank_slope      for d <= top_width / 2
// with bottom_width = top_width - 2 * bank_slope * bank_height: a flat bed, and banks
// rising at the bank slope from the bed's edges to bank_height above the bed at the top
// width. bank_slope 0 makes a rectangle of the top width.
struct ChannelSection {
    double top_width_m = 0.0;     // bank-full width, bank top to bank top
    double bank_slope = 0.0;      // horizontal per vertical (2: rises 1 m over 2 m)
    double bank_height_m = 0.0;   // bed to bank top; needed when bank_slope > 0
    ChainageProfile bed_level_m;  // bed level along the line's chainage

    [[nodiscard]] double bottom_width_m() const { return top_width_m - 2.0 * bank_slope * bank_height_m; }
    // Throws std::invalid_argument naming `what` for a non-positive width, negative slope
    // or height, a bank slope without a bank height, a bottom width below 0, or a bad profile.
    void check(const std::string& what) const;
    // The section's level at offset d (m) from the line, at chainage c.
    [[nodiscard]] double level_at(double offset_m, double chainage_m) const;
};

// A levee crest along a line: cells within half the crest width of the line are raised
// to the crest level at their chainage.
struct LeveeSpec {
    ChainageProfile crest_level_m;        // one point: a constant crest
    std::optional<double> crest_width_m;  // unset: one cell (the raster's x resolution)

    void check(const std::string& what) const;  // std::invalid_argument naming `what`
};

struct BurnReport {
    std::size_t cells_covered = 0;  // cells under the section or crest that hold data
    std::size_t cells_changed = 0;  // of those, the ones whose elevation changed
    std::size_t nodata_cells = 0;   // under the section or crest but nodata: left as they are
    double volume_m3 = 0.0;         // earth removed (channel) or added (levee); >= 0
    double max_change_m = 0.0;      // largest |change| of one cell

    BurnReport& operator+=(const BurnReport& other);
};

// Lowers every cell whose centre lies within top_width / 2 of the line to
// min(current, section level). A cell the line passes through with its centre farther
// out (only when the top width is under a cell diagonal) is lowered to the bed, so a
// narrow channel stays 4-connected. Every other cell, and every nodata cell, is left bit
// for bit. The line is in the DEM's CRS, in metres.
BurnReport burn_channel(Raster<double>& dem, const Polyline& centre_line, const ChannelSection& section);

// Raises every cell whose centre lies within crest_width / 2 of the line, and every cell
// the line passes through (a watertight crest for 4-neighbour flow), to
// max(current, crest level); never lowers a cell. Nodata cells are left as they are.
BurnReport raise_levee(Raster<double>& dem, const Polyline& crest_line, const LeveeSpec& levee);

}  // namespace floodtwin::grids
