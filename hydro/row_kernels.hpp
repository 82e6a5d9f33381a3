#pragma once
// Row kernels of the finite-volume step: plain loops over raw, non-aliasing rows,
// so that GCC vectorises each one (check with -fopt-info-vec). The driver
// (simulation.cpp) owns the rows, the threads and the order; these only compute.
#include <algorithm>
#include <cmath>

#include "hydro/flux.hpp"
#include "hydro/friction.hpp"
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

// Limited differences of depth, level, and (in wet cells) velocity across each
// cell of a line of three: m (before), c (the cell), p (after).
FLOODTWIN_ROW_KERNEL void slopes(const double* __restrict hm, const double* __restrict hc, const double* __restrict hp,
                   const double* __restrict zm, const double* __restrict zc, const double* __restrict zp,
                   const double* __restrict um, const double* __restrict uc, const double* __restrict up,
                   const double* __restrict vm, const double* __restrict vc, const double* __restrict vp,
                   double* __restrict sh, double* __restrict se, double* __restrict su, double* __restrict sv,
                   int n, double dry) {
    for (int i = 0; i < n; ++i) {
        const double h0 = hc[i];
        const double em = hm[i] + zm[i], e0 = h0 + zc[i], ep = hp[i] + zp[i];
        sh[i] = minmod(h0 - hm[i], hp[i] - h0);
        se[i] = minmod(e0 - em, ep - e0);
        const double wet = h0 > dry ? 1.0 : 0.0;
        su[i] = wet * minmod(uc[i] - um[i], up[i] - uc[i]);
        sv[i] = wet * minmod(vc[i] - vm[i], vp[i] - vc[i]);
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

// Second-order faces: each side is its cell value plus or minus half the limited
// difference; the bed at the face follows from level minus depth, so a lake at
// rest reconstructs to a flat level (Audusse et al. 2004, section 2.3).
FLOODTWIN_ROW_KERNEL void faces_fv2(const double* __restrict ha, const double* __restrict za, const double* __restrict una,
                      const double* __restrict uta, const double* __restrict sha, const double* __restrict sea,
                      const double* __restrict suna, const double* __restrict suta, const double* __restrict hb,
                      const double* __restrict zb, const double* __restrict unb, const double* __restrict utb,
                      const double* __restrict shb, const double* __restrict seb, const double* __restrict sunb,
                      const double* __restrict sutb, FaceRow f, int n, double g) {
    for (int i = 0; i < n; ++i) {
        const double hL = ha[i] + 0.5 * sha[i];
        const double zL = (ha[i] + za[i] + 0.5 * sea[i]) - hL;
        const double hR = hb[i] - 0.5 * shb[i];
        const double zR = (hb[i] + zb[i] - 0.5 * seb[i]) - hR;
        const FaceFlux ff = hydrostatic_flux(hL, una[i] + 0.5 * suna[i], uta[i] + 0.5 * suta[i], zL, hR,
                                             unb[i] - 0.5 * sunb[i], utb[i] - 0.5 * sutb[i], zR, g);
        f.m[i] = ff.mass;
        f.nl[i] = ff.mom_n_left;
        f.nr[i] = ff.mom_n_right;
        f.t[i] = ff.mom_t;
    }
}

// Flux divergence of one cell. fx holds n + 1 x-faces (face i is the west face of
// cell i); below and above hold the y-faces under and over the row. With slopes
// (fv2) the centred bed term of the second-order hydrostatic reconstruction is
// added: g/2 (h+ + h-)(z+ - z-) = g h (s_h - s_eta). With Blend (second RK stage)
// the result is averaged with what `o*` holds.
struct Divergence {
    double h, hu, hv;
};

template <bool SecondOrder, bool Blend>
inline Divergence advance_cell(int i, const double* __restrict h, const double* __restrict hu,
                               const double* __restrict hv, const FaceRow& fx, const FaceRow& below,
                               const FaceRow& above, const double* __restrict sxh, const double* __restrict sxe,
                               const double* __restrict syh, const double* __restrict sye,
                               const double* __restrict oh, const double* __restrict ohu,
                               const double* __restrict ohv, double dtdx, double dtdy, double g) {
    const double h0 = h[i];
    double hn = h0 - dtdx * (fx.m[i + 1] - fx.m[i]) - dtdy * (above.m[i] - below.m[i]);
    double hun = hu[i] - dtdx * (fx.nl[i + 1] - fx.nr[i]) - dtdy * (above.t[i] - below.t[i]);
    double hvn = hv[i] - dtdx * (fx.t[i + 1] - fx.t[i]) - dtdy * (above.nl[i] - below.nr[i]);
    if constexpr (SecondOrder) {
        hun += dtdx * g * h0 * (sxh[i] - sxe[i]);
        hvn += dtdy * g * h0 * (syh[i] - sye[i]);
    }
    if constexpr (Blend) {
        hn = 0.5 * (oh[i] + hn);
        hun = 0.5 * (ohu[i] + hun);
        hvn = 0.5 * (ohv[i] + hvn);
    }
    // Under the CFL condition the depth cannot go negative; this only removes
    // round-off below zero.
    return {std::max(hn, 0.0), hun, hvn};
}

// An intermediate stage: the new state and its CFL speed (|u| + c)/dx + (|v| + c)/dy.
template <bool SecondOrder, bool Blend>
FLOODTWIN_ROW_KERNEL void update(const double* __restrict h, const double* __restrict hu, const double* __restrict hv,
                                 const FaceRow fx, const FaceRow below, const FaceRow above,
                                 const double* __restrict sxh, const double* __restrict sxe,
                                 const double* __restrict syh, const double* __restrict sye, double* __restrict oh,
                                 double* __restrict ohu, double* __restrict ohv, double* __restrict cfl_speed, int n,
                                 double dtdx, double dtdy, double g, double dry, double rdx, double rdy) {
    for (int i = 0; i < n; ++i) {
        const Divergence d = advance_cell<SecondOrder, Blend>(i, h, hu, hv, fx, below, above, sxh, sxe, syh, sye, oh,
                                                              ohu, ohv, dtdx, dtdy, g);
        const bool wet = d.h > dry;
        const double hun = wet ? d.hu : 0.0;
        const double hvn = wet ? d.hv : 0.0;
        oh[i] = d.h;
        ohu[i] = hun;
        ohv[i] = hvn;
        const double inv_h = wet ? 1.0 / d.h : 0.0;
        const double cel = std::sqrt(g * d.h);
        cfl_speed[i] = (std::fabs(hun * inv_h) + cel) * rdx + (std::fabs(hvn * inv_h) + cel) * rdy;
    }
}

// Per-row inputs and outputs of the final stage beyond the state itself.
struct FinalRow {
    const double* __restrict rain_weight;  // times rain_depth
    const double* __restrict loss_rate;    // m/s
    const double* __restrict manning;      // s m^(-1/3)
    double* __restrict loss_taken;         // m this step
    double* __restrict cfl_speed;          // (|u| + c)/dx + (|v| + c)/dy
    double* __restrict max_h;
    double* __restrict max_speed;
    double* __restrict t_max;
    double* __restrict arrival;
};

// The final stage in one pass: flux divergence, rain (depth this step times a
// weight), loss limited by the water present, point-implicit Manning friction,
// envelopes at time t and the CFL speed of each cell.
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
        const Divergence d = advance_cell<SecondOrder, Blend>(i, h, hu, hv, fx, below, above, sxh, sxe, syh, sye, oh,
                                                              ohu, ohv, dtdx, dtdy, g);
        double hn = d.h + rain_depth * r.rain_weight[i];
        const double loss = std::min(hn, r.loss_rate[i] * dt);
        hn -= loss;
        r.loss_taken[i] = loss;
        const bool wet = hn > dry;
        // One division and one square root serve friction, velocity and envelope.
        // n = 0 gives f = 1 exactly; computing it anyway keeps the loop branch-free.
        const double inv_h = wet ? 1.0 / hn : 0.0;
        const double speed_before = std::sqrt(d.hu * d.hu + d.hv * d.hv) * inv_h;
        const double f = manning_factor_from_speed(wet ? hn : 1.0, inv_h, speed_before, r.manning[i], dt, g);
        const double hun = wet ? d.hu * f : 0.0;
        const double hvn = wet ? d.hv * f : 0.0;
        oh[i] = hn;
        ohu[i] = hun;
        ohv[i] = hvn;

        const double u = hun * inv_h;
        const double v = hvn * inv_h;
        const double cel = std::sqrt(g * hn);
        r.cfl_speed[i] = (std::fabs(u) + cel) * rdx + (std::fabs(v) + cel) * rdy;
        const bool deeper = hn > r.max_h[i];
        r.t_max[i] = deeper ? t : r.t_max[i];
        r.max_h[i] = deeper ? hn : r.max_h[i];
        r.max_speed[i] = std::max(r.max_speed[i], speed_before * f);
        const double a = r.arrival[i];
        r.arrival[i] = (a != a && hn > arrival_depth) ? t : a;  // a != a: NaN, not yet arrived
    }
}


}  // namespace floodtwin::hydro::rows
