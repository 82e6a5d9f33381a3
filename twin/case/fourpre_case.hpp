#pragma once
// The four pre- part of a case ([fourpre], [[observed]], [[area]], [[plan]];
// docs/case-file.md): what `floodtwin fourpre` needs beyond a run: how to start and how
// far to look, the observations up to the issue time, the areas warnings are given for,
// the candidate plans and the rule that ranks them. As in twin/case/case.hpp, every field
// is value-initialised and load_case fills it from the file or its key's default
// (twin/case/fourpre_keys.cpp).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "hydro/time_series.hpp"

namespace floodtwin::twin {

struct FourPreSettings {
    double spin_up_s = 0.0;         // a cold start begins this long before the issue time
    double horizon_s = 0.0;         // forecast horizon after the issue time
    double update_window_s = 0.0;   // the errors the updating is fitted to: this long before the issue
    double update_step_s = 0.0;     // their spacing
    std::vector<std::string> numbering;  // nodes (flow) or reservoirs (inflow) whose flow numbers floods
    double numbering_threshold_m3_s = 0.0;
    double numbering_separation_s = 0.0;
    double numbers_before = 0.0;                  // floods numbered this year before the forecast
    std::optional<double> last_numbered_epoch_s;  // when the last of them was numbered
    std::vector<double> area_depths_m;            // area warnings: blue, yellow, orange, red by max depth
    std::vector<std::string> ranking;             // the objectives after the hard limits, in order
    std::string control_station;                  // the gauge whose peak the plans are compared by first
    double parallel = 0.0;                        // plans run at once; 0: as many as the cores
    std::string sender, sender_name;              // CAP sender and its name
    std::string cap_status;                       // CAP status: Exercise for hindcasts and drills
    std::optional<std::filesystem::path> normal_river;  // raster: >= 0.15 is river; none: [initial]
};

// One [[observed]] series: a station's stage, a node's flow, a reservoir's level or an
// inflow, up to the issue time.
struct ObservedSection {
    std::string station;
    std::string quantity;  // stage | discharge | level | inflow
    hydro::TimeSeries series;
    std::string datum;     // stages: the station's datum, checked against it
    std::string note;      // where the observations come from
    std::string key;
};

// One [[area]] that warnings are given for: a district or a protected object.
struct AreaSection {
    std::string name;
    std::filesystem::path file;  // polygon file OGR reads (any CRS)
    std::string feature;         // the feature whose `name` property is this; "": every polygon of the file
    std::string kind;            // district | protected
    std::optional<double> people, assets;
    std::string assets_unit;
    std::string key;
};

// One [[plan]]: the baseline with overrides and added rules, breaches, detention areas
// ([[plan.rule]], [[plan.breach]], [[plan.detention]]; applied by load_case when the plan
// is named).
struct PlanSection {
    std::string name, reason;
    std::vector<std::string> set;  // "joint[0].target_flow=70000", as `--set`
    std::string key;
};

struct FourPreCase {
    FourPreSettings settings;
    std::vector<ObservedSection> observed;
    std::vector<AreaSection> areas;
    std::vector<PlanSection> plans;
};

}  // namespace floodtwin::twin
