#pragma once
// Hydrologic routing of one river reach over the fixed steps of a network.
//
// Convention: for each step the reach is given the inflow at the END of the step
// (m3/s) and the inflow VOLUME over the step (m3; the caller's exact volume, not
// necessarily the trapezoid of the point values). It returns the outflow at the end
// of the step and the outflow volume over the step. Storage is kept by continuity,
// S_end = S_start + V_in - V_out, so every router conserves mass to round-off; the
// dynamics only decide V_out.
#include <cstddef>
#include <deque>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "hydro/channel_section.hpp"

namespace floodtwin::hydro {

struct RouteStep {
    double outflow_m3_s = 0;
    double volume_out_m3 = 0;
};

// One Muskingum element: its continuity storage and the point flows at its ends at
// the end of the last (sub-)step.
struct SubReach {
    double storage_m3 = 0;
    double inflow_m3_s = 0;
    double outflow_m3_s = 0;
};

// Variable-parameter Muskingum-Cunge (Ponce & Yevjevich 1978) on n equal sub-reaches.
// Per sub-reach and sub-step, K = dx / c and Cunge's X = (1 - Q / (T c S0 dx)) / 2,
// clipped to [0, 0.5], at a reference flow (the mean of the known point flows, then
// once more with the first estimate of the new outflow). The new outflow solves the
// storage relation with the continuity storage on the left: the water volume
// dx A(X I + (1 - X) O) at normal depth, linearised at the reference flow, whose
// slope dx dA/dQ is K (see cunge_parameters in reach_routing.cpp). The storage is
// therefore the water in the reach: dx A(q) per sub-reach in a steady state.
class MuskingumCungeRouting {
public:
    // dx is at most c dt + 2 D / c at the low flow and the network step (c celerity,
    // D = Q / (2 T S0) hydraulic diffusivity), so that at the lowest expected flow the
    // Courant number c dt / dx >= 2 X and the coefficient C0 >= 0 over a network step.
    // Throws std::invalid_argument for a bad section, length, step or low flow, or when
    // that needs more than max_sub_reaches.
    MuskingumCungeRouting(const ChannelSection& section, double length_m, double network_step_s, double low_flow_m3_s);
    static constexpr std::size_t max_sub_reaches = 10000;

    void set_steady(double q_m3_s);
    RouteStep step(double inflow_end_m3_s, double volume_in_m3, double dt_s);
    [[nodiscard]] double storage_m3() const;
    [[nodiscard]] double inflow_m3_s() const { return m_sub.front().inflow_m3_s; }
    [[nodiscard]] double outflow_m3_s() const { return m_sub.back().outflow_m3_s; }
    [[nodiscard]] double travel_time_s(double q_m3_s) const;  // L / c(q)
    [[nodiscard]] std::string describe() const;
    [[nodiscard]] std::size_t sub_reaches() const { return m_sub.size(); }
    [[nodiscard]] double sub_reach_length_m() const { return m_dx_m; }
    [[nodiscard]] const std::vector<SubReach>& state() const { return m_sub; }
    void set_state(std::vector<SubReach> sub);  // as many as sub_reaches(); storages >= 0

private:
    ChannelSection m_section;
    double m_length_m;
    double m_dx_m;
    std::vector<SubReach> m_sub;
};

// Muskingum with constant K and X. As HEC-HMS does, the reach is n = ceil(2 K X / dt)
// sub-reaches of K / n in series, and a step is split into sub-steps when
// dt > 2 (K / n) (1 - X), so the routing coefficients stay non-negative.
class MuskingumRouting {
public:
    MuskingumRouting(double k_s, double x, double network_step_s);

    void set_steady(double q_m3_s);
    RouteStep step(double inflow_end_m3_s, double volume_in_m3, double dt_s);
    [[nodiscard]] double storage_m3() const;
    [[nodiscard]] double inflow_m3_s() const { return m_sub.front().inflow_m3_s; }
    [[nodiscard]] double outflow_m3_s() const { return m_sub.back().outflow_m3_s; }
    [[nodiscard]] double travel_time_s(double) const { return m_k_s; }
    [[nodiscard]] std::string describe() const;
    [[nodiscard]] std::size_t sub_reaches() const { return m_sub.size(); }
    [[nodiscard]] const std::vector<SubReach>& state() const { return m_sub; }
    void set_state(std::vector<SubReach> sub);  // as many as sub_reaches(); storages >= 0

private:
    double m_k_s;
    double m_x;
    std::vector<SubReach> m_sub;
};

// Pure translation by lag_s = (k + f) network steps, 0 <= f < 1: the outflow point
// at a step end is the inflow at (step end - lag), linear between the two step ends
// around it, and each step's inflow volume leaves (1 - f) in step k later and f in
// step k + 1 later. Storage is the volume in transit (the volumes that have not
// fully left), which equals continuity's to round-off.
class LagRouting {
public:
    LagRouting(double lag_s, double network_step_s);

    void set_steady(double q_m3_s);
    RouteStep step(double inflow_end_m3_s, double volume_in_m3, double dt_s);  // dt must be the network step
    [[nodiscard]] double storage_m3() const { return m_storage_m3; }
    [[nodiscard]] double inflow_m3_s() const { return m_inflows.front(); }
    [[nodiscard]] double outflow_m3_s() const { return m_outflow_m3_s; }
    [[nodiscard]] double travel_time_s(double) const { return m_lag_s; }
    [[nodiscard]] std::string describe() const;
    // The state: the k + 2 inflow points, then the k + 2 volumes (newest first), the
    // outflow point and the storage.
    [[nodiscard]] std::vector<double> state() const;
    void set_state(const std::vector<double>& values);

private:
    [[nodiscard]] double volume_in_transit() const;

    double m_lag_s;
    double m_step_s;
    std::size_t m_whole_steps;  // k
    double m_fraction;          // f
    // Inflow points and volumes of the last k + 2 steps, newest first.
    std::deque<double> m_inflows;
    std::deque<double> m_volumes;
    double m_outflow_m3_s = 0;
    double m_storage_m3 = 0;
};

// One reach with any of the three methods: a copyable value (the network copies whole
// states for look-ahead forecasts). step() throws std::invalid_argument for dt <= 0,
// a negative or non-finite inflow or volume, and (lag) a dt other than the network step.
class ReachRouter {
public:
    static ReachRouter muskingum_cunge(const ChannelSection& section, double length_m, double network_step_s,
                                       double low_flow_m3_s /* lowest flow expected, sets sub-reach length */);
    static ReachRouter muskingum(double k_s, double x, double network_step_s);
    static ReachRouter lag(double lag_s, double network_step_s);

    void set_steady(double q_m3_s);  // flows and storage of a steady state at q
    RouteStep step(double inflow_end_m3_s, double volume_in_m3, double dt_s);
    [[nodiscard]] double storage_m3() const;
    [[nodiscard]] double outflow_m3_s() const;
    [[nodiscard]] double inflow_m3_s() const;
    [[nodiscard]] double travel_time_s(double q_m3_s) const;  // MC: L / c(q); Muskingum: K; lag: lag
    [[nodiscard]] std::string describe() const;              // "Muskingum-Cunge, 12 sub-reaches of 5.0 km"

    // Everything the reach remembers, as numbers (for checkpoints and hot starts): per
    // sub-reach storage, inflow and outflow (Muskingum-Cunge, Muskingum), or the lag's
    // queue (LagRouting::state). set_state takes what state() gave for a router built
    // with the same method and parameters; it throws std::invalid_argument when the
    // count differs or a value is not finite (and >= 0: storages, flows, volumes).
    [[nodiscard]] std::vector<double> state() const;
    void set_state(const std::vector<double>& values);

private:
    using Method = std::variant<MuskingumCungeRouting, MuskingumRouting, LagRouting>;
    explicit ReachRouter(Method method) : m_method(std::move(method)) {}
    Method m_method;
};

}  // namespace floodtwin::hydro
