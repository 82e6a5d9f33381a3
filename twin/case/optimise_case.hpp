#pragma once
// The optimise part of a case ([optimise], [[optimise.variable]]; docs/case-file.md,
// docs/optimise.md): what `floodtwin optimise` searches over (numeric case keys within
// bounds), what it judges a plan by (objectives, twin/case/optimise_objectives.hpp) and
// the hard limits a plan must keep. As in twin/case/case.hpp, every field is
// value-initialised and load_case fills it from the file or its key's default
// (twin/case/optimise_keys.cpp).
#include <optional>
#include <string>
#include <vector>

namespace floodtwin::twin {

// One decision variable: a numeric case key as `--set` names it, within [min, max].
struct OptimiseVariable {
    std::string case_key;          // "joint[0].target_flow", "rule[18].value", "joint[0].tiers[1]"
    std::string name;              // in the report and pareto.json; case_key when not given
    double min = 0.0, max = 0.0;   // in the key's own units, as the case file writes them
    std::optional<double> step;    // values on min + k step only
    bool integer = false;          // whole numbers only (step 1 unless `step` says otherwise)
    std::string key;               // "optimise.variable[0]": for messages
};

struct OptimiseSettings {
    std::string algorithm;                // nsga2 | moead
    double population = 0.0, generations = 0.0, seed = 0.0;
    std::vector<std::string> objectives;  // names from optimise_objectives()
    std::string station;                  // the node control_peak reads; "": the first [[joint]]'s station
    std::string max_level;                // design | check | none: the pool level no plan may exceed
    bool rate_limits = false;             // releases within each rate_limit rule
    bool capacity = false;                // releases within what the outlets pass
    std::optional<double> network_step_s; // the network step of the search's evaluations; unset: network.step
    double front_size = 0.0;              // at most this many Pareto plans reported
    double rehearse = 0.0;                // at most this many rehearsed with --rehearse
    double parallel = 0.0;                // evaluations at once; 0: the cores
    bool seed_plans = false;              // the hand-written plans join the first population
};

struct OptimiseCase {
    bool present = false;  // the case has an [optimise] table
    OptimiseSettings settings;
    std::vector<OptimiseVariable> variables;
};

}  // namespace floodtwin::twin
