#pragma once
// The subcommands of `floodtwin`, each family in its own file: it declares its options
// on the CLI11 app and returns what to do when it is the one chosen.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace floodtwin::app {

struct Command {
    CLI::App* cli = nullptr;      // parsed: the command was given
    std::function<void()> run;   // throws std::exception with a message for the user
};
using Commands = std::vector<Command>;

// `demo`, `run`, `route` (app/cli_run.cpp).
void add_run_commands(CLI::App& app, Commands& out, const std::string& command_line);
// `dem valley`, `dem chongqing`, `dem prepare` (app/cli_dem.cpp).
void add_dem_commands(CLI::App& app, Commands& out, const std::string& command_line);
// `render`, `animate`, `export-vtk` (app/cli_maps.cpp; absent without viz).
void add_map_commands(CLI::App& app, Commands& out);
// `fourpre`, `cycle` (app/cli_fourpre.cpp).
void add_fourpre_commands(CLI::App& app, Commands& out, const std::string& command_line);
// `ensemble`, `ensemble-reduce` (app/cli_ensemble.cpp).
void add_ensemble_commands(CLI::App& app, Commands& out, const std::string& command_line);
// `optimise` (app/cli_optimise.cpp).
void add_optimise_commands(CLI::App& app, Commands& out, const std::string& command_line);
// `docs case-file` (app/cli_docs.cpp).
void add_docs_commands(CLI::App& app, Commands& out);

}  // namespace floodtwin::app
