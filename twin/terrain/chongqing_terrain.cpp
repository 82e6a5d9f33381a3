#include "twin/terrain/chongqing_terrain.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "grids/atomic_file.hpp"
#include "grids/gdal_raster.hpp"
#include "grids/geotiff_writer.hpp"
#include "grids/text_fields.hpp"
#include "twin/terrain/find_by_name.hpp"
#include "twin/terrain/fine_relief.hpp"
#include "twin/terrain/valley_profile.hpp"

namespace floodtwin::twin {

namespace {

// SRTM30_PLUS heights are above EGM96 mean sea level, taken as the Huanghai datum; the
// Yangtze stations use Wusong = Huanghai + 1.49 m at Cuntan (facts file).
constexpr double kWusongMinusSrtm_m = 1.49;

// The built-up area: around the real centres (WGS 84 positions converted), constructed
// radii, on the benches above the 2020 floodplain and below the hills.
struct CityCentre {
    const char* name;
    double x, y, radius_m;
};
constexpr CityCentre kCities[] = {
    {"Chongqing (Jiefangbei)", 650510.0, 3270930.0, 11000.0},
    {"Beibei", 639660.0, 3300840.0, 3000.0},
    {"Hechuan", 622510.0, 3318360.0, 4000.0},
};
constexpr double kBuiltUpBelow_m = 330.0;

// The constructed gully of the flash-flood case: in the real valley between Nanshan and
// Tongluo Shan (x ~661.7 km, the 2 km relief's trough from 3,266 to 3,271 km north),
// draining north to the Yangtze; its last point is put on the Yangtze's line. A torrent
// 24 m wide and 3 m deep, with V-shaped valley sides of 8 % down to its bed.
constexpr grids::LinePoint kGullyWaypoints[] = {{661500, 3263000}, {661650, 3266000}, {661770, 3268300}, {661780, 3271000}};
constexpr double kGullyValleySide = 0.08, kGullyValleyReach_m = 1500.0;

double smoothstep(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

// Whether p lies inside the box grown by `margin` on every side (its edges excluded).
bool inside(const grids::Bounds& b, const grids::LinePoint& p, double margin = 0.0) {
    return p.x > b.xmin - margin && p.x < b.xmax + margin && p.y > b.ymin - margin && p.y < b.ymax + margin;
}

// Trapezoid conveyance A R^(2/3) at bank-full.
double conveyance(double top_width, double bank_height, double bank_slope) {
    const double bottom = top_width - 2.0 * bank_slope * bank_height;
    const double area = bank_height * (bottom + top_width) / 2.0;
    const double perimeter = bottom + 2.0 * bank_height * std::sqrt(1.0 + bank_slope * bank_slope);
    return area * std::pow(area / perimeter, 2.0 / 3.0);
}

// The channel as burnt at this cell size (see ChannelReport).
ChannelReport widen(RealRiver& river, double cell_m, double min_cells, bool constructed) {
    grids::ChannelSection& s = river.channel;
    ChannelReport r;
    r.river = river.line.name;
    r.constructed = constructed;
    r.real_width_m = r.burnt_width_m = s.top_width_m;
    r.cells = s.top_width_m / cell_m;
    if (r.cells < 1.0) {
        r.resolved = false;
        return r;
    }
    if (r.cells >= min_cells) return r;
    const double width = min_cells * cell_m, target = conveyance(s.top_width_m, s.bank_height_m, s.bank_slope);
    double lo = 0.0, hi = std::min(s.bank_height_m, width / (2.0 * std::max(s.bank_slope, 1e-9)));
    for (int i = 0; i < 100; ++i) {
        const double mid = 0.5 * (lo + hi);
        (conveyance(width, mid, s.bank_slope) < target ? lo : hi) = mid;
    }
    r.bed_raised_m = s.bank_height_m - hi;
    r.burnt_width_m = width;
    s.top_width_m = width;
    s.bank_height_m = hi;
    for (grids::ChainageLevel& p : s.bed_level_m.points) p.level_m += r.bed_raised_m;
    return r;
}

// Where the line crosses the edges of the box, with the channel's extent along them.
std::vector<EdgeCrossing> edge_crossings(const grids::Polyline& line, double half_width, const TerrainRegion& region) {
    std::vector<EdgeCrossing> out;
    const grids::Bounds b{region.xmin, region.ymin, region.xmax, region.ymax};
    for (std::size_t k = 0; k + 1 < line.points.size(); ++k) {
        const grids::LinePoint p = line.points[k], q = line.points[k + 1];
        if (inside(b, p) == inside(b, q)) continue;
        const double dx = q.x - p.x, dy = q.y - p.y, len = std::hypot(dx, dy);
        struct Edge {
            const char* name;
            bool vertical;
            double at;
        };
        const Edge edges[] = {{"west", true, b.xmin}, {"east", true, b.xmax}, {"south", false, b.ymin}, {"north", false, b.ymax}};
        for (const Edge& e : edges) {
            const double d = e.vertical ? dx : dy;
            if (d == 0.0) continue;
            const double t = ((e.vertical ? e.at - p.x : e.at - p.y)) / d;
            if (t < 0.0 || t > 1.0) continue;
            const double along = e.vertical ? p.y + t * dy : p.x + t * dx;
            if (e.vertical ? (along < b.ymin || along > b.ymax) : (along < b.xmin || along > b.xmax)) continue;
            const double sine = std::abs(d) / len;  // of the angle between the line and the edge
            const double half = half_width / std::max(sine, 1.0 / 3.0);
            out.push_back({e.name, along, along - half, along + half, inside(b, q)});
        }
    }
    return out;
}

// The gully's bed: the ground along its line as the valleys left it, never rising
// downstream (a hollow of the 2 km relief is cut through, as the real stream does),
// incised by its bank height, and ending at the Yangtze's bank top. Sampled every 50 m.
grids::ChainageProfile gully_bed(const grids::Raster<double>& dem, const grids::Polyline& line, double incision_m,
                                 double mouth_level_m) {
    const double length = grids::polyline_length(line);
    grids::ChainageProfile bed;
    double lowest = std::numeric_limits<double>::infinity(), chainage = 0.0;
    const grids::Bounds box = dem.bounds();
    for (std::size_t k = 0; k + 1 < line.points.size(); ++k) {
        const grids::LinePoint a = line.points[k], b = line.points[k + 1];
        const double l = std::hypot(b.x - a.x, b.y - a.y);
        for (double s = 0.0; s < l; s += 50.0) {
            const double x = a.x + (b.x - a.x) * s / l, y = a.y + (b.y - a.y) * s / l;
            if (inside(box, {x, y})) {
                const auto col = static_cast<std::size_t>((x - dem.transform.origin_x) / dem.transform.pixel_width);
                const auto row = static_cast<std::size_t>((y - dem.transform.origin_y) / dem.transform.pixel_height);
                lowest = std::min(lowest, dem.values[row * dem.nx + col] - incision_m);
            }
            if (std::isfinite(lowest)) bed.points.push_back({chainage + s, std::max(lowest, mouth_level_m)});
        }
        chainage += l;
    }
    bed.points.push_back({length, mouth_level_m});
    bed.check("the gully's bed");
    return bed;
}

double noise_weight(double beyond_m) { return smoothstep((beyond_m - kRiserTop_m) / 500.0); }

}  // namespace

const std::vector<TerrainRegion>& terrain_regions() {
    static const std::vector<TerrainRegion> regions = {
        {"central", 633000, 3259800, 665500, 3282300,
         "the Yangtze from above Dadukou to below Cuntan and the Jialing from above Ciqikou to Chaotianmen"},
        {"yuzhong", 647000, 3268500, 655000, 3274500, "the Yuzhong peninsula between the Yangtze and the Jialing"},
        {"hechuan", 604000, 3297000, 657000, 3354000, "the Jialing, Qu and Fu at Hechuan, Luoduxi to below Beibei"},
        {"gully", 659700, 3262800, 663700, 3274400,
         "a steep tributary (constructed) between Nanshan and Tongluo Shan, down to the Yangtze"},
    };
    return regions;
}

const TerrainRegion& terrain_region(const std::string& name) {
    return find_by_name(terrain_regions(), name, [](const TerrainRegion& r) { return r.name; },
                        "region of the Chongqing terrain");
}

std::string terrain_provenance(const TerrainRegion& region) {
    return "Chongqing terrain (" + region.what +
           ") built by floodtwin on real geography. REAL: river centre lines (" + k_rivers_credit +
           "), large-scale relief (SRTM30_PLUS ~2 km, Becker et al. 2009, bicubic), station positions and "
           "thresholds, 2020 flood marks. CONSTRUCTED: channel sections, floodplain terraces at the 2020 marks, "
           "valley walls, fine relief (+-2 m), the flash-flood gully, built-up extent, roughness. Not a survey.";
}

ChongqingTerrain make_chongqing_terrain(const ChongqingTerrainOptions& o) {
    const TerrainRegion& region = terrain_region(o.region);
    if (!(o.cell_m > 0.0)) throw std::invalid_argument("Chongqing terrain: the cell size must be > 0");
    if (!(o.min_channel_cells >= 1.0)) throw std::invalid_argument("Chongqing terrain: min_channel_cells must be >= 1");
    const auto nx = static_cast<std::size_t>(std::ceil((region.xmax - region.xmin) / o.cell_m));
    const auto ny = static_cast<std::size_t>(std::ceil((region.ymax - region.ymin) / o.cell_m));
    ChongqingTerrain t;
    grids::Raster<double>& dem = t.dem;
    dem = grids::Raster<double>(nx, ny, {region.xmin, region.ymax, o.cell_m, -o.cell_m}, 0.0);
    dem.crs_wkt = grids::crs_wkt(k_terrain_crs, "Chongqing terrain");
    dem.source = "Chongqing terrain, region " + region.name;

    // The large-scale surface: the real relief, bicubic onto the grid.
    grids::Raster<double> relief = grids::read_raster(o.sources / "relief_srtm30plus_2km.tif");
    const grids::Raster<double> large = grids::warp_onto(relief, dem, grids::Resampling::cubic);
    for (std::size_t k = 0; k < dem.size(); ++k) {
        if (large.is_nodata_value(large.values[k]))
            throw std::runtime_error((o.sources / "relief_srtm30plus_2km.tif").string() +
                                     " does not cover the region '" + region.name + "'");
        dem.values[k] = large.values[k] + kWusongMinusSrtm_m;
    }

    t.rivers = real_rivers(o.sources);
    // The gully: a constructed river ending on the Yangtze's line.
    RealRiver gully;
    gully.line.name = "gully (constructed)";
    gully.parent = "Yangtze";
    gully.sources = "constructed: line, section and bed";
    gully.line.points.assign(std::begin(kGullyWaypoints), std::end(kGullyWaypoints));
    const RealRiver& yangtze = t.rivers.front();
    const LineProjection mouth = project_onto(yangtze.line, kGullyWaypoints[3].x, kGullyWaypoints[3].y);
    gully.line.points.push_back(mouth.point);
    const double yangtze_bank = yangtze.channel.bed_level_m.level_at(mouth.chainage_m) + yangtze.channel.bank_height_m;
    gully.channel.top_width_m = 24.0;
    gully.channel.bank_height_m = 3.0;
    gully.channel.bank_slope = 1.0;

    const grids::Bounds box = dem.bounds();
    const auto reaches = [&](const grids::Polyline& line, double margin) {
        return std::any_of(line.points.begin(), line.points.end(),
                           [&](const grids::LinePoint& p) { return inside(box, p, margin); });
    };
    for (RealRiver& river : t.rivers)
        if (reaches(river.line, 0.0)) {
            ChannelReport report = widen(river, o.cell_m, o.min_channel_cells, false);
            report.crossings = edge_crossings(river.line, 0.5 * river.channel.top_width_m, region);
            t.channels.push_back(report);
        }
    if (reaches(gully.line, 0.0)) {
        ChannelReport report = widen(gully, o.cell_m, o.min_channel_cells, true);
        report.crossings = edge_crossings(gully.line, 0.5 * gully.channel.top_width_m, region);
        t.channels.push_back(report);
        t.gully = gully;
    }

    // The valleys: the terraces of every river near a cell, the lowest winning; the
    // real relief from 4 km beyond the banks, blended in from 2.5 km.
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> beyond(dem.size(), inf), valley(dem.size(), inf);
    for (const RealRiver& river : t.rivers) {
        if (!reaches(river.line, kValleyReach_m)) continue;
        const double half = 0.5 * river.channel.top_width_m;
        for (const grids::NearCell& c : grids::cells_near_line(dem, river.line, half + kValleyReach_m)) {
            const double b = c.distance_m - half;
            const double bank = river.channel.bed_level_m.level_at(c.chainage_m) + river.channel.bank_height_m;
            const double z = valley_level(b, bank, river.mark_2020.level_at(c.chainage_m), dem.values[c.index]);
            valley[c.index] = std::min(valley[c.index], z);
            beyond[c.index] = std::min(beyond[c.index], b);
        }
    }
    for (std::size_t k = 0; k < dem.size(); ++k) {
        double z = dem.values[k];
        if (std::isfinite(beyond[k])) {
            const double w = smoothstep((beyond[k] - kBlendStart_m) / (kValleyReach_m - kBlendStart_m));
            z = (1.0 - w) * valley[k] + w * z;
        }
        const std::size_t col = k % nx, row = k / nx;
        z += noise_weight(beyond[k]) * fine_relief(dem.cell_centre_x(col), dem.cell_centre_y(row), o.seed);
        dem.values[k] = z;
    }
    if (t.gully) t.gully->channel.bed_level_m = gully_bed(dem, t.gully->line, t.gully->channel.bank_height_m, yangtze_bank);
    // The gully's valley sides, then every resolved channel.
    std::vector<char> channel(dem.size(), 0), gully_cell(dem.size(), 0);
    if (t.gully) {
        const double half = 0.5 * t.gully->channel.top_width_m;
        for (const grids::NearCell& c : grids::cells_near_line(dem, t.gully->line, half + kGullyValleyReach_m)) {
            const double side = kGullyValleySide * std::max(0.0, c.distance_m - half);
            const double bank = t.gully->channel.bed_level_m.level_at(c.chainage_m) + t.gully->channel.bank_height_m;
            dem.values[c.index] = std::min(dem.values[c.index], bank + side);
        }
    }
    const auto burn = [&](const RealRiver& river, const ChannelReport& report, std::vector<char>& mark) {
        if (!report.resolved) return;
        grids::burn_channel(dem, river.line, river.channel);
        for (const grids::NearCell& c : grids::cells_near_line(dem, river.line, 0.5 * river.channel.top_width_m))
            mark[c.index] = 1;
    };
    for (const ChannelReport& report : t.channels) {
        if (report.constructed) {
            burn(*t.gully, report, gully_cell);
            continue;
        }
        for (const RealRiver& river : t.rivers)
            if (river.line.name == report.river) burn(river, report, channel);
    }
    t.fill = grids::fill_depressions(dem);

    // Land classes: channel, floodplain (to the top of the terrace riser), built-up, hills.
    t.manning = dem;
    t.built_up = dem;
    t.channel_mask = dem;
    for (std::size_t k = 0; k < dem.size(); ++k) {
        const std::size_t col = k % nx, row = k / nx;
        const double x = dem.cell_centre_x(col), y = dem.cell_centre_y(row);
        bool urban = false;
        for (const CityCentre& c : kCities)
            urban = urban || std::hypot(x - c.x, y - c.y) < c.radius_m;
        urban = urban && !channel[k] && !gully_cell[k] && beyond[k] > kRiserTop_m && dem.values[k] < kBuiltUpBelow_m;
        t.built_up.values[k] = urban ? 1.0 : 0.0;
        t.channel_mask.values[k] = channel[k] ? 1.0 : 0.0;
        double n = o.roughness.hills;
        if (channel[k])
            n = o.roughness.channel;
        else if (gully_cell[k] || beyond[k] <= kRiserTop_m)
            n = o.roughness.floodplain;
        else if (urban)
            n = o.roughness.built_up;
        t.manning.values[k] = n;
    }
    t.stations = snap_stations(t.rivers, dem);
    return t;
}

std::string write_chongqing_terrain(const ChongqingTerrainOptions& o, const ChongqingTerrainFiles& files) {
    const ChongqingTerrain t = make_chongqing_terrain(o);
    const TerrainRegion& region = terrain_region(o.region);
    grids::GeoTiffOptions g;
    g.metadata = {{"floodtwin_terrain", terrain_provenance(region)},
                  {"floodtwin_vertical_datum", "Wusong (SRTM EGM96 + 1.49 m, approximate)"},
                  {"floodtwin_seed", std::to_string(o.seed)}};
    std::string report = files.dem.string() + ": " + std::to_string(t.dem.nx) + " x " + std::to_string(t.dem.ny) +
                         " cells of " + grids::formatted("%g", o.cell_m) + " m, region " + region.name +
                         " (EPSG:32648, Wusong datum)\n";
    std::string channel_notes;
    for (const ChannelReport& c : t.channels) {
        std::string line = "  " + c.river + ": " + grids::formatted("%.0f", c.real_width_m) + " m = " +
                           grids::formatted("%.1f", c.cells) + " cells";
        if (!c.resolved)
            line += ", NOT RESOLVED at " + grids::formatted("%g", o.cell_m) + " m (under one cell): not burnt";
        else if (c.burnt_width_m > c.real_width_m)
            line += ", under " + grids::formatted("%g", o.min_channel_cells) + " cells: burnt " +
                    grids::formatted("%.0f", c.burnt_width_m) + " m wide at the same bank-full conveyance (bed raised " +
                    grids::formatted("%.1f", c.bed_raised_m) + " m)";
        for (const EdgeCrossing& e : c.crossings)
            line += std::string("; ") + (e.entering ? "enters" : "leaves") + " " + e.edge + " at " +
                    grids::formatted("%.0f", e.at) + " (channel " + grids::formatted("%.0f", e.from) + "-" +
                    grids::formatted("%.0f", e.to) + ")";
        report += line + "\n";
        channel_notes += (channel_notes.empty() ? "" : "; ") + line.substr(2);
    }
    for (const SnappedStation& s : t.stations)
        report += "  station " + s.facts->name + " (" + s.facts->river + "): snapped " +
                  grids::formatted("%.0f", s.snap_m) + " m to the channel cell at " + grids::formatted("%.1f", s.cell.x) +
                  ", " + grids::formatted("%.1f", s.cell.y) + "\n";
    report += "  depressions filled: " + std::to_string(t.fill.cells_raised) + " cells, " +
              grids::formatted("%.3g", t.fill.volume_m3) + " m3, deepest " + grids::formatted("%.2f", t.fill.deepest_m) +
              " m\n";
    g.metadata["floodtwin_channels"] = channel_notes;
    grids::write_geotiff(files.dem, t.dem, g);
    if (!files.manning.empty()) {
        grids::GeoTiffOptions gm = g;
        gm.metadata["floodtwin_quantity"] =
            "Manning n (constructed classes): channel " + grids::formatted("%.3f", o.roughness.channel) +
            ", floodplain " + grids::formatted("%.3f", o.roughness.floodplain) + ", hills " +
            grids::formatted("%.3f", o.roughness.hills) + ", built-up " + grids::formatted("%.3f", o.roughness.built_up);
        grids::write_geotiff(files.manning, t.manning, gm);
    }
    if (!files.channel_mask.empty()) {
        grids::GeoTiffOptions gc = g;
        gc.metadata["floodtwin_quantity"] =
            "river channels as burnt (1), the normal river of the four pre- maps; the flash-flood gully is not one";
        gc.floating_point_predictor = false;
        grids::write_geotiff(files.channel_mask, t.channel_mask, gc);
    }
    if (!files.loss.empty()) {
        grids::Raster<double> loss = t.built_up;
        for (double& v : loss.values) v *= files.drainage_mm_h;
        grids::GeoTiffOptions gl = g;
        gl.metadata["floodtwin_quantity"] = "drainage loss on built-up cells (mm/h)";
        grids::write_geotiff(files.loss, loss, gl);
    }
    if (!files.rivers.empty()) {
        nlohmann::json features = nlohmann::json::array();
        const auto feature = [&](const RealRiver& r, bool constructed) {
            nlohmann::json coords = nlohmann::json::array();
            const auto cm = [](double v) { return std::round(v * 100.0) / 100.0; };  // to the centimetre
            for (const grids::LinePoint& p : r.line.points) coords.push_back({cm(p.x), cm(p.y)});
            features.push_back(
                {{"type", "Feature"},
                 {"properties",
                  {{"name", r.line.name},
                   {"line", constructed ? "constructed" : std::string("real: ") + k_rivers_credit},
                   {"section", "constructed: " + r.sources},
                   {"top_width_m", r.channel.top_width_m},
                   {"ends_on", r.parent}}},
                 {"geometry", {{"type", "LineString"}, {"coordinates", coords}}}});
        };
        for (const RealRiver& r : t.rivers) feature(r, false);
        if (t.gully) feature(*t.gully, true);
        const nlohmann::json fc = {
            {"type", "FeatureCollection"},
            {"name", std::string("river centre lines: ") + k_rivers_credit + "; the gully constructed"},
            {"crs", {{"type", "name"}, {"properties", {{"name", "urn:ogc:def:crs:EPSG::32648"}}}}},
            {"features", features}};
        grids::write_text_atomic(files.rivers, fc.dump(1) + "\n");
    }
    if (!files.stations.empty()) {
        std::string csv = "name,river,lat,lon,datum,wusong_minus_datum_m,x_facts,y_facts,x,y,snap_m,warning_stage,"
                          "guaranteed_stage,note\n";
        const auto opt = [](const std::optional<double>& v) { return v ? grids::formatted("%.2f", *v) : std::string(); };
        for (const SnappedStation& s : t.stations)
            csv += s.facts->name + "," + s.facts->river + "," + grids::formatted("%.3f", s.facts->lat) + "," +
                   grids::formatted("%.3f", s.facts->lon) + "," + s.facts->datum + "," +
                   grids::formatted("%.2f", s.facts->wusong_minus_datum) + "," + grids::formatted("%.0f", s.position.x) +
                   "," + grids::formatted("%.0f", s.position.y) + "," + grids::formatted("%.1f", s.cell.x) + "," +
                   grids::formatted("%.1f", s.cell.y) + "," + grids::formatted("%.0f", s.snap_m) + "," +
                   opt(s.facts->warning_stage) + "," + opt(s.facts->guaranteed_stage) + "," + s.facts->note + "\n";
        grids::write_text_atomic(files.stations, csv);
    }
    return report;
}

}  // namespace floodtwin::twin
