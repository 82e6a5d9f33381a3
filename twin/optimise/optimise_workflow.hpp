#pragma once
// `floodtwin optimise` (docs/optimise.md): a multi-objective search over the plan
// parameters the case's [[optimise.variable]]s name, each candidate plan judged on the
// river network alone by [optimise].objectives, hard limits penalised; the Pareto set of
// every plan run, each a ready [[plan]] block; the case's own plans judged the same way,
// with the Pareto plans at least as good as each; with --rehearse the Pareto set through
// the four pre- rehearsal (the 2D model, protected area flooded). Writes pareto.json,
// plans.toml and report.html into the output folder, each atomically.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "twin/fourpre/fourpre_workflow.hpp"
#include "twin/run/case_command.hpp"

namespace floodtwin::twin {

struct OptimiseOptions : CaseCommand {
    bool overwrite = false;  // replace the products of an earlier optimise in out_dir
    // The rehearsal of the Pareto set (at most optimise.rehearse plans) at an issue time,
    // from a cold start or `state`, as `floodtwin fourpre` does it, into out_dir/rehearsal.
    bool rehearse = false;
    std::string issue_time;
    std::optional<std::filesystem::path> state;
    std::filesystem::path program;  // the floodtwin executable the rehearsal's runs start
    int cores = 0;                  // for the rehearsal; 0: the machine's
    ClassMapDrawer draw_map;        // the rehearsal's maps (empty: none)
};

struct OptimiseResult {
    std::filesystem::path pareto_json, plans_toml, report_html;
    std::size_t front = 0;
    std::string best_hand_written;   // the hand-written plan ranked first
    bool best_covered = false;       // a Pareto plan is at least as good on every objective
};

OptimiseResult run_optimise(const OptimiseOptions& options);

}  // namespace floodtwin::twin
