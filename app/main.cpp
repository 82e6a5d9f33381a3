// floodtwin: the command line. A thin layer over twin:: and viz::; each family of
// subcommands is declared in its own app/cli_*.cpp.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "app/commands.hpp"
#include "grids/write_error.hpp"
#include "twin/run/stop_signals.hpp"

namespace {

// The exit status, without the exit handlers after a write failed for want of space:
// HDF5 is then left holding files it could not write, and its clean-up would crash.
int finish(int status) {
    if (floodtwin::grids::disk_full_seen()) {
        std::fflush(nullptr);
        std::_Exit(status);
    }
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    std::string command_line;
    for (int k = 0; k < argc; ++k) command_line += (k ? " " : "") + std::string(argv[k]);

    CLI::App app{"floodtwin: flood and water-resources digital twin of the Chongqing metropolitan area"};
    app.require_subcommand(1);
    floodtwin::app::Commands commands;
    floodtwin::app::add_run_commands(app, commands, command_line);
    floodtwin::app::add_fourpre_commands(app, commands, command_line);
    floodtwin::app::add_ensemble_commands(app, commands, command_line);
    floodtwin::app::add_optimise_commands(app, commands, command_line);
    floodtwin::app::add_dem_commands(app, commands, command_line);
    floodtwin::app::add_map_commands(app, commands);
    floodtwin::app::add_docs_commands(app, commands);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        for (const auto& c : commands)
            if (c.cli->parsed()) c.run();
    } catch (const floodtwin::twin::RunStopped& e) {
        std::fprintf(stderr, "floodtwin: %s\n", e.what());
        return finish(e.exit_status());  // 130 for SIGINT, 143 for SIGTERM
    } catch (const std::exception& e) {
        std::fprintf(stderr, "floodtwin: error: %s\n", e.what());
        return finish(1);
    }
    return finish(0);
}
