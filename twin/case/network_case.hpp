#pragma once
// The river network of a case as written in the case file ([network], [[node]],
// [[reach]], [[reservoir]], [[rule]], [[joint]], [backwater]; docs/case-file.md),
// checked and in SI units. twin/network/network.hpp builds the running network from it.
// As in twin/case/case.hpp, every field is value-initialised (0, empty, nullopt):
// load_case fills each one from the file or from its key's default in the registry
// (twin/case/network_keys.cpp).
#include <optional>
#include <string>
#include <vector>

#include "hydro/time_series.hpp"

namespace floodtwin::twin {

// A level that applies from a local date (month, day) until the next entry's date.
struct DateLevel {
    int month = 0, day = 0;  // 1..12, 1..31 once read
    double level_m = 0.0;
};

struct NetworkSettings {
    double step_s = 0.0;               // network time step
    double coupling_interval_s = 0.0;  // exchange with the 2D model
    double forecast_horizon_s = 0.0;   // look-ahead of dispatch decisions
};

struct NodeSection {
    std::string name;
    std::string kind;  // inflow | station | junction | domain_inlet | domain_outlet | sink
    std::optional<hydro::TimeSeries> inflow_m3_s;          // inflow: the forecast hydrograph
    std::string extend;                                   // hold | zero; "": the series must cover the run
    std::vector<std::vector<double>> rating;              // [stage m, flow m3/s] rows
    std::string datum;                                    // the station's vertical datum
    std::string boundary;                                 // domain_inlet/outlet: the 2D boundary or source
    // station, domain_outlet: warning thresholds (station datum) and return-period flows
    std::optional<double> warning_stage_m, guaranteed_stage_m, historical_max_m;
    std::optional<double> flow_5yr_m3_s, flow_20yr_m3_s, flow_50yr_m3_s;
    // station, domain_outlet: the channel bed (station datum), for navigation depths, and
    // the low-flow (drought) thresholds, blue to red, decreasing, with where they come from
    std::optional<double> bed_level_m;
    std::vector<double> low_flow_m3_s, low_stage_m;
    std::string low_flow_source;
    std::string key;                                      // "node[3]"
};

struct ReachSection {
    std::string name;
    std::string from, to;
    std::string method;  // muskingum_cunge | muskingum | lag | domain
    double length_m = 0.0, slope = 0.0, width_m = 0.0, side_slope = 0.0, manning = 0.0, low_flow_m3_s = 0.0;
    double k_s = 0.0, x = 0.0;
    std::optional<double> lag_s;
    std::string key;
};

struct ReservoirSection {
    std::string name;
    std::vector<std::vector<double>> storage;                       // [level m, storage m3]
    std::vector<std::vector<double>> spillway, outlets, turbines;   // [level m, capacity m3/s]
    double dead_level_m = 0.0, normal_pool_m = 0.0, design_flood_level_m = 0.0, check_flood_level_m = 0.0;
    double initial_level_m = 0.0;
    std::vector<DateLevel> flood_limit;        // empty: the normal pool all year
    std::vector<DateLevel> guide_curve;        // linear through the year; empty: the flood limit
    std::optional<hydro::TimeSeries> inflow_m3_s;  // local inflow straight into the pool
    std::string extend;                            // hold | zero; "": the series must cover the run
    std::optional<double> installed_mw, tailwater_m;
    double efficiency = 0.0;
    std::string note;
    std::string key;
};

struct RuleSection {
    std::string reservoir, name, type;
    int priority = 0;
    std::vector<std::string> zones;
    std::string condition;
    double value_m3_s = 0.0;
    std::string purpose;
    double rate_up_m3_s_per_h = 0.0, rate_down_m3_s_per_h = 0.0;
    double return_time_s = 0.0;
    double level_m = 0.0, horizon_s = 0.0, threshold_m3_s = 0.0, power_mw = 0.0;
    std::string node;
    std::optional<double> max_flow_m3_s, max_stage_m;
    std::optional<double> min_flow_m3_s, min_stage_m, min_depth_m;  // downstream_minimum
    std::string key;
};

// One [[demand]]: water taken out of the network at a node (a city intake, an irrigation
// district, an industry), part of it coming back lower down.
struct DemandSection {
    std::string name, node, purpose;
    std::optional<double> flow_m3_s;            // constant
    std::optional<hydro::TimeSeries> series_m3_s;  // daily or any series
    std::string extend;                          // of series: hold | zero
    std::vector<double> monthly_m3_s;            // 12, by local month
    int priority = 0;                            // 1 first among the demands of a node
    double return_share = 0.0;                   // of what is delivered
    std::string return_to;                       // the node it returns at
    std::string note;
    std::string key;
};

struct JointSection {
    std::string name, station;
    std::optional<double> target_flow_m3_s, target_stage_m;
    std::vector<std::string> members;
    std::vector<double> tiers;  // one per member; 1 is used first
    int priority = 0;           // of the joint limit in each member's rule stack
    std::optional<double> release_target_m3_s;
    std::string key;
};

struct BackwaterRelation {
    std::string reservoir;  // whose pool level is the downstream condition
    std::string boundary;   // the 2D stage boundary it sets
    std::string node;       // whose flow is the discharge ("": the outlet node of `boundary`)
    std::vector<std::vector<double>> sections;  // [chainage m, bed m, bottom width m, side slope, n]
    double at_m = 0.0;                          // chainage of the 2D boundary
    std::vector<double> pool_levels_m, discharges_m3_s;
};

struct NetworkCase {
    NetworkSettings settings;
    std::vector<NodeSection> nodes;
    std::vector<ReachSection> reaches;
    std::vector<ReservoirSection> reservoirs;
    std::vector<RuleSection> rules;
    std::vector<JointSection> joints;
    std::vector<DemandSection> demands;
    std::optional<BackwaterRelation> backwater;

    [[nodiscard]] bool present() const { return !nodes.empty() || !reservoirs.empty(); }
};

}  // namespace floodtwin::twin
