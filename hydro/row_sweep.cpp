#include "hydro/row_sweep.hpp"

#include <omp.h>

#include <algorithm>
#include <utility>

#include "hydro/row_kernels.hpp"
#include "hydro/row_reductions.hpp"

namespace floodtwin::hydro {


void RowResults::resize(int ny) {
    for (auto* v : {&storage_m, &rain_m, &loss_m, &positivity_m, &cfl_speed})
        v->assign(static_cast<std::size_t>(ny), 0.0);
}

void RowSweep::RowRing::resize(int n) {
    for (int k = 0; k < 4; ++k) {
        a[k].assign(n, 0.0);
        b[k].assign(n, 0.0);
        c[k].assign(n, 0.0);
        d[k].assign(n, 0.0);
        row[k] = -1;
        first[k] = last[k] = 0;
    }
}

void RowSweep::Faces::resize(int n) {
    m.assign(n, 0.0);
    nl.assign(n, 0.0);
    nr.assign(n, 0.0);
    t.assign(n, 0.0);
}

void RowSweep::prepare(int threads, int nx) {
    if (static_cast<int>(m_threads.size()) >= threads && m_nx == nx) {
        for (auto& t : m_threads) {
            t.vel.invalidate();
            t.yslope.invalidate();
        }
        return;
    }
    m_nx = nx;
    m_threads.resize(static_cast<std::size_t>(threads));
    for (auto& t : m_threads) {
        t.vel.resize(nx);
        t.yslope.resize(nx);
        for (auto* v : {&t.sx_h, &t.sx_eta, &t.sx_u, &t.sx_v, &t.loss, &t.positivity, &t.speed}) v->assign(nx, 0.0);
        t.fx.resize(nx + 1);
        t.below.resize(nx);
        t.above.resize(nx);
    }
}

// One thread's rows of a sweep: the face fluxes of each row (y faces shared with the
// row before, x faces, fv2 slopes), the row kernel, the row's results.
template <bool SecondOrder, bool Blend, bool Final>
class RowSweep::ThreadPass {
public:
    ThreadPass(const SweepCase& c, SweepStates s, Thread& w, double dt, const FinalSweep* f, RowResults& r)
        : m_c(c), m_s(s), m_w(w), m_f(f), m_r(r), m_dt(dt), m_nx(c.grid.nx), m_ny(c.grid.ny),
          m_h(s.in.h.data()), m_hu(s.in.hu.data()), m_hv(s.in.hv.data()), m_z(c.bed_m.data()) {}

    // Band b, whole: its visited spans row by row, then each row's results. Tiles of
    // `out` that held water and are not wholly visited are cleared first (a dry cell
    // among dry cells ends dry; the visited part is then written over).
    void band(int b, std::span<const IndexRange> spans) {
        const TileActivity& tiles = m_s.wet_out;
        const IndexRange rows = tiles.band_rows(b);
        const int tcols = tiles.tile_cols();
        const auto band_height = static_cast<std::size_t>(tiles.rows_per_band());
        for (auto* v : {&m_w.storage_sum, &m_w.loss_sum, &m_w.positivity_sum}) v->resize(band_height);
        m_w.speed_max.resize(band_height);
        std::size_t k = 0;  // the first span that does not end before tile t
        for (int t = 0; t < tcols; ++t) {
            const IndexRange cols = tiles.tile_columns(t);
            while (k < spans.size() && spans[k].last <= cols.first) ++k;
            const bool covered = k < spans.size() && spans[k].first <= cols.first && cols.last <= spans[k].last;
            if (!covered && m_s.wet_out.wet(b, t)) clear_tile(rows, cols);
            m_s.wet_out.set(b, t, false);
        }
        for (int r = 0; r < rows.last - rows.first; ++r) {
            m_w.storage_sum[r] = m_w.loss_sum[r] = m_w.positivity_sum[r] = LaneSum{};
            m_w.speed_max[r] = 0.0;
        }
        for (const IndexRange& span : spans) {
            // The y-faces under the band are those over the last row swept when that row
            // was the one before, over the same span (a wet grid: one span per band).
            m_have_below = m_have_below && m_next_row == rows.first && m_lo == span.first && m_hi == span.last;
            m_lo = span.first;
            m_hi = span.last;
            for (int j = rows.first; j < rows.last; ++j) update(j);
            m_next_row = rows.last;
            mark_wet(b, rows);
        }
        for (int j = rows.first; j < rows.last; ++j) {
            const auto row = static_cast<std::size_t>(j);
            const int r = j - rows.first;
            m_r.cfl_speed[row] = m_w.speed_max[r];
            m_r.positivity_m[row] = m_w.positivity_sum[r].total();
            if constexpr (Final) {
                const double rain_depth = m_f->rain_depth_m;
                m_r.storage_m[row] = m_w.storage_sum[r].total();
                m_r.rain_m[row] = rain_depth > 0.0 ? rain_depth * m_f->rain_row_weight[row] : 0.0;
                m_r.loss_m[row] = m_w.loss_sum[r].total();
            }
        }
    }

private:
    struct VelocityRows {
        const double *u, *v;
    };
    struct SlopeRows {
        const double *h, *eta, *u, *v;
    };

    [[nodiscard]] std::size_t off(int row) const { return m_c.grid.index(0, row); }

    void clear_tile(IndexRange rows, IndexRange cols) {
        for (int j = rows.first; j < rows.last; ++j) {
            const std::size_t o = off(j) + static_cast<std::size_t>(cols.first);
            for (double* p : {m_s.out.h.data() + o, m_s.out.hu.data() + o, m_s.out.hv.data() + o})
                std::fill_n(p, cols.last - cols.first, 0.0);
        }
    }

    // The tiles of the current span that hold water after the sweep.
    void mark_wet(int b, IndexRange rows) {
        const TileActivity& tiles = m_s.wet_out;
        for (int t = tiles.col_of(m_lo); t < tiles.tile_cols() && tiles.tile_columns(t).first < m_hi; ++t) {
            const IndexRange cols = tiles.tile_columns(t);
            bool wet = false;
            for (int j = rows.first; j < rows.last && !wet; ++j) {
                const double* h = m_s.out.h.data() + off(j);
                wet = std::any_of(h + cols.first, h + cols.last, [](double d) { return d > 0.0; });
            }
            if (wet) m_s.wet_out.set(b, t, true);
        }
    }

    // Row j over the current span [m_lo, m_hi).
    void update(int j) {
        if (!m_have_below) yfaces(j - 1, m_w.below);
        yfaces(j, m_w.above);
        xfaces(j);
        apply_kernel(j);
        std::swap(m_w.below, m_w.above);
        m_have_below = true;
    }
    static rows::FaceRow face_row(Faces& f, int shift) {
        return {f.m.data() + shift, f.nl.data() + shift, f.nr.data() + shift, f.t.data() + shift};
    }

    // The columns whose velocities a span needs: its x-faces reach one cell beyond it,
    // and their fv2 slopes one more.
    [[nodiscard]] IndexRange vel_columns() const {
        return {std::max(0, m_lo - 2), std::min(m_nx, m_hi + 2)};
    }

    // Velocities of a row over the span's columns (ring slot by row number).
    VelocityRows vel(int row) {
        const int s = row & 3;
        const IndexRange cols = vel_columns();
        if (!m_w.vel.holds(row, cols.first, cols.last)) {
            const std::size_t o = off(row) + static_cast<std::size_t>(cols.first);
            rows::velocities(m_h + o, m_hu + o, m_hv + o, m_w.vel.a[s].data() + cols.first,
                             m_w.vel.b[s].data() + cols.first, cols.last - cols.first, m_c.dry_depth_m);
            m_w.vel.row[s] = row;
            m_w.vel.first[s] = cols.first;
            m_w.vel.last[s] = cols.last;
        }
        return {m_w.vel.a[s].data(), m_w.vel.b[s].data()};
    }

    // Limited y-differences of a row over the span (fv2); on the first and last rows only
    // the level's, at free faces.
    SlopeRows yslope(int row) {
        const int s = row & 3;
        double* sh = m_w.yslope.a[s].data();
        double* se = m_w.yslope.b[s].data();
        double* su = m_w.yslope.c[s].data();
        double* sv = m_w.yslope.d[s].data();
        if (!m_w.yslope.holds(row, m_lo, m_hi)) {
            const int n = m_hi - m_lo;
            if (row == 0 || row == m_ny - 1) {
                // No neighbour beyond the edge: no slope, but at a free edge the level
                // difference against its ghost (EdgeFaces::eta_slope).
                for (double* p : {sh, su, sv}) std::fill_n(p + m_lo, n, 0.0);
                const std::vector<double>& edge = m_c.edges.edges[row == 0 ? kSouth : kNorth].eta_slope;
                std::copy_n(edge.begin() + m_lo, n, se + m_lo);
            } else {
                const VelocityRows m = vel(row - 1), c = vel(row), p = vel(row + 1);
                const std::size_t om = off(row - 1) + m_lo, oc = off(row) + m_lo, op = off(row + 1) + m_lo;
                rows::slopes(m_h + om, m_h + oc, m_h + op, m_z + om, m_z + oc, m_z + op, m.u + m_lo, c.u + m_lo,
                             p.u + m_lo, m.v + m_lo, c.v + m_lo, p.v + m_lo, sh + m_lo, se + m_lo, su + m_lo,
                             sv + m_lo, n, m_c.dry_depth_m);
            }
            m_w.yslope.row[s] = row;
            m_w.yslope.first[s] = m_lo;
            m_w.yslope.last[s] = m_hi;
        }
        return {sh, se, su, sv};
    }

    // Fluxes through the y-faces of the span between rows a and a + 1 (a = -1: south
    // edge, a = ny - 1: north edge). Normal velocity is v, tangential u. Values sit at
    // their column.
    void yfaces(int a, Faces& f) {
        const int lo = m_lo, n = m_hi - m_lo;
        if (a < 0 || a >= m_ny - 1) {
            const EdgeFaces& e = m_c.edges.edges[a < 0 ? kSouth : kNorth];
            std::copy_n(e.mass.begin() + lo, n, f.m.begin() + lo);
            std::copy_n(e.mom_n.begin() + lo, n, f.nl.begin() + lo);
            std::copy_n(e.mom_n.begin() + lo, n, f.nr.begin() + lo);
            std::copy_n(e.mom_t.begin() + lo, n, f.t.begin() + lo);
            return;
        }
        const std::size_t oa = off(a) + lo, ob = off(a + 1) + lo;
        const VelocityRows va = vel(a), vb = vel(a + 1);
        const double g = m_c.gravity_m_s2;
        if constexpr (SecondOrder) {
            const SlopeRows sa = yslope(a), sb = yslope(a + 1);
            rows::faces_fv2(m_h + oa, m_z + oa, va.v + lo, va.u + lo, sa.h + lo, sa.eta + lo, sa.v + lo, sa.u + lo,
                            m_h + ob, m_z + ob, vb.v + lo, vb.u + lo, sb.h + lo, sb.eta + lo, sb.v + lo, sb.u + lo,
                            face_row(f, lo), n, g);
        } else {
            rows::faces_fv1(m_h + oa, m_z + oa, va.v + lo, va.u + lo, m_h + ob, m_z + ob, vb.v + lo, vb.u + lo,
                            face_row(f, lo), n, g);
        }
    }

    // Fluxes through the x-faces of row j over the span: face i lies between cells
    // i-1 and i, faces m_lo .. m_hi; faces 0 and nx are the west and east edges.
    void xfaces(int j) {
        const int nx = m_nx;
        const std::size_t o = off(j);
        const VelocityRows c = vel(j);
        Faces& f = m_w.fx;
        if (m_lo == 0) {
            const EdgeFaces& west = m_c.edges.edges[kWest];
            f.m[0] = west.mass[j];
            f.nl[0] = f.nr[0] = west.mom_n[j];
            f.t[0] = west.mom_t[j];
        }
        if (m_hi == nx) {
            const EdgeFaces& east = m_c.edges.edges[kEast];
            f.m[nx] = east.mass[j];
            f.nl[nx] = f.nr[nx] = east.mom_n[j];
            f.t[nx] = east.mom_t[j];
        }
        // Interior faces fa .. fb; the cell on the low side of face i is i - 1.
        const int fa = std::max(m_lo, 1), fb = std::min(m_hi, nx - 1);
        if (fb < fa) return;
        const double g = m_c.gravity_m_s2;
        const double* h = m_h + o;
        const double* z = m_z + o;
        if constexpr (SecondOrder) {
            double* sh = m_w.sx_h.data();
            double* se = m_w.sx_eta.data();
            double* su = m_w.sx_u.data();
            double* sv = m_w.sx_v.data();
            // Slopes of cells fa - 1 .. fb: at the grid's first and last cells only the
            // level's, at free faces.
            const int sa = fa - 1, sb = fb + 1;  // [sa, sb)
            if (sa == 0) {
                for (double* p : {sh, su, sv}) p[0] = 0.0;
                se[0] = m_c.edges.edges[kWest].eta_slope[static_cast<std::size_t>(j)];
            }
            if (sb == nx) {
                for (double* p : {sh, su, sv}) p[nx - 1] = 0.0;
                se[nx - 1] = m_c.edges.edges[kEast].eta_slope[static_cast<std::size_t>(j)];
            }
            const int ia = std::max(sa, 1), ib = std::min(sb, nx - 1);
            if (ib > ia)
                rows::slopes(h + ia - 1, h + ia, h + ia + 1, z + ia - 1, z + ia, z + ia + 1, c.u + ia - 1, c.u + ia,
                             c.u + ia + 1, c.v + ia - 1, c.v + ia, c.v + ia + 1, sh + ia, se + ia, su + ia, sv + ia,
                             ib - ia, m_c.dry_depth_m);
            const int l = fa - 1;  // the first low-side cell
            rows::faces_fv2(h + l, z + l, c.u + l, c.v + l, sh + l, se + l, su + l, sv + l, h + fa, z + fa, c.u + fa,
                            c.v + fa, sh + fa, se + fa, su + fa, sv + fa, face_row(f, fa), fb - fa + 1, g);
        } else {
            const int l = fa - 1;
            rows::faces_fv1(h + l, z + l, c.u + l, c.v + l, h + fa, z + fa, c.u + fa, c.v + fa, face_row(f, fa),
                            fb - fa + 1, g);
        }
    }

    // The row kernel of row j over the span, then the span's share of the row's results.
    void apply_kernel(int j) {
        const int lo = m_lo, n = m_hi - m_lo;
        const std::size_t o = off(j) + static_cast<std::size_t>(lo);
        const Grid& grid = m_c.grid;
        const double g = m_c.gravity_m_s2;
        const double dry = m_c.dry_depth_m;
        const double dtdx = m_dt / grid.dx_m;
        const double dtdy = m_dt / grid.dy_m;
        double* oh = m_s.out.h.data() + o;
        double* ohu = m_s.out.hu.data() + o;
        double* ohv = m_s.out.hv.data() + o;
        const double* syh = nullptr;
        const double* sye = nullptr;
        if constexpr (SecondOrder) {
            const SlopeRows s = yslope(j);
            syh = s.h + lo;
            sye = s.eta + lo;
        }
        double* loss = m_w.loss.data() + lo;
        double* positivity = m_w.positivity.data() + lo;
        double* speed = m_w.speed.data() + lo;
        if constexpr (Final) {
            Diagnostics& d = m_f->diagnostics;
            const rows::FinalRow fr{m_f->rain_weight.row(off(j)) + lo,
                                    m_f->loss_rate_m_s.row(off(j)) + lo,
                                    m_c.manning.row(off(j)) + lo,
                                    loss,
                                    positivity,
                                    speed,
                                    d.max_depth_m.data() + o,
                                    d.max_speed_m_s.data() + o,
                                    d.time_of_max_depth_s.data() + o,
                                    d.arrival_time_s.data() + o};
            rows::update_final<SecondOrder, Blend>(
                m_h + o, m_hu + o, m_hv + o, face_row(m_w.fx, lo), face_row(m_w.below, lo), face_row(m_w.above, lo),
                m_w.sx_h.data() + lo, m_w.sx_eta.data() + lo, syh, sye, oh, ohu, ohv, fr, n, m_dt, dtdx, dtdy, g, dry,
                m_f->rain_depth_m, m_f->t_new_s, m_f->arrival_depth_m, 1.0 / grid.dx_m, 1.0 / grid.dy_m);
        } else {
            rows::update<SecondOrder, Blend>(m_h + o, m_hu + o, m_hv + o, face_row(m_w.fx, lo),
                                             face_row(m_w.below, lo), face_row(m_w.above, lo), m_w.sx_h.data() + lo,
                                             m_w.sx_eta.data() + lo, syh, sye, oh, ohu, ohv, speed, positivity,
                                             m_c.manning.row(off(j)) + lo, n, m_dt, dtdx, dtdy, g, dry,
                                             1.0 / grid.dx_m, 1.0 / grid.dy_m);
        }
        const int r = j - m_s.wet_out.band_rows(m_s.wet_out.band_of(j)).first;
        m_w.speed_max[r] = std::max(m_w.speed_max[r], row_max(speed, n));
        m_w.positivity_sum[r].add(positivity, lo, n);
        if constexpr (Final) {
            m_w.storage_sum[r].add(oh, lo, n);
            m_w.loss_sum[r].add(loss, lo, n);
        }
    }

    const SweepCase& m_c;
    SweepStates m_s;
    Thread& m_w;
    const FinalSweep* m_f;
    RowResults& m_r;
    double m_dt;
    int m_nx, m_ny;
    const double* m_h;
    const double* m_hu;
    const double* m_hv;
    const double* m_z;
    bool m_have_below = false;
    int m_lo = 0, m_hi = 0;  // the current span of columns
    int m_next_row = -1;     // the row after the last one swept
};

void RowSweep::plan(const SweepCase& c, SweepStates s, const FinalSweep* f, bool blend, int threads) {
    const TileActivity& wet = s.wet_in;
    const int bands = wet.bands(), cols = wet.tile_cols();
    // Tiles visited for their own sake: rain falls on them, water enters them through
    // the domain edge, or (second fv2 stage, updated in place) U holds water there.
    std::vector<unsigned char>& visit = m_visit;
    visit.assign(wet.tiles(), 0);
    auto at = [cols](int b, int t) { return static_cast<std::size_t>(b) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(t); };
    if (blend)
        for (std::size_t k = 0; k < visit.size(); ++k) visit[k] |= s.wet_out.flags()[k];
    if (f && f->rain_depth_m > 0.0)
        for (std::size_t k = 0; k < visit.size(); ++k) visit[k] |= f->rain_tiles[k];
    for (int e = 0; e < 4; ++e) {
        const std::vector<double>& mass = c.edges.edges[e].mass;
        for (std::size_t k = 0; k < mass.size(); ++k) {
            if (mass[k] == 0.0) continue;
            const int q = static_cast<int>(k);
            if (e == kWest || e == kEast)
                visit[at(wet.band_of(q), e == kWest ? 0 : cols - 1)] = 1;
            else
                visit[at(e == kSouth ? 0 : bands - 1, wet.col_of(q))] = 1;
        }
    }
    // The fv2 stencil reaches two cells.
    make_sweep_plan(wet, visit, c.visit_all_tiles, 2, threads, c.grid.nx, m_plan);
}

template <bool SecondOrder, bool Blend, bool Final>
void RowSweep::sweep(const SweepCase& c, SweepStates s, double dt, const FinalSweep* f, RowResults& r) {
    plan(c, s, f, Blend, c.threads);
    const SweepPlan& p = m_plan;
#pragma omp parallel num_threads(c.threads)
    {
        const int tid = omp_get_thread_num();
        ThreadPass<SecondOrder, Blend, Final> pass(c, s, m_threads[static_cast<std::size_t>(tid)], dt, f, r);
        const IndexRange bands = p.bands_of(tid, omp_get_num_threads(), c.threads);
        for (int b = bands.first; b < bands.last; ++b) pass.band(b, p.band(b));
    }
}

void RowSweep::fv1_step(const SweepCase& c, SweepStates s, double dt, const FinalSweep& f, RowResults& r) {
    sweep<false, false, true>(c, s, dt, &f, r);
}

void RowSweep::fv2_first_stage(const SweepCase& c, SweepStates s, double dt, RowResults& r) {
    sweep<true, false, false>(c, s, dt, nullptr, r);
}

void RowSweep::fv2_second_stage(const SweepCase& c, SweepStates s, double dt, const FinalSweep& f, RowResults& r) {
    sweep<true, true, true>(c, s, dt, &f, r);
}

}  // namespace floodtwin::hydro
