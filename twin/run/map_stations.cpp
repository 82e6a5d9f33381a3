#include "twin/run/map_stations.hpp"

#include <cmath>
#include <limits>

#include "grids/netcdf_reader.hpp"
#include "twin/warning/warning_levels.hpp"

namespace floodtwin::twin {

std::vector<MapStation> map_stations(const grids::Raster<double>& dem, const GaugeRecorder& gauges,
                                     const std::filesystem::path& results_nc, double dry_depth_m) {
    const grids::Bounds b = dem.bounds();
    std::vector<MapStation> stations;
    for (std::size_t k = 0; k < gauges.sites().size(); ++k) {
        const GaugeSite& g = gauges.sites()[k];
        const std::size_t i = g.cell % dem.nx, j = g.cell / dem.nx;
        MapStation s;
        s.name = g.name;
        s.x_m = b.xmin + (static_cast<double>(i) + 0.5) * dem.resolution_x();
        s.y_m = b.ymin + (static_cast<double>(j) + 0.5) * dem.resolution_y();
        s.peak.stage_m = gauges.peak_level_m()[k];
        s.peak.level = gauges.peak_warning_level(k);
        stations.push_back(std::move(s));
    }
    // The same numbers gauges.csv holds at these times: water level plus datum offset.
    const grids::NetcdfReader nc(results_nc);
    for (std::size_t m = 0; m < nc.time_count(); ++m) {
        const std::vector<double> depth = nc.read_time("depth", m);
        const std::vector<double> level = nc.read_time("water_level", m);
        for (std::size_t k = 0; k < stations.size(); ++k) {
            const GaugeSite& g = gauges.sites()[k];
            MapStationState state;
            if (depth[g.cell] > dry_depth_m) state.stage_m = level[g.cell] + g.datum_offset_m;
            state.level = warning_level(state.stage_m, g.thresholds);
            stations[k].at_maps.push_back(state);
        }
    }
    return stations;
}

}  // namespace floodtwin::twin
