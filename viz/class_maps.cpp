#include "viz/class_maps.hpp"

#include "grids/netcdf_reader.hpp"
#include "twin/warning/flood_classes.hpp"
#include "viz/headless_display.hpp"
#include "viz/map_renderer.hpp"
#include "viz/results_grid.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace floodtwin::viz {

namespace {

// Normal river: greyer than any depth class, so it never reads as flooding.
constexpr Rgb k_normal_river{0.47, 0.58, 0.66};

// Blues from ColorBrewer's sequential Blues: light for shallow, dark for deep.
std::vector<ValueClass> depth_classes() {
    return {{1, {0.78, 0.86, 0.94}, "0.15\u20130.5 m"},
            {2, {0.42, 0.68, 0.84}, "0.5\u20131.5 m"},
            {3, {0.13, 0.44, 0.71}, "1.5\u20133 m"},
            {4, {0.03, 0.19, 0.42}, "> 3 m"},
            {k_class_normal_river, k_normal_river, "normal river"}};
}

// Pale yellow (safe) through orange and red to dark purple (H6), as ARR's maps run.
std::vector<ValueClass> hazard_classes() {
    const Rgb colours[] = {{1.00, 1.00, 0.70}, {1.00, 0.80, 0.36}, {0.99, 0.55, 0.24},
                           {0.89, 0.20, 0.11}, {0.65, 0.00, 0.15}, {0.33, 0.00, 0.40}};
    std::vector<ValueClass> classes;
    for (int h = 1; h <= 6; ++h) classes.push_back({h, colours[h - 1], twin::hazard_class_text(h)});
    classes.push_back({k_class_normal_river, k_normal_river, "normal river"});
    return classes;
}

// When the flood arrives: dark red for now, through orange to pale yellow for later
// (ColorBrewer's YlOrRd, reversed): the nearest danger stands out.
std::vector<ValueClass> arrival_classes() {
    const Rgb colours[] = {{0.50, 0.00, 0.15}, {0.89, 0.10, 0.11}, {0.99, 0.31, 0.16},
                           {0.99, 0.55, 0.24}, {1.00, 0.80, 0.46}, {1.00, 0.96, 0.70}};
    std::vector<ValueClass> classes;
    for (int a = 1; a <= 6; ++a) classes.push_back({a, colours[a - 1], twin::arrival_class_text(a)});
    classes.push_back({k_class_normal_river, k_normal_river, "normal river"});
    return classes;
}

// A sequential ramp, pale to dark red: the chance a depth is reached (ensemble members).
std::vector<ValueClass> probability_classes() {
    const Rgb colours[] = {{0.99, 0.88, 0.82}, {0.99, 0.67, 0.55}, {0.98, 0.42, 0.29}, {0.84, 0.15, 0.12}, {0.50, 0.00, 0.05}};
    std::vector<ValueClass> classes;
    for (int p = 1; p <= 5; ++p) classes.push_back({p, colours[p - 1], twin::probability_class_text(p)});
    classes.push_back({k_class_normal_river, k_normal_river, "normal river"});
    return classes;
}

LegendGroup warning_legend() {
    LegendGroup group{"Warning level", {}};
    for (WarningLevel level : {WarningLevel::blue, WarningLevel::yellow, WarningLevel::orange, WarningLevel::red})
        group.swatches.push_back({warning_colour(level), twin::to_string(level)});
    return group;
}

bool any_warning(const ClassMapOptions& o) {
    return std::any_of(o.stations.begin(), o.stations.end(), [](const Station& s) { return s.level != WarningLevel::none; }) ||
           std::any_of(o.areas.begin(), o.areas.end(), [](const MapArea& a) { return a.level != WarningLevel::none; });
}

// The scene's values from the codes (NaN where the terrain shows or nothing does), and
// its ground without the cells outside the domain.
void set_cells(MapScene& scene, const ClassMapOptions& o) {
    const std::size_t n = scene.grid.cell_count();
    if (o.classes.size() != n)
        throw std::invalid_argument("class map: " + std::to_string(o.classes.size()) + " classes for " +
                                    std::to_string(n) + " cells");
    scene.values.assign(n, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t c = 0; c < n; ++c) {
        const int code = o.classes[c];
        if (code == 0) continue;
        if (code == k_class_outside) {
            if (c < scene.ground_m.size()) scene.ground_m[c] = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        if (std::none_of(scene.classes.begin(), scene.classes.end(), [&](const ValueClass& k) { return k.code == code; }))
            throw std::invalid_argument("class map: cell " + std::to_string(c) + " has class " + std::to_string(code) +
                                        ", not one of this map's");
        scene.values[c] = code;
    }
}

}  // namespace

std::vector<ValueClass> class_colours(ClassMapKind kind) {
    switch (kind) {
        case ClassMapKind::hazard: return hazard_classes();
        case ClassMapKind::arrival: return arrival_classes();
        case ClassMapKind::probability: return probability_classes();
        default: return depth_classes();
    }
}

void render_class_map(const ClassMapOptions& o, const std::filesystem::path& png) {
    // Declared first: the X server must outlive every window drawn on it.
    const HeadlessDisplay display;
    MapScene scene;
    {
        const grids::NetcdfReader reader(o.results_nc);
        scene.grid = image_grid_of(reader.grid());
        if (reader.has_variable("ground_level") && !reader.variable("ground_level").time_dependent)
            scene.ground_m = reader.read_static("ground_level");
    }
    scene.classes = class_colours(o.kind);
    set_cells(scene, o);

    LegendGroup classes{!o.legend_title.empty()           ? o.legend_title
                        : o.kind == ClassMapKind::depth    ? "Flood depth"
                        : o.kind == ClassMapKind::hazard   ? "Flood hazard"
                        : o.kind == ClassMapKind::arrival  ? "Flood arrives (after the issue)"
                                                           : "Chance",
                        {}};
    for (const ValueClass& c : scene.classes) classes.swatches.push_back({c.colour, c.label});
    scene.legend_groups.push_back(std::move(classes));
    if (any_warning(o)) scene.legend_groups.push_back(warning_legend());
    if (o.kind == ClassMapKind::hazard) scene.source = std::string("Hazard classes: ") + twin::hazard_classification_source;

    scene.stations = o.stations;
    scene.areas = o.areas;
    scene.rivers = o.rivers;
    scene.title = o.title;
    scene.subtitle = o.subtitle;
    scene.note = o.note;
    MapRenderer renderer(o.width, o.height);
    renderer.render_map(scene, png);
}

}  // namespace floodtwin::viz
