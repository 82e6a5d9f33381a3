// `floodtwin fourpre` and `floodtwin cycle`: the four pre- workflow at one issue time,
// and over successive issue times.
#include <memory>
#include <string>
#include <unistd.h>

#include "app/commands.hpp"
#include "app/maps_drawer.hpp"
#include "app/this_program.hpp"
#include "twin/fourpre/forecast_cycle.hpp"
#include "twin/fourpre/fourpre_workflow.hpp"

namespace floodtwin::app {

namespace {

void add_common(CLI::App* cmd, twin::FourPreOptions& o) {
    cmd->add_option("case", o.case_file, "the case file (TOML)")->required();
    cmd->add_option("--out", o.out_dir, "output folder")->required();
    cmd->add_option("--set", o.overrides, "override a case key: --set fourpre.horizon=48h (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--cores", o.cores, "cores to use for the runs (0: all)")->capture_default_str();
    cmd->add_flag("--overwrite", o.overwrite, "replace the products of an earlier fourpre in --out");
    cmd->add_flag("--quiet", o.quiet, "no progress lines");
}

void add_fourpre(CLI::App& app, Commands& out, const std::string& command_line) {
    auto o = std::make_shared<twin::FourPreOptions>();
    auto state = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand(
        "fourpre", "forecast, warning, rehearsal and plan at one issue time: warnings (JSON, CSV, CAP), plan.json, report.html");
    add_common(cmd, *o);
    cmd->add_option("--issue-time", o->issue_time, "the forecast issue time, ISO 8601 with a zone")->required();
    cmd->add_option("--state", *state,
                    "the previous cycle's output folder (or a checkpoint): a hot start; without it, a cold start "
                    "fourpre.spin_up before the issue time");
    cmd->add_flag("--forecast-only", o->forecast_only, "the baseline forecast and its warnings, without rehearsing the plans");
    out.push_back({cmd, [o, state, command_line] {
                       o->command_line = command_line;
                       o->program = this_program();
                       if (!state->empty()) o->state = *state;
                       o->draw_map = viz_class_map_drawer();
                       twin::run_fourpre(*o);
                   }});
}

void add_cycle(CLI::App& app, Commands& out, const std::string& command_line) {
    auto c = std::make_shared<twin::CycleOptions>();
    auto* cmd = app.add_subcommand(
        "cycle", "fourpre at successive issue times, each from the previous one's state: how the forecast evolved");
    add_common(cmd, c->fourpre);
    cmd->add_option("--from", c->from, "the first issue time, ISO 8601 with a zone")->required();
    cmd->add_option("--to", c->to, "the last issue time")->required();
    cmd->add_option("--every", c->every, "time between issue times, such as 12h")->required();
    cmd->add_flag("--rehearse", c->rehearse, "rehearse every plan at each issue time (default: the forecast alone)");
    out.push_back({cmd, [c, command_line] {
                       c->fourpre.command_line = command_line;
                       c->fourpre.program = this_program();
                       c->fourpre.draw_map = viz_class_map_drawer();
                       twin::run_cycle(*c);
                   }});
}

}  // namespace

void add_fourpre_commands(CLI::App& app, Commands& out, const std::string& command_line) {
    add_fourpre(app, out, command_line);
    add_cycle(app, out, command_line);
}

}  // namespace floodtwin::app
