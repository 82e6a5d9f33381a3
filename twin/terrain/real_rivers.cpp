#include "twin/terrain/real_rivers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "grids/gdal_raster.hpp"
#include "grids/line_file.hpp"
#include "twin/terrain/chongqing_stations.hpp"

namespace floodtwin::twin {

namespace {

// A level tied to a place on the river: a station of the facts table, or "mouth" (the
// line's end, where it meets its parent).
struct Anchor {
    const char* at;
    double level_m;  // Wusong; NaN for a mark: the parent's mark at the mouth / the station's 2020 peak
};

// How a river is made: its pieces in the GSHHG file (feature order, from upstream), and
// a section constructed from the records. Bank tops sit at the warning stages (bank-full
// where a flood begins to be counted): Cuntan 180.5 m = bed 148.3 + 32 m; Ciqikou
// 182.64, Beibei 196.09 and Dongjintuo 208.09 m (Wusong) = the Jialing's beds + 27 m.
// Beds fall as the low-water stages do (Chaotianmen ~149 m with the Three Gorges pool
// at 145-150 m; the Jialing at 3.7e-4 from Hechuan to Ciqikou); widths are the rivers'
// channels at Chongqing (Yangtze ~750 m, Jialing ~420 m, Qu ~320 m, Fu ~300 m).
struct Recipe {
    const char* name;
    std::vector<int> pieces;
    const char* parent;
    double top_width_m, bank_height_m, bank_slope;
    std::vector<Anchor> bed;
    double bed_slope;  // beyond the outermost anchors
    std::vector<Anchor> marks;
    double mark_slope;  // beyond the outermost marks
    const char* sources;
};

const double kFromRecord = std::numeric_limits<double>::quiet_NaN();

const std::vector<Recipe>& recipes() {
    static const std::vector<Recipe> r = {
        {"Yangtze", {3, 0, 1, 2}, "", 750.0, 32.0, 3.0, {{"Chaotianmen", 149.0}}, 1.2e-4,
         {{"Zhutuo", kFromRecord}, {"Cuntan", kFromRecord}}, 1.73e-4,
         "bed 149 m at Chaotianmen falling 1.2e-4; 2020 marks Zhutuo 214.68 m and Cuntan 191.62 m, linear between and "
         "beyond"},
        {"Jialing", {4, 6, 5, 7}, "Yangtze", 420.0, 27.0, 2.5,
         {{"Dongjintuo", 180.0}, {"Beibei", 169.0}, {"Ciqikou", 155.0}, {"mouth", 150.0}}, 2.5e-4,
         {{"Beibei", kFromRecord}, {"Ciqikou", kFromRecord}, {"mouth", kFromRecord}}, 3.8e-4,
         "beds 180 / 169 / 155 / 150 m at Dongjintuo, Beibei, Ciqikou and the mouth; 2020 marks Beibei 201.82 m "
         "(Wusong), Ciqikou 194.29 m, the Yangtze's at the mouth; above Beibei extrapolated at the bed slope"},
        {"Qu", {11}, "Jialing", 320.0, 24.0, 2.5, {{"mouth", 181.0}}, 2.5e-4, {{"mouth", kFromRecord}}, 2.5e-4,
         "bed 181 m at Hechuan rising 2.5e-4 (bank top at Luoduxi near its warning stage); 2020 marks the Jialing's at "
         "Hechuan, rising at the bed slope"},
        {"Fu", {9, 12, 10, 13, 15, 14, 16}, "Jialing", 300.0, 22.0, 2.5, {{"mouth", 181.0}}, 2.0e-4,
         {{"mouth", kFromRecord}}, 2.0e-4,
         "bed 181 m at Hechuan rising 2.0e-4; 2020 marks the Jialing's at Hechuan, rising at the bed slope"},
        {"Wu", {8}, "Yangtze", 300.0, 25.0, 2.5, {{"mouth", 140.0}}, 3.0e-4, {{"mouth", kFromRecord}}, 3.0e-4,
         "approximate throughout (no region reaches it): bed 140 m at Fuling rising 3e-4"},
    };
    return r;
}

double km_between(const grids::LinePoint& a, const grids::LinePoint& b) {
    const double lat = 0.5 * (a.y + b.y) * M_PI / 180.0;
    return std::hypot((a.x - b.x) * 111.32 * std::cos(lat), (a.y - b.y) * 110.57);
}

bool on_tenth_degree(const grids::LinePoint& p) {
    const auto tenth = [](double v) { return std::abs(v * 10.0 - std::round(v * 10.0)) < 1e-5; };
    return tenth(p.x) || tenth(p.y);
}

bool same_point(const grids::LinePoint& a, const grids::LinePoint& b) {
    return std::abs(a.x - b.x) < 1e-9 && std::abs(a.y - b.y) < 1e-9;
}

// Levels at chainages from anchors, extended to both ends of the line at `slope`
// (levels rise upstream).
grids::ChainageProfile profile(std::vector<grids::ChainageLevel> at, double length_m, double slope,
                               const std::string& what) {
    if (at.front().chainage_m > 0.0) at.insert(at.begin(), {0.0, at.front().level_m + slope * at.front().chainage_m});
    if (at.back().chainage_m < length_m) at.push_back({length_m, at.back().level_m - slope * (length_m - at.back().chainage_m)});
    grids::ChainageProfile p;
    p.points = std::move(at);
    p.check(what);
    return p;
}

}  // namespace

std::vector<grids::Polyline> gshhg_pieces(const std::filesystem::path& rivers_file) {
    std::vector<grids::Polyline> pieces =
        grids::read_lines_geojson(rivers_file, grids::crs_wkt("EPSG:4326", "the GSHHG river lines"));
    for (grids::Polyline& piece : pieces) {
        auto& p = piece.points;
        if (p.size() > 2 && same_point(p.front(), p.back())) p.pop_back();
        while (p.size() > 2 &&
               ((on_tenth_degree(p.back()) && on_tenth_degree(p[p.size() - 2])) || km_between(p.back(), p[p.size() - 2]) > 5.0))
            p.pop_back();
    }
    return pieces;
}

std::filesystem::path default_terrain_sources() {
    return std::filesystem::path(FLOODTWIN_SOURCE_DIR) / "cases/chongqing/terrain/sources";
}

LineProjection project_onto(const grids::Polyline& line, double x, double y) {
    LineProjection best;
    best.distance_m = std::numeric_limits<double>::infinity();
    double chainage = 0.0;
    for (std::size_t k = 0; k + 1 < line.points.size(); ++k) {
        const grids::LinePoint a = line.points[k], b = line.points[k + 1];
        const double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy, l = std::sqrt(l2);
        const double t = l2 > 0.0 ? std::clamp(((x - a.x) * dx + (y - a.y) * dy) / l2, 0.0, 1.0) : 0.0;
        const grids::LinePoint p{a.x + t * dx, a.y + t * dy};
        const double d = std::hypot(x - p.x, y - p.y);
        if (d < best.distance_m) best = {chainage + t * l, d, p};
        chainage += l;
    }
    return best;
}

std::vector<RealRiver> real_rivers(const std::filesystem::path& sources_dir) {
    const std::filesystem::path file = sources_dir / "rivers_gshhg_wdbii.geojson";
    const std::vector<grids::Polyline> pieces = gshhg_pieces(file);
    std::vector<RealRiver> rivers;
    for (const Recipe& recipe : recipes()) {
        RealRiver river;
        river.line.name = recipe.name;
        river.parent = recipe.parent;
        river.sources = recipe.sources;
        for (const int index : recipe.pieces) {
            if (index < 0 || static_cast<std::size_t>(index) >= pieces.size())
                throw std::runtime_error(file.string() + ": the " + recipe.name + " needs piece " + std::to_string(index) +
                                         " but the file holds " + std::to_string(pieces.size()));
            const auto& p = pieces[static_cast<std::size_t>(index)].points;
            auto& out = river.line.points;
            if (!out.empty()) {
                if (!same_point(out.back(), p.front()))
                    throw std::runtime_error(file.string() + ": piece " + std::to_string(index) + " of the " + recipe.name +
                                             " does not start where the piece before it ends");
                out.insert(out.end(), p.begin() + 1, p.end());
            } else {
                out = p;
            }
        }
        std::vector<grids::Polyline> one = {river.line};
        grids::transform_lines(one, "EPSG:4326", k_terrain_crs, file.string());
        river.line.points = one[0].points;
        const double length = grids::polyline_length(river.line);
        const RealRiver* parent = nullptr;
        for (const RealRiver& r : rivers)
            if (r.line.name == recipe.parent) parent = &r;
        const auto chainage_of = [&](const char* at) {
            if (std::string(at) == "mouth") return length;
            const grids::LinePoint s = station_position(chongqing_station(at));
            return project_onto(river.line, s.x, s.y).chainage_m;
        };
        std::vector<grids::ChainageLevel> bed, marks;
        for (const Anchor& a : recipe.bed) bed.push_back({chainage_of(a.at), a.level_m});
        for (const Anchor& a : recipe.marks) {
            double level = a.level_m;
            if (std::string(a.at) == "mouth") {
                const grids::LinePoint end = river.line.points.back();
                level = parent->mark_2020.level_at(project_onto(parent->line, end.x, end.y).chainage_m);
            } else {
                const StationFacts& s = chongqing_station(a.at);
                level = *s.peak_2020 + s.wusong_minus_datum;
            }
            marks.push_back({chainage_of(a.at), level});
        }
        river.channel.top_width_m = recipe.top_width_m;
        river.channel.bank_height_m = recipe.bank_height_m;
        river.channel.bank_slope = recipe.bank_slope;
        river.channel.bed_level_m = profile(bed, length, recipe.bed_slope, std::string("the ") + recipe.name + "'s bed");
        river.channel.check(std::string("the ") + recipe.name);
        river.mark_2020 = profile(marks, length, recipe.mark_slope, std::string("the ") + recipe.name + "'s 2020 marks");
        rivers.push_back(std::move(river));
    }
    return rivers;
}

}  // namespace floodtwin::twin
