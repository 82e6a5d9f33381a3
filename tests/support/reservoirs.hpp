#pragma once
// A synthetic reservoir for the reservoir and release-rule tests: a prism of 100 km2
// (storage = 1e8 m2 x (level - 100 m)), so storages and releases can be worked out by
// hand; guide levels shaped like Three Gorges' (flood-limit 145 m from 10 Jun to 30 Sep,
// normal pool 175 m) but not its figures.
#include <stdexcept>
#include <string>
#include <vector>

#include "twin/reservoir/reservoir.hpp"
#include "twin/case/time_text.hpp"

namespace floodtwin::testing {

inline constexpr double prism_area_m2 = 1e8;
inline double prism_storage_m3(double level_m) { return prism_area_m2 * (level_m - 100.0); }

inline twin::ReservoirSpec prism_spec() {
    twin::ReservoirSpec s;
    s.name = "Prism";
    s.table_level_m = {100.0, 140.0, 175.0, 200.0};
    for (double z : s.table_level_m) s.table_storage_m3.push_back(prism_storage_m3(z));
    s.capacity_level_m = {100.0, 140.0, 175.0, 185.0, 200.0};
    s.capacity_m3_s = {0.0, 20000.0, 40000.0, 60000.0, 80000.0};
    s.dead_level_m = 140.0;
    s.normal_pool_m = 175.0;
    s.design_flood_level_m = 180.0;
    s.check_flood_level_m = 185.0;
    s.initial_level_m = 150.0;
    s.flood_limit = {{6, 10}, {10, 1}, {145.0, 175.0}};
    return s;
}

// Capacity of prism_spec() at a level between 140 and 185 m, worked out by hand.
inline double prism_capacity_m3_s(double level_m) {
    return level_m <= 175.0 ? 20000.0 + (level_m - 140.0) / 35.0 * 20000.0 : 40000.0 + (level_m - 175.0) * 2000.0;
}

inline twin::HydropowerSpec prism_hydropower() {
    twin::HydropowerSpec hp;
    hp.efficiency = 0.9;
    hp.installed_mw = 3000.0;
    hp.turbine_capacity_m3_s = 3000.0;
    hp.tailwater_level_m = 60.0;
    return hp;
}

// In the flood season (flood-limit level 145 m) and in the dry season (175 m).
inline twin::Instant flood_season() { return twin::parse_instant("2020-07-15T00:00:00+08:00", "test"); }
inline twin::Instant dry_season() { return twin::parse_instant("2020-12-15T00:00:00+08:00", "test"); }

// The inputs for one hourly step at `level_m` of the prism.
inline twin::RuleInputs prism_inputs(double level_m, double inflow_m3_s, double release_prev_m3_s,
                                     twin::Instant time = flood_season(), double dt_s = 3600.0) {
    twin::RuleInputs in;
    in.time = time;
    in.dt_s = dt_s;
    in.level_m = level_m;
    in.storage_m3 = prism_storage_m3(level_m);
    in.inflow_m3_s = inflow_m3_s;
    in.release_prev_m3_s = release_prev_m3_s;
    return in;
}

// The inputs from a reservoir's own state.
inline twin::RuleInputs inputs_of(const twin::Reservoir& r, double inflow_m3_s, twin::Instant time, double dt_s) {
    twin::RuleInputs in;
    in.time = time;
    in.dt_s = dt_s;
    in.level_m = r.level_m();
    in.storage_m3 = r.storage_m3();
    in.inflow_m3_s = inflow_m3_s;
    in.release_prev_m3_s = r.release_m3_s();
    return in;
}

inline twin::RuleSpec rule(std::string name, std::string type, int priority = 100) {
    twin::RuleSpec r;
    r.name = std::move(name);
    r.type = std::move(type);
    r.priority = priority;
    return r;
}

// The message of the std::invalid_argument that `f` throws ("" if none).
template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace floodtwin::testing
