#include "twin/run/result_maps.hpp"

#include <limits>

#include "grids/geotiff_writer.hpp"
#include "twin/setup/solver_grid.hpp"

namespace floodtwin::twin {

MapFields map_fields(const hydro::Simulation& sim) {
    const auto& s = sim.state();
    const auto bed = sim.bed();
    const double dry = sim.config().dry_depth_m;
    const std::size_t n = s.h.size();
    MapFields f{std::vector<double>(n), std::vector<double>(n), std::vector<double>(n)};
    for (std::size_t c = 0; c < n; ++c) {
        const bool wet = s.h[c] > dry;
        f.water_level[c] = s.h[c] > 0.0 ? s.h[c] + bed[c] : std::numeric_limits<double>::quiet_NaN();
        f.velocity_x[c] = wet ? s.hu[c] / s.h[c] : 0.0;
        f.velocity_y[c] = wet ? s.hv[c] / s.h[c] : 0.0;
    }
    return f;
}

void write_geotiff_map(const std::filesystem::path& path, std::span<const double> values,
                       const grids::Raster<double>& dem, const std::map<std::string, std::string>& tags) {
    grids::Raster<double> r = to_raster(values, dem);
    r.nodata = std::numeric_limits<double>::quiet_NaN();
    grids::GeoTiffOptions o;
    o.metadata = tags;
    grids::write_geotiff(path, r, o);
}

}  // namespace floodtwin::twin
