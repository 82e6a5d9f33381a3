#include "app/maps_drawer.hpp"

#ifdef FLOODTWIN_WITH_VIZ
#include "viz/rivers.hpp"
#include "viz/run_maps.hpp"
#include "viz/stations.hpp"
#endif

namespace floodtwin::app {

#ifdef FLOODTWIN_WITH_VIZ
namespace {

viz::StationState station_state(const twin::MapStationState& s) { return {s.stage_m, s.level}; }

std::vector<std::string> draw(const twin::RunMapsInput& in) {
    viz::RunMapsOptions o;
    o.note = in.note;
    for (const twin::MapStation& m : in.stations) {
        viz::Station s;
        s.name = m.name;
        s.x_m = m.x_m;
        s.y_m = m.y_m;
        s.level = m.peak.level;
        s.stage_m = m.peak.stage_m;
        for (const auto& at : m.at_maps) s.at_maps.push_back(station_state(at));
        o.stations.push_back(std::move(s));
    }
    if (in.rivers) o.rivers = viz::read_rivers(*in.rivers, in.crs_wkt);
    return viz::render_run_maps(in.results_nc, in.out_dir, o).skipped;
}

}  // namespace

twin::MapsDrawer viz_maps_drawer() { return draw; }
#else
twin::MapsDrawer viz_maps_drawer() { return {}; }
#endif

}  // namespace floodtwin::app
