#include "grids/dem_prepare.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "grids/dem_source_runs.hpp"
#include "grids/fill_nodata.hpp"
#include "grids/raster_error.hpp"

namespace floodtwin::grids {

Raster<double> prepare_dem(std::span<const std::filesystem::path> sources, const DemPrepareOptions& options,
                           DemPrepareReport* report) {
    Raster<double> dem;
    std::vector<std::uint8_t> inside_any;
    std::string all_files;
    const std::size_t runs = detail::warp_source_runs(sources, options, [&](detail::WarpedRun&& run) {
        all_files += (all_files.empty() ? "" : ", ") + run.files;
        if (dem.values.empty()) {
            dem = run.dem;
            std::fill(dem.values.begin(), dem.values.end(), k_dem_nodata);
            inside_any.assign(dem.size(), 0);
        }
        // A run only fills cells the earlier ones left empty: first listed wins. Outside
        // its extent it has nothing to say, whatever gdalwarp's approximate transform
        // let through at the very edge.
        for (std::size_t i = 0; i < dem.size(); ++i) {
            if (!run.inside[i]) continue;
            inside_any[i] = 1;
            if (dem.is_nodata_value(dem.values[i]) && !run.dem.is_nodata_value(run.dem.values[i]))
                dem.values[i] = run.dem.values[i];
        }
    });
    dem.source = all_files;

    DemPrepareReport counts;
    counts.runs = runs;
    counts.cells_from_sources = dem.count_valid();
    if (counts.cells_from_sources == 0)
        throw RasterError("no valid elevation from " + all_files + " falls in the DEM grid" +
                          (options.bbox ? " (check the bbox and its CRS, " + options.target_crs + ")" : std::string()));

    std::vector<std::uint8_t> was_empty(dem.size());
    for (std::size_t i = 0; i < dem.size(); ++i) was_empty[i] = dem.is_nodata_value(dem.values[i]) ? 1 : 0;
    fill_nodata_holes(dem, FillOptions{.max_hole_cells = options.max_fill_hole_cells});
    // The filler cannot tell a void from the land beyond the tiles; put the latter back.
    for (std::size_t i = 0; i < dem.size(); ++i) {
        if (!was_empty[i]) continue;
        if (!inside_any[i]) {
            dem.values[i] = k_dem_nodata;
            ++counts.outside_cells;
        } else if (dem.is_nodata_value(dem.values[i])) {
            ++counts.void_cells_left;
        } else {
            ++counts.cells_filled;
        }
    }
    if (report) *report = counts;
    return dem;
}

}  // namespace floodtwin::grids
