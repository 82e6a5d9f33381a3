#pragma once
// The row sweep: one parallel pass over the grid that builds the face fluxes of each
// row, from the state and the edge fluxes, and applies a row kernel (row_kernels.hpp)
// to it. Only the tiles that may change are visited (tile_activity.hpp): in each band
// of rows, the runs of such tiles are spans of columns swept row by row. Bands are
// shared among threads by the cells they sweep, not by their number, and every sum
// keeps the order of a sweep of whole rows, so no bit depends on the thread count.
// It owns the per-thread row buffers; the driver (simulation.cpp) owns the states and
// the order of passes.
#include <span>
#include <vector>

#include "hydro/boundary_fluxes.hpp"
#include "hydro/cell_field.hpp"
#include "hydro/diagnostics.hpp"
#include "hydro/grid.hpp"
#include "hydro/row_reductions.hpp"
#include "hydro/state.hpp"
#include "hydro/sweep_plan.hpp"
#include "hydro/tile_activity.hpp"

namespace floodtwin::hydro {

// Per-row results of a sweep, which the driver reduces in row order so that the
// totals do not depend on the thread count. Depths are sums over a row's cells.
struct RowResults {
    std::vector<double> storage_m;  // final sweeps only
    std::vector<double> rain_m;     // final sweeps only
    std::vector<double> loss_m;     // final sweeps only
    std::vector<double> positivity_m;  // depth the clamp at zero added (cell_update.hpp)
    std::vector<double> cfl_speed;  // 1/s, the row's largest (cfl.hpp)

    void resize(int ny);
};

// What a sweep reads besides the state.
struct SweepCase {
    const Grid& grid;
    std::span<const double> bed_m;
    const CellField& manning;     // s m^(-1/3): friction ends every stage
    const BoundaryFluxes& edges;  // this stage's
    double gravity_m_s2;
    double dry_depth_m;
    int threads;  // the team that shares the rows
    bool visit_all_tiles;  // SolverConfig::visit_all_tiles
};

// What the final sweep of a step reads and writes besides the state.
struct FinalSweep {
    const CellField& rain_weight;
    const CellField& loss_rate_m_s;
    double rain_depth_m;  // rain intensity integrated over the step
    double t_new_s;       // the time at the end of the step, for the envelopes
    double arrival_depth_m;
    Diagnostics& diagnostics;
    std::span<const unsigned char> rain_tiles;  // per tile: rain can fall on it (rain_tiles())
    std::span<const double> rain_row_weight;    // per row: the sum of its rain weights
};

// The state a sweep reads and the one it writes, each with its flags of tiles that may
// hold water (those of `out` describe what it holds before the sweep, and after).
struct SweepStates {
    const State& in;
    const TileActivity& wet_in;
    State& out;
    TileActivity& wet_out;
};

class RowSweep {
public:
    // Buffers for up to `threads` threads and rows of nx cells. Forgets the rows kept
    // from the last sweep: call it before each sweep of a state not swept before.
    void prepare(int threads, int nx);

    // Cells the last sweep visited.
    [[nodiscard]] std::size_t visited_cells() const { return m_plan.visited; }

    // fv1, the whole step: U + dt L(U), then sources, friction and envelopes.
    void fv1_step(const SweepCase& c, SweepStates s, double dt, const FinalSweep& f, RowResults& r);
    // fv2 first stage: U1 = U + dt L(U) with MUSCL faces.
    void fv2_first_stage(const SweepCase& c, SweepStates s, double dt, RowResults& r);
    // fv2 second stage in place over U (s.out holds U, s.in holds U1):
    // (U + U1 + dt L(U1)) / 2, then sources, friction and envelopes.
    void fv2_second_stage(const SweepCase& c, SweepStates s, double dt, const FinalSweep& f, RowResults& r);

private:
    // Rows of values kept for a ring of four rows by row number and span, enough for
    // the five-row stencil of a MUSCL cell update when only three consecutive rows are
    // needed at any one time. Values sit at their column: a span reads its own.
    struct RowRing {
        std::vector<double> a[4], b[4], c[4], d[4];
        int row[4] = {-1, -1, -1, -1};
        int first[4] = {0, 0, 0, 0};  // the span of columns the slot holds
        int last[4] = {0, 0, 0, 0};
        void resize(int n);
        void invalidate() { row[0] = row[1] = row[2] = row[3] = -1; }
        [[nodiscard]] bool holds(int r, int a0, int a1) const {
            const int s = r & 3;
            return row[s] == r && first[s] <= a0 && a1 <= last[s];
        }
    };
    struct Faces {
        std::vector<double> m, nl, nr, t;  // see rows::FaceRow
        void resize(int n);
    };
    struct Thread {
        RowRing vel;     // a = u, b = v
        RowRing yslope;  // a = h, b = eta, c = u, d = v (limited differences along y)
        std::vector<double> sx_h, sx_eta, sx_u, sx_v;  // x slopes of the current row
        Faces fx;                                      // nx + 1 faces of the current row
        Faces below, above;                            // y faces under and over the current row
        std::vector<double> loss, positivity, speed;   // per-cell results of the current row
        // Per row of the current band, its results summed over the spans so far.
        std::vector<LaneSum> storage_sum, loss_sum, positivity_sum;
        std::vector<double> speed_max;
    };
    template <bool SecondOrder, bool Blend, bool Final>
    class ThreadPass;  // one thread's share of a sweep (row_sweep.cpp)

    template <bool SecondOrder, bool Blend, bool Final>
    void sweep(const SweepCase& c, SweepStates s, double dt, const FinalSweep* f, RowResults& r);

    void plan(const SweepCase& c, SweepStates s, const FinalSweep* f, bool blend, int threads);

    std::vector<Thread> m_threads;
    SweepPlan m_plan;
    std::vector<unsigned char> m_visit;  // per tile: visited for its own sake (rain, edge flow)
    int m_nx = 0;
};

}  // namespace floodtwin::hydro
