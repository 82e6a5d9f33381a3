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

// U + dt L(U) for one cell; dtdx = dt/dx, dtdy = dt/dy. SecondOrder adds the bed term
// g/2 (h+ + h-)(z+ - z-) = g h (s_h - s_eta) of the second-order hydrostatic
// reconstruction (Audusse et al. 2004). Blend averages the result with
// `old` (the second stage of SSP-RK2, Gottlieb & Shu 1998: (U + U1 + dt L(U1)) / 2).
template <bool SecondOrder, bool Blend>
inline Divergence flux_divergence(const CellState& u, const CellFaces& f, const CellSlopes& s, const CellState& old,
                                  double dtdx, double dtdy, double g) {
    double hn = u.h - dtdx * (f.mass_e - f.mass_w) - dtdy * (f.mass_n - f.mass_s);
    double hun = u.hu - dtdx * (f.momx_e - f.momx_w) - dtdy * (f.momx_n - f.momx_s);
    double hvn = u.hv - dtdx * (f.momy_e - f.momy_w) - dtdy * (f.momy_n - f.momy_s);
    if constexpr (SecondOrder) {
        hun += dtdx * g * u.h * (s.hx - s.etax);
        hvn += dtdy * g * u.h * (s.hy - s.etay);
    }
    if constexpr (Blend) {
        hn = 0.5 * (old.h + hn);
        hun = 0.5 * (old.hu + hun);
        hvn = 0.5 * (old.hv + hvn);
    }
    // Under the CFL condition the depth cannot go negative; this removes round-off
    // below zero, and the driver accounts what it adds (MassLedger::positivity_added_m3).
    const double h = std::max(hn, 0.0);
    return {{h, hun, hvn}, h - hn};
}

// An intermediate stage: a dry cell keeps its water but no momentum.
struct StageCell {
    CellState s;
    double cfl_speed;  // 1/s, see cfl.hpp
};

inline StageCell finish_stage_cell(const CellState& d, double g, double dry_depth, double rdx, double rdy) {
    const bool wet = d.h > dry_depth;
    const double hu = wet ? d.hu : 0.0;
    const double hv = wet ? d.hv : 0.0;
    const double inv_h = wet ? 1.0 / d.h : 0.0;
    return {{d.h, hu, hv}, cfl_speed(d.h, hu * inv_h, hv * inv_h, g, rdx, rdy)};
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
// water present), then point-implicit Manning friction on the new depth (friction.hpp).
inline FinalCell finish_final_cell(const CellState& d, const CellSources& src, double dt, double g, double dry_depth,
                                   double rdx, double rdy) {
    double h = d.h + src.rain_m;
    const double loss = std::min(h, src.loss_rate_m_s * dt);
    h -= loss;
    const bool wet = h > dry_depth;
    // One division and one square root serve friction, velocity and envelope.
    // n = 0 gives f = 1 exactly; computing it anyway keeps the cell branch-free.
    const double inv_h = wet ? 1.0 / h : 0.0;
    const double speed_before = std::sqrt(d.hu * d.hu + d.hv * d.hv) * inv_h;
    const double f = manning_factor_from_speed(wet ? h : 1.0, inv_h, speed_before, src.manning, dt, g);
    const double hu = wet ? d.hu * f : 0.0;
    const double hv = wet ? d.hv * f : 0.0;
    return {{h, hu, hv}, loss, speed_before * f, cfl_speed(h, hu * inv_h, hv * inv_h, g, rdx, rdy)};
}

}  // namespace floodtwin::hydro
