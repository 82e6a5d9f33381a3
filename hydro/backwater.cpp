#include "hydro/backwater.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

#include "hydro/refuse.hpp"
#include "hydro/channel_section.hpp"

namespace floodtwin::hydro {
namespace {

void validate_sections(std::span<const BackwaterSection> sections) {
    if (sections.empty()) throw std::invalid_argument("backwater: no sections");
    for (std::size_t i = 0; i < sections.size(); ++i) {
        const BackwaterSection& s = sections[i];
        const std::string what = "backwater section " + std::to_string(i);
        if (!std::isfinite(s.chainage_m)) refuse(what, "chainage_m", "finite", s.chainage_m);
        if (i > 0 && !(s.chainage_m > sections[i - 1].chainage_m)) {
            std::ostringstream msg;
            msg << what << ": chainage_m must be greater than section " << i - 1 << "'s (" << sections[i - 1].chainage_m
                << "), got " << s.chainage_m;
            throw std::invalid_argument(msg.str());
        }
        if (!std::isfinite(s.bed_level_m)) refuse(what, "bed_level_m", "finite", s.bed_level_m);
        if (!(std::isfinite(s.bottom_width_m) && s.bottom_width_m > 0.0))
            refuse(what, "bottom_width_m", "> 0", s.bottom_width_m);
        if (!(std::isfinite(s.side_slope) && s.side_slope >= 0.0)) refuse(what, "side_slope", ">= 0", s.side_slope);
        if (!(std::isfinite(s.manning_n) && s.manning_n > 0.0)) refuse(what, "manning_n", "> 0", s.manning_n);
    }
}

void validate_options(const BackwaterOptions& o) {
    if (!(std::isfinite(o.max_step_m) && o.max_step_m > 0.0)) refuse("backwater", "max_step_m", "> 0", o.max_step_m);
    if (!(std::isfinite(o.expansion_coefficient) && o.expansion_coefficient >= 0.0))
        refuse("backwater", "expansion_coefficient", ">= 0", o.expansion_coefficient);
    if (!(std::isfinite(o.contraction_coefficient) && o.contraction_coefficient >= 0.0))
        refuse("backwater", "contraction_coefficient", ">= 0", o.contraction_coefficient);
}

// A computation section. ChannelSection supplies the geometry; its bed_slope is unused.
struct Node {
    double chainage_m;
    double bed_level_m;
    ChannelSection shape;
};

Node node_of(const BackwaterSection& s) {
    return {s.chainage_m, s.bed_level_m, ChannelSection{s.bottom_width_m, s.side_slope, s.manning_n, 0.0}};
}

// The given sections with linearly interpolated ones between them, no gap > max_step_m.
std::vector<Node> computation_nodes(std::span<const BackwaterSection> sections, double max_step_m) {
    std::vector<Node> nodes{node_of(sections.front())};
    for (std::size_t i = 1; i < sections.size(); ++i) {
        const BackwaterSection& a = sections[i - 1];
        const BackwaterSection& b = sections[i];
        const double parts = std::max(1.0, std::ceil((b.chainage_m - a.chainage_m) / max_step_m));
        const auto count = static_cast<int>(parts);
        for (int j = 1; j < count; ++j) {
            const double t = j / parts;
            auto mix = [t](double u, double v) { return u + t * (v - u); };
            nodes.push_back(node_of({mix(a.chainage_m, b.chainage_m), mix(a.bed_level_m, b.bed_level_m),
                                     mix(a.bottom_width_m, b.bottom_width_m), mix(a.side_slope, b.side_slope),
                                     mix(a.manning_n, b.manning_n)}));
        }
        nodes.push_back(node_of(b));
    }
    return nodes;
}

double velocity_head_m(const Node& n, double depth_m, double q_m3_s) {
    const double v = q_m3_s / section_area_m2(n.shape, depth_m);
    return v * v / (2.0 * channel_gravity_m_s2);
}

struct UpstreamDepth {
    double depth_m;
    bool critical;
};

// The energy equation between a downstream section d (depth known) and the next
// section upstream u, solved for the subcritical depth at u.
UpstreamDepth solve_upstream(const Node& d, double depth_d, const Node& u, double q, const BackwaterOptions& o) {
    const double length = u.chainage_m - d.chainage_m;
    const double head_d = velocity_head_m(d, depth_d, q);
    const double energy_d = d.bed_level_m + depth_d + head_d;
    const double conveyance_d = section_conveyance_m3_s(d.shape, depth_d);
    auto residual = [&](double depth_u) {
        const double head_u = velocity_head_m(u, depth_u, q);
        const double conveyance_u = section_conveyance_m3_s(u.shape, depth_u);
        double friction_slope = 0.0;
        if (o.friction == FrictionSlopeAverage::conveyance) {
            const double mean = 2.0 * q / (conveyance_d + conveyance_u);
            friction_slope = mean * mean;
        } else {
            friction_slope = 0.5 * (q * q / (conveyance_d * conveyance_d) + q * q / (conveyance_u * conveyance_u));
        }
        // Contraction where the velocity head grows downstream, expansion where it falls.
        const double coefficient = head_d > head_u ? o.contraction_coefficient : o.expansion_coefficient;
        return u.bed_level_m + depth_u + head_u - energy_d - length * friction_slope -
               coefficient * std::abs(head_u - head_d);
    };

    // On the subcritical branch the residual grows with depth: below critical depth
    // there is nothing to find, and if the residual is already positive at critical
    // depth no subcritical depth balances the energy (the flow passes critical here).
    const double critical = critical_depth_m(u.shape, q);
    double lo = critical;
    double f_lo = residual(lo);
    if (f_lo > 0.0) return {critical, true};
    if (f_lo == 0.0) return {critical, false};
    double grow = std::max(1.0, critical);
    double hi = lo + grow;
    double f_hi = residual(hi);
    while (f_hi <= 0.0) {
        lo = hi;
        f_lo = f_hi;
        grow *= 2.0;
        hi = lo + grow;
        f_hi = residual(hi);
    }
    // Illinois (modified regula falsi): bracketed, superlinear.
    constexpr double depth_tolerance_m = 1e-10;
    constexpr double energy_tolerance_m = 1e-13;
    int last_side = 0;
    double x = 0.5 * (lo + hi);
    for (int k = 0; k < 200 && hi - lo > depth_tolerance_m; ++k) {
        x = (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
        if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
        const double f_x = residual(x);
        if (std::abs(f_x) <= energy_tolerance_m) break;
        if (f_x > 0.0) {
            hi = x;
            f_hi = f_x;
            if (last_side == -1) f_lo *= 0.5;
            last_side = -1;
        } else {
            lo = x;
            f_lo = f_x;
            if (last_side == 1) f_hi *= 0.5;
            last_side = 1;
        }
    }
    return {x, false};
}

}  // namespace

BackwaterProfile standard_step(std::span<const BackwaterSection> sections, double discharge_m3_s,
                               double downstream_level_m, double max_step_m) {
    BackwaterOptions options;
    options.max_step_m = max_step_m;
    return standard_step(sections, discharge_m3_s, downstream_level_m, options);
}

BackwaterProfile standard_step(std::span<const BackwaterSection> sections, double discharge_m3_s,
                               double downstream_level_m, const BackwaterOptions& options) {
    validate_sections(sections);
    validate_options(options);
    if (!(std::isfinite(discharge_m3_s) && discharge_m3_s >= 0.0))
        refuse("backwater", "discharge_m3_s", ">= 0", discharge_m3_s);
    if (!std::isfinite(downstream_level_m)) refuse("backwater", "downstream_level_m", "finite", downstream_level_m);

    const std::vector<Node> nodes = computation_nodes(sections, options.max_step_m);
    const double q = discharge_m3_s;
    BackwaterProfile p;
    p.chainage_m.reserve(nodes.size());
    p.water_level_m.reserve(nodes.size());
    p.depth_m.reserve(nodes.size());
    p.velocity_m_s.reserve(nodes.size());
    p.critical.reserve(nodes.size());
    auto record = [&](const Node& n, double depth, bool critical) {
        p.chainage_m.push_back(n.chainage_m);
        p.water_level_m.push_back(n.bed_level_m + depth);
        p.depth_m.push_back(depth);
        p.velocity_m_s.push_back(q > 0.0 ? q / section_area_m2(n.shape, depth) : 0.0);
        p.critical.push_back(critical);
    };

    if (q == 0.0) {
        // Still water: the pool level, never below the bed.
        double level = downstream_level_m;
        for (const Node& n : nodes) {
            level = std::max(level, n.bed_level_m);
            record(n, level - n.bed_level_m, false);
        }
        return p;
    }

    const double critical_0 = critical_depth_m(nodes.front().shape, q);
    const double depth_0 = downstream_level_m - nodes.front().bed_level_m;
    if (depth_0 < critical_0)
        record(nodes.front(), critical_0, true);
    else
        record(nodes.front(), depth_0, false);
    for (std::size_t i = 1; i < nodes.size(); ++i) {
        const UpstreamDepth up = solve_upstream(nodes[i - 1], p.depth_m.back(), nodes[i], q, options);
        record(nodes[i], up.depth_m, up.critical);
    }
    return p;
}

double water_level_at_m(const BackwaterProfile& profile, double chainage_m) {
    const std::vector<double>& x = profile.chainage_m;
    const std::vector<double>& z = profile.water_level_m;
    if (x.empty()) throw std::invalid_argument("water_level_at_m: empty profile");
    if (chainage_m <= x.front()) return z.front();
    if (chainage_m >= x.back()) return z.back();
    const auto k = static_cast<std::size_t>(std::upper_bound(x.begin(), x.end(), chainage_m) - x.begin());
    const double t = (chainage_m - x[k - 1]) / (x[k] - x[k - 1]);
    return z[k - 1] + t * (z[k] - z[k - 1]);
}

namespace {

void validate_axis(const std::vector<double>& axis, const char* name, bool non_negative) {
    if (axis.empty()) {
        throw std::invalid_argument(std::string("backwater table: ") + name + " must hold at least one value");
    }
    for (std::size_t i = 0; i < axis.size(); ++i) {
        const std::string what = std::string("backwater table: ") + name + "[" + std::to_string(i) + "]";
        if (!std::isfinite(axis[i]) || (non_negative && axis[i] < 0.0)) {
            std::ostringstream msg;
            msg << what << " must be " << (non_negative ? "finite and >= 0" : "finite") << ", got " << axis[i];
            throw std::invalid_argument(msg.str());
        }
        if (i > 0 && !(axis[i] > axis[i - 1])) {
            std::ostringstream msg;
            msg << what << " must be greater than the value before it (" << axis[i - 1] << "), got " << axis[i];
            throw std::invalid_argument(msg.str());
        }
    }
}

// Index k and weight t of v between axis[k] and axis[k + 1], clamped to the axis.
struct Bracket {
    std::size_t k;
    double t;
};

Bracket bracket_of(const std::vector<double>& axis, double v) {
    if (axis.size() == 1 || !(v > axis.front())) return {0, 0.0};
    if (v >= axis.back()) return {axis.size() - 2, 1.0};
    const auto k = static_cast<std::size_t>(std::upper_bound(axis.begin(), axis.end(), v) - axis.begin()) - 1;
    return {k, (v - axis[k]) / (axis[k + 1] - axis[k])};
}

}  // namespace

BackwaterTable::BackwaterTable(std::span<const BackwaterSection> sections, double output_chainage_m,
                               std::vector<double> pool_levels_m, std::vector<double> discharges_m3_s, double max_step_m)
    : m_pool_levels_m(std::move(pool_levels_m)), m_discharges_m3_s(std::move(discharges_m3_s)) {
    validate_sections(sections);
    validate_axis(m_pool_levels_m, "pool_levels_m", false);
    validate_axis(m_discharges_m3_s, "discharges_m3_s", true);
    if (!(output_chainage_m >= sections.front().chainage_m && output_chainage_m <= sections.back().chainage_m)) {
        std::ostringstream msg;
        msg << "backwater table: output_chainage_m must be within the sections' chainages ["
            << sections.front().chainage_m << ", " << sections.back().chainage_m << "], got " << output_chainage_m;
        throw std::invalid_argument(msg.str());
    }
    m_stage_m.reserve(m_pool_levels_m.size() * m_discharges_m3_s.size());
    for (const double pool : m_pool_levels_m)
        for (const double q : m_discharges_m3_s)
            m_stage_m.push_back(water_level_at_m(standard_step(sections, q, pool, max_step_m), output_chainage_m));
}

double BackwaterTable::at(std::size_t pool_index, std::size_t discharge_index) const {
    return m_stage_m.at(pool_index * m_discharges_m3_s.size() + discharge_index);
}

double BackwaterTable::stage_m(double pool_level_m, double discharge_m3_s) const {
    const Bracket p = bracket_of(m_pool_levels_m, pool_level_m);
    const Bracket q = bracket_of(m_discharges_m3_s, discharge_m3_s);
    const std::size_t p1 = std::min(p.k + 1, m_pool_levels_m.size() - 1);
    const std::size_t q1 = std::min(q.k + 1, m_discharges_m3_s.size() - 1);
    const double low = at(p.k, q.k) + q.t * (at(p.k, q1) - at(p.k, q.k));
    const double high = at(p1, q.k) + q.t * (at(p1, q1) - at(p1, q.k));
    return low + p.t * (high - low);
}

}  // namespace floodtwin::hydro
