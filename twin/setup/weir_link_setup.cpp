#include "twin/setup/weir_link_setup.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "grids/text_fields.hpp"
#include "twin/setup/case_setup.hpp"

namespace floodtwin::twin {

namespace {

using grids::number_text;

// How far out from the crest line the side cells are looked for, in cells, and how
// much lower than the crest cell a cell must lie to be off the crest (m).
constexpr int kMaxReachCells = 8;
constexpr double kOffCrestM = 0.01;

struct Sides {
    std::vector<hydro::WeirStrip> strips;
    double crest_length_m = 0.0;
    double lowest_crest_m = std::numeric_limits<double>::infinity();
};

// The crest stretch `line` cut into strips of about one cell; each strip joins the
// first cells lower than its crest cell going out on the left and on the right of the
// line (a: the left, b: the right), and reads its levels one cell further out.
Sides crest_sides(const std::array<double, 4>& line, const std::string& key, const grids::Raster<double>& dem,
                  std::span<const double> bed, const Domain& domain) {
    const double x0 = line[0], y0 = line[1], x1 = line[2], y1 = line[3];
    const double length = std::hypot(x1 - x0, y1 - y0);
    const double cell = dem.resolution_x();
    if (!(length > 0.0)) throw std::invalid_argument(key + ": its two points coincide");
    const double dx = (x1 - x0) / length, dy = (y1 - y0) / length;
    const double nx = -dy, ny = dx;  // to the left of the line
    const auto n = static_cast<std::size_t>(std::max(1.0, std::ceil(length / cell)));
    const double step = length / static_cast<double>(n);
    Sides out;
    out.crest_length_m = length;
    for (std::size_t k = 0; k < n; ++k) {
        const double along = (static_cast<double>(k) + 0.5) * step;
        const double px = x0 + dx * along, py = y0 + dy * along;
        const std::size_t crest = cell_at(dem, px, py, key);
        out.lowest_crest_m = std::min(out.lowest_crest_m, bed[crest]);
        std::size_t side[2] = {0, 0}, level[2] = {0, 0};
        for (int s = 0; s < 2; ++s) {
            const double sign = s == 0 ? 1.0 : -1.0;
            bool found = false;
            for (int m = 1; m <= 2 * kMaxReachCells && !found; ++m) {
                const double qx = px + sign * nx * 0.5 * cell * m, qy = py + sign * ny * 0.5 * cell * m;
                if (!point_on_grid(dem, qx, qy)) break;
                const std::size_t c = cell_at(dem, qx, qy, key);
                if (c == crest || !(bed[c] < bed[crest] - kOffCrestM)) continue;
                if (domain.is_outside(c))
                    throw std::invalid_argument(key + ": the ground beside the crest at (" + number_text(qx) + ", " +
                                                number_text(qy) + ") is outside the domain");
                const double lx = qx + sign * nx * cell, ly = qy + sign * ny * cell;
                const std::size_t behind = point_on_grid(dem, lx, ly) ? cell_at(dem, lx, ly, key) : c;
                side[s] = c;
                level[s] = domain.is_outside(behind) ? c : behind;
                found = true;
            }
            if (!found)
                throw std::invalid_argument(
                    key + ": no ground lower than the crest within " + std::to_string(kMaxReachCells) + " cells " +
                    (s == 0 ? "left" : "right") + " of the line at (" + number_text(px) + ", " + number_text(py) +
                    ") (crest level " + number_text(bed[crest]) + " m): does the line follow the crest?");
        }
        const double from = static_cast<double>(k) * step, to = static_cast<double>(k + 1) * step;
        if (!out.strips.empty() && out.strips.back().a == side[0] && out.strips.back().b == side[1])
            out.strips.back().to_m = to;  // the same pair of cells: one strip
        else
            out.strips.push_back({side[0], side[1], from, to, level[0], level[1]});
    }
    return out;
}

void set_opening(hydro::WeirLink& link, const OpeningSection& o, const std::string& key,
                 std::span<const GaugeSite> gauges) {
    link.coefficient = o.coefficient;
    if (o.start_s) {
        link.opens_at_s = *o.start_s;
        return;
    }
    for (const GaugeSite& g : gauges)
        if (g.name == o.gauge) {
            link.trigger_cell = g.cell;
            link.trigger_level_m = *o.at_stage_m - g.datum_offset_m;  // the stage is in the station datum
            return;
        }
    throw std::invalid_argument(key + ".gauge: '" + o.gauge + "' is not a gauge of the case");
}

void check_fits(const Sides& sides, double width_m, const std::string& key) {
    if (width_m > sides.crest_length_m + 1e-9)
        throw std::invalid_argument(key + ": the opening grows to " + number_text(width_m) + " m, but the stretch is " +
                                    number_text(sides.crest_length_m) + " m long");
}

}  // namespace

WeirLinkPlan plan_weir_links(const Case& c, const grids::Raster<double>& dem, std::span<const double> bed,
                             const Domain& domain, std::span<const GaugeSite> gauges) {
    WeirLinkPlan plan;
    for (const BreachSection& b : c.breaches) {
        const Sides sides = crest_sides(b.crest, b.key + ".crest", dem, bed, domain);
        check_fits(sides, b.width_m, b.key + ".width");
        hydro::WeirLink link;
        link.name = b.name;
        link.strips = sides.strips;
        link.centre_m = 0.5 * sides.crest_length_m;
        link.width_start_m = b.initial_width_m;
        link.width_end_m = b.width_m;
        link.sill_start_m = b.crest_level_m.value_or(sides.lowest_crest_m);
        link.sill_end_m = b.bottom_m;
        if (!(link.sill_end_m < link.sill_start_m))
            throw std::invalid_argument(b.key + ".bottom: must lie below the crest (" +
                                        number_text(link.sill_start_m) + " m), got " + number_text(b.bottom_m));
        link.formation_s = b.formation_s;
        set_opening(link, b.opening, b.key, gauges);
        plan.links.push_back(std::move(link));
        plan.kinds.emplace_back("breach");
    }
    for (const DetentionSection& d : c.detentions) {
        const std::vector<unsigned char> inside = area_cells(d.area, dem);
        DetentionSite site{{}, plan.links.size()};
        for (std::size_t k = 0; k < inside.size(); ++k)
            if (inside[k] && !domain.is_outside(k)) site.cells.push_back(k);
        if (site.cells.empty())
            throw std::invalid_argument(d.key + ".area: " + d.area.string() + ": no cell of the grid is inside it");
        Sides sides = crest_sides(d.inlet, d.key + ".inlet", dem, bed, domain);
        check_fits(sides, d.width_m, d.key + ".width");
        // Side A is the river's, side B the area's: the strips are turned when the area lies left.
        const bool left_in = inside[sides.strips.front().a] != 0, right_in = inside[sides.strips.front().b] != 0;
        if (left_in == right_in)
            throw std::invalid_argument(d.key + ".inlet: the cells either side of it are " +
                                        (left_in ? "both inside" : "both outside") + " the area " + d.area.string() +
                                        ": the inlet must cross the area's embankment");
        for (hydro::WeirStrip& s : sides.strips) {
            if (left_in) {
                std::swap(s.a, s.b);
                std::swap(s.a_level, s.b_level);
            }
            if (!inside[s.b] || inside[s.a])
                throw std::invalid_argument(d.key + ".inlet: it leaves the area's embankment along its length");
        }
        hydro::WeirLink link;
        link.name = d.name;
        link.strips = std::move(sides.strips);
        link.centre_m = 0.5 * sides.crest_length_m;
        link.width_start_m = 0.0;
        link.width_end_m = d.width_m;
        link.sill_start_m = link.sill_end_m = d.sill_m;
        link.formation_s = d.opening_s;
        set_opening(link, d.opening, d.key, gauges);
        plan.links.push_back(std::move(link));
        plan.kinds.emplace_back("detention");
        plan.detentions.push_back(std::move(site));
    }
    return plan;
}

}  // namespace floodtwin::twin
