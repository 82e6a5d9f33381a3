#include "hydro/boundary_fluxes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "hydro/edge_flux.hpp"
#include "hydro/flux.hpp"
#include "hydro/friction.hpp"
#include "hydro/reconstruction.hpp"

namespace floodtwin::hydro {

namespace {

// The conveyance h^(5/3) / n of the edge cell of face k of segment b (0 where dry).
double conveyance(const BoundaryCase& bc, const EdgeBoundary& b, const State& s, int k) {
    const std::size_t c = edge_cell(bc.grid, edge_slot(b.edge), k);
    const double h = s.h[c];
    const double n = bc.manning.at(c);
    double w = h > bc.dry_depth_m ? h * h * inv_cbrt(h) : 0.0;  // h^(5/3)
    if (n > 0.0) w /= n;
    return w;
}

double face_length(const BoundaryCase& bc, const EdgeBoundary& b) {
    return edge_slot(b.edge) < 2 ? bc.grid.dy_m : bc.grid.dx_m;
}

// The most that can leave through the face of edge cell c in a step under the CFL
// condition: h times the outward speed plus the wave speed.
double outflow_cap(const BoundaryCase& bc, const State& s, int slot, std::size_t c) {
    const double h = s.h[c];
    if (!(h > bc.dry_depth_m)) return 0.0;
    const double sign = (slot == kEast || slot == kNorth) ? 1.0 : -1.0;
    const double un = sign * (slot < 2 ? s.hu[c] : s.hv[c]) / h;
    return h * (std::max(un, 0.0) + std::sqrt(bc.gravity_m_s2 * h));
}

}  // namespace

// The boundary's discharge shared over its wet cells by conveyance h^(5/3)/n; a dry
// segment takes it in its lowest cells.
std::vector<double> inflow_unit_discharges(const BoundaryCase& bc, const EdgeBoundary& b, const State& s,
                                           double t0_s, double dt_s) {
    const int e = edge_slot(b.edge);
    const double q_total = b.series.mean(t0_s, t0_s + dt_s);
    std::vector<double> w(static_cast<std::size_t>(b.end - b.begin), 0.0);
    double sum = 0.0;
    double zmin = std::numeric_limits<double>::infinity();
    for (int k = b.begin; k < b.end; ++k) {
        const double wk = conveyance(bc, b, s, k);
        w[static_cast<std::size_t>(k - b.begin)] = wk;
        sum += wk;
        zmin = std::min(zmin, bc.bed_m[edge_cell(bc.grid, e, k)]);
    }
    if (!(sum > 0.0)) {
        for (int k = b.begin; k < b.end; ++k) {
            const double wk = bc.bed_m[edge_cell(bc.grid, e, k)] <= zmin + 1e-9 ? 1.0 : 0.0;
            w[static_cast<std::size_t>(k - b.begin)] = wk;
            sum += wk;
        }
    }
    const double face_len = face_length(bc, b);
    for (double& wk : w) wk = q_total * (wk / sum) / face_len;
    return w;
}

std::vector<double> outflow_unit_discharges(const BoundaryCase& bc, const EdgeBoundary& b, const State& s) {
    const int e = edge_slot(b.edge);
    std::vector<double> q(static_cast<std::size_t>(b.end - b.begin), 0.0);
    if (b.kind == BoundaryKind::normal_depth) {
        const double root_s = std::sqrt(b.slope);
        for (int k = b.begin; k < b.end; ++k) {
            const std::size_t c = edge_cell(bc.grid, e, k);
            const double n = bc.manning.at(c);
            const double qn = n > 0.0 ? conveyance(bc, b, s, k) * root_s : std::numeric_limits<double>::infinity();
            q[static_cast<std::size_t>(k - b.begin)] = std::min(qn, outflow_cap(bc, s, e, c));
        }
        return q;
    }
    // rating
    double sum = 0.0;
    double level = -std::numeric_limits<double>::infinity();
    for (int k = b.begin; k < b.end; ++k) {
        const std::size_t c = edge_cell(bc.grid, e, k);
        const double wk = conveyance(bc, b, s, k);
        q[static_cast<std::size_t>(k - b.begin)] = wk;
        sum += wk;
        if (s.h[c] > bc.dry_depth_m) level = std::max(level, s.h[c] + bc.bed_m[c]);
    }
    if (!(sum > 0.0)) return std::vector<double>(q.size(), 0.0);
    const double q_total = rating_discharge(b, level);
    const double face_len = face_length(bc, b);
    for (int k = b.begin; k < b.end; ++k) {
        double& qk = q[static_cast<std::size_t>(k - b.begin)];
        qk = std::min(q_total * (qk / sum) / face_len, outflow_cap(bc, s, e, edge_cell(bc.grid, e, k)));
    }
    return q;
}

std::vector<std::vector<double>> boundary_unit_discharges(const BoundaryCase& bc, const State& s, double t0_s,
                                                          double dt_s) {
    std::vector<std::vector<double>> unit_q(bc.boundaries.size());
    for (std::size_t b = 0; b < bc.boundaries.size(); ++b) {
        const EdgeBoundary& eb = bc.boundaries[b];
        if (eb.kind == BoundaryKind::inflow)
            unit_q[b] = inflow_unit_discharges(bc, eb, s, t0_s, dt_s);
        else if (eb.kind == BoundaryKind::normal_depth || eb.kind == BoundaryKind::rating)
            unit_q[b] = outflow_unit_discharges(bc, eb, s);
    }
    return unit_q;
}

double rating_discharge(std::span<const double> z, std::span<const double> q, double level_m) {
    if (z.size() < 2 || level_m <= z.front()) return q.empty() ? 0.0 : q.front();
    std::size_t k = 1;
    while (k + 1 < z.size() && level_m > z[k]) ++k;
    // Between z[k-1] and z[k], or beyond the last point along the last segment.
    return std::max(0.0, q[k - 1] + (q[k] - q[k - 1]) * (level_m - z[k - 1]) / (z[k] - z[k - 1]));
}

double outward_bed_drop(const Grid& g, std::span<const double> bed_m, int slot, int k) {
    if (edge_reach(g, slot) < 3) return 0.0;
    const double z0 = bed_m[inward_cell(g, slot, k, 0)];
    const double z1 = bed_m[inward_cell(g, slot, k, 1)];
    const double z2 = bed_m[inward_cell(g, slot, k, 2)];
    return minmod(z1 - z0, z2 - z1);
}

void BoundaryFluxes::resize(const Grid& g) {
    for (int e = 0; e < 4; ++e) {
        const auto len = static_cast<std::size_t>(edge_length(g, e));
        edges[e].mass.assign(len, 0.0);
        edges[e].mom_n.assign(len, 0.0);
        edges[e].mom_t.assign(len, 0.0);
        edges[e].eta_slope.assign(len, 0.0);
    }
    crossings.clear();
}

void compute_boundary_fluxes(const BoundaryCase& bc, const State& s, double t0_s, double t_stage_s, double dt_s,
                             BoundaryFluxes& out) {
    const Grid& grid = bc.grid;
    const double g = bc.gravity_m_s2;
    const double dry = bc.dry_depth_m;
    out.crossings.clear();

    const std::vector<std::vector<double>> unit_q = boundary_unit_discharges(bc, s, t0_s, dt_s);

    for (int e = 0; e < 4; ++e) {
        const bool along_y = e < 2;  // west/east edges run along y
        const int len = edge_length(grid, e);
        const double sign = (e == kEast || e == kNorth) ? 1.0 : -1.0;  // outward normal along the axis
        const double face_len = along_y ? grid.dy_m : grid.dx_m;
        EdgeFaces& faces = out.edges[e];
        for (int k = 0; k < len; ++k) {
            const std::size_t c = edge_cell(grid, e, k);
            const int id = bc.face_boundary[e][static_cast<std::size_t>(k)];
            const EdgeBoundary* b = id < 0 ? nullptr : &bc.boundaries[static_cast<std::size_t>(id)];
            const double h = s.h[c];
            const double u = velocity(h, s.hu[c], dry);
            const double v = velocity(h, s.hv[c], dry);
            // The edge cell in the outward frame.
            const double un = sign * (along_y ? u : v);
            const double ut = along_y ? v : u;
            NormalFlux f{0.0, 0.0, 0.0};
            switch (b ? b->kind : BoundaryKind::wall) {
                case BoundaryKind::wall: f = wall_flux(h, un, ut, g); break;
                case BoundaryKind::free: {
                    const double drop = std::max(0.0, outward_bed_drop(grid, bc.bed_m, e, k));
                    if (!bc.second_order || edge_reach(grid, e) < 2) {
                        f = free_flux(h, un, ut, drop, g);
                        break;
                    }
                    // fv2: the cell's face lies half its level difference below its
                    // centre, the ghost's (the bed carried on) half the drop below the
                    // cell's bed; what is left between the two is the face's step.
                    const std::size_t in = inward_cell(grid, e, k, 1);
                    const double se = free_edge_level_slope(h + bc.bed_m[c], s.h[in] + bc.bed_m[in], drop, sign);
                    faces.eta_slope[static_cast<std::size_t>(k)] = se;
                    f = free_flux(h, un, ut, 0.5 * drop - 0.5 * std::abs(se), g);
                    break;
                }
                case BoundaryKind::stage:
                    f = stage_flux(h, un, ut, std::max(0.0, b->series.value_at(t_stage_s) - bc.bed_m[c]), g);
                    break;
                case BoundaryKind::inflow:
                    f = inflow_flux(h, unit_q[static_cast<std::size_t>(id)][static_cast<std::size_t>(k - b->begin)],
                                    g, dry);
                    break;
                case BoundaryKind::normal_depth:
                case BoundaryKind::rating:
                    f = outflow_flux(h, ut, unit_q[static_cast<std::size_t>(id)][static_cast<std::size_t>(k - b->begin)],
                                     g, dry);
                    break;
            }
            faces.mass[static_cast<std::size_t>(k)] = sign * f.mass;
            faces.mom_n[static_cast<std::size_t>(k)] = f.mom_n;
            faces.mom_t[static_cast<std::size_t>(k)] = sign * f.mom_t;
            if (f.mass != 0.0) {
                if (id >= 0) out.crossings.push_back({id, -f.mass * face_len * dt_s});
            }
        }
    }
}

void commit_crossings(const BoundaryFluxes& f, double weight, std::vector<FlowAccount>& accounts) {
    for (const FaceCrossing& x : f.crossings) {
        const double volume_in = x.volume_in_m3 * weight;
        FlowAccount& acc = accounts[static_cast<std::size_t>(x.boundary)];
        if (volume_in > 0.0)
            acc.in_m3 += volume_in;
        else
            acc.out_m3 -= volume_in;
    }
}

}  // namespace floodtwin::hydro
