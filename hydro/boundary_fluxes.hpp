#pragma once
// Fluxes through the domain edge for one stage of a step, from the state and the
// boundary conditions. Pure: the result says what crosses each face and each
// boundary; the driver commits the volumes to the ledger once it accepts the stage.
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "hydro/boundary.hpp"
#include "hydro/cell_field.hpp"
#include "hydro/grid.hpp"
#include "hydro/mass_ledger.hpp"
#include "hydro/reconstruction.hpp"
#include "hydro/state.hpp"

namespace floodtwin::hydro {

// Slots of the four edges in the arrays below, in the order of Edge.
inline constexpr int kWest = 0;
inline constexpr int kEast = 1;
inline constexpr int kSouth = 2;
inline constexpr int kNorth = 3;

inline int edge_slot(Edge e) {
    switch (e) {
        case Edge::west: return kWest;
        case Edge::east: return kEast;
        case Edge::south: return kSouth;
        case Edge::north: return kNorth;
    }
    return kWest;
}

// Faces along an edge: ny on the west and east edges (counted by j), nx on the south
// and north edges (counted by i).
inline int edge_length(const Grid& g, int slot) { return slot < 2 ? g.ny : g.nx; }

// Solver index of the cell inside the k-th face along edge `slot`.
inline std::size_t edge_cell(const Grid& g, int slot, int k) {
    switch (slot) {
        case kWest: return g.index(0, k);
        case kEast: return g.index(g.nx - 1, k);
        case kSouth: return g.index(k, 0);
        default: return g.index(k, g.ny - 1);
    }
}

// Cells across the grid from edge `slot` inward: nx from the west and east edges,
// ny from the south and north.
inline int edge_reach(const Grid& g, int slot) { return slot < 2 ? g.nx : g.ny; }

// Solver index of the cell `steps` cells inward of the k-th edge cell (steps = 0: the
// edge cell itself); steps < edge_reach().
inline std::size_t inward_cell(const Grid& g, int slot, int k, int steps) {
    switch (slot) {
        case kWest: return g.index(steps, k);
        case kEast: return g.index(g.nx - 1 - steps, k);
        case kSouth: return g.index(k, steps);
        default: return g.index(k, g.ny - 1 - steps);
    }
}

// How far the bed falls across the edge at its k-th face, continuing the bed slope
// of the two cells inside it: minmod of the last two bed steps towards the edge
// (reconstruction.hpp), so a bed that rises or bends back towards the edge, or a
// closed wall of outside cells just inside it, gives 0. Negative: the bed rises.
double outward_bed_drop(const Grid& g, std::span<const double> bed_m, int slot, int k);

// fv2 at a free edge: the edge cell's limited difference of level along the axis
// (muscl_slopes), between the cell inside it and the free edge's ghost, whose level
// lies `drop` (outward_bed_drop, >= 0) below the cell's. Its depth difference is left
// at zero, so the face depths stay those of the cell (positivity), and a lake at
// rest (a level surface) still gets none. `sign` is +1 on the east and north edges.
inline double free_edge_level_slope(double eta_cell, double eta_inner, double drop, double sign) {
    // Along the axis: the ghost lies on the outward side, the inner cell inward.
    return sign > 0.0 ? minmod(eta_cell - eta_inner, -drop) : minmod(drop, eta_inner - eta_cell);
}

// Per edge slot, per face along it: the index of its boundary, or -1 (a wall).
using EdgeFaceMap = std::array<std::vector<int>, 4>;

// Fluxes through the faces of one edge in axis direction (the frame of the sweep):
// mass (m2/s), normal and tangential momentum (m3/s2).
struct EdgeFaces {
    std::vector<double> mass, mom_n, mom_t;
    // fv2 only, else 0: the limited difference of level along the axis of the edge cell
    // at each free face, taken against the ghost beyond it (free_edge_level_slope); the
    // sweep reconstructs the edge cell with it instead of no slope at all.
    std::vector<double> eta_slope;
};

// Water that crossed boundary `boundary` through one face: positive in, negative
// out, over the whole step dt (the stage weight is applied when committed).
struct FaceCrossing {
    int boundary;
    double volume_in_m3;
};

struct BoundaryFluxes {
    std::array<EdgeFaces, 4> edges;
    std::vector<FaceCrossing> crossings;       // faces carrying mass, edge by edge, along each edge

    void resize(const Grid& g);
};

// What the edge fluxes are computed from besides the state.
struct BoundaryCase {
    const Grid& grid;
    std::span<const double> bed_m;
    const CellField& manning;  // shares an inflow among the cells of its segment
    std::span<const EdgeBoundary> boundaries;
    const EdgeFaceMap& face_boundary;
    double gravity_m_s2;
    double dry_depth_m;
    bool second_order;  // fv2: free edges meet the edge cell's reconstructed face
};

// Unit discharge (m2/s, >= 0, entering) through each face [b.begin, b.end) of inflow
// segment `b` over [t0_s, t0_s + dt_s], shared by conveyance over its wet cells; the
// finite-volume schemes and the inertial scheme (inertial_step.hpp) share it.
std::vector<double> inflow_unit_discharges(const BoundaryCase& bc, const EdgeBoundary& b, const State& s, double t0_s,
                                           double dt_s);

// Unit discharge (m2/s, >= 0, leaving) through each face [b.begin, b.end) of an
// outflow segment: normal_depth, Manning's h^(5/3) S^(1/2) / n at each edge cell's
// depth; rating, the rating's discharge at the segment's level (the highest level of
// its wet cells: the water surface across a channel is level) shared by conveyance.
// Each face is held to h (max(un, 0) + c), the most a step under the CFL condition can
// take out of its cell, so neither can drain a cell below empty (a frictionless
// normal_depth edge leaves at that speed). The schemes share it.
std::vector<double> outflow_unit_discharges(const BoundaryCase& bc, const EdgeBoundary& b, const State& s);

// Per boundary, the unit discharges of its faces where the boundary sets them: inflow
// (inflow_unit_discharges over [t0_s, t0_s + dt_s]), normal_depth and rating
// (outflow_unit_discharges); empty for the others. The schemes share it.
std::vector<std::vector<double>> boundary_unit_discharges(const BoundaryCase& bc, const State& s, double t0_s,
                                                          double dt_s);

// The edge fluxes of one stage from state `s`: stage levels taken at t_stage_s,
// inflow discharges averaged over the whole step [t0_s, t0_s + dt_s] so that the
// volume let in matches the hydrograph's integral. Overwrites all of `out`.
void compute_boundary_fluxes(const BoundaryCase& bc, const State& s, double t0_s, double t_stage_s, double dt_s,
                             BoundaryFluxes& out);

// Adds the crossings of an accepted stage, times `weight` (1 for fv1, 1/2 per RK
// stage for fv2), to the boundaries' accounts, one face after another in the order
// they were found.
void commit_crossings(const BoundaryFluxes& f, double weight, std::vector<FlowAccount>& accounts);

}  // namespace floodtwin::hydro
