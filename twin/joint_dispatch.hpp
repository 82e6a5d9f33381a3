#pragma once
// Joint flood dispatch: for each control station ([[joint]], or a reservoir's own
// downstream_control rule), the cut needed to keep the forecast flow at the station
// at its target, shared among the reservoirs upstream of it, handed to each as an
// ExternalLimit (a maximum release) stacked with its own rules by priority.
//
// Each step, from the look-ahead with every reservoir passing its inflow (NetworkForecast):
// a member whose release now reaches the station after its travel time tau takes, of the
// forecast excess at t + step + tau, the share of its tier among the members that can still
// act for that time (tau' <= tau: the nearer ones decide later, on a forecast that already
// holds this cut). Within the first tier with storage left the share goes by remaining
// flood-control storage (up to the normal pool). After the peak, members release stored
// water only as far as the forecast stays below the release target.
#include <string>
#include <vector>

#include "twin/network.hpp"

namespace floodtwin::twin {

struct ControlPoint {
    std::string name, key;  // "Cuntan", "joint[0]"; a rule: "Xiluodu/cuntan-control", "rule[3]"
    int station = -1;
    double target_m3s = 0.0, release_target_m3s = 0.0;
    std::vector<int> members;  // reservoir indices
    std::vector<int> tiers;
    int priority = 50;
    std::vector<std::string> zones;  // a rule's zones (empty: all)
    RuleCondition condition;         // a rule's `if`
};

struct DispatchEvent {
    double time_s = 0.0;
    std::string control, reservoir, what;
};

class JointDispatch {
public:
    // Throws std::invalid_argument naming the key: an unknown station or member, a member
    // not upstream of the station, tiers that do not match the members, a stage target at
    // a station without a rating.
    JointDispatch(const NetworkCase& net, const Network& network);

    [[nodiscard]] bool empty() const { return m_controls.empty(); }
    // This step's limits, one list per reservoir.
    std::vector<std::vector<ExternalLimit>> limits(const Network& network);

    [[nodiscard]] const std::vector<ControlPoint>& controls() const { return m_controls; }
    [[nodiscard]] const std::vector<DispatchEvent>& events() const { return m_events; }

private:
    void add_limits(const ControlPoint& c, const Network& network, std::vector<std::vector<ExternalLimit>>& out);
    void event_once(double t, const ControlPoint& c, int reservoir, const std::string& what, const Network& network);

    std::vector<ControlPoint> m_controls;
    std::vector<DispatchEvent> m_events;
};

}  // namespace floodtwin::twin
