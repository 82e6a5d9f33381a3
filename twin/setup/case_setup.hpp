#pragma once
// From a case to a ready simulation: the DEM prepared (reprojected, cropped, holes
// filled), rasters matched to it, boundaries, sources and gauges located on the
// grid. Every error names the case key and, where it applies, the file or the cell.
#include <cstddef>
#include <string>
#include <vector>

#include "grids/raster.hpp"
#include "hydro/simulation.hpp"
#include "twin/case/case.hpp"
#include "twin/setup/rain_frames.hpp"
#include "twin/setup/weir_link_setup.hpp"

namespace floodtwin::twin {

struct GaugeSite {
    std::string name;
    std::size_t cell = 0;  // solver index
    double datum_offset_m = 0.0;
    StationThresholds thresholds{};  // from the case's [[gauge]]; levels in the station datum
};

struct PreparedCase {
    grids::Raster<double> dem;  // north-up, as prepared: the georeferencing of every output
    hydro::Simulation simulation;
    std::vector<GaugeSite> gauges;
    // Rain grids from rain.intensity (one pattern, or radar/forecast frames). The frame
    // for t = 0 is already set on `simulation`; the run driver switches frames on time.
    RainFrames rain_frames;
    // Cells outside the domain (twin/setup/domain_mask.hpp), solver order, 1: outside;
    // empty when every cell is inside. Outputs show nodata there.
    std::vector<unsigned char> outside;
    std::size_t outside_cells = 0;
    // Per weir link of `simulation` (breaches, then detention inlets): "breach" or
    // "detention"; and the detention areas' cells.
    std::vector<std::string> link_kinds;
    std::vector<DetentionSite> detentions;
    // Lines for the user about what setting up did (rasters warped, cells outside).
    std::vector<std::string> notes;
    // What the DEM's builder tagged it as (real, constructed, schematic: its
    // floodtwin_terrain metadata), read with the DEM; empty when it carries none.
    std::string terrain_provenance;
};

// Reads the DEM and applies [grid]: crs + resolution (warp), bbox (crop), then fills
// holes up to 16 cells; what the nodata cells left are, grid.nodata says (prepare_case).
grids::Raster<double> prepare_dem(const Case& c);

PreparedCase prepare_case(const Case& c);

// Whether (x, y), in the DEM's CRS, lies on the grid. The grid is closed: a point on its
// east or north edge is in the cell along that edge.
[[nodiscard]] bool point_on_grid(const grids::Raster<double>& dem, double x, double y);

// Solver cell holding (x, y) in the DEM's CRS; throws naming `key` when outside.
std::size_t cell_at(const grids::Raster<double>& dem, double x, double y, const std::string& key);

}  // namespace floodtwin::twin
