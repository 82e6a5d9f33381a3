#pragma once
// MUSCL reconstruction for the second-order scheme: limited differences across a
// cell and the values they give at its faces.
#include <algorithm>
#include <cmath>

namespace floodtwin::hydro {

// minmod limiter (Roe 1986; van Leer 1979): the smaller one-sided difference when
// both have the same sign, zero at an extremum. It is the most dissipative TVD
// limiter, chosen because it keeps the reconstructed depth between neighbouring
// cell depths, which is what makes the face depths non-negative.
inline double minmod(double a, double b) {
    const double m = std::fabs(a) < std::fabs(b) ? a : b;
    return a * b > 0.0 ? m : 0.0;
}

// Limited differences across a cell along one axis: of depth, of level
// eta = h + z, and of the two velocities.
struct Slopes {
    double h, eta, u, v;
};

// Cell c between m (before it along the axis) and p (after it). Level rather than
// bed: a lake at rest has no level difference, so it reconstructs to a flat surface.
// A dry cell gets no velocity difference: its velocity is zero by definition, not a
// sample of the flow.
inline Slopes muscl_slopes(double hm, double hc, double hp, double zm, double zc, double zp, double um, double uc,
                           double up, double vm, double vc, double vp, double dry_depth) {
    const double em = hm + zm, ec = hc + zc, ep = hp + zp;
    const double wet = hc > dry_depth ? 1.0 : 0.0;
    return {minmod(hc - hm, hp - hc), minmod(ec - em, ep - ec), wet * minmod(uc - um, up - uc),
            wet * minmod(vc - vm, vp - vc)};
}

// The state a face sees from one side: depth, bed, normal and tangential velocity.
struct FaceSide {
    double h, z, un, ut;
};

// Value at the face of a cell: the cell value plus `half` times its limited
// difference (dh, deta, dun, dut: of depth, level, normal and tangential velocity),
// half = +1/2 at the face on the cell's high side, -1/2 at its low side. The bed
// follows from level minus depth, so a lake at rest reconstructs to a flat level
// (Audusse et al. 2004, section 2.3).
inline FaceSide muscl_face(double h, double z, double un, double ut, double dh, double deta, double dun, double dut,
                           double half) {
    const double hf = h + half * dh;
    return {hf, (h + z + half * deta) - hf, un + half * dun, ut + half * dut};
}

}  // namespace floodtwin::hydro
