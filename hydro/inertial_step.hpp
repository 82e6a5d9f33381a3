#pragma once
// The local-inertial scheme (hydro.scheme = "inertial"): the shallow-water equations
// without the advection term, on a staggered grid, after Bates, Horritt & Fewtrell
// (2010, J. Hydrol. 387, "A simple inertial formulation of the shallow water equations
// for efficient two-dimensional flood inundation modelling"), with the q-centred
// numerical diffusion of de Almeida, Bates, Freer & Souvignet (2012, WRR 48, W05528).
// Unit discharges live on the cell faces, depths at the cells. A step updates each
// face discharge from the water-surface slope across it (explicit) and its friction
// (semi-implicit), then each depth from the discharges through its four faces. Only
// the tiles near water are visited (sweep_plan.hpp), as in the finite-volume sweep:
// a face between two dry cells carries exactly nothing, so the rest is left at zero.
// Without advection it cannot represent shocks or supercritical flow accurately: it
// is meant for gradually varied floodplain flow, where it is several times cheaper
// than a Riemann solver.
//
// The pointwise functions below are what a GPU back end would call per face and per
// cell; the passes over the grid are in inertial_step.cpp.
#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include "hydro/boundary_fluxes.hpp"
#include "hydro/cell_field.hpp"
#include "hydro/diagnostics.hpp"
#include "hydro/friction.hpp"
#include "hydro/grid.hpp"
#include "hydro/mass_ledger.hpp"
#include "hydro/row_sweep.hpp"
#include "hydro/state.hpp"
#include "hydro/sweep_plan.hpp"
#include "hydro/tile_activity.hpp"

namespace floodtwin::hydro {

// Unit discharges (m2/s) on the faces, positive along their axis. qx: (nx + 1) x ny,
// face i of row j (between cells i-1 and i; 0 and nx on the west and east edges) at
// i + (nx + 1) j. qy: nx x (ny + 1), face j of column i (between rows j-1 and j; 0 and
// ny on the south and north edges) at i + nx j.
struct FaceDischarges {
    std::vector<double> qx, qy;

    void resize(const Grid& g) {
        qx.assign(static_cast<std::size_t>(g.nx + 1) * static_cast<std::size_t>(g.ny), 0.0);
        qy.assign(static_cast<std::size_t>(g.nx) * static_cast<std::size_t>(g.ny + 1), 0.0);
    }
    [[nodiscard]] bool fits(const Grid& g) const {
        return qx.size() == static_cast<std::size_t>(g.nx + 1) * static_cast<std::size_t>(g.ny) &&
               qy.size() == static_cast<std::size_t>(g.nx) * static_cast<std::size_t>(g.ny + 1);
    }
};

// The discharge of one face after a step of dt (inertial_face_update given the flow
// depth and the slope; inertial_face_discharge from the two cells) (Bates et al. 2010 eq. 11 with the
// q-centred weighting of de Almeida et al. 2012 eq. 9):
//   h_flow = max(eta_l, eta_r) - max(z_l, z_r)        (no flow below the higher bed)
//   q_theta = theta q + (1 - theta) (q_before + q_after) / 2
//   q_new = (q_theta - g h_flow dt S) / (1 + g dt n^2 |q| / h_flow^(7/3)),
// S = (eta_r - eta_l) / d the water-surface slope across the face (rd = 1 / d), q_before
// and q_after the neighbouring faces along the same axis, n the face's Manning n. The
// friction term is semi-implicit: it can stop the flow but never reverse it. A face
// whose flow depth is at most the dry depth carries nothing; the same levels on both
// sides give exactly S = 0, so a lake at rest stays at rest.
inline double inertial_face_update(double q, double q_before, double q_after, double h_flow, double slope, double n,
                                   double theta, double dt, double g, double dry_depth) {
    if (!(h_flow > dry_depth)) return 0.0;
    const double q_theta = theta * q + 0.5 * (1.0 - theta) * (q_before + q_after);
    const double h_m73 = inv_cbrt(h_flow) / (h_flow * h_flow);  // h^(-7/3)
    return (q_theta - g * h_flow * dt * slope) / (1.0 + g * dt * n * n * std::fabs(q) * h_m73);
}

inline double inertial_face_discharge(double q, double q_before, double q_after, double eta_l, double z_l,
                                      double eta_r, double z_r, double n, double theta, double dt, double rd, double g,
                                      double dry_depth) {
    const double h_flow = std::max(eta_l, eta_r) - std::max(z_l, z_r);
    return inertial_face_update(q, q_before, q_after, h_flow, (eta_r - eta_l) * rd, n, theta, dt, g, dry_depth);
}

// Depth (m) that the faces' outflows would take from a cell in dt: the sum over its
// faces of the discharge leaving it (dtdx = dt/dx, dtdy = dt/dy).
inline double inertial_outflow_depth(double q_w, double q_e, double q_s, double q_n, double dtdx, double dtdy) {
    return dtdx * (std::max(0.0, -q_w) + std::max(0.0, q_e)) + dtdy * (std::max(0.0, -q_s) + std::max(0.0, q_n));
}

// Factor on the outflows of a cell that keeps it from giving more water than it holds:
// 1 unless the outflow depth exceeds the depth h. The explicit step under
// dt = alpha dx / sqrt(g h_max) keeps this at 1 almost everywhere; at a thin wet front it
// can empty a cell, and without the factor the depth would come out negative. Each
// face has one donor cell, so scaling it by its donor's factor moves water
// conservatively (the face's value is the same for both cells).
inline double inertial_outflow_factor(double h, double outflow_depth) {
    return outflow_depth > h ? h / outflow_depth : 1.0;
}

// A face's discharge after its donor's factor: the cell upstream (left for q > 0).
inline double inertial_limited(double q, double factor_l, double factor_r) { return q * (q > 0.0 ? factor_l : factor_r); }

// What a step reads besides the state and the face discharges.
struct InertialCase {
    const Grid& grid;
    std::span<const double> bed_m;
    const CellField& manning;
    std::span<const EdgeBoundary> boundaries;
    const EdgeFaceMap& face_boundary;
    double gravity_m_s2;
    double dry_depth_m;
    double theta;
    int threads;
    bool visit_all_tiles;  // SolverConfig::visit_all_tiles
};

// Scratch of a step: the face discharges before the donors' factors, the factors, and
// the plans of this step and of the one before (whose faces that this step leaves out
// it sets to zero).
struct InertialScratch {
    FaceDischarges raw;
    std::vector<double> factor;  // per cell
    std::vector<unsigned char> visit;  // per tile: visited for its own sake
    SweepPlan plan, before;
    bool have_before = false;  // false: the faces were set from outside, `before` means nothing

    // After the state or the faces were set from outside.
    void forget() { have_before = false; }
};

// The time-step rule, dt = alpha / (sqrt(g h_max) k), k from the linear stability limit
// of the step without friction: the forward-backward update on the staggered grid
// with the q-centred weighting damps a face discharge's checkerboard mode by
// 2 theta - 1, and a von Neumann analysis of it (both axes at that mode) gives
//     sqrt(g h) dt sqrt(1/dx^2 + 1/dy^2) <= sqrt(theta),
// so k = sqrt((1/dx^2 + 1/dy^2) / theta) and alpha (hydro.cfl) is the fraction of
// the limit taken. Bates et al.'s (2010, eq. 12) dt = alpha dx / sqrt(g h) is the
// one-dimensional rule at theta = 1; in 2D it passes the limit for alpha above 0.59
// (theta 0.7) or 0.71 (theta 1), and a disturbance on still water, where friction damps
// nothing, then grew until cells ran dry (measured: tests/hydro/validation_inertial.cpp).
inline double inertial_wave_factor(const Grid& grid, double theta) {
    const double rdx = 1.0 / grid.dx_m, rdy = 1.0 / grid.dy_m;
    return std::sqrt((rdx * rdx + rdy * rdy) / theta);
}

// The inertial step's speed bound in 1/s, sqrt(g h_max) inertial_wave_factor: dt = alpha / speed.
double inertial_speed(const Grid& grid, const State& s, double g, double theta, int threads);

// Face discharges for a state given by cell discharges (set_state, a hot start from a
// finite-volume checkpoint): the mean of the two cells on each wet interior face, 0
// on the edges.
void faces_from_cells(const Grid& grid, std::span<const double> bed_m, const State& s, double dry_depth_m,
                      FaceDischarges& q);

// One step of dt from t0_s: the face discharges (the edges by their boundaries, then
// the interior), the donors' factors, then the depths, rain, loss and envelopes
// (FinalSweep, as fv1's final sweep) with the per-row results, in place in `s` and
// `q`, over the tiles near water by `wet` (the flags of `s`, updated). s.hu and s.hv
// come out as the means of each cell's two faces along x and y (for the maps and the
// envelopes' speed). The boundaries' volumes are added to `accounts`, edge by edge
// along each edge (as commit_crossings does).
void inertial_step(const InertialCase& ic, double t0_s, double dt, const FinalSweep& f, State& s, TileActivity& wet,
                   FaceDischarges& q, InertialScratch& scratch, RowResults& r, std::vector<FlowAccount>& accounts);

}  // namespace floodtwin::hydro
