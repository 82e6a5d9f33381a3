// `floodtwin fourpre` and `floodtwin cycle`: the four pre- workflow at one issue time,
// and over successive issue times.
#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <unistd.h>

#include "app/commands.hpp"
#include "app/maps_drawer.hpp"
#include "app/this_program.hpp"
#include "twin/fourpre/forecast_cycle.hpp"
#include "twin/ensemble/ensemble_job.hpp"
#include "twin/fourpre/fourpre_workflow.hpp"

namespace floodtwin::app {

namespace {

// fourpre under mpirun: rank 0 runs the workflow and hands the ensemble's members out;
// the other ranks wait (without spinning) for the members' command and run members.
void run_fourpre_on_ranks(twin::FourPreOptions& o) {
    const twin::MpiTeam team;
    if (team.rank() != 0) {
        if (const auto job = twin::receive_ensemble_job(team)) (void)twin::run_ensemble_job({*job, {}, 0.0, {}, ""}, team);
        return;
    }
    bool shared = false;
    o.run_ensemble = [&](const twin::EnsembleRequest& q) {
        twin::EnsembleJob job;
        job.run.run_argv = q.run_argv;
        job.run.out_dir = q.out_dir;
        job.run.members = q.members;
        job.run.quiet = q.quiet;
        const int cores = team.started() ? twin::cores_per_rank() : q.cores;
        job.run.threads = team.started() ? cores : 1;
        job.run.at_once = team.started() ? 1 : std::max(1, cores);
        job.updates = q.updates;
        job.issue_s = q.issue_s;
        job.draw_map = o.draw_map;
        job.command_line = o.command_line;
        twin::share_ensemble_job(team, &job.run);
        shared = true;
        const auto t0 = std::chrono::steady_clock::now();
        twin::EnsembleForecast f = twin::forecast_of(*twin::run_ensemble_job(job, team));
        f.how = twin::ensemble_how(job.run, team);
        f.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return f;
    };
    try {
        twin::run_fourpre(o);
    } catch (...) {
        if (!shared) twin::share_ensemble_job(team, nullptr);  // the other ranks are not left waiting
        throw;
    }
    if (!shared) twin::share_ensemble_job(team, nullptr);
}

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
    cmd->add_option("--members", o->members,
                    "an ensemble of the forecast with this many members ([ensemble]): chances of each warning level, "
                    "probability maps; under mpirun its members run over the ranks")
        ->check(CLI::Range(1, 10000));
    out.push_back({cmd, [o, state, command_line] {
                       o->command_line = command_line;
                       o->program = this_program();
                       if (!state->empty()) o->state = *state;
                       o->draw_map = viz_class_map_drawer();
                       run_fourpre_on_ranks(*o);
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
