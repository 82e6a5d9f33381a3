#include "hydro/simulation.hpp"

#include <omp.h>

#include <algorithm>
#include <utility>

#include "hydro/cfl.hpp"
#include "hydro/flux.hpp"
#include "hydro/input_checks.hpp"
#include "hydro/row_reductions.hpp"

namespace floodtwin::hydro {

namespace {

// fv2 redoes a step whose first stage came out faster than the CFL number allows by
// this factor (the sum-form speed is already conservative), at most this many times.
constexpr double kStageCflSlack = 1.25;
constexpr int kMaxStageRetries = 4;

}  // namespace

Simulation::Simulation(Grid grid, std::vector<double> bed_m, SolverConfig config)
    : m_grid(grid), m_config(config), m_bed(std::move(bed_m)) {
    check_grid(m_grid);
    m_config.validate();
    check_bed(m_grid, m_bed);

    const std::size_t n = m_grid.cells();
    m_state.resize(n);
    m_stage.resize(n);
    m_diag.resize(n);
    for (int e = 0; e < 4; ++e) m_face_boundary[e].assign(static_cast<std::size_t>(edge_length(m_grid, e)), -1);
    m_edges.resize(m_grid);
    m_rows.resize(m_grid.ny);
    m_wet.resize(m_grid, m_config.tile_rows, m_config.tile_cols);
    m_wet_stage.resize(m_grid, m_config.tile_rows, m_config.tile_cols);  // m_stage holds zeros
    m_manning.set(m_grid.nx, 0.0);
    m_loss.set(m_grid.nx, 0.0);
    m_rain_weight.set(m_grid.nx, 1.0);
    rain_weight_changed();
    if (m_config.scheme == Scheme::inertial) m_faces.resize(m_grid);
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
    state_changed();
}

void Simulation::set_depth(std::span<const double> depth_m) {
    check_depth(m_grid, depth_m);
    std::copy(depth_m.begin(), depth_m.end(), m_state.h.begin());
    std::fill(m_state.hu.begin(), m_state.hu.end(), 0.0);
    std::fill(m_state.hv.begin(), m_state.hv.end(), 0.0);
    state_changed();
}

void Simulation::set_state(const State& state) {
    check_state(m_grid, state);
    m_state = state;
    for (std::size_t c = 0; c < m_grid.cells(); ++c)
        if (m_state.h[c] <= m_config.dry_depth_m) m_state.hu[c] = m_state.hv[c] = 0.0;
    state_changed();
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

void Simulation::add_weir_link(WeirLink link) {
    check_weir_link(m_grid, link);
    m_ledger.links.push_back({link.name});
    m_link_opened_s.push_back(link.opens_at_s);
    m_links.push_back(std::move(link));
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
    rain_weight_changed();
}

void Simulation::rain_weight_changed() {
    m_rain_tiles = rain_tiles(m_wet, m_rain_weight);
    m_rain_row_weight.resize(static_cast<std::size_t>(m_grid.ny));
    for (int j = 0; j < m_grid.ny; ++j)
        m_rain_row_weight[static_cast<std::size_t>(j)] = row_sum(m_rain_weight.row(m_grid.index(0, j)), m_grid.nx);
}

void Simulation::set_loss(double rate_m_s) {
    check_loss(rate_m_s);
    m_loss.set(m_grid.nx, rate_m_s);
}

void Simulation::set_loss(std::vector<double> rate_m_s) {
    check_loss(m_grid, rate_m_s);
    m_loss.set(std::move(rate_m_s));
}

void Simulation::reset_faces() {
    if (m_config.scheme == Scheme::inertial) faces_from_cells(m_grid, m_bed, m_state, m_config.dry_depth_m, m_faces);
    m_inertial.forget();
}

void Simulation::state_changed() {
    m_wet.from_depths(m_state.h);
    reset_faces();  // the state was set from outside: the faces follow it
    m_next_speed = -1.0;
    double storage = 0.0;
    for (int j = 0; j < m_grid.ny; ++j)
        storage += row_sum(m_state.h.data() + m_grid.index(0, j), m_grid.nx);
    m_ledger.storage_m3 = storage * m_grid.cell_area_m2();
    if (m_steps == 0) m_ledger.initial_storage_m3 = m_ledger.storage_m3;
}

// ---------------------------------------------------------------- checkpoints

Snapshot Simulation::snapshot() const {
    return {m_state,      m_ledger,      m_diag,     m_time_s,  m_steps,
            m_next_speed, m_wet.rows(),  m_faces.qx, m_faces.qy, m_link_opened_s};
}

void Simulation::restore(const Snapshot& s) {
    check_snapshot(m_grid, s, m_ledger);
    m_state = s.state;
    m_ledger = s.ledger;
    m_diag = s.diagnostics;
    m_time_s = s.time_s;
    m_steps = s.steps;
    m_next_speed = s.next_speed;
    m_link_opened_s = s.link_opened_s;
    m_wet.from_depths(m_state.h);  // a function of the state: wet_rows is kept for older readers
    if (m_config.scheme != Scheme::inertial) return;
    // A checkpoint of an fv run (a hot start) holds no faces: they start from its cells.
    m_faces.qx = s.face_qx;
    m_faces.qy = s.face_qy;
    m_inertial.forget();
    if (!m_faces.fits(m_grid)) reset_faces();
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
    if (m_config.scheme == Scheme::inertial)
        return inertial_speed(m_grid, m_state, m_config.gravity_m_s2, m_config.theta, team_size());
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
            const double u = velocity(h, m_state.hu[c], dry), v = velocity(h, m_state.hv[c], dry);
            m = std::max(m, cfl_speed(h, u, v, g, rdx, rdy));
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

// ---------------------------------------------------------------- what the steps read

FinalSweep Simulation::final_sweep(double t_new_s, double dt) {
    const double rain_depth_m = m_rain.empty() ? 0.0 : m_rain.integral(t_new_s - dt, t_new_s);
    return {m_rain_weight, m_loss, rain_depth_m, t_new_s, m_config.arrival_depth_m, m_diag,
            m_rain_tiles, m_rain_row_weight};
}

PointInflowCase Simulation::point_inflow_case() const {
    return {m_grid, m_points, m_config.gravity_m_s2, m_config.dry_depth_m};
}

WeirLinkCase Simulation::weir_link_case() const {
    return {m_grid, m_bed, m_links, m_config.gravity_m_s2, m_config.dry_depth_m};
}

void Simulation::add_cell_sources(double t0, double dt) {
    m_next_speed = std::max(m_next_speed, add_point_inflows(point_inflow_case(), t0, dt, m_state, m_wet, m_ledger));
    if (m_links.empty()) return;
    m_next_speed =
        std::max(m_next_speed, pass_weir_links(weir_link_case(), m_link_opened_s, t0, dt, m_state, m_wet, m_ledger));
    open_triggered_links(weir_link_case(), m_state, t0 + dt, m_link_opened_s);
}

BoundaryCase Simulation::boundary_case() const {
    return {m_grid,       m_bed, m_manning, m_boundaries, m_face_boundary, m_config.gravity_m_s2, m_config.dry_depth_m,
            m_config.scheme == Scheme::fv2};
}

// ---------------------------------------------------------------- stepping

void Simulation::reduce_rows() {
    const double area = m_grid.cell_area_m2();
    const int ny = m_grid.ny;
    m_ledger.storage_m3 = row_sum(m_rows.storage_m.data(), ny) * area;
    m_ledger.rain_m3 += row_sum(m_rows.rain_m.data(), ny) * area;
    m_ledger.loss_m3 += row_sum(m_rows.loss_m.data(), ny) * area;
    m_ledger.positivity_added_m3 += row_sum(m_rows.positivity_m.data(), ny) * area;
    m_next_speed = row_max(m_rows.cfl_speed.data(), ny);
}

double Simulation::step(double dt_limit) {
    if (!(dt_limit > 0.0)) return 0.0;
    if (m_next_speed < 0.0) m_next_speed = max_wave_speed();
    double dt = std::min(m_config.max_dt_s, dt_limit);
    if (m_next_speed > 0.0) dt = std::min(dt, m_config.effective_cfl() / m_next_speed);
    dt = limit_dt_for_point_inflows(point_inflow_case(), m_state, m_time_s, dt, m_config.effective_cfl());

    const double t0 = m_time_s;
    if (m_config.scheme == Scheme::inertial) {
        step_inertial(t0, dt);
        m_time_s = t0 + dt;
        ++m_steps;
        return dt;
    }
    const SweepCase sweep{m_grid,      m_bed, m_manning, m_edges, m_config.gravity_m_s2, m_config.dry_depth_m,
                          team_size(), m_config.visit_all_tiles};
    if (m_config.scheme == Scheme::fv1)
        step_fv1(sweep, t0, dt);
    else
        dt = step_fv2(sweep, t0, dt);
    reduce_rows();
    add_cell_sources(t0, dt);
    m_time_s = t0 + dt;
    ++m_steps;
    return dt;
}

void Simulation::step_fv1(const SweepCase& sweep, double t0, double dt) {
    m_sweep.prepare(omp_get_max_threads(), m_grid.nx);
    compute_boundary_fluxes(boundary_case(), m_state, t0, t0, dt, m_edges);
    m_sweep.fv1_step(sweep, {m_state, m_wet, m_stage, m_wet_stage}, dt, final_sweep(t0 + dt, dt), m_rows);
    commit_crossings(m_edges, 1.0, m_ledger.boundaries);
    std::swap(m_state, m_stage);
    std::swap(m_wet, m_wet_stage);
}

void Simulation::step_inertial(double t0, double dt) {
    const InertialCase ic{m_grid,        m_bed,         m_manning,    m_boundaries,
                          m_face_boundary, m_config.gravity_m_s2, m_config.dry_depth_m, m_config.theta,
                          team_size(),   m_config.visit_all_tiles};
    inertial_step(ic, t0, dt, final_sweep(t0 + dt, dt), m_state, m_wet, m_faces, m_inertial, m_rows,
                  m_ledger.boundaries);
    reduce_rows();
    add_cell_sources(t0, dt);
}

double Simulation::step_fv2(const SweepCase& sweep, double t0, double dt) {
    // SSP-RK2 (Heun): U1 = U + dt L(U); U^{n+1} = (U + U1 + dt L(U1)) / 2.
    // The step was sized on U; where the flow accelerates hard (a film at rest
    // on a steep slope) U1 can be far faster, and the second stage would then
    // break positivity. Such a step is redone, shorter, from U (untouched so far);
    // nothing of a stage enters the ledger before the stage is accepted.
    const int threads = omp_get_max_threads();
    const double cfl = m_config.effective_cfl();
    for (int attempt = 0;; ++attempt) {
        m_sweep.prepare(threads, m_grid.nx);
        compute_boundary_fluxes(boundary_case(), m_state, t0, t0, dt, m_edges);
        m_sweep.fv2_first_stage(sweep, {m_state, m_wet, m_stage, m_wet_stage}, dt, m_rows);
        const double stage_speed = row_max(m_rows.cfl_speed.data(), m_grid.ny);
        if (stage_speed * dt <= kStageCflSlack * cfl || attempt == kMaxStageRetries) break;
        dt = cfl / stage_speed;
    }
    commit_crossings(m_edges, 0.5, m_ledger.boundaries);
    // What the clamp added to U1 reaches U^{n+1} halved (the flux divergence of U1
    // only moves water about).
    m_ledger.positivity_added_m3 += 0.5 * row_sum(m_rows.positivity_m.data(), m_grid.ny) * m_grid.cell_area_m2();

    m_sweep.prepare(threads, m_grid.nx);  // the ring buffers now describe U, not U1
    compute_boundary_fluxes(boundary_case(), m_stage, t0, t0 + dt, dt, m_edges);
    m_sweep.fv2_second_stage(sweep, {m_stage, m_wet_stage, m_state, m_wet}, dt, final_sweep(t0 + dt, dt), m_rows);
    commit_crossings(m_edges, 0.5, m_ledger.boundaries);
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
