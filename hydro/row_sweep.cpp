#include "hydro/row_sweep.hpp"

#include <omp.h>

#include <algorithm>
#include <utility>

#include "hydro/row_kernels.hpp"
#include "hydro/row_reductions.hpp"

namespace floodtwin::hydro {

namespace {

// Rows [j0, j1) of thread `tid` of `nt`: contiguous blocks, so that each thread
// reuses the face fluxes between its own consecutive rows.
std::pair<int, int> thread_rows(int ny, int tid, int nt) {
    const long long a = static_cast<long long>(ny) * tid / nt;
    const long long b = static_cast<long long>(ny) * (tid + 1) / nt;
    return {static_cast<int>(a), static_cast<int>(b)};
}

}  // namespace

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

    // A row far from any water, with no rain and nothing entering at its ends, stays
    // dry: it needs no fluxes.
    [[nodiscard]] bool quiet(int j, bool raining) const {
        const auto row = static_cast<std::size_t>(j);
        const int reach = SecondOrder ? 2 : 1;  // rows on each side that can send water into a row
        bool quiet = !raining && !m_c.edges.row_edge_flow[row];
        for (int r = std::max(0, j - reach); quiet && r <= std::min(m_ny - 1, j + reach); ++r)
            quiet = !m_s.wet_in[static_cast<std::size_t>(r)];
        if constexpr (Blend) quiet = quiet && !m_s.wet_out[row];
        return quiet;
    }

    void skip(int j) {
        const std::size_t o = off(j);
        const auto row = static_cast<std::size_t>(j);
        for (double* p : {m_s.out.h.data() + o, m_s.out.hu.data() + o, m_s.out.hv.data() + o})
            std::fill_n(p, m_nx, 0.0);
        m_s.wet_out[row] = 0;
        m_r.cfl_speed[row] = m_r.positivity_m[row] = 0.0;
        if constexpr (Final) m_r.storage_m[row] = m_r.rain_m[row] = m_r.loss_m[row] = 0.0;
        m_have_below = false;
    }

    void update(int j) {
        if (!m_have_below) yfaces(j - 1, m_w.below);
        yfaces(j, m_w.above);
        xfaces(j);
        apply_kernel(j);
        std::swap(m_w.below, m_w.above);
        m_have_below = true;
    }

private:
    struct VelocityRows {
        const double *u, *v;
    };
    struct SlopeRows {
        const double *h, *eta, *u, *v;
    };

    [[nodiscard]] std::size_t off(int row) const { return m_c.grid.index(0, row); }
    static rows::FaceRow face_row(Faces& f, int shift) {
        return {f.m.data() + shift, f.nl.data() + shift, f.nr.data() + shift, f.t.data() + shift};
    }

    // Velocities of a row (ring slot by row number).
    VelocityRows vel(int row) {
        const int s = row & 3;
        if (m_w.vel.row[s] != row) {
            const std::size_t o = off(row);
            rows::velocities(m_h + o, m_hu + o, m_hv + o, m_w.vel.a[s].data(), m_w.vel.b[s].data(), m_nx,
                             m_c.dry_depth_m);
            m_w.vel.row[s] = row;
        }
        return {m_w.vel.a[s].data(), m_w.vel.b[s].data()};
    }

    // Limited y-differences of a row (fv2); zero on the first and last rows.
    SlopeRows yslope(int row) {
        const int s = row & 3;
        double* sh = m_w.yslope.a[s].data();
        double* se = m_w.yslope.b[s].data();
        double* su = m_w.yslope.c[s].data();
        double* sv = m_w.yslope.d[s].data();
        if (m_w.yslope.row[s] != row) {
            if (row == 0 || row == m_ny - 1) {
                for (double* p : {sh, se, su, sv}) std::fill_n(p, m_nx, 0.0);
            } else {
                const VelocityRows m = vel(row - 1), c = vel(row), p = vel(row + 1);
                const std::size_t om = off(row - 1), oc = off(row), op = off(row + 1);
                rows::slopes(m_h + om, m_h + oc, m_h + op, m_z + om, m_z + oc, m_z + op, m.u, c.u, p.u, m.v, c.v, p.v,
                             sh, se, su, sv, m_nx, m_c.dry_depth_m);
            }
            m_w.yslope.row[s] = row;
        }
        return {sh, se, su, sv};
    }

    // Fluxes through the y-faces between rows a and a + 1 (a = -1: south edge,
    // a = ny - 1: north edge). Normal velocity is v, tangential u.
    void yfaces(int a, Faces& f) {
        if (a < 0 || a >= m_ny - 1) {
            const EdgeFaces& e = m_c.edges.edges[a < 0 ? kSouth : kNorth];
            std::copy(e.mass.begin(), e.mass.end(), f.m.begin());
            std::copy(e.mom_n.begin(), e.mom_n.end(), f.nl.begin());
            std::copy(e.mom_n.begin(), e.mom_n.end(), f.nr.begin());
            std::copy(e.mom_t.begin(), e.mom_t.end(), f.t.begin());
            return;
        }
        const std::size_t oa = off(a), ob = off(a + 1);
        const VelocityRows va = vel(a), vb = vel(a + 1);
        const double g = m_c.gravity_m_s2;
        if constexpr (SecondOrder) {
            const SlopeRows sa = yslope(a), sb = yslope(a + 1);
            rows::faces_fv2(m_h + oa, m_z + oa, va.v, va.u, sa.h, sa.eta, sa.v, sa.u, m_h + ob, m_z + ob, vb.v, vb.u,
                            sb.h, sb.eta, sb.v, sb.u, face_row(f, 0), m_nx, g);
        } else {
            rows::faces_fv1(m_h + oa, m_z + oa, va.v, va.u, m_h + ob, m_z + ob, vb.v, vb.u, face_row(f, 0), m_nx, g);
        }
    }

    // Fluxes through the x-faces of row j: face i lies between cells i-1 and i;
    // faces 0 and nx are the west and east edges.
    void xfaces(int j) {
        const int nx = m_nx;
        const std::size_t o = off(j);
        const VelocityRows c = vel(j);
        Faces& f = m_w.fx;
        const EdgeFaces& west = m_c.edges.edges[kWest];
        const EdgeFaces& east = m_c.edges.edges[kEast];
        f.m[0] = west.mass[j];
        f.nl[0] = f.nr[0] = west.mom_n[j];
        f.t[0] = west.mom_t[j];
        f.m[nx] = east.mass[j];
        f.nl[nx] = f.nr[nx] = east.mom_n[j];
        f.t[nx] = east.mom_t[j];
        if (nx < 2) return;
        const double g = m_c.gravity_m_s2;
        const double* h = m_h + o;
        const double* z = m_z + o;
        if constexpr (SecondOrder) {
            double* sh = m_w.sx_h.data();
            double* se = m_w.sx_eta.data();
            double* su = m_w.sx_u.data();
            double* sv = m_w.sx_v.data();
            for (double* p : {sh, se, su, sv}) p[0] = p[nx - 1] = 0.0;
            if (nx > 2)
                rows::slopes(h, h + 1, h + 2, z, z + 1, z + 2, c.u, c.u + 1, c.u + 2, c.v, c.v + 1, c.v + 2, sh + 1,
                             se + 1, su + 1, sv + 1, nx - 2, m_c.dry_depth_m);
            rows::faces_fv2(h, z, c.u, c.v, sh, se, su, sv, h + 1, z + 1, c.u + 1, c.v + 1, sh + 1, se + 1, su + 1,
                            sv + 1, face_row(f, 1), nx - 1, g);
        } else {
            rows::faces_fv1(h, z, c.u, c.v, h + 1, z + 1, c.u + 1, c.v + 1, face_row(f, 1), nx - 1, g);
        }
    }

    // The row kernel of row j, then the row's results.
    void apply_kernel(int j) {
        const std::size_t o = off(j);
        const auto row = static_cast<std::size_t>(j);
        const int nx = m_nx;
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
            syh = s.h;
            sye = s.eta;
        }
        if constexpr (Final) {
            Diagnostics& d = m_f->diagnostics;
            const rows::FinalRow fr{m_f->rain_weight.row(o),
                                    m_f->loss_rate_m_s.row(o),
                                    m_f->manning.row(o),
                                    m_w.loss.data(),
                                    m_w.positivity.data(),
                                    m_w.speed.data(),
                                    d.max_depth_m.data() + o,
                                    d.max_speed_m_s.data() + o,
                                    d.time_of_max_depth_s.data() + o,
                                    d.arrival_time_s.data() + o};
            rows::update_final<SecondOrder, Blend>(
                m_h + o, m_hu + o, m_hv + o, face_row(m_w.fx, 0), face_row(m_w.below, 0), face_row(m_w.above, 0),
                m_w.sx_h.data(), m_w.sx_eta.data(), syh, sye, oh, ohu, ohv, fr, nx, m_dt, dtdx, dtdy, g, dry,
                m_f->rain_depth_m, m_f->t_new_s, m_f->arrival_depth_m, 1.0 / grid.dx_m, 1.0 / grid.dy_m);
        } else {
            rows::update<SecondOrder, Blend>(m_h + o, m_hu + o, m_hv + o, face_row(m_w.fx, 0), face_row(m_w.below, 0),
                                             face_row(m_w.above, 0), m_w.sx_h.data(), m_w.sx_eta.data(), syh, sye, oh,
                                             ohu, ohv, m_w.speed.data(), m_w.positivity.data(), nx, dtdx, dtdy, g,
                                             dry, 1.0 / grid.dx_m, 1.0 / grid.dy_m);
        }
        const double storage = row_sum(oh, nx);
        m_s.wet_out[row] = storage > 0.0 ? 1 : 0;
        m_r.cfl_speed[row] = row_max(m_w.speed.data(), nx);
        m_r.positivity_m[row] = row_sum(m_w.positivity.data(), nx);
        if constexpr (Final) {
            const double rain_depth = m_f->rain_depth_m;
            m_r.storage_m[row] = storage;
            m_r.rain_m[row] = rain_depth > 0.0 ? rain_depth * row_sum(m_f->rain_weight.row(o), nx) : 0.0;
            m_r.loss_m[row] = row_sum(m_w.loss.data(), nx);
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
};

template <bool SecondOrder, bool Blend, bool Final>
void RowSweep::sweep(const SweepCase& c, SweepStates s, double dt, const FinalSweep* f, RowResults& r) {
    const bool raining = Final && f->rain_depth_m > 0.0;
#pragma omp parallel num_threads(c.threads)
    {
        const int tid = omp_get_thread_num();
        const auto [j0, j1] = thread_rows(c.grid.ny, tid, omp_get_num_threads());
        ThreadPass<SecondOrder, Blend, Final> pass(c, s, m_threads[static_cast<std::size_t>(tid)], dt, f, r);
        for (int j = j0; j < j1; ++j) {
            if (pass.quiet(j, raining))
                pass.skip(j);
            else
                pass.update(j);
        }
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
