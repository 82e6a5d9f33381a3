#include "hydro/input_checks.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace floodtwin::hydro {

namespace {

[[noreturn]] void refuse(const std::string& why) { throw std::invalid_argument(why); }

std::string cells_of(const Grid& grid) { return std::to_string(grid.cells()) + " cells"; }

const char* edge_name(Edge e) {
    switch (e) {
        case Edge::west: return "west";
        case Edge::east: return "east";
        case Edge::south: return "south";
        case Edge::north: return "north";
    }
    return "west";
}

void check_discharge_series(const std::string& label, const TimeSeries& q) {
    if (q.empty()) refuse(label + ": needs a discharge");
    if (q.min_value() < 0.0) refuse(label + ": discharge must be >= 0 m3/s");
}

}  // namespace

std::string cell_name(const Grid& g, std::size_t c) {
    return "cell (i=" + std::to_string(c % static_cast<std::size_t>(g.nx)) +
           ", j=" + std::to_string(c / static_cast<std::size_t>(g.nx)) + ")";
}

void check_grid(const Grid& g) {
    if (g.nx < 1 || g.ny < 1)
        refuse("grid: needs at least one cell each way (nx=" + std::to_string(g.nx) + ", ny=" + std::to_string(g.ny) +
               ")");
    if (!(g.dx_m > 0.0) || !(g.dy_m > 0.0) || !std::isfinite(g.dx_m) || !std::isfinite(g.dy_m))
        refuse("grid: cell size must be positive (dx=" + std::to_string(g.dx_m) + " m, dy=" + std::to_string(g.dy_m) +
               " m)");
}

void check_bed(const Grid& g, std::span<const double> bed_m) {
    if (bed_m.size() != g.cells()) refuse("bed: " + std::to_string(bed_m.size()) + " values for " + cells_of(g));
    for (std::size_t c = 0; c < bed_m.size(); ++c)
        if (!std::isfinite(bed_m[c])) refuse("bed: elevation is not finite at " + cell_name(g, c));
}

void check_manning(double n) {
    if (!std::isfinite(n) || n < 0.0)
        refuse("hydro.manning: Manning n must be >= 0 s/m^(1/3), got " + std::to_string(n));
}

void check_manning(const Grid& g, std::span<const double> n) {
    if (n.size() != g.cells()) refuse("hydro.manning: " + std::to_string(n.size()) + " values for " + cells_of(g));
    for (std::size_t c = 0; c < n.size(); ++c)
        if (!std::isfinite(n[c]) || n[c] < 0.0)
            refuse("hydro.manning: Manning n must be >= 0, got " + std::to_string(n[c]) + " at " + cell_name(g, c));
}

void check_water_level(double level_m) {
    if (!std::isfinite(level_m)) refuse("initial water level is not finite");
}

void check_depth(const Grid& g, std::span<const double> depth_m) {
    if (depth_m.size() != g.cells())
        refuse("initial depth: " + std::to_string(depth_m.size()) + " values for " + cells_of(g));
    for (std::size_t c = 0; c < depth_m.size(); ++c)
        if (!std::isfinite(depth_m[c]) || depth_m[c] < 0.0)
            refuse("initial depth: must be finite and >= 0 at " + cell_name(g, c));
}

void check_state(const Grid& g, const State& state) {
    const std::size_t n = g.cells();
    if (state.h.size() != n || state.hu.size() != n || state.hv.size() != n)
        refuse("state: arrays must hold " + std::to_string(n) + " cells");
    for (std::size_t c = 0; c < n; ++c) {
        if (!std::isfinite(state.h[c]) || state.h[c] < 0.0)
            refuse("state: depth must be finite and >= 0 at " + cell_name(g, c));
        if (!std::isfinite(state.hu[c]) || !std::isfinite(state.hv[c]))
            refuse("state: discharge is not finite at " + cell_name(g, c));
    }
}

void check_boundary(const EdgeBoundary& b, int len, const std::vector<int>& face_boundary,
                    std::span<const EdgeBoundary> added) {
    const std::string label = "boundary '" + b.name + "' on the " + edge_name(b.edge) + " edge";
    if (b.begin < 0 || b.begin >= b.end || b.end > len)
        refuse(label + ": cells [" + std::to_string(b.begin) + ", " + std::to_string(b.end) +
               ") are not within the edge's " + std::to_string(len) + " cells");
    if ((b.kind == BoundaryKind::stage || b.kind == BoundaryKind::inflow) && b.series.empty())
        refuse(label + ": needs a time series");
    if (b.kind == BoundaryKind::inflow && b.series.min_value() < 0.0)
        refuse(label + ": inflow discharge must be >= 0 m3/s");
    if (b.kind == BoundaryKind::normal_depth && !(b.slope > 0.0 && std::isfinite(b.slope)))
        refuse(label + ": normal_depth needs a slope > 0, got " + std::to_string(b.slope));
    if (b.kind == BoundaryKind::rating) check_rating(label, b.rating_level_m, b.rating_discharge_m3_s);
    for (int k = b.begin; k < b.end; ++k) {
        const int other = face_boundary[static_cast<std::size_t>(k)];
        if (other >= 0)
            refuse(label + " overlaps boundary '" + added[static_cast<std::size_t>(other)].name + "' at cell " +
                   std::to_string(k));
    }
}

void check_rating(const std::string& label, std::span<const double> z, std::span<const double> q) {
    if (z.size() < 2 || q.size() != z.size()) refuse(label + ": a rating needs at least two points of level and discharge");
    for (std::size_t i = 0; i < z.size(); ++i) {
        if (!std::isfinite(z[i]) || !std::isfinite(q[i]) || q[i] < 0.0)
            refuse(label + ": rating point " + std::to_string(i) + " must be finite with a discharge >= 0");
        if (i > 0 && !(z[i] > z[i - 1])) refuse(label + ": rating levels must increase (point " + std::to_string(i) + ")");
        if (i > 0 && q[i] < q[i - 1])
            refuse(label + ": rating discharges must not decrease (point " + std::to_string(i) + ")");
    }
}

void check_boundary_series(std::span<const EdgeBoundary> added, std::size_t index, const TimeSeries& series) {
    if (index >= added.size())
        refuse("boundary " + std::to_string(index) + ": there are " + std::to_string(added.size()) + " boundaries");
    const EdgeBoundary& b = added[index];
    const std::string label = "boundary '" + b.name + "'";
    if (b.kind != BoundaryKind::stage && b.kind != BoundaryKind::inflow)
        refuse(label + ": only stage and inflow boundaries take a series");
    if (series.empty()) refuse(label + ": needs a time series");
    if (b.kind == BoundaryKind::inflow && series.min_value() < 0.0)
        refuse(label + ": inflow discharge must be >= 0 m3/s");
}

void check_point_inflow(const Grid& g, const PointInflow& p) {
    const std::string label = "point inflow '" + p.name + "'";
    if (p.cells.empty()) refuse(label + ": no cells");
    for (auto c : p.cells)
        if (c >= g.cells()) refuse(label + ": cell " + std::to_string(c) + " is off the grid");
    check_discharge_series(label, p.discharge_m3_s);
}

void check_weir_link(const Grid& g, const WeirLink& link) {
    const std::string label = "weir link '" + link.name + "'";
    if (link.strips.empty()) refuse(label + ": no strips");
    double previous_end = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < link.strips.size(); ++k) {
        const WeirStrip& s = link.strips[k];
        const std::string at = label + ", strip " + std::to_string(k + 1);
        if (s.a >= g.cells() || s.b >= g.cells()) refuse(at + ": a cell is off the grid");
        if (s.a == s.b) refuse(at + ": both sides are " + cell_name(g, s.a));
        if (!(std::isfinite(s.from_m) && std::isfinite(s.to_m) && s.from_m < s.to_m))
            refuse(at + ": its stretch must run forward along the crest");
        if (s.from_m < previous_end) refuse(at + ": overlaps the strip before it");
        previous_end = s.to_m;
    }
    auto finite = [&](double v, const char* what) {
        if (!std::isfinite(v)) refuse(label + ": " + what + " must be finite");
    };
    finite(link.centre_m, "the centre");
    finite(link.sill_start_m, "the first sill");
    finite(link.sill_end_m, "the final sill");
    if (!(link.width_start_m >= 0.0 && link.width_end_m >= 0.0 && std::isfinite(link.width_end_m) &&
          std::isfinite(link.width_start_m)))
        refuse(label + ": widths must be >= 0 m");
    if (!(link.formation_s >= 0.0 && std::isfinite(link.formation_s))) refuse(label + ": formation must be >= 0 s");
    if (!(link.coefficient > 0.0 && std::isfinite(link.coefficient))) refuse(label + ": the coefficient must be > 0");
    if (std::isnan(link.opens_at_s)) {
        if (std::isnan(link.trigger_level_m)) refuse(label + ": needs an opening time or a trigger level");
        if (link.trigger_cell >= g.cells()) refuse(label + ": the trigger cell is off the grid");
    } else if (!std::isfinite(link.opens_at_s)) {
        refuse(label + ": the opening time must be finite");
    }
}

void check_point_inflow_series(std::span<const PointInflow> added, std::size_t index, const TimeSeries& series) {
    if (index >= added.size())
        refuse("point inflow " + std::to_string(index) + ": there are " + std::to_string(added.size()) +
               " point inflows");
    check_discharge_series("point inflow '" + added[index].name + "'", series);
}

void check_rain(const Grid& g, const TimeSeries& intensity_m_s, std::span<const double> weight) {
    if (!intensity_m_s.empty() && intensity_m_s.min_value() < 0.0) refuse("rain: intensity must be >= 0");
    if (weight.empty()) return;
    if (weight.size() != g.cells()) refuse("rain: " + std::to_string(weight.size()) + " weights for " + cells_of(g));
    for (std::size_t c = 0; c < weight.size(); ++c)
        if (!std::isfinite(weight[c]) || weight[c] < 0.0) refuse("rain: weight must be >= 0 at " + cell_name(g, c));
}

void check_loss(double rate_m_s) {
    if (!std::isfinite(rate_m_s) || rate_m_s < 0.0) refuse("loss: rate must be >= 0");
}

void check_loss(const Grid& g, std::span<const double> rate_m_s) {
    if (rate_m_s.size() != g.cells())
        refuse("loss: " + std::to_string(rate_m_s.size()) + " values for " + cells_of(g));
    for (std::size_t c = 0; c < rate_m_s.size(); ++c)
        if (!std::isfinite(rate_m_s[c]) || rate_m_s[c] < 0.0) refuse("loss: rate must be >= 0 at " + cell_name(g, c));
}

void check_snapshot(const Grid& g, const Snapshot& s, const MassLedger& ledger) {
    const std::size_t n = g.cells();
    auto fits = [n](const std::vector<double>& v) { return v.size() == n; };
    const Diagnostics& d = s.diagnostics;
    if (!fits(s.state.h) || !fits(s.state.hu) || !fits(s.state.hv) || !fits(d.max_depth_m) ||
        !fits(d.max_speed_m_s) || !fits(d.time_of_max_depth_s) || !fits(d.arrival_time_s) ||
        s.wet_rows.size() != static_cast<std::size_t>(g.ny))
        refuse("snapshot: arrays do not fit the " + std::to_string(g.nx) + " x " + std::to_string(g.ny) + " grid");
    // Face discharges (the inertial scheme's): none, or one per face.
    const std::size_t nxf = static_cast<std::size_t>(g.nx + 1) * static_cast<std::size_t>(g.ny);
    const std::size_t nyf = static_cast<std::size_t>(g.nx) * static_cast<std::size_t>(g.ny + 1);
    if (!(s.face_qx.empty() && s.face_qy.empty()) && (s.face_qx.size() != nxf || s.face_qy.size() != nyf))
        refuse("snapshot: face discharges do not fit the " + std::to_string(g.nx) + " x " + std::to_string(g.ny) +
               " grid");
    if (s.ledger.boundaries.size() != ledger.boundaries.size() ||
        s.ledger.point_inflows.size() != ledger.point_inflows.size())
        refuse("snapshot: " + std::to_string(s.ledger.boundaries.size()) + " boundaries and " +
               std::to_string(s.ledger.point_inflows.size()) + " point inflows, this run has " +
               std::to_string(ledger.boundaries.size()) + " and " + std::to_string(ledger.point_inflows.size()));
    if (s.ledger.links.size() != ledger.links.size() || s.link_opened_s.size() != ledger.links.size())
        refuse("snapshot: " + std::to_string(s.ledger.links.size()) + " weir links (breaches, detention inlets), this run has " +
               std::to_string(ledger.links.size()));
    for (std::size_t k = 0; k < ledger.links.size(); ++k)
        if (s.ledger.links[k].name != ledger.links[k].name)
            refuse("snapshot: weir link " + std::to_string(k + 1) + " is '" + s.ledger.links[k].name +
                   "', this run has '" + ledger.links[k].name + "'");
    for (std::size_t b = 0; b < ledger.boundaries.size(); ++b)
        if (s.ledger.boundaries[b].name != ledger.boundaries[b].name)
            refuse("snapshot: boundary " + std::to_string(b + 1) + " is '" + s.ledger.boundaries[b].name +
                   "', this run has '" + ledger.boundaries[b].name + "'");
}

}  // namespace floodtwin::hydro
