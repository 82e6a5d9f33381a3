#pragma once
// A forecast's inundation from a run's results.nc: land flooded in the depth classes
// flood maps use, the hazard classes (ARR 2019, twin/warning/flood_classes.hpp), and
// what each warning area takes of it. The normal river, the water the case starts from
// before the flood ([initial]), is told apart: it is river, not flooding.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "grids/netcdf_writer.hpp"
#include "grids/polyline.hpp"
#include "twin/case/case.hpp"
#include "twin/warning/warning_level.hpp"

namespace floodtwin::twin {

// Class values of the maps, per cell (i + nx * j, j = 0 south, as results.nc).
inline constexpr int class_outside = -1;      // outside the domain
inline constexpr int class_normal_river = 9;  // the river before the flood

struct Inundation {
    grids::NcGrid grid;
    double start_epoch_s = 0.0;      // the run's start: arrival times count from it
    std::vector<double> max_depth_m, arrival_s;
    std::vector<unsigned char> normal_river;
    std::vector<int> depth_class;    // 0 not flooded, 1..4 depth classes, 9 normal river, -1 outside
    std::vector<int> hazard_class;   // 0 none, 1..6 H1..H6 (largest over the maps), 9, -1
    std::vector<int> arrival_class;  // flooded land: 1..6 by hours after the run's start; 0, 9, -1
    double flooded_land_m2 = 0.0;    // land (not normal river) at depth class 1 or more
    [[nodiscard]] double cell_area_m2() const { return grid.dx_m * grid.dy_m; }
};

// The normal river of `c` on the grid of results.nc: fourpre.normal_river where it is at
// least 0.15 (a depth, or 1 in a mask), else the cells [initial] leaves at least 0.15 m
// deep (the first depth class), from its water_level or depth raster.
[[nodiscard]] std::vector<unsigned char> normal_river_cells(const Case& c, const std::filesystem::path& results_nc);

// Throws std::runtime_error naming the file when results.nc lacks what is needed.
[[nodiscard]] Inundation read_inundation(const std::filesystem::path& results_nc,
                                         const std::vector<unsigned char>& normal_river);

// The cells whose centres lie inside `rings` (in the grid's CRS; odd crossings: holes cut out).
[[nodiscard]] std::vector<unsigned char> cells_inside(const grids::NcGrid& grid,
                                                     const std::vector<grids::Polyline>& rings);

// The rings of an [[area]] in `crs_wkt` (its `feature` alone when given). Throws
// std::runtime_error naming the area's key when the file has no such feature.
[[nodiscard]] std::vector<grids::Polyline> area_rings(const AreaSection& area, const std::string& crs_wkt);

// What one area takes of an inundation.
struct AreaImpact {
    std::string name, kind, key;
    double land_m2 = 0.0, flooded_m2 = 0.0, max_depth_m = 0.0;
    std::optional<double> first_flooded_epoch_s;  // earliest arrival on its flooded land
    std::optional<double> people_affected, assets_affected;
    std::string assets_unit;
    WarningLevel level = WarningLevel::none;  // by max depth against `depths`
    double threshold_m = 0.0;                 // the depth that gives `level`
};

[[nodiscard]] AreaImpact area_impact(const Inundation& flood, const AreaSection& area,
                                     const std::vector<unsigned char>& inside, const std::vector<double>& depths_m);

}  // namespace floodtwin::twin
