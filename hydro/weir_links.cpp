#include "hydro/weir_links.hpp"

#include <algorithm>
#include <cmath>

#include "hydro/cfl.hpp"
#include "hydro/flux.hpp"

namespace floodtwin::hydro {

double weir_unit_discharge(double h1_m, double h2_m, double coefficient) {
    if (!(h1_m > 0.0)) return 0.0;
    const double free = coefficient * h1_m * std::sqrt(h1_m);
    if (!(h2_m > 0.0)) return free;
    const double r = std::min(h2_m / h1_m, 1.0);
    return free * std::pow(1.0 - r * std::sqrt(r), 0.385);  // Villemonte (1947)
}

WeirOpening weir_opening(const WeirLink& link, double opened_s, double t_s) {
    if (std::isnan(opened_s) || t_s < opened_s) return {0.0, link.sill_start_m};
    const double f = link.formation_s > 0.0 ? std::clamp((t_s - opened_s) / link.formation_s, 0.0, 1.0) : 1.0;
    return {link.width_start_m + f * (link.width_end_m - link.width_start_m),
            link.sill_start_m + f * (link.sill_end_m - link.sill_start_m)};
}

double strip_opening_m(const WeirLink& link, const WeirStrip& s, double width_m) {
    if (!(width_m > 0.0) || link.strips.empty()) return 0.0;
    // The opening keeps its width near an end of the crest: it is shifted inside.
    const double start = link.strips.front().from_m, end = link.strips.back().to_m;
    const double lo = std::max(start, std::min(link.centre_m - 0.5 * width_m, end - width_m));
    const double hi = lo + width_m;
    return std::max(0.0, std::min(hi, s.to_m) - std::max(lo, s.from_m));
}

void open_triggered_links(const WeirLinkCase& wc, const State& s, double t_s, std::span<double> opened_s) {
    for (std::size_t k = 0; k < wc.links.size(); ++k) {
        const WeirLink& link = wc.links[k];
        if (!std::isnan(opened_s[k]) || std::isnan(link.trigger_level_m)) continue;
        const std::size_t c = link.trigger_cell;
        if (s.h[c] > wc.dry_depth_m && wc.bed_m[c] + s.h[c] >= link.trigger_level_m) opened_s[k] = t_s;
    }
}

double pass_weir_links(const WeirLinkCase& wc, std::span<const double> opened_s, double t0_s, double dt, State& s,
                       TileActivity& wet, MassLedger& ledger) {
    const double area = wc.grid.cell_area_m2();
    const double rdx = 1.0 / wc.grid.dx_m, rdy = 1.0 / wc.grid.dy_m;
    double speed = 0.0;
    for (std::size_t k = 0; k < wc.links.size(); ++k) {
        const WeirLink& link = wc.links[k];
        TransferAccount& account = ledger.links[k];
        account.discharge_m3_s = 0.0;
        const WeirOpening op = weir_opening(link, opened_s[k], t0_s + 0.5 * dt);
        if (!(op.width_m > 0.0)) continue;
        double a_to_b = 0.0, b_to_a = 0.0;  // depth over one cell's area
        for (const WeirStrip& strip : link.strips) {
            const double w = strip_opening_m(link, strip, op.width_m);
            if (!(w > 0.0)) continue;
            const double level_a = wc.bed_m[strip.a_level] + s.h[strip.a_level];
            const double level_b = wc.bed_m[strip.b_level] + s.h[strip.b_level];
            const bool forward = level_a >= level_b;
            const std::size_t up = forward ? strip.a : strip.b, down = forward ? strip.b : strip.a;
            const double level_up = std::max(level_a, level_b), level_down = std::min(level_a, level_b);
            if (!(s.h[up] > wc.dry_depth_m)) continue;
            const double h1 = level_up - op.sill_m;
            if (!(h1 > 0.0)) continue;
            const double q = weir_unit_discharge(h1, level_down - op.sill_m, link.coefficient);
            // Depth moved over one cell's area: at most what the upper cell holds above
            // the sill, and at most what levels the two cells.
            const double dh =
                std::min({q * w * dt / area, s.h[up], h1, 0.5 * (level_up - level_down)});
            if (!(dh > 0.0)) continue;
            const double keep = (s.h[up] - dh) / s.h[up];  // the water taken leaves with its velocity
            s.h[up] -= dh;
            s.hu[up] *= keep;
            s.hv[up] *= keep;
            s.h[down] += dh;  // and arrives at rest
            wet.mark_cell(down);
            const double h = s.h[down];
            speed = std::max(speed, cfl_speed(h, velocity(h, s.hu[down], wc.dry_depth_m),
                                              velocity(h, s.hv[down], wc.dry_depth_m), wc.gravity_m_s2, rdx, rdy));
            (forward ? a_to_b : b_to_a) += dh;
        }
        account.a_to_b_m3 += a_to_b * area;
        account.b_to_a_m3 += b_to_a * area;
        account.discharge_m3_s = (a_to_b - b_to_a) * area / dt;
        account.peak_m3_s = std::max(account.peak_m3_s, std::fabs(account.discharge_m3_s));
    }
    return speed;
}

}  // namespace floodtwin::hydro
