#include "hydro/inertial_step.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "hydro/cell_update.hpp"
#include "hydro/row_reductions.hpp"

namespace floodtwin::hydro {

namespace {

using std::size_t;

size_t qx_index(const Grid& g, int i, int j) { return static_cast<size_t>(i) + static_cast<size_t>(g.nx + 1) * static_cast<size_t>(j); }
size_t qy_index(const Grid& g, int i, int j) { return static_cast<size_t>(i) + static_cast<size_t>(g.nx) * static_cast<size_t>(j); }

// Where the k-th face along edge `slot` lies: its array, its index, the index of the
// interior face next to it along the same axis (the edge is one cell wide if that is
// itself on the edge) and the outward sign of the axis.
struct EdgeFace {
    bool x;  // in qx (west, east) or qy (south, north)
    size_t face, inner;
    bool inner_is_edge;
    double sign_out;
};

EdgeFace edge_face(const Grid& g, int slot, int k) {
    switch (slot) {
        case kWest: return {true, qx_index(g, 0, k), qx_index(g, 1, k), g.nx < 2, -1.0};
        case kEast: return {true, qx_index(g, g.nx, k), qx_index(g, g.nx - 1, k), g.nx < 2, 1.0};
        case kSouth: return {false, qy_index(g, k, 0), qy_index(g, k, 1), g.ny < 2, -1.0};
        default: return {false, qy_index(g, k, g.ny), qy_index(g, k, g.ny - 1), g.ny < 2, 1.0};
    }
}

// Faces owned by cells [lo, hi) of row j set to zero: each cell owns its west x face
// and its south y face, the last column its east edge face too, the last row its north
// edge faces. What a step leaves out of its plan was dry at its start: a face between
// two dry cells carries nothing, which is what a sweep of every face would give it.
void zero_owned(const Grid& g, int j, int lo, int hi, FaceDischarges& q) {
    double* qx = q.qx.data() + qx_index(g, 0, j);
    std::fill(qx + lo, qx + hi + (hi == g.nx ? 1 : 0), 0.0);
    double* qs = q.qy.data() + qy_index(g, 0, j);
    std::fill(qs + lo, qs + hi, 0.0);
    if (j == g.ny - 1) {
        double* qn = q.qy.data() + qy_index(g, 0, g.ny);
        std::fill(qn + lo, qn + hi, 0.0);
    }
}

// Interior faces owned by cells [lo, hi) of row j (pass 1): their x faces (between
// cells i-1 and i) and the y faces on their south side (between rows j-1 and j), from
// the discharges `old` of the last step.
void interior_faces(const InertialCase& ic, const State& s, const FaceDischarges& old, double dt, int j, int lo,
                    int hi, FaceDischarges& out) {
    const Grid& g = ic.grid;
    const int nx = g.nx;
    const double grav = ic.gravity_m_s2;
    const double dry = ic.dry_depth_m;
    const double theta = ic.theta;
    const double rdx = 1.0 / g.dx_m;
    const double rdy = 1.0 / g.dy_m;
    const double* h = s.h.data();
    const double* z = ic.bed_m.data();
    const size_t c0 = g.index(0, j);
    const double* n = ic.manning.row(c0);
    const double* qo = old.qx.data() + qx_index(g, 0, j);
    double* qn = out.qx.data() + qx_index(g, 0, j);
    for (int i = std::max(lo, 1); i < hi; ++i) {
        const size_t l = c0 + static_cast<size_t>(i) - 1, r = l + 1;
        qn[i] = inertial_face_discharge(qo[i], qo[i - 1], qo[i + 1], h[l] + z[l], z[l], h[r] + z[r], z[r],
                                        0.5 * (n[i - 1] + n[i]), theta, dt, rdx, grav, dry);
    }
    if (j == 0) return;
    const size_t b0 = g.index(0, j - 1);
    const double* nb = ic.manning.row(b0);
    for (int i = lo; i < hi; ++i) {
        const size_t l = b0 + static_cast<size_t>(i), r = c0 + static_cast<size_t>(i);
        const size_t f = qy_index(g, i, j);
        out.qy[f] = inertial_face_discharge(old.qy[f], old.qy[f - static_cast<size_t>(nx)],
                                            old.qy[f + static_cast<size_t>(nx)], h[l] + z[l], z[l], h[r] + z[r], z[r],
                                            0.5 * (nb[i] + n[i]), theta, dt, rdy, grav, dry);
    }
}

// The edge faces by their boundaries, before the interior faces (a free edge reads the
// last step's interior face next to it). Wall: no flow. Free: zero-gradient outflow, the
// face's momentum equation on the edge cell's depth with the water-surface slope of
// the interior face next to it (uniform flow leaves at its normal depth, as with the
// bed-slope outlet of LISFLOOD-FP), where that leaves the domain; none where it would
// enter. Stage: the momentum equation of the face against a ghost cell at the
// given level on the edge cell's bed. Inflow: the unit discharges shared by
// conveyance (inflow_unit_discharges, as for fv), entering. Normal depth and rating:
// the unit discharges of outflow_unit_discharges, as for fv, leaving.
void edge_faces(const InertialCase& ic, const State& s, const FaceDischarges& old, double t0_s, double dt,
                const std::vector<std::vector<double>>& unit_q, FaceDischarges& out) {
    const Grid& g = ic.grid;
    for (int e = 0; e < 4; ++e) {
        const double rd = e < 2 ? 1.0 / g.dx_m : 1.0 / g.dy_m;
        const int len = edge_length(g, e);
        for (int k = 0; k < len; ++k) {
            const EdgeFace ef = edge_face(g, e, k);
            std::vector<double>& qn = ef.x ? out.qx : out.qy;
            const std::vector<double>& qo = ef.x ? old.qx : old.qy;
            const int id = ic.face_boundary[e][static_cast<size_t>(k)];
            const EdgeBoundary* b = id < 0 ? nullptr : &ic.boundaries[static_cast<size_t>(id)];
            const size_t c = edge_cell(g, e, k);
            const double h = s.h[c];
            const double z = ic.bed_m[c];
            double q = 0.0;
            switch (b ? b->kind : BoundaryKind::wall) {
                case BoundaryKind::wall: break;
                case BoundaryKind::free: {
                    if (ef.inner_is_edge) break;
                    const size_t in = inward_cell(g, e, k, 1);
                    const double eta_in = s.h[in] + ic.bed_m[in], eta_c = h + z;
                    const double slope = (ef.sign_out > 0.0 ? eta_c - eta_in : eta_in - eta_c) * rd;
                    q = inertial_face_update(qo[ef.face], qo[ef.face], qo[ef.inner], h, slope, ic.manning.at(c),
                                             ic.theta, dt, ic.gravity_m_s2, ic.dry_depth_m);
                    if (q * ef.sign_out <= 0.0) q = 0.0;
                    break;
                }
                case BoundaryKind::stage: {
                    const double eta_ghost = std::max(b->series.value_at(t0_s + dt), z);
                    const double eta_in = h + z;
                    const bool ghost_low = ef.sign_out < 0.0;  // the ghost lies on the low side (west, south)
                    q = inertial_face_discharge(qo[ef.face], qo[ef.face], qo[ef.inner], ghost_low ? eta_ghost : eta_in,
                                                z, ghost_low ? eta_in : eta_ghost, z, ic.manning.at(c), ic.theta, dt,
                                                rd, ic.gravity_m_s2, ic.dry_depth_m);
                    break;
                }
                case BoundaryKind::inflow:
                    q = -ef.sign_out * unit_q[static_cast<size_t>(id)][static_cast<size_t>(k - b->begin)];
                    break;
                case BoundaryKind::normal_depth:
                case BoundaryKind::rating:
                    q = ef.sign_out * unit_q[static_cast<size_t>(id)][static_cast<size_t>(k - b->begin)];
                    break;
            }
            qn[ef.face] = q;
        }
    }
}

// The donors' factors of cells [lo, hi) of row j (inertial_outflow_factor) from the
// raw discharges.
void outflow_factors(const InertialCase& ic, const State& s, const FaceDischarges& raw, double dt, int j, int lo,
                     int hi, std::vector<double>& factor) {
    const Grid& g = ic.grid;
    const double dtdx = dt / g.dx_m, dtdy = dt / g.dy_m;
    const double* qx = raw.qx.data() + qx_index(g, 0, j);
    const double* qs = raw.qy.data() + qy_index(g, 0, j);
    const double* qn = raw.qy.data() + qy_index(g, 0, j + 1);
    const size_t c0 = g.index(0, j);
    for (int i = lo; i < hi; ++i) {
        const size_t c = c0 + static_cast<size_t>(i);
        factor[c] = inertial_outflow_factor(s.h[c], inertial_outflow_depth(qx[i], qx[i + 1], qs[i], qn[i], dtdx, dtdy));
    }
}

// Per-thread buffers of the last pass: per column of a row, and the row's sums.
struct RowBuffers {
    std::vector<double> qx, qs, qn, loss, positivity, speed;
    LaneSum storage, loss_sum, positivity_sum;
    double speed_max = 0.0;
    explicit RowBuffers(int nx)
        : qx(static_cast<size_t>(nx) + 1), qs(static_cast<size_t>(nx)), qn(static_cast<size_t>(nx)),
          loss(static_cast<size_t>(nx)), positivity(static_cast<size_t>(nx)), speed(static_cast<size_t>(nx)) {}
    void start_row() {
        storage = loss_sum = positivity_sum = LaneSum{};
        speed_max = 0.0;
    }
};

// Cells [lo, hi) of row j in the last pass: their faces after the donors' factors (the
// faces they own written to `q`), then each cell's depth, rain, loss and envelope, and
// their share of the row's sums in `w`. A face one of whose cells is left out of the
// plan is zero in `raw` (both its cells were dry), so the stale factor of such a cell
// multiplies zero.
void update_span(const InertialCase& ic, const InertialScratch& sc, double dt, const FinalSweep& f, int j, int lo,
                 int hi, RowBuffers& w, State& s, FaceDischarges& q) {
    const Grid& g = ic.grid;
    const int nx = g.nx, ny = g.ny;
    const double* fac = sc.factor.data();
    const size_t c0 = g.index(0, j);
    const double* rx = sc.raw.qx.data() + qx_index(g, 0, j);
    for (int i = lo; i <= hi; ++i) {
        const double fl = i > 0 ? fac[c0 + static_cast<size_t>(i) - 1] : 1.0;
        const double fr = i < nx ? fac[c0 + static_cast<size_t>(i)] : 1.0;
        w.qx[static_cast<size_t>(i)] = inertial_limited(rx[i], fl, fr);
    }
    double* qx = q.qx.data() + qx_index(g, 0, j);
    std::copy(w.qx.begin() + lo, w.qx.begin() + hi + (hi == nx ? 1 : 0), qx + lo);
    for (int side = 0; side < 2; ++side) {
        const int fj = j + side;  // the face row: south side of row j, then its north side
        std::vector<double>& out = side == 0 ? w.qs : w.qn;
        const double* ry = sc.raw.qy.data() + qy_index(g, 0, fj);
        for (int i = lo; i < hi; ++i) {
            const double fl = fj > 0 ? fac[g.index(i, fj - 1)] : 1.0;
            const double fr = fj < ny ? fac[g.index(i, fj)] : 1.0;
            out[static_cast<size_t>(i)] = inertial_limited(ry[i], fl, fr);
        }
    }
    std::copy(w.qs.begin() + lo, w.qs.begin() + hi, q.qy.begin() + static_cast<std::ptrdiff_t>(qy_index(g, lo, j)));
    if (j == ny - 1)
        std::copy(w.qn.begin() + lo, w.qn.begin() + hi, q.qy.begin() + static_cast<std::ptrdiff_t>(qy_index(g, lo, ny)));

    const double dtdx = dt / g.dx_m, dtdy = dt / g.dy_m;
    const double gr = ic.gravity_m_s2;
    const double dry = ic.dry_depth_m;
    const double wave_factor = inertial_wave_factor(g, ic.theta);
    const double* rain_w = f.rain_weight.row(c0);
    const double* loss_rate = f.loss_rate_m_s.row(c0);
    Diagnostics& d = f.diagnostics;
    for (int i = lo; i < hi; ++i) {
        const size_t c = c0 + static_cast<size_t>(i);
        const auto k = static_cast<size_t>(i);
        const double qw = w.qx[k], qe = w.qx[k + 1], qs = w.qs[k], qn = w.qn[k];
        const double hn = s.h[c] + dtdx * (qw - qe) + dtdy * (qs - qn);
        // The donors' factors keep hn >= 0 but for round-off; what the clamp adds is
        // accounted (MassLedger::positivity_added_m3).
        double h = std::max(hn, 0.0);
        w.positivity[k] = h - hn;
        h += f.rain_depth_m * rain_w[i];
        const double loss = std::min(h, loss_rate[i] * dt);
        h -= loss;
        w.loss[k] = loss;
        const bool wet = h > dry;
        const double hu = wet ? 0.5 * (qw + qe) : 0.0;
        const double hv = wet ? 0.5 * (qs + qn) : 0.0;
        const double speed = wet ? std::sqrt(hu * hu + hv * hv) / h : 0.0;
        s.h[c] = h;
        s.hu[c] = hu;
        s.hv[c] = hv;
        w.speed[k] = std::sqrt(gr * h) * wave_factor;
        const Envelope e = update_envelope({d.max_depth_m[c], d.max_speed_m_s[c], d.time_of_max_depth_s[c], d.arrival_time_s[c]},
                                           h, speed, f.t_new_s, f.arrival_depth_m);
        d.max_depth_m[c] = e.max_depth_m;
        d.max_speed_m_s[c] = e.max_speed_m_s;
        d.time_of_max_depth_s[c] = e.time_of_max_depth_s;
        d.arrival_time_s[c] = e.arrival_time_s;
    }
    // Summed by column lanes: the spans of a row give the bits of the whole row, whose
    // other cells hold zeros (LaneSum).
    const int n = hi - lo;
    w.storage.add(s.h.data() + c0 + static_cast<size_t>(lo), lo, n);
    w.loss_sum.add(w.loss.data() + lo, lo, n);
    w.positivity_sum.add(w.positivity.data() + lo, lo, n);
    w.speed_max = std::max(w.speed_max, row_max(w.speed.data() + lo, n));
}

// Band b's tile flags from its depths after the step: the tiles its spans reach (the
// others held no water and received none).
void update_flags(const Grid& g, const State& s, int b, std::span<const IndexRange> spans, TileActivity& wet) {
    const IndexRange rows = wet.band_rows(b);
    for (const IndexRange& sp : spans)
        for (int t = wet.col_of(sp.first); t < wet.tile_cols() && wet.tile_columns(t).first < sp.last; ++t)
            wet.set(b, t, false);
    for (const IndexRange& sp : spans)
        for (int t = wet.col_of(sp.first); t < wet.tile_cols() && wet.tile_columns(t).first < sp.last; ++t) {
            if (wet.wet(b, t)) continue;
            const IndexRange tc = wet.tile_columns(t);
            const int lo = std::max(tc.first, sp.first), hi = std::min(tc.last, sp.last);
            bool any = false;
            for (int j = rows.first; j < rows.last && !any; ++j) {
                const double* h = s.h.data() + g.index(0, j);
                any = std::any_of(h + lo, h + hi, [](double d) { return d > 0.0; });
            }
            if (any) wet.set(b, t, true);
        }
}

// Per tile, visited for its own sake: rain falls on it, or water crosses its edge
// face (the raw edge discharges, computed first).
void own_visits(const InertialCase& ic, const FinalSweep& f, const FaceDischarges& raw, const TileActivity& wet,
                std::vector<unsigned char>& visit) {
    const Grid& g = ic.grid;
    visit.assign(wet.tiles(), 0);
    if (f.rain_depth_m > 0.0) std::copy(f.rain_tiles.begin(), f.rain_tiles.end(), visit.begin());
    const auto at = [&wet](size_t c, const Grid& gr) {
        const int i = static_cast<int>(c % static_cast<size_t>(gr.nx)), j = static_cast<int>(c / static_cast<size_t>(gr.nx));
        return static_cast<size_t>(wet.band_of(j)) * static_cast<size_t>(wet.tile_cols()) + static_cast<size_t>(wet.col_of(i));
    };
    for (int e = 0; e < 4; ++e) {
        const int len = edge_length(g, e);
        for (int k = 0; k < len; ++k) {
            const EdgeFace ef = edge_face(g, e, k);
            if ((ef.x ? raw.qx : raw.qy)[ef.face] != 0.0) visit[at(edge_cell(g, e, k), g)] = 1;
        }
    }
}

// The volumes through the edge faces into the boundaries' accounts, edge by edge along
// each edge: positive in, negative out, as commit_crossings.
void commit_edges(const InertialCase& ic, const FaceDischarges& q, double dt, std::vector<FlowAccount>& accounts) {
    const Grid& g = ic.grid;
    for (int e = 0; e < 4; ++e) {
        const double face_len = e < 2 ? g.dy_m : g.dx_m;
        const int len = edge_length(g, e);
        for (int k = 0; k < len; ++k) {
            const int id = ic.face_boundary[e][static_cast<size_t>(k)];
            if (id < 0) continue;
            const EdgeFace ef = edge_face(g, e, k);
            const double qa = (ef.x ? q.qx : q.qy)[ef.face];
            if (qa == 0.0) continue;
            const double volume_in = -ef.sign_out * qa * face_len * dt;
            FlowAccount& acc = accounts[static_cast<size_t>(id)];
            if (volume_in > 0.0)
                acc.in_m3 += volume_in;
            else
                acc.out_m3 -= volume_in;
        }
    }
}

}  // namespace

double inertial_speed(const Grid& grid, const State& s, double g, double theta, int threads) {
    std::vector<double> rows(static_cast<size_t>(grid.ny), 0.0);
#pragma omp parallel for schedule(static) num_threads(threads)
    for (int j = 0; j < grid.ny; ++j) rows[static_cast<size_t>(j)] = row_max(s.h.data() + grid.index(0, j), grid.nx);
    return std::sqrt(g * row_max(rows.data(), grid.ny)) * inertial_wave_factor(grid, theta);
}

void faces_from_cells(const Grid& g, std::span<const double> bed_m, const State& s, double dry_depth_m,
                      FaceDischarges& q) {
    q.resize(g);
    auto wet_face = [&](size_t l, size_t r) {
        return std::max(s.h[l] + bed_m[l], s.h[r] + bed_m[r]) - std::max(bed_m[l], bed_m[r]) > dry_depth_m;
    };
    for (int j = 0; j < g.ny; ++j)
        for (int i = 1; i < g.nx; ++i) {
            const size_t l = g.index(i - 1, j), r = g.index(i, j);
            if (wet_face(l, r)) q.qx[qx_index(g, i, j)] = 0.5 * (s.hu[l] + s.hu[r]);
        }
    for (int j = 1; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const size_t l = g.index(i, j - 1), r = g.index(i, j);
            if (wet_face(l, r)) q.qy[qy_index(g, i, j)] = 0.5 * (s.hv[l] + s.hv[r]);
        }
}

void inertial_step(const InertialCase& ic, double t0_s, double dt, const FinalSweep& f, State& s, TileActivity& wet,
                   FaceDischarges& q, InertialScratch& sc, RowResults& r, std::vector<FlowAccount>& accounts) {
    const Grid& g = ic.grid;
    // After the faces were set from outside (faces_from_cells, a checkpoint), those of
    // dry cells are zero, as every step leaves them; the scratch may hold anything.
    if (!sc.have_before) sc.raw.resize(g);
    sc.factor.resize(g.cells(), 1.0);
    const BoundaryCase bc{g,           ic.bed_m,        ic.manning, ic.boundaries, ic.face_boundary,
                          ic.gravity_m_s2, ic.dry_depth_m, false};
    edge_faces(ic, s, q, t0_s, dt, boundary_unit_discharges(bc, s, t0_s, dt), sc.raw);
    own_visits(ic, f, sc.raw, wet, sc.visit);
    // Water crosses at most one face per step (dt <= 0.71 dx / sqrt(g h)): a reach of
    // one cell.
    make_sweep_plan(wet, sc.visit, ic.visit_all_tiles, 1, ic.threads, g.nx, sc.plan);

    // Three passes over the plan's bands, each reading only what the one before wrote:
    // every face and cell value is the same for any share of the bands, and the
    // per-row sums are reduced in row order by the driver.
#pragma omp parallel num_threads(ic.threads)
    {
        const IndexRange bands = sc.plan.bands_of(omp_get_thread_num(), omp_get_num_threads(), ic.threads);
        auto each_span = [&](auto&& fn) {
            for (int b = bands.first; b < bands.last; ++b) {
                const IndexRange rows = wet.band_rows(b);
                for (int j = rows.first; j < rows.last; ++j)
                    for (const IndexRange& sp : sc.plan.band(b)) fn(b, j, sp.first, sp.last);
            }
        };
        // What the last step visited and this one does not: its raw faces to zero now,
        // its faces after this pass (they are this pass's old discharges).
        auto each_left_out = [&](auto&& fn) {
            if (!sc.have_before) return;
            for (int b = bands.first; b < bands.last; ++b) {
                const IndexRange rows = wet.band_rows(b);
                for_each_uncovered(sc.before.band(b), sc.plan.band(b), [&](int lo, int hi) {
                    for (int j = rows.first; j < rows.last; ++j) fn(j, lo, hi);
                });
            }
        };
        each_left_out([&](int j, int lo, int hi) { zero_owned(g, j, lo, hi, sc.raw); });
        each_span([&](int, int j, int lo, int hi) { interior_faces(ic, s, q, dt, j, lo, hi, sc.raw); });
#pragma omp barrier
        each_span([&](int, int j, int lo, int hi) { outflow_factors(ic, s, sc.raw, dt, j, lo, hi, sc.factor); });
#pragma omp barrier
        each_left_out([&](int j, int lo, int hi) { zero_owned(g, j, lo, hi, q); });
        RowBuffers w(g.nx);
        for (int b = bands.first; b < bands.last; ++b) {
            const IndexRange rows = wet.band_rows(b);
            const std::span<const IndexRange> spans = sc.plan.band(b);
            for (int j = rows.first; j < rows.last; ++j) {
                w.start_row();
                for (const IndexRange& sp : spans) update_span(ic, sc, dt, f, j, sp.first, sp.last, w, s, q);
                const auto row = static_cast<size_t>(j);
                r.storage_m[row] = w.storage.total();
                r.rain_m[row] = f.rain_depth_m > 0.0 ? f.rain_depth_m * f.rain_row_weight[row] : 0.0;
                r.loss_m[row] = w.loss_sum.total();
                r.positivity_m[row] = w.positivity_sum.total();
                r.cfl_speed[row] = w.speed_max;
            }
            update_flags(g, s, b, spans, wet);
        }
    }
    std::swap(sc.before, sc.plan);
    sc.have_before = true;
    commit_edges(ic, q, dt, accounts);
}

}  // namespace floodtwin::hydro
