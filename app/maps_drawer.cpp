#include "app/maps_drawer.hpp"

#ifdef FLOODTWIN_WITH_VIZ
#include "grids/netcdf_reader.hpp"
#include "viz/class_maps.hpp"
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

void draw_class_map(const twin::ClassMapRequest& in) {
    viz::ClassMapOptions o;
    o.kind = in.kind == "hazard"        ? viz::ClassMapKind::hazard
             : in.kind == "arrival"     ? viz::ClassMapKind::arrival
             : in.kind == "probability" ? viz::ClassMapKind::probability
                                        : viz::ClassMapKind::depth;
    o.legend_title = in.legend_title;
    o.results_nc = in.results_nc;
    o.classes = in.classes;
    for (const twin::ClassMapRequest::Point& p : in.stations) {
        viz::Station s;
        s.name = p.name;
        s.x_m = p.x;
        s.y_m = p.y;
        s.level = p.level;
        s.stage_m = p.stage_m;
        o.stations.push_back(std::move(s));
    }
    for (const twin::ClassMapRequest::Area& a : in.areas) o.areas.push_back({a.name, a.rings, a.level});
    if (in.rivers) o.rivers = viz::read_rivers(*in.rivers, grids::NetcdfReader(in.results_nc).grid().crs_wkt);
    o.title = in.title;
    o.subtitle = in.subtitle;
    o.note = in.note;
    o.width = in.width;
    o.height = in.height;
    viz::render_class_map(o, in.png);
}

}  // namespace

twin::MapsDrawer viz_maps_drawer() { return draw; }
twin::ClassMapDrawer viz_class_map_drawer() { return draw_class_map; }
#else
twin::MapsDrawer viz_maps_drawer() { return {}; }
twin::ClassMapDrawer viz_class_map_drawer() { return {}; }
#endif

}  // namespace floodtwin::app
