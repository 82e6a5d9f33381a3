#pragma once
// Row kernels of the finite-volume step: plain loops over raw, non-aliasing rows that
// apply the pointwise kernels (reconstruction.hpp, flux.hpp, cell_update.hpp) cell by
// cell, so that GCC vectorises each one (check with -fopt-info-vec). The row sweep
// (row_sweep.cpp) owns the rows, the threads and the order; these only compute.
#include "hydro/cell_update.hpp"
#include "hydro/flux.hpp"
#include "hydro/reconstruction.hpp"

// Row kernels are kept out of line: inlined into the OpenMP region, GCC 12 loses the
// restrict qualifiers and stops vectorising the update loop. A call per row costs nothing.
#define FLOODTWIN_ROW_KERNEL [[gnu::noinline]] inline

namespace floodtwin::hydro::rows {

// Face fluxes of one row of faces, structure of arrays.
struct FaceRow {
    double* __restrict m;   // mass
    double* __restrict nl;  // normal momentum seen by the cell on the low side
    double* __restrict nr;  // normal momentum seen by the cell on the high side
    double* __restrict t;   // tangential momentum
};

FLOODTWIN_ROW_KERNEL void velocities(const double* __restrict h, const double* __restrict hu, const double* __restrict hv,
                       double* __restrict u, double* __restrict v, int n, double dry) {
    for (int i = 0; i < n; ++i) {
        const double inv_h = h[i] > dry ? 1.0 / h[i] : 0.0;  // one division for both components
        u[i] = hu[i] * inv_h;
        v[i] = hv[i] * inv_h;
    }
}

// Limited differences (muscl_slopes) of each cell of a line of three: m (before),
// c (the cell), p (after).
FLOODTWIN_ROW_KERNEL void slopes(const double* __restrict hm, const double* __restrict hc, const double* __restrict hp,
                   const double* __restrict zm, const double* __restrict zc, const double* __restrict zp,
                   const double* __restrict um, const double* __restrict uc, const double* __restrict up,
                   const double* __restrict vm, const double* __restrict vc, const double* __restrict vp,
                   double* __restrict sh, double* __restrict se, double* __restrict su, double* __restrict sv,
                   int n, double dry) {
    for (int i = 0; i < n; ++i) {
        const Slopes s = muscl_slopes(hm[i], hc[i], hp[i], zm[i], zc[i], zp[i], um[i], uc[i], up[i], vm[i], vc[i],
                                      vp[i], dry);
        sh[i] = s.h;
        se[i] = s.eta;
        su[i] = s.u;
        sv[i] = s.v;
    }
}

// First-order faces between cells a[i] (low side) and b[i] (high side); un is the
// velocity normal to the face, ut along it.
FLOODTWIN_ROW_KERNEL void faces_fv1(const double* __restrict ha, const double* __restrict za, const double* __restrict una,
                      const double* __restrict uta, const double* __restrict hb, const double* __restrict zb,
                      const double* __restrict unb, const double* __restrict utb, FaceRow f, int n, double g) {
    for (int i = 0; i < n; ++i) {
        const FaceFlux ff = hydrostatic_flux(ha[i], una[i], uta[i], za[i], hb[i], unb[i], utb[i], zb[i], g);
        f.m[i] = ff.mass;
        f.nl[i] = ff.mom_n_left;
        f.nr[i] = ff.mom_n_right;
        f.t[i] = ff.mom_t;
    }
}

// Second-order faces: each side is its cell's MUSCL value at the face (muscl_face),
// then the hydrostatic flux between the two.
FLOODTWIN_ROW_KERNEL void faces_fv2(const double* __restrict ha, const double* __restrict za, const double* __restrict una,
                      const double* __restrict uta, const double* __restrict sha, const double* __restrict sea,
                      const double* __restrict suna, const double* __restrict suta, const double* __restrict hb,
                      const double* __restrict zb, const double* __restrict unb, const double* __restrict utb,
                      const double* __restrict shb, const double* __restrict seb, const double* __restrict sunb,
                      const double* __restrict sutb, FaceRow f, int n, double g) {
    for (int i = 0; i < n; ++i) {
        const FaceSide l = muscl_face(ha[i], za[i], una[i], uta[i], sha[i], sea[i], suna[i], suta[i], 0.5);
        const FaceSide r = muscl_face(hb[i], zb[i], unb[i], utb[i], shb[i], seb[i], sunb[i], sutb[i], -0.5);
        const FaceFlux ff = hydrostatic_flux(l.h, l.un, l.ut, l.z, r.h, r.un, r.ut, r.z, g);
        f.m[i] = ff.mass;
        f.nl[i] = ff.mom_n_left;
        f.nr[i] = ff.mom_n_right;
        f.t[i] = ff.mom_t;
    }
}

// The fluxes cell i of a row sees: fx holds n + 1 x-faces (face i is the west face of
// cell i, the cell on its high side); below and above hold the y-faces under and
// over the row. Normal momentum is x momentum on x-faces, y momentum on y-faces.
inline CellFaces cell_faces(int i, const FaceRow& fx, const FaceRow& below, const FaceRow& above) {
    return {fx.m[i],  fx.m[i + 1],  below.m[i],  above.m[i],   // mass
            fx.nr[i], fx.nl[i + 1], below.t[i],  above.t[i],   // x momentum
            fx.t[i],  fx.t[i + 1],  below.nr[i], above.nl[i]}; // y momentum
}

// The limited differences of cell i (fv2); nothing for fv1, which passes null rows.
template <bool SecondOrder>
inline CellSlopes cell_slopes(int i, const double* __restrict sxh, const double* __restrict sxe,
                              const double* __restrict syh, const double* __restrict sye) {
    if constexpr (SecondOrder)
        return {sxh[i], sxe[i], syh[i], sye[i]};
    else
        return {0.0, 0.0, 0.0, 0.0};
}

// The old state of cell i that Blend averages with (the second RK stage updates in place).
template <bool Blend>
inline CellState blend_base(int i, const double* __restrict oh, const double* __restrict ohu,
                            const double* __restrict ohv) {
    if constexpr (Blend)
        return {oh[i], ohu[i], ohv[i]};
    else
        return {0.0, 0.0, 0.0};
}

// An intermediate stage (finish_stage_cell): the new state after friction over dt, the
// CFL speed of each cell and the depth the clamp at zero added.
template <bool SecondOrder, bool Blend>
FLOODTWIN_ROW_KERNEL void update(const double* __restrict h, const double* __restrict hu, const double* __restrict hv,
                                 const FaceRow fx, const FaceRow below, const FaceRow above,
                                 const double* __restrict sxh, const double* __restrict sxe,
                                 const double* __restrict syh, const double* __restrict sye, double* __restrict oh,
                                 double* __restrict ohu, double* __restrict ohv, double* __restrict cfl_speed,
                                 double* __restrict positivity_added, const double* __restrict manning, int n,
                                 double dt, double dtdx, double dtdy, double g, double dry, double rdx, double rdy) {
    for (int i = 0; i < n; ++i) {
        const Divergence d = flux_divergence<SecondOrder, Blend>(
            {h[i], hu[i], hv[i]}, cell_faces(i, fx, below, above), cell_slopes<SecondOrder>(i, sxh, sxe, syh, sye),
            blend_base<Blend>(i, oh, ohu, ohv), dtdx, dtdy, g, manning[i], dt, dry);
        const StageCell c = finish_stage_cell(d.s, manning[i], dt, g, dry, rdx, rdy);
        oh[i] = c.s.h;
        ohu[i] = c.s.hu;
        ohv[i] = c.s.hv;
        cfl_speed[i] = c.cfl_speed;
        positivity_added[i] = d.positivity_added_m;
    }
}

// Per-row inputs and outputs of the final stage beyond the state itself.
struct FinalRow {
    const double* __restrict rain_weight;  // times rain_depth
    const double* __restrict loss_rate;    // m/s
    const double* __restrict manning;      // s m^(-1/3)
    double* __restrict loss_taken;         // m this step
    double* __restrict positivity_added;   // m the clamp at zero added
    double* __restrict cfl_speed;          // (|u| + c)/dx + (|v| + c)/dy
    double* __restrict max_h;
    double* __restrict max_speed;
    double* __restrict t_max;
    double* __restrict arrival;
};

// The final stage in one pass (flux_divergence, finish_final_cell, update_envelope):
// flux divergence, rain (depth this step times a weight), loss limited by the water
// present, implicit Manning friction (before the blend with Blend), envelopes at time t
// and the CFL speed.
template <bool SecondOrder, bool Blend>
FLOODTWIN_ROW_KERNEL void update_final(const double* __restrict h, const double* __restrict hu,
                                       const double* __restrict hv, const FaceRow fx, const FaceRow below,
                                       const FaceRow above, const double* __restrict sxh,
                                       const double* __restrict sxe, const double* __restrict syh,
                                       const double* __restrict sye, double* __restrict oh, double* __restrict ohu,
                                       double* __restrict ohv, const FinalRow r, int n, double dt, double dtdx,
                                       double dtdy, double g, double dry, double rain_depth, double t,
                                       double arrival_depth, double rdx, double rdy) {
    for (int i = 0; i < n; ++i) {
        const Divergence d = flux_divergence<SecondOrder, Blend>(
            {h[i], hu[i], hv[i]}, cell_faces(i, fx, below, above), cell_slopes<SecondOrder>(i, sxh, sxe, syh, sye),
            blend_base<Blend>(i, oh, ohu, ohv), dtdx, dtdy, g, r.manning[i], dt, dry);
        const FinalCell c = finish_final_cell<!Blend>(
            d.s, {rain_depth * r.rain_weight[i], r.loss_rate[i], r.manning[i]}, dt, g, dry, rdx, rdy);
        oh[i] = c.s.h;
        ohu[i] = c.s.hu;
        ohv[i] = c.s.hv;
        r.loss_taken[i] = c.loss_m;
        r.positivity_added[i] = d.positivity_added_m;
        r.cfl_speed[i] = c.cfl_speed;
        const Envelope e = update_envelope({r.max_h[i], r.max_speed[i], r.t_max[i], r.arrival[i]}, c.s.h, c.speed_m_s,
                                           t, arrival_depth);
        r.max_h[i] = e.max_depth_m;
        r.max_speed[i] = e.max_speed_m_s;
        r.t_max[i] = e.time_of_max_depth_s;
        r.arrival[i] = e.arrival_time_s;
    }
}

}  // namespace floodtwin::hydro::rows
