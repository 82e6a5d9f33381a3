#include "hydro/point_inflows.hpp"

#include <algorithm>

#include "hydro/cfl.hpp"
#include "hydro/flux.hpp"

namespace floodtwin::hydro {

double point_cell_speed(const PointInflowCase& pc, const State& s, std::size_t c, double h) {
    const double dry = pc.dry_depth_m;
    return cfl_speed(h, velocity(h, s.hu[c], dry), velocity(h, s.hv[c], dry), pc.gravity_m_s2, 1.0 / pc.grid.dx_m,
                     1.0 / pc.grid.dy_m);
}

double limit_dt_for_point_inflows(const PointInflowCase& pc, const State& s, double t_s, double dt, double cfl) {
    if (pc.points.empty()) return dt;
    const double area = pc.grid.cell_area_m2();
    // Twice: the shorter step brings less water, so a little more may be allowed.
    for (int pass = 0; pass < 2; ++pass) {
        double speed = 0.0;
        for (const auto& p : pc.points) {
            const double dh = p.discharge_m3_s.integral(t_s, t_s + dt) / static_cast<double>(p.cells.size()) / area;
            for (auto c : p.cells) speed = std::max(speed, point_cell_speed(pc, s, c, s.h[c] + dh));
        }
        if (speed * dt > cfl) dt = cfl / speed;
    }
    return dt;
}

double add_point_inflows(const PointInflowCase& pc, double t0_s, double dt, State& s,
                         TileActivity& wet, MassLedger& ledger) {
    const double area = pc.grid.cell_area_m2();
    double speed = 0.0;
    for (std::size_t p = 0; p < pc.points.size(); ++p) {
        const PointInflow& pi = pc.points[p];
        const double volume = pi.discharge_m3_s.integral(t0_s, t0_s + dt);
        if (!(volume > 0.0)) continue;
        const double per_cell = volume / static_cast<double>(pi.cells.size()) / area;
        for (auto c : pi.cells) {
            s.h[c] += per_cell;
            wet.mark_cell(c);
            speed = std::max(speed, point_cell_speed(pc, s, c, s.h[c]));
        }
        ledger.point_inflows[p].in_m3 += volume;
        ledger.storage_m3 += volume;
    }
    return speed;
}

}  // namespace floodtwin::hydro
