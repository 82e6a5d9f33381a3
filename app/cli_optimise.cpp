// `floodtwin optimise`: the multi-objective search over a plan's parameters
// (twin/optimise/optimise_workflow.hpp, docs/optimise.md).
#include <memory>
#include <string>

#include "app/commands.hpp"
#include "app/maps_drawer.hpp"
#include "app/this_program.hpp"
#include "twin/optimise/optimise_workflow.hpp"

namespace floodtwin::app {

void add_optimise_commands(CLI::App& app, Commands& out, const std::string& command_line) {
    auto o = std::make_shared<twin::OptimiseOptions>();
    auto state = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand(
        "optimise", "multi-objective search over a plan's parameters ([optimise]): the Pareto set as [[plan]] blocks, "
                    "pareto.json, report.html; --rehearse runs it through the four pre- rehearsal");
    cmd->add_option("case", o->case_file, "the case file (TOML), with its [optimise] and [[optimise.variable]] tables")
        ->required();
    cmd->add_option("--out", o->out_dir, "output folder")->required();
    cmd->add_option("--set", o->overrides, "override a case key: --set optimise.generations=40 (repeatable)")
        ->allow_extra_args(false);
    cmd->add_flag("--rehearse", o->rehearse,
                  "run the Pareto set (at most optimise.rehearse plans) through the four pre- rehearsal, as fourpre does");
    cmd->add_option("--issue-time", o->issue_time, "with --rehearse: the rehearsal's issue time, ISO 8601 with a zone");
    cmd->add_option("--state", *state, "with --rehearse: a previous cycle's output folder or checkpoint (a hot start)");
    cmd->add_option("--cores", o->cores, "with --rehearse: cores the rehearsal's runs may use (0: all)")->capture_default_str();
    cmd->add_flag("--overwrite", o->overwrite, "replace the products of an earlier optimise in --out");
    cmd->add_flag("--quiet", o->quiet, "no progress lines");
    out.push_back({cmd, [o, state, command_line] {
                       o->command_line = command_line;
                       o->program = this_program();
                       if (!state->empty()) o->state = *state;
                       if (o->rehearse) o->draw_map = viz_class_map_drawer();
                       twin::run_optimise(*o);
                   }});
}

}  // namespace floodtwin::app
