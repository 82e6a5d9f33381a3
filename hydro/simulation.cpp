#include "hydro/simulation.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "hydro/boundary_fluxes.hpp"
#include "hydro/cfl.hpp"
#include "hydro/flux.hpp"
#include "hydro/friction.hpp"
#include "hydro/input_checks.hpp"
#include "hydro/row_kernels.hpp"
#include "hydro/row_reductions.hpp"

namespace floodtwin::hydro {

namespace {

// fv2 redoes a step whose first stage came out faster than the CFL number allows by
// this factor (the sum-form speed is already conservative), at most this many times.
constexpr double kStageCflSlack = 1.25;
constexpr int kMaxStageRetries = 4;

// Rows [j0, j1) of thread `tid` of `nt`: contiguous blocks, so that each thread
// reuses the face fluxes between its own consecutive rows.
std::pair<int, int> thread_rows(int ny, int tid, int nt) {
    const long long a = static_cast<long long>(ny) * tid / nt;
    const long long b = static_cast<long long>(ny) * (tid + 1) / nt;
    return {static_cast<int>(a), static_cast<int>(b)};
}

}  // namespace

// Per-thread row buffers. Velocities and (fv2) limited slopes are kept for a ring
// of four rows, enough for the five-row stencil of a MUSCL cell update when only
// three consecutive rows are needed at any one time.
struct Simulation::Workspace {
    struct RowRing {
        std::vector<double> a[4], b[4], c[4], d[4];
        int row[4] = {-1, -1, -1, -1};
        void resize(int n) {
            for (int k = 0; k < 4; ++k) {
                a[k].assign(n, 0.0);
                b[k].assign(n, 0.0);
                c[k].assign(n, 0.0);
                d[k].assign(n, 0.0);
                row[k] = -1;
            }
        }
        void invalidate() { row[0] = row[1] = row[2] = row[3] = -1; }
    };
    struct Faces {
        std::vector<double> m, nl, nr, t;
        void resize(int n) {
            m.assign(n, 0.0);
            nl.assign(n, 0.0);
            nr.assign(n, 0.0);
            t.assign(n, 0.0);
        }
    };
    struct Thread {
        RowRing vel;     // a = u, b = v
        RowRing yslope;  // a = h, b = eta, c = u, d = v (limited differences along y)
        std::vector<double> sx_h, sx_eta, sx_u, sx_v;  // x slopes of the current row
        Faces fx;                                      // nx + 1 faces of the current row
        Faces below, above;                            // y faces under and over the current row
        std::vector<double> loss, speed;               // per-cell results of the current row
    };
    std::vector<Thread> threads;
    int nx = 0;

    void ensure(int nthreads, int nx_) {
        if (static_cast<int>(threads.size()) >= nthreads && nx == nx_) {
            for (auto& t : threads) {
                t.vel.invalidate();
                t.yslope.invalidate();
            }
            return;
        }
        nx = nx_;
        threads.resize(static_cast<std::size_t>(nthreads));
        for (auto& t : threads) {
            t.vel.resize(nx);
            t.yslope.resize(nx);
            for (auto* v : {&t.sx_h, &t.sx_eta, &t.sx_u, &t.sx_v, &t.loss, &t.speed}) v->assign(nx, 0.0);
            t.fx.resize(nx + 1);
            t.below.resize(nx);
            t.above.resize(nx);
        }
    }
};

Simulation::Simulation(Grid grid, std::vector<double> bed_m, SolverConfig config)
    : m_grid(grid), m_config(config), m_bed(std::move(bed_m)), m_work(std::make_unique<Workspace>()) {
    check_grid(m_grid);
    m_config.validate();
    check_bed(m_grid, m_bed);

    const std::size_t n = m_grid.cells();
    const auto ny = static_cast<std::size_t>(m_grid.ny);
    m_state.resize(n);
    m_stage.resize(n);
    m_diag.resize(n);
    for (int e = 0; e < 4; ++e) m_face_boundary[e].assign(static_cast<std::size_t>(edge_length(m_grid, e)), -1);
    m_edges.resize(m_grid);
    for (auto* v : {&m_row_storage, &m_row_rain, &m_row_loss, &m_row_speed}) v->assign(ny, 0.0);
    m_wet.assign(ny, 0);
    m_wet_stage.assign(ny, 0);
    m_manning.set(m_grid.nx, 0.0);
    m_loss.set(m_grid.nx, 0.0);
    m_rain_weight.set(m_grid.nx, 1.0);
}

Simulation::~Simulation() = default;
Simulation::Simulation(Simulation&&) noexcept = default;
Simulation& Simulation::operator=(Simulation&&) noexcept = default;

// ---------------------------------------------------------------- set-up

void Simulation::set_manning(double n) {
    check_manning(n);
    m_manning.set(m_grid.nx, n);
}

void Simulation::set_manning(std::vector<double> n) {
    check_manning(m_grid, n);
    m_manning.set(std::move(n));
}

void Simulation::set_water_level(double level_m) {
    check_water_level(level_m);
    for (std::size_t c = 0; c < m_grid.cells(); ++c) {
        m_state.h[c] = std::max(0.0, level_m - m_bed[c]);
        m_state.hu[c] = 0.0;
        m_state.hv[c] = 0.0;
    }
    mark_all_rows_wet();
}

void Simulation::set_depth(std::span<const double> depth_m) {
    check_depth(m_grid, depth_m);
    std::copy(depth_m.begin(), depth_m.end(), m_state.h.begin());
    std::fill(m_state.hu.begin(), m_state.hu.end(), 0.0);
    std::fill(m_state.hv.begin(), m_state.hv.end(), 0.0);
    mark_all_rows_wet();
}

void Simulation::set_state(const State& state) {
    check_state(m_grid, state);
    m_state = state;
    for (std::size_t c = 0; c < m_grid.cells(); ++c)
        if (m_state.h[c] <= m_config.dry_depth_m) m_state.hu[c] = m_state.hv[c] = 0.0;
    mark_all_rows_wet();
}

void Simulation::add_boundary(EdgeBoundary b) {
    const int e = edge_slot(b.edge);
    const int len = edge_length(m_grid, e);
    if (b.end < 0) b.end = len;
    check_boundary(b, len, m_face_boundary[e], m_boundaries);
    const int id = static_cast<int>(m_boundaries.size());
    for (int k = b.begin; k < b.end; ++k) m_face_boundary[e][static_cast<std::size_t>(k)] = id;
    m_ledger.boundaries.push_back({b.name, 0.0, 0.0});
    m_boundaries.push_back(std::move(b));
}

void Simulation::add_point_inflow(PointInflow p) {
    check_point_inflow(m_grid, p);
    m_ledger.point_inflows.push_back({p.name, 0.0, 0.0});
    m_points.push_back(std::move(p));
}

void Simulation::set_boundary_series(std::size_t index, TimeSeries series) {
    check_boundary_series(m_boundaries, index, series);
    m_boundaries[index].series = std::move(series);
}

void Simulation::set_point_inflow_series(std::size_t index, TimeSeries discharge_m3_s) {
    check_point_inflow_series(m_points, index, discharge_m3_s);
    m_points[index].discharge_m3_s = std::move(discharge_m3_s);
}

void Simulation::set_rain(TimeSeries intensity_m_s, std::vector<double> weight) {
    check_rain(m_grid, intensity_m_s, weight);
    m_rain = std::move(intensity_m_s);
    if (weight.empty())
        m_rain_weight.set(m_grid.nx, 1.0);
    else
        m_rain_weight.set(std::move(weight));
}

void Simulation::set_loss(double rate_m_s) {
    check_loss(rate_m_s);
    m_loss.set(m_grid.nx, rate_m_s);
}

void Simulation::set_loss(std::vector<double> rate_m_s) {
    check_loss(m_grid, rate_m_s);
    m_loss.set(std::move(rate_m_s));
}

void Simulation::mark_all_rows_wet() {
    // Conservative: every row is swept once; the sweep then finds the dry rows itself.
    std::fill(m_wet.begin(), m_wet.end(), 1);
    m_next_speed = -1.0;
    double storage = 0.0;
    for (int j = 0; j < m_grid.ny; ++j)
        storage += row_sum(m_state.h.data() + m_grid.index(0, j), m_grid.nx);
    m_ledger.storage_m3 = storage * m_grid.cell_area_m2();
    if (m_steps == 0) m_ledger.initial_storage_m3 = m_ledger.storage_m3;
}

// ---------------------------------------------------------------- checkpoints

Snapshot Simulation::snapshot() const {
    return {m_state, m_ledger, m_diag, m_time_s, m_steps, m_next_speed, m_wet};
}

void Simulation::restore(const Snapshot& s) {
    check_snapshot(m_grid, s, m_ledger);
    m_state = s.state;
    m_ledger = s.ledger;
    m_diag = s.diagnostics;
    m_time_s = s.time_s;
    m_steps = s.steps;
    m_next_speed = s.next_speed;
    m_wet = s.wet_rows;
}

// ---------------------------------------------------------------- queries

int Simulation::team_size() const {
    const std::size_t by_size = m_grid.cells() / static_cast<std::size_t>(m_config.min_cells_per_thread);
    const auto most = static_cast<std::size_t>(omp_get_max_threads());
    return static_cast<int>(std::clamp<std::size_t>(by_size, 1, most));
}

std::size_t Simulation::wet_cells() const {
    std::size_t n = 0;
    for (double h : m_state.h) n += h > m_config.dry_depth_m ? 1 : 0;
    return n;
}

double Simulation::max_wave_speed() const {
    const int nx = m_grid.nx;
    const double g = m_config.gravity_m_s2;
    const double dry = m_config.dry_depth_m;
    const double rdx = 1.0 / m_grid.dx_m;
    const double rdy = 1.0 / m_grid.dy_m;
    std::vector<double> rows(static_cast<std::size_t>(m_grid.ny), 0.0);
#pragma omp parallel for schedule(static) num_threads(team_size())
    for (int j = 0; j < m_grid.ny; ++j) {
        double m = 0.0;
        for (int i = 0; i < nx; ++i) {
            const std::size_t c = m_grid.index(i, j);
            const double h = m_state.h[c];
            m = std::max(m, cfl_speed(h, velocity(h, m_state.hu[c], dry), velocity(h, m_state.hv[c], dry), g, rdx, rdy));
        }
        rows[static_cast<std::size_t>(j)] = m;
    }
    return row_max(rows.data(), m_grid.ny);
}

double Simulation::stable_dt() const {
    const double speed = m_next_speed >= 0.0 ? m_next_speed : max_wave_speed();
    const double cfl = m_config.effective_cfl();
    return speed > 0.0 ? std::min(m_config.max_dt_s, cfl / speed) : m_config.max_dt_s;
}

// ---------------------------------------------------------------- boundaries

BoundaryCase Simulation::boundary_case() const {
    return {m_grid, m_bed, m_manning, m_boundaries, m_face_boundary, m_config.gravity_m_s2, m_config.dry_depth_m};
}

void Simulation::apply_point_inflows(double t0, double dt) {
    const double area = m_grid.cell_area_m2();
    for (std::size_t p = 0; p < m_points.size(); ++p) {
        const PointInflow& pi = m_points[p];
        const double volume = pi.discharge_m3_s.integral(t0, t0 + dt);
        if (!(volume > 0.0)) continue;
        const double per_cell = volume / static_cast<double>(pi.cells.size()) / area;
        for (auto c : pi.cells) {
            m_state.h[c] += per_cell;
            m_wet[c / static_cast<std::size_t>(m_grid.nx)] = 1;
            m_next_speed = std::max(m_next_speed, point_cell_speed(c, m_state.h[c]));
        }
        m_ledger.point_inflows[p].in_m3 += volume;
        m_ledger.storage_m3 += volume;
    }
}

// ---------------------------------------------------------------- the sweep

template <bool SecondOrder, bool Blend, bool Final>
void Simulation::sweep(const State& in, const std::vector<unsigned char>& wet_in, State& out,
                       std::vector<unsigned char>& wet_out, double dt, double t_new) {
    const int nx = m_grid.nx;
    const int ny = m_grid.ny;
    const double g = m_config.gravity_m_s2;
    const double dry = m_config.dry_depth_m;
    const double dtdx = dt / m_grid.dx_m;
    const double dtdy = dt / m_grid.dy_m;
    const double rain_depth = Final && !m_rain.empty() ? m_rain.integral(t_new - dt, t_new) : 0.0;
    const bool raining = rain_depth > 0.0;
    const int reach = SecondOrder ? 2 : 1;  // rows on each side that can send water into a row
    Workspace& work = *m_work;

#pragma omp parallel num_threads(team_size())
    {
        const int tid = omp_get_thread_num();
        const auto [j0, j1] = thread_rows(ny, tid, omp_get_num_threads());
        Workspace::Thread& W = work.threads[static_cast<std::size_t>(tid)];
        const double* H = in.h.data();
        const double* HU = in.hu.data();
        const double* HV = in.hv.data();
        const double* Z = m_bed.data();
        auto off = [&](int row) { return m_grid.index(0, row); };
        auto face_row = [](Workspace::Faces& f, int shift) {
            return rows::FaceRow{f.m.data() + shift, f.nl.data() + shift, f.nr.data() + shift, f.t.data() + shift};
        };

        // Velocities of a row (ring slot by row number).
        struct Vel {
            const double *u, *v;
        };
        auto vel = [&](int row) -> Vel {
            const int s = row & 3;
            if (W.vel.row[s] != row) {
                const std::size_t o = off(row);
                rows::velocities(H + o, HU + o, HV + o, W.vel.a[s].data(), W.vel.b[s].data(), nx, dry);
                W.vel.row[s] = row;
            }
            return {W.vel.a[s].data(), W.vel.b[s].data()};
        };

        // Limited y-differences of a row (fv2); zero on the first and last rows.
        struct Slopes {
            const double *h, *eta, *u, *v;
        };
        auto yslope = [&](int row) -> Slopes {
            const int s = row & 3;
            double* sh = W.yslope.a[s].data();
            double* se = W.yslope.b[s].data();
            double* su = W.yslope.c[s].data();
            double* sv = W.yslope.d[s].data();
            if (W.yslope.row[s] != row) {
                if (row == 0 || row == ny - 1) {
                    for (double* p : {sh, se, su, sv}) std::fill_n(p, nx, 0.0);
                } else {
                    const Vel m = vel(row - 1), c = vel(row), p = vel(row + 1);
                    const std::size_t om = off(row - 1), oc = off(row), op = off(row + 1);
                    rows::slopes(H + om, H + oc, H + op, Z + om, Z + oc, Z + op, m.u, c.u, p.u, m.v, c.v, p.v, sh,
                                 se, su, sv, nx, dry);
                }
                W.yslope.row[s] = row;
            }
            return {sh, se, su, sv};
        };

        // Fluxes through the y-faces between rows a and a + 1 (a = -1: south edge,
        // a = ny - 1: north edge). Normal velocity is v, tangential u.
        auto yfaces = [&](int a, Workspace::Faces& f) {
            if (a < 0 || a >= ny - 1) {
                const EdgeFaces& e = m_edges.edges[a < 0 ? kSouth : kNorth];
                std::copy(e.mass.begin(), e.mass.end(), f.m.begin());
                std::copy(e.mom_n.begin(), e.mom_n.end(), f.nl.begin());
                std::copy(e.mom_n.begin(), e.mom_n.end(), f.nr.begin());
                std::copy(e.mom_t.begin(), e.mom_t.end(), f.t.begin());
                return;
            }
            const std::size_t oa = off(a), ob = off(a + 1);
            const Vel va = vel(a), vb = vel(a + 1);
            if constexpr (SecondOrder) {
                const Slopes sa = yslope(a), sb = yslope(a + 1);
                rows::faces_fv2(H + oa, Z + oa, va.v, va.u, sa.h, sa.eta, sa.v, sa.u, H + ob, Z + ob, vb.v, vb.u,
                                sb.h, sb.eta, sb.v, sb.u, face_row(f, 0), nx, g);
            } else {
                rows::faces_fv1(H + oa, Z + oa, va.v, va.u, H + ob, Z + ob, vb.v, vb.u, face_row(f, 0), nx, g);
            }
        };

        // Fluxes through the x-faces of row j: face i lies between cells i-1 and i;
        // faces 0 and nx are the west and east edges.
        auto xfaces = [&](int j) {
            const std::size_t o = off(j);
            const Vel c = vel(j);
            Workspace::Faces& f = W.fx;
            const EdgeFaces& west = m_edges.edges[kWest];
            const EdgeFaces& east = m_edges.edges[kEast];
            f.m[0] = west.mass[j];
            f.nl[0] = f.nr[0] = west.mom_n[j];
            f.t[0] = west.mom_t[j];
            f.m[nx] = east.mass[j];
            f.nl[nx] = f.nr[nx] = east.mom_n[j];
            f.t[nx] = east.mom_t[j];
            if (nx < 2) return;
            if constexpr (SecondOrder) {
                double* sh = W.sx_h.data();
                double* se = W.sx_eta.data();
                double* su = W.sx_u.data();
                double* sv = W.sx_v.data();
                for (double* p : {sh, se, su, sv}) p[0] = p[nx - 1] = 0.0;
                if (nx > 2)
                    rows::slopes(H + o, H + o + 1, H + o + 2, Z + o, Z + o + 1, Z + o + 2, c.u, c.u + 1, c.u + 2, c.v,
                                 c.v + 1, c.v + 2, sh + 1, se + 1, su + 1, sv + 1, nx - 2, dry);
                rows::faces_fv2(H + o, Z + o, c.u, c.v, sh, se, su, sv, H + o + 1, Z + o + 1, c.u + 1, c.v + 1,
                                sh + 1, se + 1, su + 1, sv + 1, face_row(f, 1), nx - 1, g);
            } else {
                rows::faces_fv1(H + o, Z + o, c.u, c.v, H + o + 1, Z + o + 1, c.u + 1, c.v + 1, face_row(f, 1),
                                nx - 1, g);
            }
        };

        bool have_below = false;
        for (int j = j0; j < j1; ++j) {
            const std::size_t o = off(j);
            const auto row = static_cast<std::size_t>(j);
            double* OH = out.h.data() + o;
            double* OHU = out.hu.data() + o;
            double* OHV = out.hv.data() + o;
            // A row far from any water, with no rain and nothing entering at its ends,
            // stays dry: skip its fluxes.
            bool quiet = !raining && !m_edges.row_edge_flow[row];
            for (int r = std::max(0, j - reach); quiet && r <= std::min(ny - 1, j + reach); ++r)
                quiet = !wet_in[static_cast<std::size_t>(r)];
            if constexpr (Blend) quiet = quiet && !wet_out[row];
            if (quiet) {
                for (double* p : {OH, OHU, OHV}) std::fill_n(p, nx, 0.0);
                wet_out[row] = 0;
                m_row_speed[row] = 0.0;
                if constexpr (Final) m_row_storage[row] = m_row_rain[row] = m_row_loss[row] = 0.0;
                have_below = false;
                continue;
            }

            if (!have_below) yfaces(j - 1, W.below);
            yfaces(j, W.above);
            xfaces(j);
            const double* syh = nullptr;
            const double* sye = nullptr;
            if constexpr (SecondOrder) {
                const Slopes s = yslope(j);
                syh = s.h;
                sye = s.eta;
            }
            if constexpr (Final) {
                const rows::FinalRow fr{
                    m_rain_weight.row(o),
                    m_loss.row(o),
                    m_manning.row(o),
                    W.loss.data(),
                    W.speed.data(),
                    m_diag.max_depth_m.data() + o,
                    m_diag.max_speed_m_s.data() + o,
                    m_diag.time_of_max_depth_s.data() + o,
                    m_diag.arrival_time_s.data() + o};
                rows::update_final<SecondOrder, Blend>(
                    H + o, HU + o, HV + o, face_row(W.fx, 0), face_row(W.below, 0), face_row(W.above, 0),
                    W.sx_h.data(), W.sx_eta.data(), syh, sye, OH, OHU, OHV, fr, nx, dt, dtdx, dtdy, g, dry,
                    rain_depth, t_new, m_config.arrival_depth_m, 1.0 / m_grid.dx_m, 1.0 / m_grid.dy_m);
            } else {
                rows::update<SecondOrder, Blend>(H + o, HU + o, HV + o, face_row(W.fx, 0), face_row(W.below, 0),
                                                 face_row(W.above, 0), W.sx_h.data(), W.sx_eta.data(), syh, sye, OH,
                                                 OHU, OHV, W.speed.data(), nx, dtdx, dtdy, g, dry, 1.0 / m_grid.dx_m,
                                                 1.0 / m_grid.dy_m);
                m_row_speed[row] = row_max(W.speed.data(), nx);
            }
            const double storage = row_sum(OH, nx);
            wet_out[row] = storage > 0.0 ? 1 : 0;
            if constexpr (Final) {
                m_row_storage[row] = storage;
                const double* rain_w = m_rain_weight.row(o);
                m_row_rain[row] = raining ? rain_depth * row_sum(rain_w, nx) : 0.0;
                m_row_loss[row] = row_sum(W.loss.data(), nx);
                m_row_speed[row] = row_max(W.speed.data(), nx);
            }
            std::swap(W.below, W.above);
            have_below = true;
        }
    }
}

// ---------------------------------------------------------------- stepping

void Simulation::reduce_rows() {
    const double area = m_grid.cell_area_m2();
    const int ny = m_grid.ny;
    m_ledger.storage_m3 = row_sum(m_row_storage.data(), ny) * area;
    m_ledger.rain_m3 += row_sum(m_row_rain.data(), ny) * area;
    m_ledger.loss_m3 += row_sum(m_row_loss.data(), ny) * area;
    m_next_speed = row_max(m_row_speed.data(), ny);
}

double Simulation::step(double dt_limit) {
    if (!(dt_limit > 0.0)) return 0.0;
    if (m_next_speed < 0.0) m_next_speed = max_wave_speed();
    const double cfl = m_config.effective_cfl();
    double dt = std::min(m_config.max_dt_s, dt_limit);
    if (m_next_speed > 0.0) dt = std::min(dt, cfl / m_next_speed);
    dt = limit_dt_for_point_inflows(dt);

    const int threads = omp_get_max_threads();
    const double t0 = m_time_s;
    if (m_config.scheme == Scheme::fv1) {
        m_work->ensure(threads, m_grid.nx);
        compute_boundary_fluxes(boundary_case(), m_state, t0, t0, dt, m_edges);
        sweep<false, false, true>(m_state, m_wet, m_stage, m_wet_stage, dt, t0 + dt);
        commit_crossings(m_edges, 1.0, m_ledger.boundaries);
        std::swap(m_state, m_stage);
        std::swap(m_wet, m_wet_stage);
    } else {
        // SSP-RK2 (Heun): U1 = U + dt L(U); U^{n+1} = (U + U1 + dt L(U1)) / 2.
        // The step was sized on U; where the flow accelerates hard (a film at rest
        // on a steep slope) U1 can be far faster, and the second stage would then
        // break positivity. Such a step is redone, shorter, from U (untouched so far);
        // nothing of a stage enters the ledger before the stage is accepted.
        for (int attempt = 0;; ++attempt) {
            m_work->ensure(threads, m_grid.nx);
            compute_boundary_fluxes(boundary_case(), m_state, t0, t0, dt, m_edges);
            sweep<true, false, false>(m_state, m_wet, m_stage, m_wet_stage, dt, t0 + dt);
            const double stage_speed = row_max(m_row_speed.data(), m_grid.ny);
            if (stage_speed * dt <= kStageCflSlack * cfl || attempt == kMaxStageRetries) break;
            dt = cfl / stage_speed;
        }
        commit_crossings(m_edges, 0.5, m_ledger.boundaries);
        m_work->ensure(threads, m_grid.nx);  // the ring buffers now describe U, not U1
        compute_boundary_fluxes(boundary_case(), m_stage, t0, t0 + dt, dt, m_edges);
        sweep<true, true, true>(m_stage, m_wet_stage, m_state, m_wet, dt, t0 + dt);
        commit_crossings(m_edges, 0.5, m_ledger.boundaries);
    }
    reduce_rows();
    apply_point_inflows(t0, dt);
    m_time_s = t0 + dt;
    ++m_steps;
    return dt;
}

double Simulation::point_cell_speed(std::size_t c, double h) const {
    // The water a point inflow brings arrives at rest: the cell keeps its discharge.
    const double dry = m_config.dry_depth_m;
    return cfl_speed(h, velocity(h, m_state.hu[c], dry), velocity(h, m_state.hv[c], dry), m_config.gravity_m_s2,
                     1.0 / m_grid.dx_m, 1.0 / m_grid.dy_m);
}

double Simulation::limit_dt_for_point_inflows(double dt) const {
    // Point inflows arrive at the end of the step; if the water they bring would make
    // the next step unstable in their cells, take less of it now (a shorter step).
    if (m_points.empty()) return dt;
    const double cfl = m_config.effective_cfl();
    const double area = m_grid.cell_area_m2();
    for (int pass = 0; pass < 2; ++pass) {
        double speed = 0.0;
        for (const auto& p : m_points) {
            const double dh =
                p.discharge_m3_s.integral(m_time_s, m_time_s + dt) / static_cast<double>(p.cells.size()) / area;
            for (auto c : p.cells) speed = std::max(speed, point_cell_speed(c, m_state.h[c] + dh));
        }
        if (speed * dt > cfl) dt = cfl / speed;
    }
    return dt;
}

void Simulation::advance_to(double t_end_s) {
    while (m_time_s < t_end_s) {
        const double remaining = t_end_s - m_time_s;
        const double dt = step(remaining);
        if (dt >= remaining) m_time_s = t_end_s;  // land on the target exactly
    }
}

}  // namespace floodtwin::hydro
