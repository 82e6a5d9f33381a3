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

// Per edge slot, per face along it: the index of its boundary, or -1 (a wall).
using EdgeFaceMap = std::array<std::vector<int>, 4>;

// Fluxes through the faces of one edge in axis direction (the frame of the sweep):
// mass (m2/s), normal and tangential momentum (m3/s2).
struct EdgeFaces {
    std::vector<double> mass, mom_n, mom_t;
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
};

// Unit discharge (m2/s, >= 0, entering) through each face [b.begin, b.end) of inflow
// segment `b` over [t0_s, t0_s + dt_s], shared by conveyance over its wet cells; the
// finite-volume schemes and the inertial scheme (inertial_step.hpp) share it.
std::vector<double> inflow_unit_discharges(const BoundaryCase& bc, const EdgeBoundary& b, const State& s, double t0_s,
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
