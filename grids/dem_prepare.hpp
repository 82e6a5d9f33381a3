#pragma once
// One solver-ready DEM from the tiles a case is built from (SRTM .hgt, ASTER, Copernicus
// GLO-30, GeoTIFF, ASCII grids), whatever their CRS: mosaicked, reprojected onto one
// aligned grid and with its small voids filled.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

#include "grids/gdal_raster.hpp"
#include "grids/raster.hpp"

namespace floodtwin::grids {

struct DemPrepareOptions {
    // Anything GDAL's user-input parser takes without file or network access; projected, in metres.
    std::string target_crs = "EPSG:32648";
    double resolution_m = 30.0;  // square cells
    // Area wanted, in the target CRS; snapped outward to whole cells. Unset: the union of
    // the sources' footprints.
    std::optional<Bounds> bbox;
    // Voids of up to this many cells of the OUTPUT grid (8-connected) are filled: a 3" SRTM
    // void of 4 cells is 36 at 30 m. Voids in steep terrain run to thousands of cells.
    std::size_t max_fill_hole_cells = 16;
    Resampling resampling = Resampling::bilinear;
};

// Value stored in cells that stay empty, and the output's nodata value.
inline constexpr double k_dem_nodata = k_warp_fallback_nodata;

struct DemPrepareReport {
    std::size_t runs = 0;                // sources mosaicked together, then warped (see prepare_dem)
    std::size_t cells_from_sources = 0;  // valid after the merge, before filling
    std::size_t cells_filled = 0;
    std::size_t void_cells_left = 0;     // nodata inside a source's extent: voids too big to fill
    std::size_t outside_cells = 0;       // nodata outside every source: the area has no data
    [[nodiscard]] std::size_t nodata_cells() const { return void_cells_left + outside_cells; }
};

// The DEM on a grid in options.target_crs whose cell edges are whole multiples of the
// resolution (gdalwarp -tap, as warp_raster), covering options.bbox or the sources' union.
//
// Overlaps: the first source listed that has a valid value at a place wins. Consecutive
// sources that share CRS, cell size, grid alignment, data type and nodata value (adjacent
// tiles of one product) are first joined into one mosaic (a GDAL VRT, same first-wins
// rule) and warped together, so interpolation reads across tile joins and leaves no seam;
// other sources are warped separately and merged cell by cell.
//
// Voids: nodata holes of up to max_fill_hole_cells are filled by fill_nodata_holes. Cells
// whose centre lies outside every source's extent are never filled (that would be
// invention, not repair) and stay nodata, as do bigger voids: a DEM for the solver must
// have none, so the report counts both and the caller decides.
//
// Throws RasterError naming the file when a source is missing, unreadable, has no
// georeferencing or CRS; naming the CRS when the target is not projected in metres; and
// when no source has a valid value in the output grid.
[[nodiscard]] Raster<double> prepare_dem(std::span<const std::filesystem::path> sources,
                                         const DemPrepareOptions& options, DemPrepareReport* report = nullptr);

}  // namespace floodtwin::grids
