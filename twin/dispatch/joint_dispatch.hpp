#pragma once
// Joint flood dispatch: for each control station ([[joint]], or a reservoir's own
// downstream_control rule), the cut needed to keep the forecast flow at the station
// at its target, shared among the reservoirs upstream of it, handed to each as an
// ExternalLimit (a maximum release) stacked with its own rules by priority.
//
// Each step, two look-aheads: every reservoir passing its inflow (the natural flow,
// which says whether the flood is still rising past the target) and every member
// keeping its present cut (release - inflow). A member whose release now reaches the
// station after its travel time tau adds, to its present cut, its share of what the
// second forecast still has above the goal at t + step + tau: the target while the
// natural flow exceeds it, the release target after. Shares go to the members that can
// still act for that time (tau' <= tau) in the first tier with room, by remaining
// flood-control storage (up to the normal pool); a later tier only once the tiers
// before it have no room left (what they can no longer reach in time stays). Below
// the goal, members holding flood water release more, by what they hold. Keeping the
// present cut in the forecast makes the rule correct its own errors through diffusive
// reaches (a cut spreads in time) instead of the nearest member absorbing them.
#include <string>
#include <vector>

#include "twin/dispatch/minimum_flows.hpp"
#include "twin/network/network.hpp"

namespace floodtwin::twin {

// A dispatch rule's zones list the reservoir's zone now (or are empty) and its `if` holds.
[[nodiscard]] bool control_applies(const std::vector<std::string>& zones, const RuleCondition& condition,
                                   const Network& network, int reservoir, const Instant& now);

struct ControlPoint {
    std::string name, key;  // "Cuntan", "joint[0]"; a rule: "Xiluodu/cuntan-control", "rule[3]"
    int station = -1;
    double target_m3_s = 0.0, release_target_m3_s = 0.0;
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

    [[nodiscard]] bool empty() const { return m_controls.empty() && m_minimums.empty(); }
    // This step's limits, one list per reservoir.
    std::vector<std::vector<ExternalLimit>> limits(const Network& network);

    [[nodiscard]] const std::vector<ControlPoint>& controls() const { return m_controls; }
    [[nodiscard]] const MinimumFlows& minimums() const { return m_minimums; }
    [[nodiscard]] const std::vector<DispatchEvent>& events() const { return m_events; }
    // The memory of dispatch (the events logged so far), under "dispatch.*"; a hot start
    // begins with none.
    void save_state(StateArchive& archive) const;
    void restore_state(const StateArchive& archive);

private:
    void add_limits(const ControlPoint& c, const Network& network, const NetworkForecast& natural,
                    const NetworkForecast& persist, const std::vector<double>& offsets,
                    std::vector<std::vector<ExternalLimit>>& out);
    void event_once(double t, const ControlPoint& c, int reservoir, const std::string& what, const Network& network);

    std::vector<ControlPoint> m_controls;
    MinimumFlows m_minimums;
    std::vector<DispatchEvent> m_events;
};

}  // namespace floodtwin::twin
