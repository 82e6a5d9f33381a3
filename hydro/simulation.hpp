#pragma once
// The 2D shallow-water driver: owns the state and sequences the parts of a step, the
// edge fluxes (boundary_fluxes.hpp), the row sweeps (row_sweep.hpp, over the row
// kernels of row_kernels.hpp and the pointwise kernels they apply), the point inflows
// (point_inflows.hpp) and the reductions into the ledger (row_reductions.hpp); what
// it is given is checked first (input_checks.hpp). No files, no logging.
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

#include "hydro/boundary.hpp"
#include "hydro/boundary_fluxes.hpp"
#include "hydro/cell_field.hpp"
#include "hydro/config.hpp"
#include "hydro/diagnostics.hpp"
#include "hydro/grid.hpp"
#include "hydro/inertial_step.hpp"
#include "hydro/mass_ledger.hpp"
#include "hydro/point_inflows.hpp"
#include "hydro/row_sweep.hpp"
#include "hydro/snapshot.hpp"
#include "hydro/state.hpp"
#include "hydro/tile_activity.hpp"
#include "hydro/time_series.hpp"
#include "hydro/weir_links.hpp"

namespace floodtwin::hydro {

class Simulation {
public:
    // `bed_m` holds one elevation per cell in solver order (see Grid). Throws
    // std::invalid_argument for a bad grid, a bed of the wrong size or with
    // non-finite values (naming the cell), or an invalid config.
    Simulation(Grid grid, std::vector<double> bed_m, SolverConfig config);
    ~Simulation();
    Simulation(Simulation&&) noexcept;
    Simulation& operator=(Simulation&&) noexcept;

    // --- set-up (before or between steps) ---
    void set_manning(double n);                  // s m^-1/3, >= 0
    void set_manning(std::vector<double> n);     // per cell
    void set_water_level(double level_m);        // h = max(0, level - z), at rest
    void set_depth(std::span<const double> depth_m);   // at rest
    void set_state(const State& state);          // depth and unit discharges
    void add_boundary(EdgeBoundary boundary);    // throws on a segment off the edge
    void add_point_inflow(PointInflow inflow);   // throws on a cell off the grid
    void add_weir_link(WeirLink link);           // a breach, a detention inlet; throws as check_weir_link
    // A new series for the index-th boundary (stage or inflow) or point inflow, in
    // the order added: how a coupled model hands over flows and stages as it runs.
    void set_boundary_series(std::size_t index, TimeSeries series);
    void set_point_inflow_series(std::size_t index, TimeSeries discharge_m3_s);
    // Rain: intensity series (m/s) times an optional per-cell weight (empty = 1).
    void set_rain(TimeSeries intensity_m_s, std::vector<double> weight = {});
    // Loss (infiltration, drainage) rate in m/s: one value or one per cell.
    void set_loss(double rate_m_s);
    void set_loss(std::vector<double> rate_m_s);
    void set_time(double t_s) { m_time_s = t_s; }

    // --- checkpoints ---
    [[nodiscard]] Snapshot snapshot() const;
    // Throws std::invalid_argument when the snapshot does not fit this grid, these
    // boundaries or point inflows (a checkpoint of another case).
    void restore(const Snapshot& snapshot);

    // --- stepping ---
    // One step of at most dt_limit seconds; returns the step taken.
    double step(double dt_limit = std::numeric_limits<double>::infinity());
    // Steps until time() == t_end_s exactly (the last step is shortened).
    void advance_to(double t_end_s);

    // --- results ---
    [[nodiscard]] const Grid& grid() const { return m_grid; }
    [[nodiscard]] const SolverConfig& config() const { return m_config; }
    [[nodiscard]] const State& state() const { return m_state; }
    // The inertial scheme's face discharges (empty arrays for fv1 and fv2).
    [[nodiscard]] const FaceDischarges& face_discharges() const { return m_faces; }
    [[nodiscard]] std::span<const double> bed() const { return m_bed; }
    [[nodiscard]] const MassLedger& ledger() const { return m_ledger; }
    [[nodiscard]] std::span<const WeirLink> weir_links() const { return m_links; }
    // When each weir link opened (NaN: not yet), in the order added.
    [[nodiscard]] std::span<const double> link_opened_s() const { return m_link_opened_s; }
    [[nodiscard]] const Diagnostics& diagnostics() const { return m_diag; }
    [[nodiscard]] double time() const { return m_time_s; }
    [[nodiscard]] std::size_t steps() const { return m_steps; }
    [[nodiscard]] std::size_t wet_cells() const;
    // Threads a step uses: OpenMP's maximum, fewer on a grid with fewer than
    // config.min_cells_per_thread cells per thread. Results do not depend on it.
    [[nodiscard]] int team_size() const;  // cells deeper than the dry depth
    // Cells the last sweep visited (tile_activity.hpp: the others cannot change).
    [[nodiscard]] std::size_t visited_cells() const {
        return m_config.scheme == Scheme::inertial ? m_inertial.before.visited : m_sweep.visited_cells();
    }
    // The step the CFL condition allows for the current state.
    [[nodiscard]] double stable_dt() const;

private:
    // What the last sweep of the step ending at t_new_s reads besides the state.
    [[nodiscard]] FinalSweep final_sweep(double t_new_s, double dt);
    [[nodiscard]] BoundaryCase boundary_case() const;  // what the edge fluxes are computed from
    // max over cells of (|u|+c)/dx + (|v|+c)/dy; inertial: inertial_speed (inertial_step.hpp)
    [[nodiscard]] double max_wave_speed() const;
    [[nodiscard]] PointInflowCase point_inflow_case() const;
    [[nodiscard]] WeirLinkCase weir_link_case() const;
    // After the sweeps of the step [t0_s, t0_s + dt]: the point inflows' water, then
    // the weir links', then the links whose trigger level was reached open.
    void add_cell_sources(double t0_s, double dt);
    void step_fv1(const SweepCase& sweep, double t0_s, double dt);
    [[nodiscard]] double step_fv2(const SweepCase& sweep, double t0_s, double dt);  // returns the step taken
    void step_inertial(double t0_s, double dt);
    void reset_faces();  // inertial: face discharges from the state's cell discharges
    void reduce_rows();
    void state_changed();       // after set-up: the ledger's storage, the tiles holding water
    void rain_weight_changed();

    Grid m_grid;
    SolverConfig m_config;
    std::vector<double> m_bed;
    CellField m_manning;             // s m^(-1/3)
    State m_state;
    State m_stage;                   // fv1: next state; fv2: first RK stage
    std::vector<EdgeBoundary> m_boundaries;
    EdgeFaceMap m_face_boundary;     // per edge face: index into m_boundaries or -1 (wall)
    std::vector<PointInflow> m_points;
    std::vector<WeirLink> m_links;
    std::vector<double> m_link_opened_s;  // per link: when it opened (NaN: not yet)
    TimeSeries m_rain;
    CellField m_rain_weight;         // times the rain intensity
    CellField m_loss;                // m/s

    BoundaryFluxes m_edges;          // edge fluxes of the current stage
    FaceDischarges m_faces;          // inertial: the face discharges (its state); empty otherwise
    InertialScratch m_inertial;      // inertial: scratch of a step

    RowSweep m_sweep;                // the row sweep and its per-thread buffers
    RowResults m_rows;               // per-row results of the last sweep
    TileActivity m_wet;              // per tile of m_state: may hold water
    TileActivity m_wet_stage;        // per tile of m_stage
    std::vector<unsigned char> m_rain_tiles;  // per tile: a rain weight > 0 (rain_tiles())
    std::vector<double> m_rain_row_weight;    // per row: the sum of its rain weights

    MassLedger m_ledger;
    Diagnostics m_diag;
    double m_time_s = 0.0;
    std::size_t m_steps = 0;
    double m_next_speed = -1.0;  // max wave speed / length of the current state; < 0 = unknown
};

}  // namespace floodtwin::hydro
