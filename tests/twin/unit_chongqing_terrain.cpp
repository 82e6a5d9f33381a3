// The Chongqing terrain on real geography (twin/terrain/chongqing_terrain.hpp): the
// shipped river lines are the real ones, the channels follow them at every vertex, the
// stations sit in their channels, the relief is the real one away from the valleys, the
// generator's old faults are gone, the same options give the same bytes, and the shipped
// files are what the builder makes now.
#define BOOST_TEST_MODULE twin_chongqing_terrain
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include "grids/fill_depressions.hpp"
#include "grids/gdal_raster.hpp"
#include "grids/line_file.hpp"
#include "tests/support/temp_dir.hpp"
#include "twin/terrain/chongqing_terrain.hpp"
#include "twin/terrain/fine_relief.hpp"
#include "twin/terrain/valley_profile.hpp"

namespace fs = std::filesystem;
using namespace floodtwin;

namespace {

const fs::path kTerrain = fs::path(FLOODTWIN_SOURCE_DIR) / "cases/chongqing/terrain";
const fs::path kRealRivers = kTerrain / "sources/rivers_gshhg_wdbii.geojson";

// The bound: the shipped lines within 0.5 km of the real centre lines.
constexpr double kLineTol_m = 500.0;
// A channel cell at a vertex holds the section's bed (the flat bottom is wider than a
// cell diagonal for every river at 100 and 200 m); only rounding may differ.
constexpr double kBedTol_m = 1e-6;
// Station positions are good to about 1 km (facts file): a snap beyond 2 km means a
// station on the wrong river.
constexpr double kSnapMax_m = 2000.0;
// Far from the valleys the DEM is the bicubic relief + 1.49 m (Wusong) + the fine relief.
constexpr double kFarTol_m = twin::kFineReliefAmplitude_m + 1e-9;
// The 2 km relief against the independent 9 km ETOPO5 over the 2 x 1.7 degree box: the
// same hills and valleys as far as ETOPO5's own errors over China allow (measured:
// correlation 0.60 of the 9 km means, ETOPO5 48 m higher on average).
constexpr double kEtopoCorrelationMin = 0.5, kEtopoMeanDiffMax_m = 60.0;
// The shipped terrain against the builder: the same up to rounding between builds.
constexpr double kShippedTol_m = 1e-6;

double distance_to_segment(const grids::LinePoint& p, const grids::LinePoint& a, const grids::LinePoint& b) {
    const double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
    const double t = l2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0.0, 1.0) : 0.0;
    return std::hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

// Nearest distance from p to any segment shorter than 5 km of `lines` (longer ones are
// the source's clipping closures, not river).
double distance_to_lines(const grids::LinePoint& p, const std::vector<grids::Polyline>& lines) {
    double best = std::numeric_limits<double>::infinity();
    for (const grids::Polyline& l : lines)
        for (std::size_t k = 0; k + 1 < l.points.size(); ++k)
            if (std::hypot(l.points[k + 1].x - l.points[k].x, l.points[k + 1].y - l.points[k].y) < 5000.0)
                best = std::min(best, distance_to_segment(p, l.points[k], l.points[k + 1]));
    return best;
}

std::vector<grids::Polyline> source_lines_utm() {
    return grids::read_lines_geojson(kRealRivers, grids::crs_wkt("EPSG:32648", "test"));
}

std::vector<grids::Polyline> shipped_lines() {
    return grids::read_lines_geojson(kTerrain / "rivers.geojson", grids::crs_wkt("EPSG:32648", "test"));
}

double value_at(const grids::Raster<double>& r, double x, double y) {
    const auto col = static_cast<std::size_t>((x - r.transform.origin_x) / r.transform.pixel_width);
    const auto row = static_cast<std::size_t>((y - r.transform.origin_y) / r.transform.pixel_height);
    return r.values.at(row * r.nx + col);
}

bool inside(const grids::Raster<double>& r, double x, double y, double margin) {
    const grids::Bounds b = r.bounds();
    return x > b.xmin + margin && x < b.xmax - margin && y > b.ymin + margin && y < b.ymax - margin;
}

twin::ChongqingTerrainOptions options(const std::string& region, double cell) {
    twin::ChongqingTerrainOptions o;
    o.region = region;
    o.cell_m = cell;
    return o;
}

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(shipped_lines_are_the_real_ones_over_their_whole_length) {
    const auto source = source_lines_utm();
    const auto shipped = shipped_lines();
    std::size_t real_lines = 0;
    for (const grids::Polyline& line : shipped) {
        if (line.name.find("constructed") != std::string::npos) continue;
        ++real_lines;
        // Every 100 m along the shipped line, not only at its vertices.
        double worst = 0.0;
        for (std::size_t k = 0; k + 1 < line.points.size(); ++k) {
            const auto a = line.points[k], b = line.points[k + 1];
            const double l = std::hypot(b.x - a.x, b.y - a.y);
            for (double s = 0.0; s < l; s += 100.0)
                worst = std::max(worst, distance_to_lines({a.x + (b.x - a.x) * s / l, a.y + (b.y - a.y) * s / l}, source));
        }
        BOOST_TEST_MESSAGE(line.name << ": " << grids::polyline_length(line) / 1000.0 << " km, at most " << worst
                                     << " m from the GSHHG lines");
        BOOST_TEST(worst <= kLineTol_m, line.name);
    }
    BOOST_TEST(real_lines == 5u);  // Yangtze, Jialing, Qu, Fu, Wu
    // The other way: every vertex of the double-lined and major rivers (levels 1-2: the
    // Yangtze, Jialing and Wu pieces) lies on a shipped line.
    std::size_t checked = 0;
    const auto pieces = twin::gshhg_pieces(kRealRivers);
    BOOST_TEST_REQUIRE(pieces.size() == 18u);
    for (const int index : {0, 1, 2, 3, 4, 5, 6, 7, 8}) {
        std::vector<grids::Polyline> one = {pieces.at(static_cast<std::size_t>(index))};
        grids::transform_lines(one, "EPSG:4326", "EPSG:32648", "test");
        for (const grids::LinePoint& p : one[0].points) {
            ++checked;
            BOOST_TEST(distance_to_lines(p, shipped) <= 1.0, "piece " << index);
        }
    }
    BOOST_TEST(checked >= 900u);  // 995 vertices
}

BOOST_AUTO_TEST_CASE(the_clipping_closures_are_dropped_and_the_pieces_join) {
    const auto pieces = twin::gshhg_pieces(kRealRivers);
    for (const grids::Polyline& p : pieces)
        for (std::size_t k = 0; k + 1 < p.points.size(); ++k) {
            const double lat = p.points[k].y * M_PI / 180.0;
            const double km = std::hypot((p.points[k + 1].x - p.points[k].x) * 111.32 * std::cos(lat),
                                         (p.points[k + 1].y - p.points[k].y) * 110.57);
            BOOST_TEST(km < 5.0, p.name << " segment " << k << ": " << km << " km");
        }
    const auto rivers = twin::real_rivers(kTerrain / "sources");
    std::map<std::string, double> km;
    for (const auto& r : rivers) km[r.line.name] = grids::polyline_length(r.line) / 1000.0;
    BOOST_TEST_MESSAGE("lengths (km): Yangtze " << km["Yangtze"] << ", Jialing " << km["Jialing"] << ", Qu " << km["Qu"]
                                                << ", Fu " << km["Fu"] << ", Wu " << km["Wu"]);
    BOOST_TEST(km.size() == 5u);
    // Tributaries end on their parent's line (GSHHG digitises each river to its mouth).
    for (const auto& r : rivers) {
        if (r.parent.empty()) continue;
        const auto& parent = *std::find_if(rivers.begin(), rivers.end(), [&](const auto& p) { return p.line.name == r.parent; });
        const auto end = r.line.points.back();
        const double gap = twin::project_onto(parent.line, end.x, end.y).distance_m;
        BOOST_TEST_MESSAGE(r.line.name << " ends " << gap << " m from the " << r.parent);
        BOOST_TEST(gap < 500.0, r.line.name);
    }
}

BOOST_AUTO_TEST_CASE(the_thalweg_follows_the_lines_at_every_vertex) {
    for (const auto& [region, cell] :
         std::vector<std::pair<std::string, double>>{{"central", 200.0}, {"central", 100.0}, {"hechuan", 200.0}}) {
        const auto t = twin::make_chongqing_terrain(options(region, cell));
        std::size_t vertices = 0, lower = 0;
        for (const twin::RealRiver& r : t.rivers)
            for (const grids::LinePoint& p : r.line.points) {
                if (!inside(t.dem, p.x, p.y, cell)) continue;
                ++vertices;
                // The section's level at the centre of the cell holding the vertex: the flat
                // bed, at the centre's chainage.
                const double col = std::floor((p.x - t.dem.transform.origin_x) / cell);
                const double row = std::floor((t.dem.transform.origin_y - p.y) / cell);
                const double cx = t.dem.transform.origin_x + (col + 0.5) * cell, cy = t.dem.transform.origin_y - (row + 0.5) * cell;
                const auto at = twin::project_onto(r.line, cx, cy);
                const double bed = r.channel.level_at(at.distance_m, at.chainage_m);
                BOOST_TEST(bed == r.channel.bed_level_m.level_at(at.chainage_m), "the cell centre is on the flat bed");
                const double z = value_at(t.dem, p.x, p.y);
                BOOST_TEST(z <= bed + kBedTol_m, r.line.name << " at " << p.x << ", " << p.y << ": " << z << " m, bed " << bed);
                if (z < bed - kBedTol_m) ++lower;  // another river's deeper channel (the confluence)
            }
        BOOST_TEST_MESSAGE(region << ", " << cell << " m: " << vertices << " vertices in the channel cells, " << lower
                                << " on a deeper channel");
        BOOST_TEST(vertices >= 90u);  // central: 99
        BOOST_TEST(lower <= 3u);
    }
}

BOOST_AUTO_TEST_CASE(channels_are_three_cells_wide_or_say_so) {
    const auto t = twin::make_chongqing_terrain(options("hechuan", 200.0));
    for (const twin::ChannelReport& c : t.channels) {
        BOOST_TEST(c.resolved, c.river);
        BOOST_TEST(c.burnt_width_m >= 3.0 * 200.0 - 1e-9, c.river);
        if (c.burnt_width_m > c.real_width_m) BOOST_TEST(c.bed_raised_m > 0.0, c.river);
    }
    const auto fine = twin::make_chongqing_terrain(options("central", 100.0));
    for (const twin::ChannelReport& c : fine.channels)
        if (!c.constructed) BOOST_TEST(c.burnt_width_m == c.real_width_m, c.river);  // 4.2 cells and more: real widths
    const auto coarse = twin::make_chongqing_terrain(options("central", 200.0));
    bool gully_named = false;
    for (const twin::ChannelReport& c : coarse.channels)
        if (c.constructed) gully_named = !c.resolved;  // 24 m at 200 m: not burnt, and said
    BOOST_TEST(gully_named);
}

BOOST_AUTO_TEST_CASE(stations_snap_into_their_channels) {
    const auto t = twin::make_chongqing_terrain(options("central", 200.0));
    BOOST_TEST_REQUIRE(t.stations.size() == 3u);  // Chaotianmen, Cuntan, Ciqikou
    for (const twin::SnappedStation& s : t.stations) {
        const auto& river = *std::find_if(t.rivers.begin(), t.rivers.end(),
                                          [&](const auto& r) { return r.line.name == s.facts->river; });
        const double z = value_at(t.dem, s.cell.x, s.cell.y);
        const double bank = river.channel.bed_level_m.level_at(s.chainage_m) + river.channel.bank_height_m;
        BOOST_TEST_MESSAGE(s.facts->name << ": snapped " << s.snap_m << " m; ground " << z << " m, bank top " << bank
                                         << " m");
        BOOST_TEST(s.snap_m <= kSnapMax_m, s.facts->name);
        BOOST_TEST(z < bank - 0.5 * river.channel.bank_height_m, s.facts->name);  // in the deep channel
    }
}

BOOST_AUTO_TEST_CASE(the_relief_is_the_real_one_away_from_the_valleys) {
    const auto o = options("central", 200.0);
    const auto t = twin::make_chongqing_terrain(o);
    const auto relief = grids::read_raster(kTerrain / "sources/relief_srtm30plus_2km.tif");
    const auto large = grids::warp_onto(relief, t.dem, grids::Resampling::cubic);
    // Cells beyond the valleys' reach from every river: relief + datum + fine relief.
    std::vector<double> far(t.dem.size(), 1.0);
    for (const twin::RealRiver& r : t.rivers)
        for (const auto& c : grids::cells_near_line(t.dem, r.line, 0.5 * r.channel.top_width_m + twin::kValleyReach_m + 400.0))
            far[c.index] = 0.0;
    if (t.gully)
        for (const auto& c : grids::cells_near_line(t.dem, t.gully->line, 1600.0)) far[c.index] = 0.0;
    std::size_t n = 0, off = 0;
    for (std::size_t k = 0; k < t.dem.size(); ++k)
        if (far[k] > 0.0) {
            ++n;
            const double d = t.dem.values[k] - (large.values[k] + 1.49);
            if (d < -kFarTol_m) ++off;  // only the fill raises; nothing lowers the far relief
        }
    BOOST_TEST_MESSAGE(n << " cells far from the valleys, " << off << " below the relief by more than the fine relief");
    BOOST_TEST(n > t.dem.size() / 4);
    BOOST_TEST(off == 0u);

    // The relief itself against ETOPO5 (9 km, public domain, independent), over the
    // whole source box: means of the 2 km relief over each ETOPO5 cell.
    const auto etopo = grids::read_raster(kTerrain / "sources/relief_etopo5_9km.tif");
    const auto mean9 = grids::warp_onto(relief, etopo, grids::Resampling::average);
    std::vector<double> a, b;
    for (std::size_t k = 0; k < etopo.size(); ++k)
        if (!mean9.is_nodata_value(mean9.values[k]) && !etopo.is_nodata_value(etopo.values[k])) {
            a.push_back(mean9.values[k]);
            b.push_back(etopo.values[k]);
        }
    BOOST_TEST_REQUIRE(a.size() >= 400u);
    double ma = 0, mb = 0;
    for (std::size_t k = 0; k < a.size(); ++k) ma += a[k] / static_cast<double>(a.size()), mb += b[k] / static_cast<double>(a.size());
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t k = 0; k < a.size(); ++k) sab += (a[k] - ma) * (b[k] - mb), saa += (a[k] - ma) * (a[k] - ma), sbb += (b[k] - mb) * (b[k] - mb);
    const double correlation = sab / std::sqrt(saa * sbb);
    BOOST_TEST_MESSAGE("against ETOPO5 over " << a.size() << " cells of 9 km: correlation " << correlation
                                              << ", means " << ma << " / " << mb << " m");
    BOOST_TEST(correlation >= kEtopoCorrelationMin);
    BOOST_TEST(std::abs(ma - mb) <= kEtopoMeanDiffMax_m);
}

BOOST_AUTO_TEST_CASE(the_old_generator_faults_are_gone) {
    // The gully reaches the Yangtze, and its bed never rises on the way.
    const auto g = twin::make_chongqing_terrain(options("gully", 20.0));
    BOOST_TEST_REQUIRE(g.gully.has_value());
    const auto& yangtze = g.rivers.front();
    const auto end = g.gully->line.points.back();
    BOOST_TEST(twin::project_onto(yangtze.line, end.x, end.y).distance_m < 1.0);
    double previous = std::numeric_limits<double>::infinity();
    for (const auto& p : g.gully->channel.bed_level_m.points) {
        BOOST_TEST(p.level_m <= previous);
        previous = p.level_m;
    }
    // No closed hollow anywhere: filling the built terrain again raises nothing.
    for (const auto& [region, cell] : std::vector<std::pair<std::string, double>>{
             {"central", 200.0}, {"hechuan", 200.0}, {"yuzhong", 25.0}, {"gully", 20.0}}) {
        auto t = twin::make_chongqing_terrain(options(region, cell));
        BOOST_TEST(grids::fill_depressions(t.dem).cells_raised == 0u, region);
    }
    // The Hechuan rivers cross the region's edges: the Jialing in at the north and out at
    // the south, the Qu in at the north, the Fu in at the west.
    const auto h = twin::make_chongqing_terrain(options("hechuan", 200.0));
    std::map<std::string, std::string> crossings;
    for (const twin::ChannelReport& c : h.channels)
        for (const twin::EdgeCrossing& e : c.crossings) crossings[c.river] += std::string(e.entering ? "in:" : "out:") + e.edge + " ";
    BOOST_TEST(crossings["Jialing"] == "in:north out:south ");
    BOOST_TEST(crossings["Qu"] == "in:north ");
    BOOST_TEST(crossings["Fu"] == "in:west ");
}

BOOST_AUTO_TEST_CASE(the_valley_profile_rises_from_the_bank_and_floods_to_the_2020_mark) {
    const double bank = 180.0, mark = 192.0;
    double previous = bank;
    for (double b = 0.0; b <= twin::kValleyReach_m; b += 10.0) {
        const double z = twin::valley_level(b, bank, mark, 1000.0);
        BOOST_TEST(z >= previous - 1e-12);
        previous = z;
    }
    BOOST_TEST(twin::valley_level(twin::kFloodplain_m, bank, mark, 1000.0) < mark);  // under water in 2020
    BOOST_TEST(twin::valley_level(twin::kRiserTop_m, bank, mark, 1000.0) > mark);    // where the 2020 flood stopped
    BOOST_TEST(twin::valley_level(3000.0, bank, mark, 250.0) == 250.0);             // the real relief, when lower
}

BOOST_AUTO_TEST_CASE(same_seed_same_bytes_and_the_files_say_what_is_real) {
    const floodtwin::testing::TempDir folder("cq");
    const fs::path& dir = folder.path();
    auto o = options("central", 200.0);
    twin::ChongqingTerrainFiles a{dir / "a.tif", dir / "a.geojson", dir / "a.csv", dir / "an.tif", "", 30.0, ""};
    twin::ChongqingTerrainFiles b{dir / "b.tif", "", "", "", "", 30.0, ""};
    (void)twin::write_chongqing_terrain(o, a);
    (void)twin::write_chongqing_terrain(o, b);
    BOOST_TEST((read_bytes(a.dem) == read_bytes(b.dem)));
    const auto t1 = twin::make_chongqing_terrain(o);
    o.seed = 7;
    const auto t2 = twin::make_chongqing_terrain(o);
    std::size_t differ = 0;
    for (std::size_t k = 0; k < t1.dem.size(); ++k) differ += t1.dem.values[k] != t2.dem.values[k];
    BOOST_TEST(differ > t1.dem.size() / 4);  // the seed moves the fine relief
    const std::string tif = read_bytes(a.dem);
    BOOST_TEST(tif.find("REAL: river centre lines") != std::string::npos);
    BOOST_TEST(tif.find("CONSTRUCTED: channel sections") != std::string::npos);
    BOOST_TEST(tif.find("SCHEMATIC") == std::string::npos);
    BOOST_TEST(read_bytes(a.rivers).find("GSHHG 2.3.7, Wessel and Smith") != std::string::npos);
    BOOST_TEST(read_bytes(a.stations).find("Cuntan,Yangtze") != std::string::npos);
    const auto n = grids::read_raster(a.manning);
    std::map<double, std::size_t> classes;
    for (double v : n.values) ++classes[v];
    BOOST_TEST(classes.size() == 4u);  // channel, floodplain, hills, built-up
}

// The terrain files shipped with the cases are what the builder makes now: a change of
// the builder must come with regenerated files (scripts/make-chongqing-terrain.sh) and
// re-measured case READMEs.
BOOST_AUTO_TEST_CASE(shipped_terrain_is_what_the_builder_makes) {
    struct Shipped {
        const char* region;
        double cell;
        const char* name;
    };
    for (const Shipped s : {Shipped{"central", 200.0, "central-200m"}, Shipped{"central", 100.0, "central-100m"},
                            Shipped{"hechuan", 200.0, "hechuan-200m"}, Shipped{"yuzhong", 25.0, "yuzhong-25m"},
                            Shipped{"gully", 20.0, "gully-20m"}}) {
        const auto made = twin::make_chongqing_terrain(options(s.region, s.cell));
        for (const auto& [suffix, raster] : {std::pair{std::string(".tif"), &made.dem}, std::pair{std::string("-manning.tif"), &made.manning},
                                             std::pair{std::string("-channels.tif"), &made.channel_mask}}) {
            if (suffix == "-channels.tif" && std::string(s.region) != "central") continue;  // shipped for central only
            const auto file = grids::read_raster(kTerrain / (std::string(s.name) + suffix));
            BOOST_TEST_REQUIRE(file.values.size() == raster->values.size());
            double worst = 0.0;
            for (std::size_t k = 0; k < file.values.size(); ++k)
                worst = std::max(worst, std::abs(file.values[k] - raster->values[k]));
            BOOST_TEST(worst <= kShippedTol_m, s.name << suffix << " differs by up to " << worst
                                                      << ": regenerate with scripts/make-chongqing-terrain.sh");
        }
    }
}

BOOST_AUTO_TEST_CASE(unknown_region_is_named) {
    try {
        (void)twin::make_chongqing_terrain(options("wanzhou", 200.0));
        BOOST_FAIL("an unknown region was accepted");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()).find("wanzhou") != std::string::npos);
        BOOST_TEST(std::string(e.what()).find("central") != std::string::npos);
    }
}
