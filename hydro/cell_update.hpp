#pragma once
// Pointwise update of one cell from the fluxes through its four faces: the flux
// divergence, and for the last stage of a step rain, loss, friction, envelopes and the
// CFL speed. The row kernels (row_kernels.hpp) apply these cell by cell.
#include <algorithm>
#include <cmath>

#include "hydro/cfl.hpp"
#include "hydro/friction.hpp"

namespace floodtwin::hydro {

// Depth (m) and unit discharges (m2/s) of a cell.
struct CellState {
    double h, hu, hv;
};

// Fluxes through the four faces of a cell as the cell sees them: mass (m2/s),
// x momentum and y momentum (m3/s2), each positive along its axis. Across a bed
// step the two sides of a face see different normal momentum (the pressure terms
// of the hydrostatic reconstruction), so these are the cell's own side.
struct CellFaces {
    double mass_w, mass_e, mass_s, mass_n;
    double momx_w, momx_e, momx_s, momx_n;
    double momy_w, momy_e, momy_s, momy_n;
};

// The centred bed term of the second-order hydrostatic reconstruction needs the
// cell's limited differences of depth and level along x and along y.
struct CellSlopes {
    double hx, etax, hy, etay;
};

// The flux divergence and what the clamp at zero depth added to it.
struct Divergence {
    CellState s;
    double positivity_added_m;  // depth that max(h, 0) added: 0 unless h came out < 0
};

// U + dt L(U) for one cell, before the clamp at zero; dtdx = dt/dx, dtdy = dt/dy.
// SecondOrder adds the bed term g/2 (h+ + h-)(z+ - z-) = g h (s_h - s_eta) of the
// second-order hydrostatic reconstruction (Audusse et al. 2004).
template <bool SecondOrder>
inline CellState euler_update(const CellState& u, const CellFaces& f, const CellSlopes& s, double dtdx, double dtdy,
                              double g) {
    const double hn = u.h - dtdx * (f.mass_e - f.mass_w) - dtdy * (f.mass_n - f.mass_s);
    double hun = u.hu - dtdx * (f.momx_e - f.momx_w) - dtdy * (f.momx_n - f.momx_s);
    double hvn = u.hv - dtdx * (f.momy_e - f.momy_w) - dtdy * (f.momy_n - f.momy_s);
    if constexpr (SecondOrder) {
        hun += dtdx * g * u.h * (s.hx - s.etax);
        hvn += dtdy * g * u.h * (s.hy - s.etay);
    }
    return {hn, hun, hvn};
}

// Implicit Manning friction over dt (friction.hpp) on a state after its flux update,
// the speed it leaves and 1/h; a cell at or below the dry depth keeps no momentum.
struct Friction {
    CellState s;
    double speed_m_s;
    double inv_h;  // 0 where dry
};

inline Friction apply_friction(const CellState& d, double manning, double dt, double g, double dry_depth) {
    const bool wet = d.h > dry_depth;
    // One division and one square root serve friction, velocity and envelope.
    // n = 0 gives f = 1 exactly; computing it anyway keeps the cell branch-free.
    const double inv_h = wet ? 1.0 / d.h : 0.0;
    const double speed_before = std::sqrt(d.hu * d.hu + d.hv * d.hv) * inv_h;
    const double f = manning_factor_from_speed(wet ? d.h : 1.0, inv_h, speed_before, manning, dt, g);
    return {{d.h, wet ? d.hu * f : 0.0, wet ? d.hv * f : 0.0}, speed_before * f, inv_h};
}

// U + dt L(U) clamped at zero depth. Blend averages it with `old` (the second stage of
// SSP-RK2, Gottlieb & Shu 1998: (U + U1 + dt L(U1)) / 2), after friction over dt on
// U1 + dt L(U1): each forward-Euler stage of the pair then ends with friction, as
// the first does (finish_stage_cell), so a sheet at normal flow stays there through
// both stages. Friction applied once after the average instead left the second
// stage's fluxes running at the first stage's frictionless speed, which on a steep
// slope is many times the flow's (the sheet ran 40 % too shallow).
template <bool SecondOrder, bool Blend>
inline Divergence flux_divergence(const CellState& u, const CellFaces& f, const CellSlopes& s, const CellState& old,
                                  double dtdx, double dtdy, double g, double manning, double dt, double dry_depth) {
    CellState e = euler_update<SecondOrder>(u, f, s, dtdx, dtdy, g);
    if constexpr (Blend) {
        e = apply_friction(e, manning, dt, g, dry_depth).s;
        e = {0.5 * (old.h + e.h), 0.5 * (old.hu + e.hu), 0.5 * (old.hv + e.hv)};
    }
    // Under the CFL condition the depth cannot go negative; this removes round-off
    // below zero, and the driver accounts what it adds (MassLedger::positivity_added_m3).
    const double h = std::max(e.h, 0.0);
    return {{h, e.hu, e.hv}, h - e.h};
}

// An intermediate stage: friction over dt, then a dry cell keeps its water but no momentum.
struct StageCell {
    CellState s;
    double cfl_speed;  // 1/s, see cfl.hpp
};

inline StageCell finish_stage_cell(const CellState& d, double manning, double dt, double g, double dry, double rdx,
                                   double rdy) {
    const Friction fr = apply_friction(d, manning, dt, g, dry);
    return {fr.s, cfl_speed(d.h, fr.s.hu * fr.inv_h, fr.s.hv * fr.inv_h, g, rdx, rdy)};
}

// What a flood map is made of, per cell: deepest water and when, fastest flow, and
// the first time the depth passed the arrival depth (NaN until then).
struct Envelope {
    double max_depth_m, max_speed_m_s, time_of_max_depth_s, arrival_time_s;
};

inline Envelope update_envelope(const Envelope& e, double h, double speed_m_s, double t_s, double arrival_depth_m) {
    const bool deeper = h > e.max_depth_m;
    const bool arrives = e.arrival_time_s != e.arrival_time_s && h > arrival_depth_m;  // x != x: NaN, not yet
    return {deeper ? h : e.max_depth_m, std::max(e.max_speed_m_s, speed_m_s), deeper ? t_s : e.time_of_max_depth_s,
            arrives ? t_s : e.arrival_time_s};
}

// The sources of the last stage at one cell.
struct CellSources {
    double rain_m;          // rain depth this step
    double loss_rate_m_s;   // infiltration, drainage
    double manning;         // s m^(-1/3)
};

struct FinalCell {
    CellState s;
    double loss_m;      // depth the loss took: never more than the water present
    double speed_m_s;   // |V| after friction, for the envelope
    double cfl_speed;   // 1/s, see cfl.hpp
};

// The last stage after the flux divergence: rain in, then the loss (limited by the
// water present), then, unless the stage applied it already (flux_divergence with
// Blend), implicit Manning friction on the new depth (friction.hpp).
template <bool WithFriction>
inline FinalCell finish_final_cell(const CellState& d, const CellSources& src, double dt, double g, double dry_depth,
                                   double rdx, double rdy) {
    double h = d.h + src.rain_m;
    const double loss = std::min(h, src.loss_rate_m_s * dt);
    h -= loss;
    if constexpr (WithFriction) {
        const Friction fr = apply_friction({h, d.hu, d.hv}, src.manning, dt, g, dry_depth);
        return {fr.s, loss, fr.speed_m_s, cfl_speed(h, fr.s.hu * fr.inv_h, fr.s.hv * fr.inv_h, g, rdx, rdy)};
    } else {
        const bool wet = h > dry_depth;
        const double inv_h = wet ? 1.0 / h : 0.0;
        const double hu = wet ? d.hu : 0.0, hv = wet ? d.hv : 0.0;
        return {{h, hu, hv}, loss, std::sqrt(hu * hu + hv * hv) * inv_h, cfl_speed(h, hu * inv_h, hv * inv_h, g, rdx, rdy)};
    }
}

}  // namespace floodtwin::hydro
