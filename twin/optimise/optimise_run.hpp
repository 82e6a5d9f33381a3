#pragma once
// What one `floodtwin optimise` holds once its search is done: the hand-written plans
// judged as the search judges plans, the Pareto set, how each hand-written plan fares
// against it, how the search went and, with --rehearse, the rehearsal's ranking. The
// outputs (twin/optimise/optimise_outputs.hpp) and the report (optimise_report.hpp) are
// written from it. Internal to twin/optimise.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "twin/case/case.hpp"
#include "twin/optimise/front_rehearsal.hpp"
#include "twin/optimise/network_objectives.hpp"
#include "twin/optimise/plan_variables.hpp"

namespace floodtwin::twin {

// The baseline (the case as written) or one of the case's [[plan]]s.
struct HandWrittenPlan {
    PlanSection plan;
    NetworkJudgement judged;
    ExpressedPlan expressed;         // its values of the variables, or why it has none
    bool seeded = false;             // it was in the first population
    int rank = 0;                    // among the hand-written plans: keeping the limits first, then the objectives in order
    std::vector<std::size_t> covered_by;   // Pareto plans at least as good on every objective (indices into front)
    std::vector<std::size_t> improved_by;  // those of them better on one by more than its tolerance
};

struct ParetoPlan {
    std::string name;                // pareto-01, ...: in order of the first objective
    std::vector<double> x;           // the variables' values
    std::vector<std::string> set;    // as --set takes them
    NetworkJudgement judged;
    std::string reason;              // for its [[plan]] block
};

struct GenerationRecord {
    unsigned generation = 0;         // 0: the first population
    std::size_t plans_run = 0;       // distinct plans run so far
    std::size_t front = 0;           // plans on the front of everything run so far
};

struct OptimiseRun {
    Case c;
    std::filesystem::path out;
    std::string command_line;
    std::vector<std::string> search_overrides;  // --set, and the search's network step
    double network_step_s = 0.0;
    PlanVariables variables{{}};
    std::vector<HandWrittenPlan> hand;  // [0] the baseline
    std::vector<ParetoPlan> front;
    std::size_t front_found = 0;        // before it was thinned to optimise.front_size
    std::size_t best_hand = 0;          // the hand-written plan ranked first
    nlohmann::json algorithm;
    std::vector<GenerationRecord> generations;
    std::size_t plans_run = 0, evaluations = 0;
    unsigned threads = 1;
    double hand_wall_s = 0.0, search_wall_s = 0.0, wall_s = 0.0;
    std::optional<RehearsalSummary> rehearsal;

    [[nodiscard]] const std::vector<std::string>& objectives() const { return c.optimise.settings.objectives; }
};

}  // namespace floodtwin::twin
