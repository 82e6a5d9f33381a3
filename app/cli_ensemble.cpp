// `floodtwin ensemble` and `floodtwin ensemble-reduce`: the members of a case's ensemble
// over MPI ranks (under mpirun) or processes, and their products.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "app/commands.hpp"
#include "app/maps_drawer.hpp"
#include "app/this_program.hpp"
#include "grids/text_fields.hpp"
#include "twin/case/case_file.hpp"
#include "twin/ensemble/ensemble_job.hpp"

namespace floodtwin::app {

namespace {

struct EnsembleCommand {
    std::filesystem::path case_file, out_dir = "ensemble";
    std::vector<std::string> overrides, levels;
    std::string plan, hot_start;
    int members = 0, threads = 0;
    bool quiet = false;
};

void print_products(const twin::EnsembleProducts& p) {
    std::fprintf(stderr, "floodtwin ensemble-reduce: %zu of %d members; %s, %s (reduce %.1f s, peak memory %.0f MiB)\n",
                 p.present.size(), p.expected, p.nc.string().c_str(), p.json.filename().c_str(), p.wall_s,
                 p.peak_rss_mib);
    for (const twin::StationEnsemble& s : p.stations.stations) {
        const std::string text = twin::probabilistic_warning_text(s, p.start_epoch_s, p.utc_offset_min);
        if (!text.empty()) std::fprintf(stderr, "  %s\n", text.c_str());
    }
    for (const std::string& s : p.skipped) std::fprintf(stderr, "  skipped: %s\n", s.c_str());
}

void add_ensemble(CLI::App& app, Commands& out, const std::string& command_line) {
    auto s = std::make_shared<EnsembleCommand>();
    auto* cmd = app.add_subcommand(
        "ensemble", "run a case's ensemble ([ensemble]): members over MPI ranks under mpirun, else processes; "
                    "ensemble.nc, ensemble.json, probability maps");
    cmd->add_option("case", s->case_file, "the case file (TOML)")->required();
    cmd->add_option("--members", s->members, "how many members (default: ensemble.members)")
        ->check(CLI::Range(1, 10000));
    cmd->add_option("--out", s->out_dir, "the ensemble's folder: members/NNNN, ensemble.nc")->capture_default_str();
    cmd->add_option("--threads", s->threads,
                    "OpenMP threads per member (default: under mpirun the rank's share of the cores, else 1 and "
                    "as many members at once as cores)")
        ->check(CLI::Range(0, 1024));
    cmd->add_option("--set", s->overrides, "override a case key for every member (repeatable)")->allow_extra_args(false);
    cmd->add_option("--plan", s->plan, "the members run this [[plan]] of the case");
    cmd->add_option("--hot-start", s->hot_start, "every member starts from this checkpoint's state (a forecast)");
    cmd->add_option("--reservoir-level", s->levels, "with --hot-start: NAME=LEVEL for every member (repeatable)")
        ->allow_extra_args(false);
    cmd->add_flag("--quiet", s->quiet, "no progress lines");
    out.push_back({cmd, [s, command_line] {
                       const twin::MpiTeam team;
                       twin::EnsembleRunOptions o;
                       o.out_dir = s->out_dir;
                       o.quiet = s->quiet || team.rank() != 0;
                       // The case once here: its errors before any member starts.
                       const twin::Case c = twin::load_case(s->case_file, s->overrides, s->plan);
                       o.members = s->members > 0 ? s->members : static_cast<int>(c.ensemble.members);
                       o.run_argv = {this_program().string(), "run", std::filesystem::absolute(s->case_file).string()};
                       for (const std::string& v : s->overrides) o.run_argv.insert(o.run_argv.end(), {"--set", v});
                       o.run_argv.insert(o.run_argv.end(), {"--set", "ensemble.members=" + std::to_string(o.members)});
                       if (!s->plan.empty()) o.run_argv.insert(o.run_argv.end(), {"--plan", s->plan});
                       if (!s->hot_start.empty())
                           o.run_argv.insert(o.run_argv.end(),
                                             {"--hot-start", std::filesystem::absolute(s->hot_start).string()});
                       for (const std::string& l : s->levels) o.run_argv.insert(o.run_argv.end(), {"--reservoir-level", l});
                       const int cores = twin::cores_per_rank();
                       if (team.started()) {
                           o.threads = s->threads > 0 ? s->threads : cores;
                           o.at_once = 1;
                       } else {
                           o.threads = s->threads > 0 ? s->threads : 1;
                           o.at_once = std::max(1, cores / o.threads);
                       }
                       if (!o.quiet)
                           std::fprintf(stderr, "floodtwin ensemble: '%s', %s\n", c.name.c_str(),
                                        twin::ensemble_how(o, team).c_str());
                       twin::EnsembleJob job;
                       job.run = o;
                       job.draw_map = viz_class_map_drawer();
                       job.command_line = command_line;
                       const auto p = twin::run_ensemble_job(job, team);
                       if (p && !s->quiet) print_products(*p);
                   }});
}

void add_reduce(CLI::App& app, Commands& out, const std::string& command_line) {
    auto r = std::make_shared<twin::EnsembleReduceOptions>();
    auto members = std::make_shared<int>(0);
    auto* cmd = app.add_subcommand(
        "ensemble-reduce", "combine the members found in an ensemble's folder (a Slurm array's, say) into ensemble.nc, "
                           "ensemble.json and probability maps; names the members missing");
    cmd->add_option("dir", r->dir, "the ensemble's folder (with members/)")->required();
    cmd->add_option("--members", *members, "how many members were meant (default: the members' ensemble.members)")
        ->check(CLI::Range(1, 10000));
    cmd->add_flag("--quiet", r->quiet, "no summary");
    out.push_back({cmd, [r, members, command_line] {
                       if (*members > 0) r->members = *members;
                       r->draw_map = viz_class_map_drawer();
                       r->command_line = command_line;
                       const twin::EnsembleProducts p = twin::reduce_ensemble(*r);
                       if (!r->quiet) print_products(p);
                   }});
}

}  // namespace

void add_ensemble_commands(CLI::App& app, Commands& out, const std::string& command_line) {
    add_ensemble(app, out, command_line);
    add_reduce(app, out, command_line);
}

}  // namespace floodtwin::app
