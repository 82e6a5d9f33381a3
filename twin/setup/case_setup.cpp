#include "twin/setup/case_setup.hpp"

#include <cmath>
#include <stdexcept>

#include "grids/gdal_raster.hpp"
#include "grids/text_fields.hpp"
#include "twin/setup/domain_mask.hpp"
#include "twin/setup/solver_grid.hpp"

namespace floodtwin::twin {

namespace {

using grids::number_text;

// A raster given for a per-cell quantity: on the prepared grid cell for cell, or warped
// onto it (raster_on_grid says so in `notes`); nodata is allowed on outside cells only.
std::vector<double> matched_raster(const std::filesystem::path& path, const grids::Raster<double>& dem,
                                   const std::string& key, grids::Resampling resampling, const Domain& domain,
                                   std::vector<std::string>& notes) {
    const grids::Raster<double> r = raster_on_grid(path, dem, key, resampling, notes);
    std::vector<double> v = to_solver_order(r, key.c_str(), domain.outside);
    set_outside(v, domain, 0.0);
    return v;
}

// The same for a quantity that must be finite and >= 0 in every cell (Manning's n): the
// first cell that is not is named by its column and row in the raster and its centre.
std::vector<double> non_negative_raster(const std::filesystem::path& path, const grids::Raster<double>& dem,
                                        const std::string& key, const std::string& quantity, const Domain& domain,
                                        std::vector<std::string>& notes) {
    const grids::Raster<double> r = raster_on_grid(path, dem, key, grids::Resampling::nearest, notes);
    for (std::size_t row = 0; row < r.ny; ++row)
        for (std::size_t col = 0; col < r.nx; ++col) {
            const double v = r.at(col, row);
            if (r.is_nodata_value(v) || (std::isfinite(v) && v >= 0.0)) continue;  // nodata: to_solver_order says
            if (domain.is_outside((r.ny - 1 - row) * r.nx + col)) continue;
            throw std::invalid_argument(key + ": " + path.string() + ": " + quantity + " is " + number_text(v) +
                                        " at column " + std::to_string(col) + ", row " + std::to_string(row) +
                                        " (the cell centred on x = " + number_text(r.cell_centre_x(col)) +
                                        ", y = " + number_text(r.cell_centre_y(row)) +
                                        "): it must be finite and >= 0 (0: no friction)");
        }
    std::vector<double> v = to_solver_order(r, key.c_str(), domain.outside);
    set_outside(v, domain, 0.0);
    return v;
}

// Refuses a stretch end `value` (key `key`) beyond the edge [lo, hi]: a boundary is
// never clipped to the grid silently. A millionth of a cell is round-off, not beyond.
void check_on_edge(const BoundarySection& b, const std::string& key, const std::string& what, double value,
                   double lo, double hi, double cell, bool along_y) {
    const double tol = 1e-6 * cell;
    if (value >= lo - tol && value <= hi + tol) return;
    throw std::invalid_argument(b.key + "." + key + ": " + what + " is beyond the " + b.edge + " edge, which runs " +
                                (along_y ? "y = " : "x = ") + number_text(lo) + " .. " + number_text(hi) +
                                " (CRS units): the stretch must lie on the edge");
}

// Cells [begin, end) along `edge` covered by a boundary: by from/to (CRS units along
// the edge), by a line whose ends lie on the edge, or the whole edge.
std::pair<int, int> edge_cells(const BoundarySection& b, const grids::Raster<double>& dem) {
    const grids::Bounds box = dem.bounds();
    const bool along_y = b.edge == "west" || b.edge == "east";
    const double lo = along_y ? box.ymin : box.xmin;
    const double hi = along_y ? box.ymax : box.xmax;
    const double cell = along_y ? dem.resolution_y() : dem.resolution_x();
    const int n = static_cast<int>(along_y ? dem.ny : dem.nx);
    double from = lo, to = hi;
    if (b.line) {
        const auto& l = *b.line;
        const double edge_coord = b.edge == "west"   ? box.xmin
                                  : b.edge == "east" ? box.xmax
                                  : b.edge == "south" ? box.ymin
                                                      : box.ymax;
        for (int k = 0; k < 2; ++k) {
            const double across = along_y ? l[2 * k] : l[2 * k + 1];
            if (std::fabs(across - edge_coord) > 0.5 * (along_y ? dem.resolution_x() : dem.resolution_y()))
                throw std::invalid_argument(b.key + ".line: point (" + grids::number_text(l[2 * k]) + ", " +
                                            grids::number_text(l[2 * k + 1]) + ") is not on the " + b.edge + " edge (" +
                                            (along_y ? "x" : "y") + " = " + grids::number_text(edge_coord) + ")");
        }
        for (int k = 0; k < 2; ++k)
            check_on_edge(b, "line",
                          "point (" + number_text(l[2 * k]) + ", " + number_text(l[2 * k + 1]) + ")",
                          along_y ? l[2 * k + 1] : l[2 * k], lo, hi, cell, along_y);
        from = std::min(along_y ? l[1] : l[0], along_y ? l[3] : l[2]);
        to = std::max(along_y ? l[1] : l[0], along_y ? l[3] : l[2]);
    } else {
        if (b.from) check_on_edge(b, "from", number_text(*b.from), *b.from, lo, hi, cell, along_y);
        if (b.to) check_on_edge(b, "to", number_text(*b.to), *b.to, lo, hi, cell, along_y);
        if (b.from) from = *b.from;
        if (b.to) to = *b.to;
    }
    // Cells whose centre lies within [from, to].
    const int begin = std::max(0, static_cast<int>(std::ceil((from - lo) / cell - 0.5)));
    const int end = std::min(n, static_cast<int>(std::floor((to - lo) / cell - 0.5)) + 1);
    if (begin >= end)
        throw std::invalid_argument(b.key + ": the stretch " + grids::number_text(from) + " .. " +
                                    grids::number_text(to) + " of the " + b.edge +
                                    " edge holds no cell centre (the edge runs " + grids::number_text(lo) + " .. " +
                                    grids::number_text(lo + n * cell) + ")");
    return {begin, end};
}

hydro::Edge edge_of(const std::string& e) {
    if (e == "west") return hydro::Edge::west;
    if (e == "east") return hydro::Edge::east;
    if (e == "south") return hydro::Edge::south;
    return hydro::Edge::north;
}

hydro::BoundaryKind kind_of(const std::string& k) {
    if (k == "inflow" || k == "rated_inflow") return hydro::BoundaryKind::inflow;  // rated: series from the rating
    if (k == "stage") return hydro::BoundaryKind::stage;
    if (k == "free") return hydro::BoundaryKind::free;
    if (k == "normal_depth") return hydro::BoundaryKind::normal_depth;
    if (k == "rating") return hydro::BoundaryKind::rating;
    return hydro::BoundaryKind::wall;
}

// A boundary other than a wall must lie on inside cells only: an inflow there would pour
// water into a closed wall. Refused naming the key, the first outside cell and the
// longest inside run of the stretch, to give as from/to instead.
void require_inside_stretch(const BoundarySection& b, int begin, int end, const grids::Raster<double>& dem,
                            const Domain& domain, const Case& c) {
    if (domain.outside.empty() || b.kind == "wall") return;
    const bool along_y = b.edge == "west" || b.edge == "east";
    const auto cell = [&](int k) -> std::size_t {
        const auto u = static_cast<std::size_t>(k);
        if (b.edge == "west") return u * dem.nx;
        if (b.edge == "east") return u * dem.nx + dem.nx - 1;
        if (b.edge == "south") return u;
        return (dem.ny - 1) * dem.nx + u;
    };
    int outside = 0, first = -1, best_begin = 0, best_len = 0, run_begin = begin;
    for (int k = begin; k <= end; ++k) {
        const bool out = k == end || domain.is_outside(cell(k));
        if (k < end && out) {
            ++outside;
            if (first < 0) first = k;
        }
        if (out) {
            if (k - run_begin > best_len) best_len = k - run_begin, best_begin = run_begin;
            run_begin = k + 1;
        }
    }
    if (outside == 0) return;
    const grids::Bounds box = dem.bounds();
    const double lo = along_y ? box.ymin : box.xmin;
    const double size = along_y ? dem.resolution_y() : dem.resolution_x();
    const double edge_coord = b.edge == "west" ? box.xmin : b.edge == "east" ? box.xmax : b.edge == "south" ? box.ymin : box.ymax;
    const double at = lo + (first + 0.5) * size;
    const double px = along_y ? edge_coord : at, py = along_y ? at : edge_coord;
    std::string point = "(";
    point += number_text(px);
    point += ", ";
    point += number_text(py);
    point += ")";
    std::string hint = best_len > 0 ? ": give from = " + number_text(lo + best_begin * size) + " and to = " +
                                          number_text(lo + (best_begin + best_len) * size) +
                                          ", its longest stretch of inside cells"
                                    : ": no cell of it is inside";
    throw std::invalid_argument(b.key + ": " + std::to_string(outside) + " of the " + std::to_string(end - begin) +
                                " cells of the " + b.edge + " " + b.kind + " stretch lie outside the domain (" +
                                outside_reason(c) + "), the first at " + point +
                                "; a boundary is never applied to part of its stretch silently" + hint);
}

}  // namespace

bool point_on_grid(const grids::Raster<double>& dem, double x, double y) {
    const grids::Bounds b = dem.bounds();
    return x >= b.xmin && x <= b.xmax && y >= b.ymin && y <= b.ymax;
}

std::size_t cell_at(const grids::Raster<double>& dem, double x, double y, const std::string& key) {
    const grids::Bounds b = dem.bounds();
    if (!point_on_grid(dem, x, y))
        throw std::invalid_argument(key + ": (" + grids::number_text(x) + ", " + grids::number_text(y) +
                                    ") is outside the domain x " + grids::number_text(b.xmin) + " .. " +
                                    grids::number_text(b.xmax) + ", y " + grids::number_text(b.ymin) + " .. " +
                                    grids::number_text(b.ymax));
    const auto i = static_cast<std::size_t>((x - b.xmin) / dem.resolution_x());
    const auto j = static_cast<std::size_t>((y - b.ymin) / dem.resolution_y());
    return std::min(j, dem.ny - 1) * dem.nx + std::min(i, dem.nx - 1);
}

namespace {

// The solver on the prepared DEM, with every input of the case placed on it.
PreparedCase prepared_on(const Case& c, grids::Raster<double> dem) {
    std::vector<std::string> notes;
    const Domain domain = settle_domain(c, dem, notes);
    const hydro::Grid grid = solver_grid(dem);

    hydro::SolverConfig config;
    config.scheme = hydro::parse_scheme(c.hydro.scheme);
    config.cfl = c.hydro.cfl;
    config.theta = c.hydro.theta;
    config.dry_depth_m = c.hydro.dry_depth_m;
    config.arrival_depth_m = c.hydro.arrival_depth_m;
    config.min_cells_per_thread = static_cast<int>(c.hydro.min_cells_per_thread);
    hydro::Simulation sim(grid, solver_bed(dem, domain), config);

    // An ensemble member's factor (1: the case as written).
    if (const double* n = std::get_if<double>(&c.hydro.manning)) {
        sim.set_manning(*n * c.member.manning_factor);
    } else {
        std::vector<double> cells = non_negative_raster(std::get<std::filesystem::path>(c.hydro.manning), dem,
                                                        "hydro.manning", "Manning's n", domain, notes);
        if (c.member.manning_factor != 1.0)
            for (double& v : cells) v *= c.member.manning_factor;
        sim.set_manning(std::move(cells));
    }

    // Outside cells' bed lies far above any level: set_water_level leaves them dry.
    if (c.initial.water_level_m) sim.set_water_level(*c.initial.water_level_m);
    if (c.initial.depth)
        sim.set_depth(matched_raster(*c.initial.depth, dem, "initial.depth", grids::Resampling::bilinear, domain, notes));

    for (const BoundarySection& b : c.boundaries) {
        const auto [begin, end] = edge_cells(b, dem);
        require_inside_stretch(b, begin, end, dem, domain, c);
        hydro::EdgeBoundary eb;
        eb.name = b.name;
        eb.edge = edge_of(b.edge);
        // Raster columns run west to east like solver i; raster rows run north to
        // south, solver j south to north, and edge_cells counts from the low end.
        eb.begin = begin;
        eb.end = end;
        eb.kind = kind_of(b.kind);
        eb.series = b.series;
        eb.slope = b.slope;
        if (b.kind == "rating") {  // a rated_inflow's rating is in its series already
            eb.rating_level_m = b.rating_level_m;
            eb.rating_discharge_m3_s = b.rating_discharge_m3_s;
        }
        // Fed by the river network (the case file checked that): it sets the series as it runs.
        if (eb.series.empty() && (b.kind == "inflow" || b.kind == "stage")) eb.series = hydro::TimeSeries(0.0);
        try {
            sim.add_boundary(std::move(eb));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(b.key + ": " + e.what());
        }
    }

    for (const SourceSection& s : c.sources) {
        hydro::PointInflow p;
        p.name = s.name;
        p.discharge_m3_s = s.discharge_m3_s.empty() ? hydro::TimeSeries(0.0) : s.discharge_m3_s;  // network-fed
        const std::size_t centre = cell_at(dem, s.x, s.y, s.key);
        require_inside(domain, centre, s.key, s.x, s.y);
        if (s.radius_m > 0.0) {
            const grids::Bounds b = dem.bounds();
            // Cells within the radius that are outside the domain take none of the inflow.
            for (std::size_t j = 0; j < dem.ny; ++j)
                for (std::size_t i = 0; i < dem.nx; ++i) {
                    const double x = b.xmin + (static_cast<double>(i) + 0.5) * dem.resolution_x();
                    const double y = b.ymin + (static_cast<double>(j) + 0.5) * dem.resolution_y();
                    if (std::hypot(x - s.x, y - s.y) <= s.radius_m && !domain.is_outside(j * dem.nx + i))
                        p.cells.push_back(j * dem.nx + i);
                }
        }
        if (p.cells.empty()) p.cells.push_back(centre);
        sim.add_point_inflow(std::move(p));
    }

    if (c.rain.intensity_m_s) {
        std::vector<double> weight;  // empty: 1 everywhere
        if (!domain.outside.empty()) {
            weight.assign(grid.cells(), 1.0);
            set_outside(weight, domain, 0.0);
        }
        sim.set_rain(*c.rain.intensity_m_s, std::move(weight));
    }
    RainFrames rain_frames;
    if (c.rain.grid) {
        const RainDraws draws{c.member.rain_factor, std::lround(c.member.rain_shift_x_m / dem.resolution_x()),
                              std::lround(c.member.rain_shift_y_m / dem.resolution_y())};
        rain_frames = read_rain_frames(*c.rain.grid, dem, c.start, c.duration_s, "rain.intensity", domain.outside, draws);
        rain_frames.apply(sim, 0.0);  // ready to step from the start; a resumed run applies its own time
    }
    if (const double* loss = std::get_if<double>(&c.rain.loss_m_s)) {
        if (domain.outside.empty()) {
            sim.set_loss(*loss);
        } else {
            std::vector<double> rate(grid.cells(), *loss);
            set_outside(rate, domain, 0.0);
            sim.set_loss(std::move(rate));
        }
    } else {
        std::vector<double> mm_h = matched_raster(std::get<std::filesystem::path>(c.rain.loss_m_s), dem, "rain.loss",
                                                  grids::Resampling::bilinear, domain, notes);
        for (double& v : mm_h) v /= 3.6e6;
        sim.set_loss(std::move(mm_h));
    }

    std::vector<GaugeSite> gauges;
    for (const GaugeSection& g : c.gauges) {
        const std::size_t cell = cell_at(dem, g.x, g.y, g.key);
        require_inside(domain, cell, g.key, g.x, g.y);
        gauges.push_back({g.name, cell, g.datum_offset_m, g.thresholds});
    }
    WeirLinkPlan links = plan_weir_links(c, dem, sim.bed(), domain, gauges);
    for (hydro::WeirLink& link : links.links) sim.add_weir_link(std::move(link));
    return {std::move(dem),          std::move(sim),         std::move(gauges), std::move(rain_frames),
            domain.outside,          domain.outside_cells,   std::move(links.kinds), std::move(links.detentions),
            std::move(notes),        grids::raster_metadata_item(c.grid.dem, "floodtwin_terrain")};
}

}  // namespace

PreparedCase prepare_case(const Case& c) {
    grids::Raster<double> dem = prepare_dem(c);  // its messages name the case file already
    try {
        return prepared_on(c, std::move(dem));
    } catch (const std::invalid_argument& e) {
        // The keys the messages name are the case file's.
        throw std::invalid_argument(c.file.string() + ": " + e.what());
    }
}

}  // namespace floodtwin::twin
