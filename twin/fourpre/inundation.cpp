#include "twin/fourpre/inundation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "grids/gdal_raster.hpp"
#include "grids/line_file.hpp"
#include "grids/netcdf_reader.hpp"
#include "twin/case/time_text.hpp"
#include "twin/warning/flood_classes.hpp"

namespace floodtwin::twin {

namespace fs = std::filesystem;

std::vector<unsigned char> normal_river_cells(const Case& c, const fs::path& results_nc) {
    const grids::NetcdfReader nc(results_nc);
    const std::vector<double> ground = nc.read_static("ground_level");
    std::vector<unsigned char> river(ground.size(), 0);
    const double first_class = depth_class_edges_m[0];
    if (c.initial.water_level_m && !c.fourpre.settings.normal_river) {
        for (std::size_t k = 0; k < ground.size(); ++k)
            river[k] = std::isfinite(ground[k]) && *c.initial.water_level_m - ground[k] >= first_class;
    } else if (const auto& raster = c.fourpre.settings.normal_river ? c.fourpre.settings.normal_river : c.initial.depth) {
        // On the results' grid: results.nc rows run from the south, a raster's from the north.
        const grids::NcGrid& g = nc.grid();
        grids::Raster<double> like(g.nx, g.ny, {g.x0_m - g.dx_m / 2, g.y0_m + (g.ny - 0.5) * g.dy_m, g.dx_m, -g.dy_m});
        like.crs_wkt = g.crs_wkt;
        const auto how = c.fourpre.settings.normal_river ? grids::Resampling::nearest : grids::Resampling::bilinear;
        const grids::Raster<double> depth = grids::warp_onto(grids::read_raster(*raster), like, how);
        for (std::size_t j = 0; j < g.ny; ++j)
            for (std::size_t i = 0; i < g.nx; ++i) {
                const double d = depth.at(i, g.ny - 1 - j);
                river[i + g.nx * j] = std::isfinite(d) && !depth.is_nodata_value(d) && d >= first_class;
            }
    }
    return river;
}

Inundation read_inundation(const fs::path& results_nc, const std::vector<unsigned char>& normal_river) {
    const grids::NetcdfReader nc(results_nc);
    Inundation f;
    f.grid = nc.grid();
    f.max_depth_m = nc.read_static("max_depth");
    f.arrival_s = nc.read_static("arrival_time");
    const std::size_t n = f.max_depth_m.size();
    if (normal_river.size() != n)
        throw std::runtime_error(results_nc.string() + ": the normal river has " + std::to_string(normal_river.size()) +
                                 " cells, the results " + std::to_string(n));
    f.normal_river = normal_river;
    f.depth_class.assign(n, 0);
    f.hazard_class.assign(n, 0);
    f.arrival_class.assign(n, 0);
    // Hazard joins depth and velocity at one time: the largest class over the maps.
    for (std::size_t k = 0; k < nc.time_count(); ++k) {
        const std::vector<double> d = nc.read_time("depth", k), u = nc.read_time("velocity_x", k),
                                  v = nc.read_time("velocity_y", k);
        for (std::size_t c = 0; c < n; ++c)
            f.hazard_class[c] = std::max(f.hazard_class[c], hazard_class(d[c], std::hypot(u[c], v[c])));
    }
    const std::vector<double> ground = nc.read_static("ground_level");
    for (std::size_t c = 0; c < n; ++c) {
        if (!std::isfinite(ground[c])) {
            f.depth_class[c] = f.hazard_class[c] = f.arrival_class[c] = class_outside;
        } else if (normal_river[c]) {
            f.depth_class[c] = f.hazard_class[c] = f.arrival_class[c] = class_normal_river;
        } else {
            f.depth_class[c] = depth_class(f.max_depth_m[c]);
            if (f.depth_class[c] > 0) {
                f.flooded_land_m2 += f.cell_area_m2();
                f.arrival_class[c] = arrival_class(f.arrival_s[c] / 3600.0);
            }
        }
    }
    // The run's start, from the time axis: arrival times count from it.
    f.start_epoch_s = cf_time_since(0.0, nc.time_units(), Instant{}, results_nc.string());
    return f;
}

std::vector<unsigned char> cells_inside(const grids::NcGrid& g, const std::vector<grids::Polyline>& rings) {
    std::vector<unsigned char> inside(g.nx * g.ny, 0);
    for (std::size_t j = 0; j < g.ny; ++j) {
        const double y = g.y0_m + j * g.dy_m;
        for (std::size_t i = 0; i < g.nx; ++i) {
            const double x = g.x0_m + i * g.dx_m;
            bool odd = false;
            for (const grids::Polyline& ring : rings) {
                const auto& p = ring.points;
                for (std::size_t a = 0, b = p.size() - 1; a < p.size(); b = a++)
                    if ((p[a].y > y) != (p[b].y > y) &&
                        x < p[b].x + (y - p[b].y) * (p[a].x - p[b].x) / (p[a].y - p[b].y))
                        odd = !odd;
            }
            inside[i + g.nx * j] = odd;
        }
    }
    return inside;
}

std::vector<grids::Polyline> area_rings(const AreaSection& area, const std::string& crs_wkt) {
    std::vector<grids::Polyline> rings = grids::read_polygon_rings(area.file, crs_wkt);
    if (area.feature.empty()) return rings;
    const std::string prefix = area.feature + " ring ";
    std::erase_if(rings, [&](const grids::Polyline& r) { return r.name.rfind(prefix, 0) != 0; });
    if (rings.empty())
        throw std::runtime_error(area.key + ".feature: " + area.file.string() + " has no polygon whose name is '" +
                                 area.feature + "'");
    return rings;
}

AreaImpact area_impact(const Inundation& f, const AreaSection& area, const std::vector<unsigned char>& inside,
                       const std::vector<double>& depths_m) {
    AreaImpact a;
    a.name = area.name;
    a.kind = area.kind;
    a.key = area.key;
    a.assets_unit = area.assets_unit;
    for (std::size_t c = 0; c < inside.size(); ++c) {
        if (!inside[c] || f.depth_class[c] == class_outside || f.normal_river[c]) continue;
        a.land_m2 += f.cell_area_m2();
        if (f.depth_class[c] < 1) continue;
        a.flooded_m2 += f.cell_area_m2();
        a.max_depth_m = std::max(a.max_depth_m, f.max_depth_m[c]);
        if (std::isfinite(f.arrival_s[c])) {
            const double t = f.start_epoch_s + f.arrival_s[c];
            a.first_flooded_epoch_s = a.first_flooded_epoch_s ? std::min(*a.first_flooded_epoch_s, t) : t;
        }
    }
    const double share = a.land_m2 > 0.0 ? a.flooded_m2 / a.land_m2 : 0.0;
    if (area.people) a.people_affected = *area.people * share;
    if (area.assets) a.assets_affected = *area.assets * share;
    for (std::size_t k = 0; k < depths_m.size() && k < 4; ++k)
        if (a.flooded_m2 > 0.0 && a.max_depth_m >= depths_m[k]) {
            a.level = warning_levels_rising[k];
            a.threshold_m = depths_m[k];
        }
    return a;
}

}  // namespace floodtwin::twin
