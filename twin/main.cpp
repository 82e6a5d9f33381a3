// floodtwin: the command line. A thin layer over twin::.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

#include "hydro/config.hpp"
#include "twin/demo.hpp"

int main(int argc, char** argv) {
    std::string command_line;
    for (int k = 0; k < argc; ++k) command_line += (k ? " " : "") + std::string(argv[k]);

    CLI::App app{"floodtwin: flood and water-resources digital twin of the Chongqing metropolitan area"};
    app.require_subcommand(1);

    floodtwin::twin::DemoOptions demo;
    std::string scheme = "fv2";
    auto* demo_cmd = app.add_subcommand("demo", "run the built-in dam break in a synthetic valley");
    demo_cmd->add_option("--out", demo.out_dir, "output folder")->capture_default_str();
    demo_cmd->add_option("--scheme", scheme, "fv1 | fv2")->capture_default_str();
    demo_cmd->add_option("--duration", demo.duration_s, "simulated seconds")->capture_default_str();
    demo_cmd->add_option("--cell", demo.cell_m, "cell size (m)")->capture_default_str();
    demo_cmd->add_option("--threads", demo.threads, "OpenMP threads (0: all)")->capture_default_str();
    demo_cmd->add_flag("--quiet", demo.quiet, "no progress line");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    try {
        if (*demo_cmd) {
            demo.scheme = floodtwin::hydro::parse_scheme(scheme);
            demo.command_line = command_line;
            floodtwin::twin::run_demo(demo);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "floodtwin: error: %s\n", e.what());
        return 1;
    }
    return 0;
}
