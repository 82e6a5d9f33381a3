#pragma once
// A reservoir: level-storage and capacity tables, guide-curve zones, a seasonal
// flood-limit level, optional hydropower, and a stack of release rules. The network
// (twin/network/network.hpp) asks it for a release each step (decide) and then advances it
// (step); storage follows continuity exactly.
#include <algorithm>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "twin/case/case.hpp"
#include "twin/reservoir/release_rules.hpp"
#include "twin/reservoir/storage_curve.hpp"

namespace floodtwin::twin {

// A level as a step function through the year: from each local (month, day) the level
// applies until the next entry's date, and the last entry's wraps round New Year.
// Empty: none. Dates strictly increasing through the year; Feb 29 is allowed (in other
// years the entry before it simply lasts until the next one).
struct SeasonalLevel {
    std::vector<int> month, day;
    std::vector<double> level_m;

    [[nodiscard]] bool empty() const { return level_m.empty(); }
    // The level on the LOCAL date of t (epoch + UTC offset); nullopt when empty.
    [[nodiscard]] std::optional<double> level_on(const Instant& t) const;
    // The level at t, linear in local time between the entries' dates (00:00 of each),
    // through New Year from the last entry to the first; nullopt when empty.
    [[nodiscard]] std::optional<double> linear_on(const Instant& t) const;
};

struct HydropowerSpec {
    double efficiency = 0.9;            // turbine and generator together, (0, 1]
    double installed_mw = 0;            // > 0
    double turbine_capacity_m3_s = 0;    // > 0
    double tailwater_level_m = 0;       // used when there is no tailwater table
    // Optional tailwater level against total release (release strictly increasing).
    std::vector<double> tailwater_release_m3_s, tailwater_levels_m;
};

struct ReservoirSpec {
    std::string name;
    std::vector<double> table_level_m, table_storage_m3;  // level-storage, monotone
    // Total release capacity by level (spillway + outlets + turbines), non-decreasing.
    std::vector<double> capacity_level_m, capacity_m3_s;
    double dead_level_m = 0, normal_pool_m = 0, design_flood_level_m = 0, check_flood_level_m = 0;
    double initial_level_m = 0;
    SeasonalLevel flood_limit;  // empty: the normal pool all year
    SeasonalLevel guide_curve;  // linear through the year; empty: the flood limit
    std::optional<HydropowerSpec> hydropower;
    std::vector<RuleSpec> rules;
};

// Zones between guide curves, as zone() names them and rules list them.
inline constexpr const char* zone_inactive = "inactive";            // below the dead level
inline constexpr const char* zone_conservation = "conservation";    // dead .. flood-limit level of the date
inline constexpr const char* zone_flood_control = "flood_control";  // flood-limit .. design flood level
inline constexpr const char* zone_surcharge = "surcharge";          // above the design flood level

// Electrical output (MW) of a turbine flow (m3/s) at a head (m): rho g Q H eta.
double turbine_power_mw(double turbine_flow_m3_s, double head_m, double efficiency);

class Reservoir {
public:
    // Checks everything (throws std::invalid_argument naming the reservoir and the
    // field) and starts at initial_level_m with no release.
    explicit Reservoir(ReservoirSpec spec);

    [[nodiscard]] const ReservoirSpec& spec() const { return m_spec; }
    [[nodiscard]] double level_m() const { return m_level_m; }
    [[nodiscard]] double storage_m3() const { return m_storage_m3; }
    [[nodiscard]] double release_m3_s() const { return m_release_m3_s; }  // at the end of the last step
    void set_level(double level_m);        // storage follows the table
    void set_release(double release_m3_s);  // the release in force at the start of the next step
    // Takes water out of the pool (an intake), at most down to the dead level; returns
    // what it took.
    double withdraw(double volume_m3);
    [[nodiscard]] double storage_above_dead_m3() const {
        return std::max(0.0, m_storage_m3 - storage_at(m_spec.dead_level_m));
    }
    // The pool exactly as a checkpoint kept it (storage is the state, the level follows
    // from it by the table up to round-off); throws std::invalid_argument for a value
    // that is not finite or a negative storage or release.
    void restore(double storage_m3, double level_m, double release_m3_s);

    [[nodiscard]] std::string zone(const Instant& t) const { return zone_at(m_level_m, t); }
    [[nodiscard]] std::string zone_at(double level_m, const Instant& t) const;
    [[nodiscard]] double flood_limit_m(const Instant& t) const;  // the normal pool when none is given
    // What the guide release steers to: the guide curve at t, else the flood-limit level.
    [[nodiscard]] double guide_level_m(const Instant& t) const;
    [[nodiscard]] double capacity_m3_s(double level_m) const { return m_capacity.value_at(level_m); }
    [[nodiscard]] double storage_at(double level_m) const { return m_storage.value_at(level_m); }
    [[nodiscard]] double level_at(double storage_m3) const { return m_storage.level_at(storage_m3); }
    // Tailwater level for a total release (the fixed level without a table); 0 without hydropower.
    [[nodiscard]] double tailwater_m(double release_m3_s) const;
    // Node names that rule conditions and downstream_control rules refer to, each once.
    [[nodiscard]] std::vector<std::string> nodes_referenced() const;

    // The release for the end of the step from `in` (the state the network passes,
    // normally this reservoir's own), the rules and the external limits. The guide
    // curve wants the pool at the flood-limit level of the date: the settling release
    // (release_rules.hpp) toward its storage, never negative.
    [[nodiscard]] ReleaseDecision decide(const RuleInputs& in, std::span<const ExternalLimit> external = {}) const;

    struct Step {
        double release_end_m3_s = 0, volume_out_m3 = 0, storage_end_m3 = 0, level_end_m = 0;
        double energy_mwh = 0, head_m = 0;
        bool capacity_limited = false;  // the capacity at the end level or an empty pool cut the release
    };
    // Advances one step: the decided release becomes the end-of-step point value and the
    // release volume the trapezoid (R_start + R_end)/2 dt, unless the capacity at the end
    // level or an empty pool limits it; then the end state comes from level-pool routing
    // with outflow min(decided, capacity(level(S))). Storage by continuity,
    // S_end = S + V_in - V_out. Energy from min(mean release, turbine capacity) at the
    // mean head (mean level - tailwater), capped at the installed power.
    Step step(const ReleaseDecision& decision, double volume_in_m3, double inflow_end_m3_s, double dt_s);

private:
    ReservoirSpec m_spec;
    LevelTable m_storage;
    LevelTable m_capacity;
    std::vector<std::shared_ptr<const ReleaseRule>> m_rules;  // shared: a Reservoir copies cheaply
    double m_level_m = 0, m_storage_m3 = 0, m_release_m3_s = 0;
};

}  // namespace floodtwin::twin
