#pragma once
// Release rules of a reservoir, in the spirit of HEC-ResSim: each rule, active in some
// zones and when its `if` holds, gives a minimum, a maximum or a desired release for
// the end of the step; merge_release_limits() stacks them by priority. The reservoir
// (twin/reservoir/reservoir.hpp) evaluates its rules and runs the merge in Reservoir::decide().
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "twin/case/case.hpp"
#include "twin/reservoir/rule_condition.hpp"

namespace floodtwin::twin {

class Reservoir;

// One [[rule]] as written in the case file, in SI units (rates per hour, days as said).
struct RuleSpec {
    std::string name;
    std::string type;               // one of rule_types()
    int priority = 100;             // 1 = highest
    std::vector<std::string> zones; // of zone_names(); empty = all
    std::string condition;          // the `if` text (twin/reservoir/rule_condition.hpp); empty = always
    double value_m3_s = 0;           // min_release, max_release
    std::string purpose;            // min_release: one of release_purposes(); empty = other
    double rate_up_m3_s_per_h = 0, rate_down_m3_s_per_h = 0;  // rate_limit (0 = no limit that way)
    double return_days = 0;         // return_to_limit: days from the design flood level down to the flood-limit level
    double level_m = 0, horizon_s = 0, inflow_threshold_m3_s = 0;  // pre_release
    double power_mw = 0;            // hydropower target output
    std::string node;               // downstream_control: evaluated by the network, not here
    double max_flow_m3_s = 0, max_stage_m = 0;
};

// What a rule sees at the start of a step.
struct RuleInputs {
    Instant time;
    double dt_s = 0;
    double level_m = 0, storage_m3 = 0;
    double inflow_m3_s = 0;        // now
    double release_prev_m3_s = 0;  // the release at the start of the step
    // Largest forecast inflow within the next horizon_s (empty: the inflow now persists).
    std::function<double(double horizon_s)> forecast_max_inflow;
    // A node's flow and stage now, for flow(NODE) and stage(NODE) in conditions.
    std::function<std::optional<double>(std::string_view node)> node_flow, node_stage;
};

// A limit from outside the reservoir (downstream_control, joint dispatch), stacked with
// the reservoir's own rules by priority; on equal priority the reservoir's rules first.
struct ExternalLimit {
    std::string rule;
    int priority = 100;
    std::optional<double> min_m3_s, max_m3_s;
    std::string why;
};

// One rule's say this step, before the merge.
struct RuleLimit {
    std::string rule;
    int priority = 100;
    std::optional<double> min_m3_s, max_m3_s, desired_m3_s;
    std::string why;
};

struct ReleaseDecision {
    double release_m3_s = 0;            // for the end of the step
    double lo_m3_s = 0, hi_m3_s = 0;     // the allowed interval after all rules
    double desired_m3_s = 0;
    std::string zone;
    std::string set_by;                // a rule, "guide curve", "capacity" or "empty pool"
    std::string desired_by;            // "guide curve" or the rule that set the desired release
    std::string reason;                // why set_by gave this value
    // The limit the release sits on ("min 'eco'", "max 'channel'", "capacity") and
    // every clipped rule ("min 'eco' overridden by max 'channel'").
    std::vector<std::string> binding;

    // The decision in words, for dispatch_log.csv (which quotes it as CSV needs: rule
    // names are kept as written, commas and quotes included).
    [[nodiscard]] std::string explain() const;
};

// The end release that takes the pool's storage `excess_m3` above a target to zero
// as fast as the trapezoidal release volume allows without ringing: with the inflow
// held, the pool is on the target after two steps and the release equals the inflow,
//   R = I + excess / dt - (R_prev - I) / 2.
// (R = I + excess / dt overshoots and oscillates; the exact one-step target
// 2 (I + excess / dt) - R_prev lands the level but makes the release ring about the
// inflow for ever.) May be negative: the caller clamps.
double settling_release_m3_s(const RuleInputs& in, double excess_m3);

// What the reservoir allows and wants before any rule.
struct DecisionStart {
    std::string zone;
    double capacity_m3_s = 0;     // release capacity at the current level
    double empty_limit_m3_s = 0;  // the largest end release that leaves storage >= 0 this step
    double guide_m3_s = 0;        // guide-curve release
    std::string guide_why;
};

// The ResSim-like merge. The interval starts as [0, min(capacity, empty limit)] and
// the desired release as the guide curve's. In the given order (highest priority
// first): a min raises lo and a max lowers hi, but only within what higher-priority
// limits left (a clipped limit is recorded as overridden); the first desired release
// from a rule replaces the guide curve's. The release is clamp(desired, lo, hi), set
// by the limit it sits on (a clipped limit counts as the one that clipped it).
ReleaseDecision merge_release_limits(const DecisionStart& start, std::span<const RuleLimit> by_priority);

class ReleaseRule {
public:
    virtual ~ReleaseRule() = default;
    ReleaseRule(const ReleaseRule&) = delete;
    ReleaseRule& operator=(const ReleaseRule&) = delete;

    [[nodiscard]] const RuleSpec& spec() const { return m_spec; }
    [[nodiscard]] const RuleCondition& condition() const { return m_condition; }
    // Its zones list `zone` (or is empty) and its `if` holds.
    [[nodiscard]] bool applies(std::string_view zone, const RuleInputs& in) const;
    // This step's limit; nullopt when the rule has nothing to say now.
    [[nodiscard]] virtual std::optional<RuleLimit> limit(const Reservoir& pool, const RuleInputs& in) const = 0;
    // Evaluated by the network rather than in the reservoir's stack (downstream_control).
    [[nodiscard]] virtual bool network_level() const { return false; }

protected:
    explicit ReleaseRule(const RuleSpec& spec);
    [[nodiscard]] RuleLimit named_limit(std::string why) const;

private:
    RuleSpec m_spec;
    RuleCondition m_condition;
};

// The rule of spec.type, checked; throws std::invalid_argument starting "rule 'name': ".
std::unique_ptr<const ReleaseRule> make_release_rule(const RuleSpec& spec);

const std::vector<std::string>& rule_types();        // min_release, max_release, ...
const std::vector<std::string>& zone_names();        // inactive, conservation, flood_control, surcharge
const std::vector<std::string>& release_purposes();  // ecological, navigation, ...

}  // namespace floodtwin::twin
