#include "hydro/reach_routing.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <type_traits>
#include <stdexcept>

#include "hydro/refuse.hpp"

namespace floodtwin::hydro {
namespace {

void check_step_inputs(const char* what, double inflow_end_m3_s, double volume_in_m3, double dt_s) {
    if (!(std::isfinite(dt_s) && dt_s > 0.0)) refuse(what, "dt_s", "> 0", dt_s);
    if (!(std::isfinite(inflow_end_m3_s) && inflow_end_m3_s >= 0.0))
        refuse(what, "inflow_end_m3_s", ">= 0", inflow_end_m3_s);
    if (!(std::isfinite(volume_in_m3) && volume_in_m3 >= 0.0)) refuse(what, "volume_in_m3", ">= 0", volume_in_m3);
}

void check_steady(const char* what, double q_m3_s) {
    if (!(std::isfinite(q_m3_s) && q_m3_s >= 0.0)) refuse(what, "q_m3_s", ">= 0", q_m3_s);
}

// The Muskingum storage relation written with the continuity storage: over dt,
//   S1 + V_in - (O1 + O2) dt / 2 = S0 + K (X I2 + (1 - X) O2 - q0),
// solved for O2. storage_offset_m3 = S0 - K q0 is 0 for classic Muskingum, and then
// with S1 = K (X I1 + (1 - X) O1) and V_in = (I1 + I2) dt / 2 this is the classic
// recursion O2 = C0 I2 + C1 I1 + C2 O1. O2 is kept >= 0 and no larger than what
// empties the storage over the sub-step.
double muskingum_outflow_m3_s(const SubReach& r, double inflow_end_m3_s, double volume_in_m3, double k_s, double x,
                             double storage_offset_m3, double dt_s) {
    const double o2 =
        (r.storage_m3 + volume_in_m3 - 0.5 * dt_s * r.outflow_m3_s - storage_offset_m3 - k_s * x * inflow_end_m3_s) /
        (k_s * (1.0 - x) + 0.5 * dt_s);
    const double emptying = std::max(0.0, 2.0 * (r.storage_m3 + volume_in_m3) / dt_s - r.outflow_m3_s);
    return std::clamp(o2, 0.0, emptying);
}

// Closes a sub-step by continuity with the outflow trapezoid; returns the volume out.
double close_substep(SubReach& r, double inflow_end_m3_s, double volume_in_m3, double outflow_end_m3_s, double dt_s) {
    const double available = r.storage_m3 + volume_in_m3;
    // The clamp acts only when round-off or the emptying limit of muskingum_outflow_m3_s
    // would take more than the storage holds.
    const double volume_out = std::clamp(0.5 * (r.outflow_m3_s + outflow_end_m3_s) * dt_s, 0.0, std::max(available, 0.0));
    r.storage_m3 = available - volume_out;
    r.inflow_m3_s = inflow_end_m3_s;
    r.outflow_m3_s = outflow_end_m3_s;
    return volume_out;
}

// Routes one step through sub-reaches in series in `substeps` equal sub-steps and
// returns the volume that left the last one. The reach inflow is linear between its
// previous and new point values; the sub-step volumes are shares of volume_in in
// proportion to the trapezoids of those points (equal shares when all are 0), the
// last one taking the remainder so they sum to volume_in exactly.
// new_outflow(sub_reach, inflow_end, volume_in, dt) gives a sub-reach's new outflow.
template <class NewOutflow>
double route_substeps(std::vector<SubReach>& sub, double inflow_end_m3_s, double volume_in_m3, double dt_s,
                      std::size_t substeps, NewOutflow&& new_outflow) {
    const double inflow_start = sub.front().inflow_m3_s;
    const double m = static_cast<double>(substeps);
    auto inflow_at = [&](std::size_t k) {
        return k == substeps ? inflow_end_m3_s
                             : inflow_start + (inflow_end_m3_s - inflow_start) * (static_cast<double>(k) / m);
    };
    double total_weight = 0.0;
    for (std::size_t k = 1; k <= substeps; ++k) total_weight += inflow_at(k - 1) + inflow_at(k);
    const double dts = dt_s / m;
    double volume_given = 0.0;
    double volume_out = 0.0;
    for (std::size_t k = 1; k <= substeps; ++k) {
        double inflow = inflow_at(k);
        double volume = 0.0;
        if (k == substeps)
            volume = volume_in_m3 - volume_given;
        else if (total_weight > 0.0)
            volume = volume_in_m3 * ((inflow_at(k - 1) + inflow) / total_weight);
        else
            volume = volume_in_m3 / m;
        volume_given += volume;
        for (SubReach& r : sub) {
            const double outflow = new_outflow(r, inflow, volume, dts);
            volume = close_substep(r, inflow, volume, outflow, dts);
            inflow = r.outflow_m3_s;
        }
        volume_out += volume;
    }
    return volume_out;
}

double total_storage(const std::vector<SubReach>& sub) {
    return std::accumulate(sub.begin(), sub.end(), 0.0, [](double s, const SubReach& r) { return s + r.storage_m3; });
}

std::string hours(double seconds) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(1);
    out << seconds / 3600.0 << " h";
    return out.str();
}

struct MuskingumParameters {
    double k_s;
    double x;
    double storage_offset_m3;  // S0 - K q0 of muskingum_outflow_m3_s
};

// Muskingum-Cunge parameters of a sub-reach at the reference flow q0. Cunge (1969):
// K = dx / c and X = (1 - Q / (T c S0 dx)) / 2 make the scheme's numerical diffusion
// equal the hydraulic diffusivity Q / (2 T S0) of the reach.
// The storage relation is the water volume dx A(Q) at the weighted flow
// Q = X I + (1 - X) O, linearised at q0: S = dx A(q0) + K (Q - q0), since
// dx dA/dQ = dx / c = K. Writing it as S = K Q instead (a secant through the origin)
// would give dS/dQ = K (1 - d ln c / d ln Q), about 0.6 K in a wide channel, and waves
// would travel about 5/3 too fast.
MuskingumParameters cunge_parameters(const ChannelSection& section, double dx_m, double q_m3_s) {
    const double q = std::max(q_m3_s, 0.0);
    const double depth = normal_depth_m(section, q);
    const double celerity = kinematic_celerity_at_depth_m_s(section, depth);
    const double top = section_top_width_m(section, depth);
    const double k = dx_m / celerity;
    const double x = 0.5 * (1.0 - q / (top * celerity * section.bed_slope * dx_m));
    return {k, std::clamp(x, 0.0, 0.5), dx_m * section_area_m2(section, depth) - k * q};
}

// State as numbers: three per sub-reach.
std::vector<double> sub_reach_numbers(const std::vector<SubReach>& sub) {
    std::vector<double> v;
    v.reserve(3 * sub.size());
    for (const SubReach& r : sub) v.insert(v.end(), {r.storage_m3, r.inflow_m3_s, r.outflow_m3_s});
    return v;
}

void check_state_values(const char* what, const std::vector<double>& values, std::size_t expected) {
    if (values.size() != expected) {
        std::ostringstream msg;
        msg << what << ": a state of " << values.size() << " numbers, this reach holds " << expected
            << " (another method, length or network step?)";
        throw std::invalid_argument(msg.str());
    }
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!(std::isfinite(values[i]) && values[i] >= 0.0)) refuse(what, "state", "finite and >= 0", values[i]);
}

std::vector<SubReach> sub_reaches_from(const char* what, const std::vector<double>& values, std::size_t n) {
    check_state_values(what, values, 3 * n);
    std::vector<SubReach> sub(n);
    for (std::size_t i = 0; i < n; ++i) sub[i] = {values[3 * i], values[3 * i + 1], values[3 * i + 2]};
    return sub;
}

}  // namespace

// ---- Muskingum-Cunge -------------------------------------------------------------

MuskingumCungeRouting::MuskingumCungeRouting(const ChannelSection& section, double length_m, double network_step_s,
                                             double low_flow_m3_s)
    : m_section(section), m_length_m(length_m) {
    constexpr const char* what = "muskingum-cunge";
    validate(section, "muskingum-cunge section");
    if (!(std::isfinite(length_m) && length_m > 0.0)) refuse(what, "length_m", "> 0", length_m);
    if (!(std::isfinite(network_step_s) && network_step_s > 0.0)) refuse(what, "network_step_s", "> 0", network_step_s);
    if (!(std::isfinite(low_flow_m3_s) && low_flow_m3_s > 0.0)) refuse(what, "low_flow_m3_s", "> 0", low_flow_m3_s);
    // The longest dx with C0 = (Cr - 2 X) / (Cr + 2 (1 - X)) >= 0 at the low flow over a
    // network step, with Cunge's X = 1/2 - D / (c dx): Cr = c dt / dx >= 2 X, i.e.
    // dx <= c dt + 2 D / c. Without the diffusion term
    // (dx <= c dt) a short network step makes dx < 2 D / c at the flows above the low
    // one, X clips at 0, and the reach loses diffusion as the step shrinks: the
    // validation's 1 % wave then peaks 14 % too high at dt = 1 h and 33 % at 15 min.
    const double low_depth = normal_depth_m(section, low_flow_m3_s);
    const double low_celerity = kinematic_celerity_at_depth_m_s(section, low_depth);
    const double low_diffusivity = low_flow_m3_s / (2.0 * section_top_width_m(section, low_depth) * section.bed_slope);
    const double longest_dx = low_celerity * network_step_s + 2.0 * low_diffusivity / low_celerity;
    const double n = std::ceil(length_m / longest_dx);
    if (!(n <= static_cast<double>(max_sub_reaches))) {
        std::ostringstream msg;
        msg << what << ": low_flow_m3_s = " << low_flow_m3_s << " needs " << n << " sub-reaches (more than "
            << max_sub_reaches << "); raise low_flow_m3_s or the network step";
        throw std::invalid_argument(msg.str());
    }
    m_sub.resize(static_cast<std::size_t>(n));
    m_dx_m = length_m / n;
}

void MuskingumCungeRouting::set_steady(double q_m3_s) {
    check_steady("muskingum-cunge", q_m3_s);
    // The water volume dx A(q) of each sub-reach (the storage relation at I = O = q).
    const double storage = m_dx_m * section_area_m2(m_section, normal_depth_m(m_section, q_m3_s));
    for (SubReach& r : m_sub) r = SubReach{storage, q_m3_s, q_m3_s};
}

RouteStep MuskingumCungeRouting::step(double inflow_end_m3_s, double volume_in_m3, double dt_s) {
    check_step_inputs("muskingum-cunge", inflow_end_m3_s, volume_in_m3, dt_s);
    // Sub-steps: the Courant number c dt / dx of the largest flow in the reach rounded
    // to the nearest whole number, so that of each sub-step is at most 1.5 (C2 >= 0
    // while X <= 0.25) and, with two or more sub-steps, between 0.75 and 1.25: near 1,
    // where Muskingum-Cunge is most accurate.
    double q_max = inflow_end_m3_s;
    for (const SubReach& r : m_sub) q_max = std::max({q_max, r.inflow_m3_s, r.outflow_m3_s});
    const double courant = kinematic_celerity_m_s(m_section, q_max) * dt_s / m_dx_m;
    const auto substeps = static_cast<std::size_t>(std::max(1.0, std::round(courant)));

    auto new_outflow = [this](const SubReach& r, double inflow_end, double volume_in, double dts) {
        // Reference flow: the mean of the three known point flows, then the four-point
        // mean with the first estimate of the new outflow.
        MuskingumParameters p = cunge_parameters(m_section, m_dx_m, (r.inflow_m3_s + inflow_end + r.outflow_m3_s) / 3.0);
        const double first = muskingum_outflow_m3_s(r, inflow_end, volume_in, p.k_s, p.x, p.storage_offset_m3, dts);
        p = cunge_parameters(m_section, m_dx_m, (r.inflow_m3_s + inflow_end + r.outflow_m3_s + first) / 4.0);
        return muskingum_outflow_m3_s(r, inflow_end, volume_in, p.k_s, p.x, p.storage_offset_m3, dts);
    };
    const double volume_out = route_substeps(m_sub, inflow_end_m3_s, volume_in_m3, dt_s, substeps, new_outflow);
    return {outflow_m3_s(), volume_out};
}

double MuskingumCungeRouting::storage_m3() const { return total_storage(m_sub); }

void MuskingumCungeRouting::set_state(std::vector<SubReach> sub) {
    if (sub.size() != m_sub.size()) throw std::invalid_argument("muskingum-cunge: state for another number of sub-reaches");
    m_sub = std::move(sub);
}

double MuskingumCungeRouting::travel_time_s(double q_m3_s) const {
    return m_length_m / kinematic_celerity_m_s(m_section, q_m3_s);
}

std::string MuskingumCungeRouting::describe() const {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out << "Muskingum-Cunge, " << m_sub.size() << (m_sub.size() == 1 ? " sub-reach of " : " sub-reaches of ");
    if (m_dx_m >= 1000.0) {
        out.precision(1);
        out << m_dx_m / 1000.0 << " km";
    } else {
        out.precision(0);
        out << m_dx_m << " m";
    }
    return out.str();
}

// ---- Muskingum -------------------------------------------------------------------

MuskingumRouting::MuskingumRouting(double k_s, double x, double network_step_s) : m_k_s(k_s), m_x(x) {
    constexpr const char* what = "muskingum";
    if (!(std::isfinite(k_s) && k_s > 0.0)) refuse(what, "k_s", "> 0", k_s);
    if (!(std::isfinite(x) && x >= 0.0 && x <= 0.5)) refuse(what, "x", "in [0, 0.5]", x);
    if (!(std::isfinite(network_step_s) && network_step_s > 0.0)) refuse(what, "network_step_s", "> 0", network_step_s);
    const double n = std::max(1.0, std::ceil(2.0 * k_s * x / network_step_s));
    if (!(n <= 10000.0)) refuse(what, "network_step_s", "> 2 K X / 10000 (sub-reaches)", network_step_s);
    m_sub.resize(static_cast<std::size_t>(n));
}

void MuskingumRouting::set_steady(double q_m3_s) {
    check_steady("muskingum", q_m3_s);
    const double k_sub = m_k_s / static_cast<double>(m_sub.size());
    for (SubReach& r : m_sub) r = SubReach{k_sub * q_m3_s, q_m3_s, q_m3_s};
}

RouteStep MuskingumRouting::step(double inflow_end_m3_s, double volume_in_m3, double dt_s) {
    check_step_inputs("muskingum", inflow_end_m3_s, volume_in_m3, dt_s);
    const double k_sub = m_k_s / static_cast<double>(m_sub.size());
    const double longest_substep = 2.0 * k_sub * (1.0 - m_x);  // C2 >= 0
    const auto substeps = static_cast<std::size_t>(std::max(1.0, std::ceil(dt_s / longest_substep)));
    auto new_outflow = [this, k_sub](const SubReach& r, double inflow_end, double volume_in, double dts) {
        return muskingum_outflow_m3_s(r, inflow_end, volume_in, k_sub, m_x, 0.0, dts);
    };
    const double volume_out = route_substeps(m_sub, inflow_end_m3_s, volume_in_m3, dt_s, substeps, new_outflow);
    return {outflow_m3_s(), volume_out};
}

double MuskingumRouting::storage_m3() const { return total_storage(m_sub); }

void MuskingumRouting::set_state(std::vector<SubReach> sub) {
    if (sub.size() != m_sub.size()) throw std::invalid_argument("muskingum: state for another number of sub-reaches");
    m_sub = std::move(sub);
}

std::string MuskingumRouting::describe() const {
    std::ostringstream out;
    out << "Muskingum, K = " << hours(m_k_s) << ", X = ";
    out.setf(std::ios::fixed);
    out.precision(2);
    out << m_x << ", " << m_sub.size() << (m_sub.size() == 1 ? " sub-reach" : " sub-reaches");
    return out.str();
}

// ---- Lag -------------------------------------------------------------------------

LagRouting::LagRouting(double lag_s, double network_step_s) : m_lag_s(lag_s), m_step_s(network_step_s) {
    constexpr const char* what = "lag";
    if (!(std::isfinite(lag_s) && lag_s >= 0.0)) refuse(what, "lag_s", ">= 0", lag_s);
    if (!(std::isfinite(network_step_s) && network_step_s > 0.0)) refuse(what, "network_step_s", "> 0", network_step_s);
    const double steps = lag_s / network_step_s;
    if (!(steps <= 1e6)) refuse(what, "lag_s", "<= 1e6 network steps", lag_s);
    // A lag within round-off of a whole number of steps is that number.
    double whole = std::floor(steps);
    double fraction = steps - whole;
    if (fraction > 1.0 - 1e-12) {
        whole += 1.0;
        fraction = 0.0;
    } else if (fraction < 1e-12) {
        fraction = 0.0;
    }
    m_whole_steps = static_cast<std::size_t>(whole);
    m_fraction = fraction;
    m_inflows.assign(m_whole_steps + 2, 0.0);
    m_volumes.assign(m_whole_steps + 2, 0.0);
}

void LagRouting::set_steady(double q_m3_s) {
    check_steady("lag", q_m3_s);
    std::fill(m_inflows.begin(), m_inflows.end(), q_m3_s);
    std::fill(m_volumes.begin(), m_volumes.end(), q_m3_s * m_step_s);
    m_outflow_m3_s = q_m3_s;
    m_storage_m3 = volume_in_transit();
}

double LagRouting::volume_in_transit() const {
    // Volumes newer than k steps have not started to leave; the k-th has f left.
    double sum = 0.0;
    for (std::size_t j = 0; j < m_whole_steps; ++j) sum += m_volumes[j];
    return sum + m_fraction * m_volumes[m_whole_steps];
}

RouteStep LagRouting::step(double inflow_end_m3_s, double volume_in_m3, double dt_s) {
    check_step_inputs("lag", inflow_end_m3_s, volume_in_m3, dt_s);
    if (std::abs(dt_s - m_step_s) > 1e-9 * m_step_s) {
        std::ostringstream msg;
        msg << "lag: dt_s must equal the network step " << m_step_s << " s, got " << dt_s;
        throw std::invalid_argument(msg.str());
    }
    m_inflows.pop_back();
    m_volumes.pop_back();
    m_inflows.push_front(inflow_end_m3_s);
    m_volumes.push_front(volume_in_m3);
    const std::size_t k = m_whole_steps;
    const double f = m_fraction;
    m_outflow_m3_s = (1.0 - f) * m_inflows[k] + f * m_inflows[k + 1];
    const double volume_out = (1.0 - f) * m_volumes[k] + f * m_volumes[k + 1];
    // The volume in transit: equal to continuity, S + V_in - V_out, up to round-off,
    // and exactly 0 once everything has passed.
    m_storage_m3 = volume_in_transit();
    return {m_outflow_m3_s, volume_out};
}

std::string LagRouting::describe() const { return "lag of " + hours(m_lag_s); }

std::vector<double> LagRouting::state() const {
    std::vector<double> v(m_inflows.begin(), m_inflows.end());
    v.insert(v.end(), m_volumes.begin(), m_volumes.end());
    v.push_back(m_outflow_m3_s);
    v.push_back(m_storage_m3);
    return v;
}

void LagRouting::set_state(const std::vector<double>& values) {
    const std::size_t n = m_inflows.size();
    check_state_values("lag", values, 2 * n + 2);
    const auto first = values.begin();
    m_inflows.assign(first, first + static_cast<std::ptrdiff_t>(n));
    m_volumes.assign(first + static_cast<std::ptrdiff_t>(n), first + static_cast<std::ptrdiff_t>(2 * n));
    m_outflow_m3_s = values[2 * n];
    m_storage_m3 = values[2 * n + 1];
}

// ---- ReachRouter -----------------------------------------------------------------

ReachRouter ReachRouter::muskingum_cunge(const ChannelSection& section, double length_m, double network_step_s,
                                         double low_flow_m3_s) {
    return ReachRouter(MuskingumCungeRouting(section, length_m, network_step_s, low_flow_m3_s));
}

ReachRouter ReachRouter::muskingum(double k_s, double x, double network_step_s) {
    return ReachRouter(MuskingumRouting(k_s, x, network_step_s));
}

ReachRouter ReachRouter::lag(double lag_s, double network_step_s) {
    return ReachRouter(LagRouting(lag_s, network_step_s));
}

void ReachRouter::set_steady(double q_m3_s) {
    std::visit([q_m3_s](auto& m) { m.set_steady(q_m3_s); }, m_method);
}

RouteStep ReachRouter::step(double inflow_end_m3_s, double volume_in_m3, double dt_s) {
    return std::visit([&](auto& m) { return m.step(inflow_end_m3_s, volume_in_m3, dt_s); }, m_method);
}

double ReachRouter::storage_m3() const {
    return std::visit([](const auto& m) { return m.storage_m3(); }, m_method);
}

double ReachRouter::outflow_m3_s() const {
    return std::visit([](const auto& m) { return m.outflow_m3_s(); }, m_method);
}

double ReachRouter::inflow_m3_s() const {
    return std::visit([](const auto& m) { return m.inflow_m3_s(); }, m_method);
}

double ReachRouter::travel_time_s(double q_m3_s) const {
    return std::visit([q_m3_s](const auto& m) { return m.travel_time_s(q_m3_s); }, m_method);
}

std::string ReachRouter::describe() const {
    return std::visit([](const auto& m) { return m.describe(); }, m_method);
}

std::vector<double> ReachRouter::state() const {
    return std::visit(
        [](const auto& m) -> std::vector<double> {
            if constexpr (std::is_same_v<std::decay_t<decltype(m)>, LagRouting>)
                return m.state();
            else
                return sub_reach_numbers(m.state());
        },
        m_method);
}

void ReachRouter::set_state(const std::vector<double>& values) {
    std::visit(
        [&values](auto& m) {
            if constexpr (std::is_same_v<std::decay_t<decltype(m)>, LagRouting>)
                m.set_state(values);
            else
                m.set_state(sub_reaches_from(m.describe().c_str(), values, m.sub_reaches()));
        },
        m_method);
}

}  // namespace floodtwin::hydro
