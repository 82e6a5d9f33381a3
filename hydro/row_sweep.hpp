#pragma once
// The row sweep: one row-parallel pass over the grid that builds the face fluxes of
// each row, from the state and the edge fluxes, and applies a row kernel
// (row_kernels.hpp) to it. It owns the per-thread row buffers; rows far from any water
// are skipped. The driver (simulation.cpp) owns the states and the order of passes.
#include <span>
#include <vector>

#include "hydro/boundary_fluxes.hpp"
#include "hydro/cell_field.hpp"
#include "hydro/diagnostics.hpp"
#include "hydro/grid.hpp"
#include "hydro/state.hpp"

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
    const BoundaryFluxes& edges;  // this stage's
    double gravity_m_s2;
    double dry_depth_m;
    int threads;  // the team that shares the rows
};

// What the final sweep of a step reads and writes besides the state.
struct FinalSweep {
    const CellField& rain_weight;
    const CellField& loss_rate_m_s;
    const CellField& manning;
    double rain_depth_m;  // rain intensity integrated over the step
    double t_new_s;       // the time at the end of the step, for the envelopes
    double arrival_depth_m;
    Diagnostics& diagnostics;
};

// The state a sweep reads and the one it writes, each with its flags of rows that
// hold water.
struct SweepStates {
    const State& in;
    const std::vector<unsigned char>& wet_in;
    State& out;
    std::vector<unsigned char>& wet_out;
};

class RowSweep {
public:
    // Buffers for up to `threads` threads and rows of nx cells. Forgets the rows kept
    // from the last sweep: call it before each sweep of a state not swept before.
    void prepare(int threads, int nx);

    // fv1, the whole step: U + dt L(U), then sources, friction and envelopes.
    void fv1_step(const SweepCase& c, SweepStates s, double dt, const FinalSweep& f, RowResults& r);
    // fv2 first stage: U1 = U + dt L(U) with MUSCL faces.
    void fv2_first_stage(const SweepCase& c, SweepStates s, double dt, RowResults& r);
    // fv2 second stage in place over U (s.out holds U, s.in holds U1):
    // (U + U1 + dt L(U1)) / 2, then sources, friction and envelopes.
    void fv2_second_stage(const SweepCase& c, SweepStates s, double dt, const FinalSweep& f, RowResults& r);

private:
    // Rows of values kept for a ring of four rows by row number, enough for the
    // five-row stencil of a MUSCL cell update when only three consecutive rows are
    // needed at any one time.
    struct RowRing {
        std::vector<double> a[4], b[4], c[4], d[4];
        int row[4] = {-1, -1, -1, -1};
        void resize(int n);
        void invalidate() { row[0] = row[1] = row[2] = row[3] = -1; }
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
    };
    template <bool SecondOrder, bool Blend, bool Final>
    class ThreadPass;  // one thread's share of a sweep (row_sweep.cpp)

    template <bool SecondOrder, bool Blend, bool Final>
    void sweep(const SweepCase& c, SweepStates s, double dt, const FinalSweep* f, RowResults& r);

    std::vector<Thread> m_threads;
    int m_nx = 0;
};

}  // namespace floodtwin::hydro
