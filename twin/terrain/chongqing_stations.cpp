#include "twin/terrain/chongqing_stations.hpp"

#include <cmath>
#include <stdexcept>

#include "grids/line_file.hpp"
#include "twin/terrain/find_by_name.hpp"

namespace floodtwin::twin {

const std::vector<StationFacts>& chongqing_stations() {
    // The facts file's station table. Datums: Wusong minus Huanghai is 1.49 m at Cuntan,
    // 1.59 m at Beibei, 1.64 m at Wulong, ~1.47 m at Changshou; Dongjintuo and Luoduxi
    // take Beibei's figure (approximate). Ciqikou and Chaotianmen state no datum: taken
    // as Wusong, the Yangtze's.
    static const std::vector<StationFacts> stations = {
        {"Zhutuo", "Yangtze", 29.01, 105.85, "Wusong", 0.0, std::nullopt, 212.00, 214.68, ""},
        {"Chaotianmen", "Yangtze", 29.565, 106.587, "Wusong (assumed)", 0.0, 182.0, 185.0, std::nullopt,
         "thresholds approximate; no 2020 peak in the facts"},
        {"Cuntan", "Yangtze", 29.61, 106.60, "Wusong", 0.0, 180.50, 183.50, 191.62, ""},
        {"Changshou", "Yangtze", 29.83, 107.07, "Huanghai", 1.47, 168.53, 172.53, std::nullopt, "datum offset approximate"},
        {"Ciqikou", "Jialing", 29.58, 106.45, "Wusong (assumed)", 0.0, 182.64, 185.64, 194.29, "warning stage approximate"},
        {"Beibei", "Jialing", 29.83, 106.44, "Huanghai", 1.59, 194.50, 199.00, 200.23, ""},
        {"Dongjintuo", "Jialing", 29.99, 106.28, "Huanghai", 1.59, 206.50, 208.50, std::nullopt,
         "thresholds approximate; datum offset Beibei's"},
        {"Luoduxi", "Qu", 30.27, 106.58, "Huanghai", 1.59, 219.00, 222.00, std::nullopt,
         "position and guaranteed stage approximate; datum offset Beibei's"},
        {"Wulong", "Wu", 29.32, 107.76, "Wusong", 0.0, 193.00, std::nullopt, std::nullopt, "warning stage approximate"},
    };
    return stations;
}

const StationFacts& chongqing_station(const std::string& name) {
    return find_by_name(chongqing_stations(), name, [](const StationFacts& s) { return s.name; }, "station");
}

grids::LinePoint station_position(const StationFacts& station) {
    std::vector<grids::Polyline> p = {{{{station.lon, station.lat}, {station.lon, station.lat}}, station.name}};
    grids::transform_lines(p, "EPSG:4326", k_terrain_crs, "station " + station.name);
    return p[0].points[0];
}

std::vector<SnappedStation> snap_stations(const std::vector<RealRiver>& rivers, const grids::Raster<double>& dem) {
    std::vector<SnappedStation> out;
    const grids::Bounds b = dem.bounds();
    for (const StationFacts& s : chongqing_stations()) {
        const RealRiver* river = nullptr;
        for (const RealRiver& r : rivers)
            if (r.line.name == s.river) river = &r;
        if (!river) throw std::invalid_argument("station " + s.name + ": no river '" + s.river + "'");
        SnappedStation snapped;
        snapped.facts = &s;
        snapped.position = station_position(s);
        const LineProjection p = project_onto(river->line, snapped.position.x, snapped.position.y);
        snapped.on_line = p.point;
        snapped.chainage_m = p.chainage_m;
        if (!(p.point.x > b.xmin && p.point.x < b.xmax && p.point.y > b.ymin && p.point.y < b.ymax)) continue;
        const double w = dem.transform.pixel_width, h = dem.transform.pixel_height;
        const double col = std::floor((p.point.x - dem.transform.origin_x) / w);
        const double row = std::floor((p.point.y - dem.transform.origin_y) / h);
        snapped.cell = {dem.transform.origin_x + (col + 0.5) * w, dem.transform.origin_y + (row + 0.5) * h};
        snapped.snap_m = std::hypot(snapped.cell.x - snapped.position.x, snapped.cell.y - snapped.position.y);
        out.push_back(snapped);
    }
    return out;
}

}  // namespace floodtwin::twin
