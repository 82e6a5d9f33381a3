// The DEM of a case made ready for the solver: its CRS settled (its own, or grid.crs
// for a DEM without one), warped and cropped as [grid] says, holes filled, and every
// stage checked to fit in memory before it allocates.
#include <stdexcept>

#include "grids/crop.hpp"
#include "grids/fill_nodata.hpp"
#include "grids/gdal_raster.hpp"
#include "grids/text_fields.hpp"
#include "twin/setup/case_setup.hpp"
#include "twin/setup/grid_memory.hpp"

namespace floodtwin::twin {

namespace {

constexpr const char* crs_example = "\"EPSG:32648\"";

// Refuses a CRS the solver cannot take as it is: angles, or a linear unit other than metres.
void require_metres(const grids::CrsFacts& crs, const std::string& subject, const std::string& remedy) {
    if (crs.geographic)
        throw std::invalid_argument(subject + " is in degrees (geographic CRS '" + crs.name +
                                    "'), and the solver works in metres: " + remedy);
    if (!crs.projected || crs.metres_per_unit != 1.0)
        throw std::invalid_argument(subject + " is in " + (crs.unit_name.empty() ? "units" : crs.unit_name) +
                                    " (CRS '" + crs.name + "'), and the solver works in metres: " + remedy);
}

// The DEM's CRS settled: its own when it has one (grid.crs then reprojects it), grid.crs
// when it has none. Returns whether the DEM still needs reprojecting to grid.crs.
bool settle_crs(const Case& c, grids::Raster<double>& dem) {
    const std::string file = c.grid.dem.string();
    if (dem.crs_wkt.empty()) {
        if (!c.grid.crs)
            throw std::invalid_argument(
                c.file.string() + ": grid.dem: " + file +
                " has no coordinate reference system: give grid.crs, the CRS its coordinates are in (e.g. " +
                crs_example + "), or use a DEM that carries one (`floodtwin dem prepare` writes one)");
        // No CRS of its own: grid.crs says what its coordinates are; nothing is reprojected.
        dem.crs_wkt = grids::crs_wkt(*c.grid.crs, "grid.crs");
        require_metres(grids::crs_facts(dem.crs_wkt, "grid.crs"),
                       c.file.string() + ": grid.crs: '" + *c.grid.crs + "', taken as the CRS of " + file +
                           " (which has none),",
                       "give the projected CRS its coordinates are in, or reproject it first (`floodtwin dem "
                       "prepare`)");
        return false;
    }
    if (c.grid.crs) return true;
    require_metres(grids::crs_facts(dem.crs_wkt, "grid.dem"), c.file.string() + ": grid.dem: " + file,
                   std::string("give grid.crs, a metric CRS to reproject it to (e.g. ") + crs_example +
                       "), and grid.resolution in metres");
    return false;
}

// grid.resolution (and a reprojection to grid.crs): the warped DEM, checked to fit first.
grids::Raster<double> warped(const Case& c, const grids::Raster<double>& dem, bool reproject) {
    if (!c.grid.resolution_m)
        throw std::invalid_argument(c.file.string() + ": grid.resolution: needed with grid.crs (metres)");
    grids::WarpOptions w;
    w.target_crs = reproject ? *c.grid.crs : dem.crs_wkt;
    w.resolution_m = *c.grid.resolution_m;
    check_fits_in_memory({grids::warp_output_size(dem, w), warp_bytes_per_cell,
                          c.file.string() + ": grid.resolution: the DEM warped to " +
                              grids::number_text(w.resolution_m) + " m",
                          "warping it", "use a coarser grid.resolution"});
    return grids::warp_raster(dem, w);
}

}  // namespace

grids::Raster<double> prepare_dem(const Case& c) {
    if (c.grid.dem.empty())
        throw std::invalid_argument(c.file.string() + ": grid.dem: missing: a 2D run needs a DEM (`floodtwin route` "
                                    "runs the river network alone)");
    check_fits_in_memory({grids::raster_file_size(c.grid.dem), read_bytes_per_cell,
                          c.file.string() + ": grid.dem: " + c.grid.dem.string(), "reading it",
                          "crop it first, or prepare a smaller DEM with `floodtwin dem prepare`"});
    grids::Raster<double> dem = grids::read_raster(c.grid.dem);
    const bool reproject = settle_crs(c, dem);
    if (reproject || c.grid.resolution_m) dem = warped(c, dem, reproject);
    if (c.grid.bbox) {
        const auto& b = *c.grid.bbox;
        dem = grids::crop(dem, grids::Bounds{b[0], b[1], b[2], b[3]});
    }
    grids::fill_nodata_holes(dem);
    check_fits_in_memory({{dem.nx, dem.ny}, solver_bytes_per_cell,
                          c.file.string() + ": grid: the prepared grid",
                          "the solver (floodtwin-bench's bytes_per_cell)",
                          "use a coarser grid.resolution or a smaller grid.bbox"});
    return dem;
}

}  // namespace floodtwin::twin
