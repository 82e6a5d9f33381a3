// `floodtwin demo`, `run` and `route`.
#include <cmath>
#include <cstdlib>
#include <optional>
#include <memory>
#include <stdexcept>
#include <string>

#include "app/commands.hpp"
#include "app/demo.hpp"
#include "app/maps_drawer.hpp"
#include "hydro/config.hpp"
#include "twin/run/route.hpp"
#include "twin/ensemble/member_folder.hpp"
#include "twin/run/run.hpp"

namespace floodtwin::app {

namespace {

// The most OpenMP threads --threads takes: far beyond any node's cores, low enough that a
// slip (100000) is caught before OpenMP tries to start that many.
constexpr int max_threads = 1024;

// --threads: 0 (OpenMP's default) to max_threads.
int checked_threads(int threads) {
    if (threads < 0 || threads > max_threads)
        throw std::invalid_argument("--threads: must be 0 (OpenMP's default: one per core) to " +
                                    std::to_string(max_threads) + ", got " + std::to_string(threads));
    return threads;
}

// --reservoir-level "Three Gorges=152.3": the name and the level.
std::pair<std::string, double> name_and_level(const std::string& text) {
    const auto eq = text.rfind('=');
    std::size_t used = 0;
    double level = 0.0;
    try {
        if (eq != std::string::npos) level = std::stod(text.substr(eq + 1), &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (eq == std::string::npos || eq == 0 || used == 0 || used != text.size() - eq - 1 || !std::isfinite(level))
        throw std::invalid_argument("--reservoir-level: expected NAME=LEVEL (metres), such as \"Three Gorges=152.3\", got '" +
                                    text + "'");
    return {text.substr(0, eq), level};
}

// --member K, or SLURM_ARRAY_TASK_ID in a Slurm job array; none for a plain run.
std::optional<int> ensemble_member(int given) {
    if (given >= 0) return given;
    const char* task = std::getenv("SLURM_ARRAY_TASK_ID");
    if (!task) return std::nullopt;
    std::size_t used = 0;
    int k = -1;
    try {
        k = std::stoi(task, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || task[used] != '\0' || k < 0)
        throw std::invalid_argument(std::string("SLURM_ARRAY_TASK_ID: expected a member number (0, 1, ...), got '") +
                                    task + "'");
    return k;
}

void add_demo(CLI::App& app, Commands& out, const std::string& command_line) {
    struct State {
        DemoOptions demo;
        std::string scheme = "fv2";
        bool no_maps = false;
    };
    auto s = std::make_shared<State>();
    auto* cmd = app.add_subcommand("demo", "run the built-in dam break in a synthetic valley");
    cmd->add_option("--out", s->demo.out_dir, "output folder")->capture_default_str();
    cmd->add_option("--scheme", s->scheme, "fv1 | fv2")->capture_default_str();
    cmd->add_option("--duration", s->demo.duration_s, "simulated seconds")->capture_default_str();
    cmd->add_option("--cell", s->demo.cell_m, "cell size (m)")->capture_default_str();
    cmd->add_option("--threads", s->demo.threads, "OpenMP threads, 0 to 1024 (0: all)")->capture_default_str();
    cmd->add_flag("--quiet", s->demo.quiet, "no progress line");
    cmd->add_flag("--no-maps", s->no_maps, "skip the rendered maps and movie");
    out.push_back({cmd, [s, command_line] {
                       s->demo.threads = checked_threads(s->demo.threads);
                       s->demo.scheme = hydro::parse_scheme(s->scheme);
                       s->demo.command_line = command_line;
                       s->demo.maps = !s->no_maps;
                       run_demo(s->demo);
                   }});
}

void add_run(CLI::App& app, Commands& out, const std::string& command_line) {
    struct State {
        twin::RunOptions run;
        std::string resume, hot_start;
        std::vector<std::string> levels;
        int member = -1;
    };
    auto s = std::make_shared<State>();
    auto* cmd = app.add_subcommand("run", "run a case file: results.nc, GeoTIFF maps, gauges.csv, summary.json");
    cmd->add_option("case", s->run.case_file, "the case file (TOML)")->required();
    cmd->add_option("--out", s->run.out_dir, "output folder")->capture_default_str();
    cmd->add_option("--threads", s->run.threads, "OpenMP threads, 0 to 1024 (0: all)")->capture_default_str();
    // One value per --set, so that `--set k=v CASE.toml` leaves the case file to the positional.
    cmd->add_option("--set", s->run.overrides, "override a case key: --set hydro.cfl=0.8 (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--plan", s->run.plan, "run a [[plan]] of the case: its overrides and added rules, breaches, detention areas");
    cmd->add_option("--resume", s->resume, "continue from a checkpoint written by an earlier run of this case");
    cmd->add_option("--hot-start", s->hot_start,
                    "start from the state in another run's checkpoint (same grid and network; case.start at its time)");
    cmd->add_option("--reservoir-level", s->levels,
                    "with --hot-start: NAME=LEVEL, a reservoir's pool level (m) at the start in place of the state's "
                    "(repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--member", s->member,
                    "run ensemble member K (0, 1, ...) of the case's [ensemble] into --out/members/K; without it, "
                    "SLURM_ARRAY_TASK_ID when set (a Slurm job array)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_flag("--overwrite", s->run.overwrite,
                  "replace the results of another run in --out (otherwise a folder holding them is refused)");
    cmd->add_flag("--quiet", s->run.quiet, "no progress line or summary");
    out.push_back({cmd, [s, command_line] {
                       s->run.member = ensemble_member(s->member);
                       if (s->run.member) s->run.out_dir = twin::member_dir(s->run.out_dir, *s->run.member);
                       s->run.threads = checked_threads(s->run.threads);
                       s->run.command_line = command_line;
                       if (!s->resume.empty()) s->run.resume = s->resume;
                       if (!s->hot_start.empty()) s->run.hot_start = s->hot_start;
                       for (const std::string& l : s->levels) s->run.reservoir_levels.push_back(name_and_level(l));
                       if (!s->run.reservoir_levels.empty() && !s->run.hot_start)
                           throw std::invalid_argument("--reservoir-level: only with --hot-start");
                       s->run.draw_maps = viz_maps_drawer();
                       twin::run_case(s->run);
                   }});
}

void add_route(CLI::App& app, Commands& out, const std::string& command_line) {
    auto route = std::make_shared<twin::RouteOptions>();
    auto* cmd = app.add_subcommand(
        "route", "run a case's river network alone: hydrographs, reservoirs, dispatch_log.csv, dispatch_summary.json");
    cmd->add_option("case", route->case_file, "the case file (TOML)")->required();
    cmd->add_option("--out", route->out_dir, "output folder")->capture_default_str();
    cmd->add_option("--set", route->overrides, "override a case key: --set network.step=30min (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--plan", route->plan, "route a [[plan]] of the case");
    cmd->add_flag("--quiet", route->quiet, "no summary");
    out.push_back({cmd, [route, command_line] {
                       route->command_line = command_line;
                       twin::route_case(*route);
                   }});
}

}  // namespace

void add_run_commands(CLI::App& app, Commands& out, const std::string& command_line) {
    add_demo(app, out, command_line);
    add_run(app, out, command_line);
    add_route(app, out, command_line);
}

}  // namespace floodtwin::app
