#include "twin/terrain/chongqing_terrain.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "grids/atomic_file.hpp"
#include "grids/gdal_raster.hpp"
#include "grids/geotiff_writer.hpp"

namespace floodtwin::twin {

namespace {

using grids::ChainageProfile;
using grids::LinePoint;

// Levels along a line at fractions of its length (0 = upstream end, 1 = downstream).
ChainageProfile profile_by_fraction(const grids::Polyline& line, std::vector<std::pair<double, double>> at) {
    const double length = grids::polyline_length(line);
    ChainageProfile p;
    for (const auto& [f, level] : at) p.points.push_back({f * length, level});
    return p;
}

SchematicRiver river(std::string name, std::vector<LinePoint> points, double top_width_m, double bank_height_m,
                     double bank_slope, std::vector<std::pair<double, double>> bed_by_fraction) {
    SchematicRiver r;
    r.line.points = std::move(points);
    r.line.name = std::move(name);
    r.channel.top_width_m = top_width_m;
    r.channel.bank_height_m = bank_height_m;
    r.channel.bank_slope = bank_slope;
    r.channel.bed_level_m = profile_by_fraction(r.line, std::move(bed_by_fraction));
    r.channel.check("schematic river '" + r.line.name + "'");
    return r;
}

// Height above the bank top at a distance beyond the channel's edge: a floodplain that
// the 2020 flood covered (a few metres over the first few hundred metres), terraces,
// then the slopes up to the hills. Linear between the points.
// Beyond 6 km it climbs steeply so that the hills and ridges (the cap) take over well
// inside the distance searched (8 km): no seam where the search stops.
constexpr double kTerrace[][2] = {{0.0, 0.0},     {150.0, 3.0},   {450.0, 9.0},   {800.0, 24.0},  {1300.0, 34.0},
                                  {2000.0, 52.0}, {3500.0, 95.0}, {6000.0, 150.0}, {7500.0, 600.0}};

double terrace_height(double beyond_m) {
    constexpr std::size_t n = std::size(kTerrace);
    if (beyond_m <= 0.0) return 0.0;
    for (std::size_t i = 1; i < n; ++i)
        if (beyond_m <= kTerrace[i][0]) {
            const double f = (beyond_m - kTerrace[i - 1][0]) / (kTerrace[i][0] - kTerrace[i - 1][0]);
            return kTerrace[i - 1][1] + f * (kTerrace[i][1] - kTerrace[i - 1][1]);
        }
    return kTerrace[n - 1][1];
}

// The NNE-SSW ridges: a line through (x0, y0) at `azimuth_deg` east of north, a crest
// `height_m` above the hill level, falling off over `half_width_m` (Gaussian).
struct Ridge {
    const char* name;
    double x0, y0, azimuth_deg, height_m, half_width_m;
};
constexpr Ridge kRidges[] = {
    {"Zhongliang", 633500.0, 3268000.0, 20.0, 390.0, 2000.0},
    {"Tongluo", 659500.0, 3268000.0, 20.0, 340.0, 1800.0},
    {"Huaying (north of Hechuan)", 626000.0, 3345000.0, 25.0, 300.0, 2500.0},
};
constexpr double kHillLevel_m = 260.0;  // the rolling hills between the ridges

// Urban bench of the Yuzhong peninsula: a rise along its spine (Eling to Jiefangbei).
constexpr double kPeninsulaX = 650300.0, kPeninsulaY = 3271000.0, kPeninsulaRadius = 1500.0, kPeninsulaRise = 55.0;

double hills(double x, double y) {
    double z = kHillLevel_m;
    for (const Ridge& r : kRidges) {
        const double a = r.azimuth_deg * M_PI / 180.0;
        const double across = (x - r.x0) * std::cos(a) - (y - r.y0) * std::sin(a);
        z += r.height_m * std::exp(-(across * across) / (r.half_width_m * r.half_width_m));
    }
    return z;
}

// Seeded value noise on a 400 m lattice, bilinear: the micro-relief (metres).
std::uint64_t mix(std::uint64_t v) {
    v += 0x9e3779b97f4a7c15ULL;
    v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9ULL;
    v = (v ^ (v >> 27)) * 0x94d049bb133111ebULL;
    return v ^ (v >> 31);
}
double lattice(std::int64_t i, std::int64_t j, std::uint64_t seed) {
    const std::uint64_t h = mix(seed ^ mix(static_cast<std::uint64_t>(i) * 0x100000001b3ULL ^ static_cast<std::uint64_t>(j)));
    return static_cast<double>(h >> 11) / static_cast<double>(1ULL << 53) * 2.0 - 1.0;
}
double micro_relief(double x, double y, std::uint64_t seed) {
    constexpr double spacing = 400.0, amplitude = 3.0;
    const double u = x / spacing, v = y / spacing;
    const auto i = static_cast<std::int64_t>(std::floor(u)), j = static_cast<std::int64_t>(std::floor(v));
    const double fu = u - static_cast<double>(i), fv = v - static_cast<double>(j);
    const double a = lattice(i, j, seed), b = lattice(i + 1, j, seed), c = lattice(i, j + 1, seed),
                 d = lattice(i + 1, j + 1, seed);
    return amplitude * ((1 - fu) * (1 - fv) * a + fu * (1 - fv) * b + (1 - fu) * fv * c + fu * fv * d);
}

}  // namespace

const std::vector<SchematicRiver>& schematic_rivers() {
    // Waypoints: EPSG:32648 metres from approximate WGS84 positions (stations of the
    // facts file, the rivers' courses); to ~1 km. Bed levels (Wusong datum) consistent
    // with the stage records: ~150 m at Chaotianmen, low-water stages of 160-165 m in the
    // flood season with the Three Gorges pool at 145-150 m.
    static const std::vector<SchematicRiver> rivers = {
        river("Yangtze",
              {{638000, 3259000}, {641000, 3260600}, {643486, 3262301}, {647324, 3265454}, {649500, 3267800},
               {651150, 3269384}, {652900, 3270600}, {653736, 3271636}, {654300, 3274000}, {654926, 3276640},
               {657500, 3277600}, {659753, 3277817}, {662500, 3277200}, {666000, 3277000}},
              750.0, 32.0, 3.0, {{0.0, 153.0}, {0.5, 149.0}, {1.0, 146.0}}),
        river("Jialing (Ciqikou to Chaotianmen)",
              {{634000, 3283000}, {636500, 3278200}, {639200, 3275500}, {640442, 3273125}, {642200, 3271700}, {643369, 3271499},
               {645500, 3272400}, {647237, 3272103}, {650000, 3272500}, {652864, 3271624}, {653736, 3271636}},
              420.0, 30.0, 2.5, {{0.0, 158.0}, {1.0, 150.0}}),
        river("Jialing (above Hechuan)", {{624500, 3352000}, {623334, 3330557}, {622457, 3322789}, {622400, 3316900}},
              400.0, 24.0, 2.5, {{0.0, 186.0}, {1.0, 180.0}}),
        river("Jialing (Hechuan to Beibei)",
              {{622400, 3316900}, {626000, 3313000}, {630315, 3310687}, {635209, 3305203}, {639128, 3300818},
               {640500, 3297000}},
              420.0, 26.0, 2.5, {{0.0, 180.0}, {0.85, 170.0}, {1.0, 169.0}}),
        river("Qu", {{656500, 3353500}, {651983, 3349761}, {639646, 3336294}, {628255, 3321746}, {622400, 3316900}},
              320.0, 22.0, 2.5, {{0.0, 198.0}, {0.1, 196.0}, {1.0, 181.0}}),
        river("Fu", {{604500, 3322500}, {608000, 3321000}, {615741, 3319391}, {622400, 3316900}}, 300.0, 22.0, 2.5,
              {{0.0, 188.0}, {1.0, 181.0}}),
        // A steep tributary (schematic) draining the Tongluo flank to the Yangtze.
        river("gully (schematic, Tongluo flank)",
              {{659300, 3268300}, {658200, 3268700}, {657000, 3269200}, {655800, 3269700}, {654600, 3270200}},
              12.0, 2.0, 1.0, {{0.0, 520.0}, {0.35, 330.0}, {0.7, 215.0}, {1.0, 176.0}}),
    };
    return rivers;
}

const std::vector<TerrainRegion>& terrain_regions() {
    static const std::vector<TerrainRegion> regions = {
        {"central", 633000, 3259800, 665500, 3282300,
         "the Yangtze from above Dadukou to below Cuntan and the Jialing from Ciqikou to Chaotianmen"},
        {"yuzhong", 647000, 3268500, 655000, 3274500, "the Yuzhong peninsula between the Yangtze and the Jialing"},
        {"hechuan", 604000, 3297000, 657000, 3354000, "the Jialing, Qu and Fu at Hechuan, Luoduxi to Beibei"},
        {"gully", 653600, 3266600, 660400, 3271200, "a steep tributary on the Tongluo flank and its catchment"},
    };
    return regions;
}

const TerrainRegion& terrain_region(const std::string& name) {
    std::string known;
    for (const TerrainRegion& r : terrain_regions()) {
        if (r.name == name) return r;
        known += (known.empty() ? "" : ", ") + r.name;
    }
    throw std::invalid_argument("unknown region '" + name + "' of the schematic terrain; known: " + known);
}

SchematicTerrain make_schematic_terrain(const SchematicTerrainOptions& o) {
    const TerrainRegion& region = terrain_region(o.region);
    if (!(o.cell_m > 0.0)) throw std::invalid_argument("schematic terrain: the cell size must be > 0");
    const auto nx = static_cast<std::size_t>(std::ceil((region.xmax - region.xmin) / o.cell_m));
    const auto ny = static_cast<std::size_t>(std::ceil((region.ymax - region.ymin) / o.cell_m));
    SchematicTerrain t;
    grids::Raster<double>& dem = t.dem;
    dem.nx = nx;
    dem.ny = ny;
    dem.transform = {region.xmin, region.ymax, o.cell_m, -o.cell_m};
    dem.crs_wkt = grids::crs_wkt("EPSG:32648", "schematic terrain");
    dem.values.assign(nx * ny, 0.0);
    t.built_up = dem;

    // Distance beyond the nearest channel edge, and that channel's bank level there.
    constexpr double reach_m = 8000.0;
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> beyond(nx * ny, inf), bank(nx * ny, kHillLevel_m);
    for (const SchematicRiver& r : schematic_rivers())
        for (const grids::NearCell& c : grids::cells_near_line(dem, r.line, reach_m)) {
            const double b = c.distance_m - 0.5 * r.channel.top_width_m;
            if (b < beyond[c.index]) {
                beyond[c.index] = b;
                bank[c.index] = r.channel.bed_level_m.level_at(c.chainage_m) + r.channel.bank_height_m;
            }
        }

    for (std::size_t row = 0; row < ny; ++row)
        for (std::size_t col = 0; col < nx; ++col) {
            const std::size_t k = row * nx + col;
            const double x = region.xmin + (static_cast<double>(col) + 0.5) * o.cell_m;
            const double y = region.ymax - (static_cast<double>(row) + 0.5) * o.cell_m;
            const double dx = x - kPeninsulaX, dy = y - kPeninsulaY;
            const double bench = kPeninsulaRise * std::exp(-(dx * dx + dy * dy) / (kPeninsulaRadius * kPeninsulaRadius));
            double z = hills(x, y);
            if (std::isfinite(beyond[k])) {
                const double ramp = std::clamp((beyond[k] - 300.0) / 300.0, 0.0, 1.0);  // benches start off the floodplain
                // The river's floodplain and terraces near it, the hills and ridges away from
                // it: a gorge where a river crosses a ridge.
                const double valley = std::min(z, bank[k] + terrace_height(beyond[k]) + bench * ramp);
                const double w = beyond[k] < 450.0 ? 1.0 : std::exp(-(beyond[k] - 450.0) / 1200.0);
                z = z + (valley - z) * w;
            }
            dem.values[k] = z + micro_relief(x, y, o.seed);
            // Built-up: the benches and terraces above the floodplain, below the ridges.
            const bool urban = std::isfinite(beyond[k]) && beyond[k] > 150.0 && beyond[k] < 3500.0 &&
                               dem.values[k] < kHillLevel_m + 60.0;
            t.built_up.values[k] = urban ? 1.0 : 0.0;
        }
    for (const SchematicRiver& r : schematic_rivers()) grids::burn_channel(dem, r.line, r.channel);
    return t;
}

void write_schematic_terrain(const SchematicTerrainOptions& o, const std::string& dem_path,
                             const std::string& rivers_path, const std::string& loss_path, double drainage_mm_h) {
    const SchematicTerrain t = make_schematic_terrain(o);
    const TerrainRegion& region = terrain_region(o.region);
    grids::GeoTiffOptions g;
    g.metadata = {{"floodtwin_terrain",
                   "SCHEMATIC terrain of Chongqing (" + region.what +
                       ") generated by floodtwin from approximate river courses, channel sections, terraces and "
                       "ridges; not a survey"},
                  {"floodtwin_vertical_datum", "Wusong"},
                  {"floodtwin_seed", std::to_string(o.seed)}};
    grids::write_geotiff(dem_path, t.dem, g);
    if (!loss_path.empty()) {
        grids::Raster<double> loss = t.built_up;
        for (double& v : loss.values) v *= drainage_mm_h;
        grids::GeoTiffOptions gl = g;
        gl.metadata["floodtwin_quantity"] = "drainage loss on built-up cells (mm/h)";
        grids::write_geotiff(loss_path, loss, gl);
    }
    if (!rivers_path.empty()) {
        nlohmann::json features = nlohmann::json::array();
        for (const SchematicRiver& r : schematic_rivers()) {
            nlohmann::json coords = nlohmann::json::array();
            for (const LinePoint& p : r.line.points) coords.push_back({p.x, p.y});
            features.push_back({{"type", "Feature"},
                                {"properties", {{"name", r.line.name}, {"top_width_m", r.channel.top_width_m}}},
                                {"geometry", {{"type", "LineString"}, {"coordinates", coords}}}});
        }
        const nlohmann::json fc = {
            {"type", "FeatureCollection"},
            {"name", "schematic river centre lines (approximate)"},
            {"crs", {{"type", "name"}, {"properties", {{"name", "urn:ogc:def:crs:EPSG::32648"}}}}},
            {"features", features}};
        grids::write_text_atomic(rivers_path, fc.dump(1) + "\n");
    }
}

}  // namespace floodtwin::twin
