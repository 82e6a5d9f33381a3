#include "grids/text_fields.hpp"
#include "twin/reservoir/release_rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "twin/reservoir/reservoir.hpp"

namespace floodtwin::twin {

namespace {

constexpr double seconds_per_hour = 3600.0;
constexpr double seconds_per_day = 86400.0;

std::string listed(const std::vector<std::string>& names) {
    std::string text;
    for (std::size_t k = 0; k < names.size(); ++k)
        text += (k == 0 ? "" : k + 1 == names.size() ? " or " : ", ") + names[k];
    return text;
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string rule_what(const RuleSpec& spec) { return "rule '" + spec.name + "'"; }

void require(bool ok, const RuleSpec& spec, const std::string& message) {
    if (!ok) throw std::invalid_argument(rule_what(spec) + ": " + message);
}

// A field that must be a finite number >= 0 (or > 0 when `positive`).
void require_amount(double value, const RuleSpec& spec, const char* field, bool positive) {
    const bool ok = std::isfinite(value) && (positive ? value > 0.0 : value >= 0.0);
    require(ok, spec,
            std::string(field) + " " + grids::formatted("%.6g", value) + (positive ? " must be > 0" : " must be >= 0"));
}

class MinRelease final : public ReleaseRule {
public:
    explicit MinRelease(const RuleSpec& s) : ReleaseRule(s) {
        require_amount(s.value_m3_s, s, "value_m3_s", false);
        require(s.purpose.empty() || contains(release_purposes(), s.purpose), s,
                "purpose '" + s.purpose + "' is not one of " + listed(release_purposes()));
    }
    std::optional<RuleLimit> limit(const Reservoir&, const RuleInputs&) const override {
        RuleLimit l = named_limit("min_release " + grids::formatted("%.6g", spec().value_m3_s) + " m3/s for " +
                                  (spec().purpose.empty() ? "other" : spec().purpose));
        l.min_m3_s = spec().value_m3_s;
        return l;
    }
};

class MaxRelease final : public ReleaseRule {
public:
    explicit MaxRelease(const RuleSpec& s) : ReleaseRule(s) { require_amount(s.value_m3_s, s, "value_m3_s", false); }
    std::optional<RuleLimit> limit(const Reservoir&, const RuleInputs&) const override {
        RuleLimit l = named_limit("max_release " + grids::formatted("%.6g", spec().value_m3_s) + " m3/s");
        l.max_m3_s = spec().value_m3_s;
        return l;
    }
};

// Ramping limits on the change of release from the start of the step (gate operation,
// bank stability downstream).
class RateLimit final : public ReleaseRule {
public:
    explicit RateLimit(const RuleSpec& s) : ReleaseRule(s) {
        require_amount(s.rate_up_m3_s_per_h, s, "rate_up_m3_s_per_h", false);
        require_amount(s.rate_down_m3_s_per_h, s, "rate_down_m3_s_per_h", false);
        require(s.rate_up_m3_s_per_h > 0.0 || s.rate_down_m3_s_per_h > 0.0, s,
                "rate_limit needs rate_up_m3_s_per_h or rate_down_m3_s_per_h > 0");
    }
    std::optional<RuleLimit> limit(const Reservoir&, const RuleInputs& in) const override {
        const double hours = in.dt_s / seconds_per_hour;
        RuleLimit l = named_limit("rate_limit from " + grids::formatted("%.6g", in.release_prev_m3_s) + " m3/s");
        if (spec().rate_up_m3_s_per_h > 0.0) l.max_m3_s = in.release_prev_m3_s + spec().rate_up_m3_s_per_h * hours;
        if (spec().rate_down_m3_s_per_h > 0.0)
            l.min_m3_s = std::max(0.0, in.release_prev_m3_s - spec().rate_down_m3_s_per_h * hours);
        return l;
    }
};

// Empties the flood-control pool at a steady rate: its whole volume (flood-limit to
// design flood level, on the date) in return_days, so from anywhere in the zone the
// pool is back at the flood-limit level within return_days; the settling release
// lands it there without undershoot.
class ReturnToLimit final : public ReleaseRule {
public:
    explicit ReturnToLimit(const RuleSpec& s) : ReleaseRule(s) {
        require_amount(s.return_days, s, "return_days", true);
    }
    std::optional<RuleLimit> limit(const Reservoir& pool, const RuleInputs& in) const override {
        const double limit_m = pool.flood_limit_m(in.time);
        if (in.level_m <= limit_m) return std::nullopt;
        const double excess_m3 = in.storage_m3 - pool.storage_at(limit_m);
        const double zone_m3 = pool.storage_at(pool.spec().design_flood_level_m) - pool.storage_at(limit_m);
        const double rate_m3_s = zone_m3 / (spec().return_days * seconds_per_day);
        RuleLimit l = named_limit("back to the flood-limit level " + grids::formatted("%.6g", limit_m) + " m within " +
                                  grids::formatted("%.6g", spec().return_days) + " d");
        l.desired_m3_s = std::max(0.0, std::min(settling_release_m3_s(in, excess_m3), in.inflow_m3_s + rate_m3_s));
        return l;
    }
};

// When the forecast inflow within the horizon exceeds the threshold, move the pool
// toward level_m with time scale T = horizon_s (release = inflow + excess / T), so
// most of the excess is gone before the flood arrives. T is at least 3 dt: with the
// trapezoidal volumes the approach is monotone only for dt / T < 6 - sqrt(32).
class PreRelease final : public ReleaseRule {
public:
    explicit PreRelease(const RuleSpec& s) : ReleaseRule(s) {
        require(std::isfinite(s.level_m), s, "level_m must be a finite level");
        require_amount(s.horizon_s, s, "horizon_s", true);
        require_amount(s.inflow_threshold_m3_s, s, "inflow_threshold_m3_s", true);
    }
    std::optional<RuleLimit> limit(const Reservoir& pool, const RuleInputs& in) const override {
        const double forecast_m3_s =
            in.forecast_max_inflow ? in.forecast_max_inflow(spec().horizon_s) : in.inflow_m3_s;
        if (!(forecast_m3_s > spec().inflow_threshold_m3_s)) return std::nullopt;
        const double excess_m3 = in.storage_m3 - pool.storage_at(spec().level_m);
        RuleLimit l = named_limit("forecast " + grids::formatted("%.6g", forecast_m3_s) + " m3/s within " +
                                  grids::formatted("%.6g", spec().horizon_s / seconds_per_hour) + " h above " +
                                  grids::formatted("%.6g", spec().inflow_threshold_m3_s) + ": toward " +
                                  grids::formatted("%.6g", spec().level_m) + " m");
        l.desired_m3_s = std::max(0.0, in.inflow_m3_s + excess_m3 / std::max(spec().horizon_s, 3.0 * in.dt_s));
        return l;
    }
};

// The release that makes the target output P = rho g Q H eta / 1e6 (MW) at the head
// H = level - tailwater(Q), within the turbine capacity: a minimum.
class Hydropower final : public ReleaseRule {
public:
    explicit Hydropower(const RuleSpec& s) : ReleaseRule(s) { require_amount(s.power_mw, s, "power_mw", true); }
    std::optional<RuleLimit> limit(const Reservoir& pool, const RuleInputs& in) const override {
        const HydropowerSpec& hp = *pool.spec().hydropower;  // the reservoir checked it exists
        if (in.level_m <= pool.spec().dead_level_m) return std::nullopt;  // intakes dry
        const double target_mw = std::min(spec().power_mw, hp.installed_mw);
        auto power_mw = [&](double q) {
            const double head_m = in.level_m - pool.tailwater_m(q);
            return turbine_power_mw(q, std::max(0.0, head_m), hp.efficiency);
        };
        if (in.level_m - pool.tailwater_m(0.0) <= 0.0) return std::nullopt;  // no head
        double q = hp.turbine_capacity_m3_s;
        if (power_mw(q) > target_mw) {
            // P(Q) rises from 0: bisect for the smallest release that gives the target.
            double lo = 0.0, hi = q;
            for (int k = 0; k < 100 && hi - lo > 1e-9 * hp.turbine_capacity_m3_s; ++k) {
                const double mid = 0.5 * (lo + hi);
                (power_mw(mid) < target_mw ? lo : hi) = mid;
            }
            q = hi;
        }
        RuleLimit l = named_limit("hydropower " + grids::formatted("%.6g", target_mw) + " MW at " +
                                  grids::formatted("%.6g", in.level_m - pool.tailwater_m(q)) + " m head" +
                                  (q >= hp.turbine_capacity_m3_s ? " (turbines full)" : ""));
        l.min_m3_s = q;
        return l;
    }
};

// Above the design flood level: open everything (release the capacity at this level).
class Emergency final : public ReleaseRule {
public:
    explicit Emergency(const RuleSpec& s) : ReleaseRule(s) {}
    std::optional<RuleLimit> limit(const Reservoir& pool, const RuleInputs& in) const override {
        if (in.level_m <= pool.spec().design_flood_level_m) return std::nullopt;
        const double capacity_m3_s = pool.capacity_m3_s(in.level_m);
        RuleLimit l = named_limit("above the design flood level " +
                                  grids::formatted("%.6g", pool.spec().design_flood_level_m) + " m: full capacity");
        l.min_m3_s = capacity_m3_s;
        l.desired_m3_s = capacity_m3_s;
        return l;
    }
};

// Kept for the network, which measures the node and passes an ExternalLimit.
class DownstreamControl final : public ReleaseRule {
public:
    explicit DownstreamControl(const RuleSpec& s) : ReleaseRule(s) {
        require(!s.node.empty(), s, "downstream_control needs a node");
        require(std::isfinite(s.max_flow_m3_s) && std::isfinite(s.max_stage_m) &&
                    (s.max_flow_m3_s > 0.0 || s.max_stage_m != 0.0),
                s, "downstream_control needs max_flow_m3_s > 0 or max_stage_m");
    }
    std::optional<RuleLimit> limit(const Reservoir&, const RuleInputs&) const override { return std::nullopt; }
    bool network_level() const override { return true; }
};

// Kept for the network too: it forecasts the node and passes a minimum as an ExternalLimit.
class DownstreamMinimum final : public ReleaseRule {
public:
    explicit DownstreamMinimum(const RuleSpec& s) : ReleaseRule(s) {
        require(!s.node.empty(), s, "downstream_minimum needs a node");
    }
    std::optional<RuleLimit> limit(const Reservoir&, const RuleInputs&) const override { return std::nullopt; }
    bool network_level() const override { return true; }
};

// The interval's ends during the merge: value and who set it.
struct Bound {
    double m3s = 0.0;
    std::string rule;   // "eco", "capacity"
    std::string label;  // "min 'eco'", "capacity"
    std::string why;
};

}  // namespace

double settling_release_m3_s(const RuleInputs& in, double excess_m3) {
    // Deadbeat control of e' = e - (p + u) / 2 (e = excess / dt, p and u the start and end
    // releases less the inflow): u = e - p / 2 makes the step matrix nilpotent.
    return in.inflow_m3_s + excess_m3 / in.dt_s - 0.5 * (in.release_prev_m3_s - in.inflow_m3_s);
}

const std::vector<std::string>& rule_types() {
    static const std::vector<std::string> types{"min_release",     "max_release", "rate_limit",
                                                "return_to_limit", "pre_release", "hydropower",
                                                "emergency",       "downstream_control", "downstream_minimum"};
    return types;
}

const std::vector<std::string>& zone_names() {
    static const std::vector<std::string> zones{zone_inactive, zone_conservation, zone_flood_control, zone_surcharge};
    return zones;
}

const std::vector<std::string>& release_purposes() {
    static const std::vector<std::string> purposes{"ecological", "navigation", "supply", "drinking",
                                                   "irrigation", "industry",   "flood", "other"};
    return purposes;
}

ReleaseRule::ReleaseRule(const RuleSpec& spec) : m_spec(spec) {
    if (spec.name.empty())
        throw std::invalid_argument("rule of type '" + spec.type + "': name is empty");
    require(spec.priority >= 1, spec, "priority " + std::to_string(spec.priority) + " must be >= 1 (1 = highest)");
    for (const std::string& zone : spec.zones)
        require(contains(zone_names(), zone), spec,
                "zones: unknown zone '" + zone + "' (expected " + listed(zone_names()) + ")");
    m_condition = RuleCondition(spec.condition, rule_what(spec) + ": if");
}

bool ReleaseRule::applies(std::string_view zone, const RuleInputs& in) const {
    return (m_spec.zones.empty() || contains(m_spec.zones, zone)) && m_condition.holds(in);
}

RuleLimit ReleaseRule::named_limit(std::string why) const {
    RuleLimit l;
    l.rule = m_spec.name;
    l.priority = m_spec.priority;
    l.why = std::move(why);
    return l;
}

std::unique_ptr<const ReleaseRule> make_release_rule(const RuleSpec& spec) {
    const std::string& t = spec.type;
    if (t == "min_release") return std::make_unique<MinRelease>(spec);
    if (t == "max_release") return std::make_unique<MaxRelease>(spec);
    if (t == "rate_limit") return std::make_unique<RateLimit>(spec);
    if (t == "return_to_limit") return std::make_unique<ReturnToLimit>(spec);
    if (t == "pre_release") return std::make_unique<PreRelease>(spec);
    if (t == "hydropower") return std::make_unique<Hydropower>(spec);
    if (t == "emergency") return std::make_unique<Emergency>(spec);
    if (t == "downstream_control") return std::make_unique<DownstreamControl>(spec);
    if (t == "downstream_minimum") return std::make_unique<DownstreamMinimum>(spec);
    throw std::invalid_argument(rule_what(spec) + ": unknown type '" + t + "' (expected " + listed(rule_types()) +
                                ")");
}

ReleaseDecision merge_release_limits(const DecisionStart& start, std::span<const RuleLimit> by_priority) {
    const bool capacity_binds = start.capacity_m3_s <= start.empty_limit_m3_s;
    const std::string top = capacity_binds ? "capacity" : "empty pool";
    Bound hi{std::max(0.0, std::min(start.capacity_m3_s, start.empty_limit_m3_s)), top, top,
             capacity_binds ? "release capacity at this level" : "the pool would empty this step"};
    Bound lo{0.0, "", "", ""};
    ReleaseDecision d;
    d.zone = start.zone;
    d.desired_m3_s = std::max(0.0, start.guide_m3_s);
    d.desired_by = "guide curve";
    std::string desired_why = start.guide_why;
    bool desired_by_rule = false;

    for (const RuleLimit& r : by_priority) {
        if (r.min_m3_s) {
            const std::string label = "min '" + r.rule + "'";
            if (*r.min_m3_s > hi.m3s) {
                d.binding.push_back(label + " overridden by " + hi.label);
                lo = hi;  // clipped: the release can rise no further than what clipped it
            } else if (*r.min_m3_s > lo.m3s) {
                lo = {*r.min_m3_s, r.rule, label, r.why};
            }
        }
        if (r.max_m3_s) {
            const std::string label = "max '" + r.rule + "'";
            if (*r.max_m3_s < lo.m3s) {
                d.binding.push_back(label + " overridden by " + lo.label);
                hi = lo;
            } else if (*r.max_m3_s < hi.m3s) {
                hi = {*r.max_m3_s, r.rule, label, r.why};
            }
        }
        if (r.desired_m3_s && !desired_by_rule) {
            d.desired_m3_s = std::max(0.0, *r.desired_m3_s);
            d.desired_by = r.rule;
            desired_why = r.why;
            desired_by_rule = true;
        }
    }

    d.lo_m3_s = lo.m3s;
    d.hi_m3_s = hi.m3s;
    d.release_m3_s = std::clamp(d.desired_m3_s, lo.m3s, hi.m3s);
    const Bound* on = d.desired_m3_s < lo.m3s ? &lo : d.desired_m3_s > hi.m3s ? &hi : nullptr;
    if (on) {
        d.set_by = on->rule;
        d.reason = on->why;
        d.binding.insert(d.binding.begin(), on->label);
    } else {
        d.set_by = d.desired_by;
        d.reason = desired_why;
    }
    return d;
}

std::string ReleaseDecision::explain() const {
    std::string line = zone + ": release " + grids::formatted("%.6g", release_m3_s) + " m3/s set by " + set_by;
    if (!reason.empty()) line += " (" + reason + ")";
    line += "; desired " + grids::formatted("%.6g", desired_m3_s) + " by " + desired_by + "; allowed " +
            grids::formatted("%.6g", lo_m3_s) + ".." + grids::formatted("%.6g", hi_m3_s);
    for (const std::string& b : binding) line += "; " + b;
    return line;
}

}  // namespace floodtwin::twin
