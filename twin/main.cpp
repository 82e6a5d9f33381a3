// floodtwin: the command line. A thin layer over twin::.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

#include "hydro/config.hpp"
#include "twin/case_file.hpp"
#include "twin/demo.hpp"
#include "twin/run.hpp"
#include "twin/synthetic_valley.hpp"

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

    floodtwin::twin::RunOptions run;
    std::string resume;
    auto* run_cmd = app.add_subcommand("run", "run a case file: results.nc, GeoTIFF maps, gauges.csv, summary.json");
    run_cmd->add_option("case", run.case_file, "the case file (TOML)")->required();
    run_cmd->add_option("--out", run.out_dir, "output folder")->capture_default_str();
    run_cmd->add_option("--threads", run.threads, "OpenMP threads (0: all)")->capture_default_str();
    run_cmd->add_option("--set", run.overrides, "override a case key: --set hydro.cfl=0.8 (repeatable)");
    run_cmd->add_option("--resume", resume, "continue from a checkpoint written by an earlier run of this case");
    run_cmd->add_flag("--quiet", run.quiet, "no progress line or summary");

    auto* dem_cmd = app.add_subcommand("dem", "make or prepare DEMs");
    dem_cmd->require_subcommand(1);
    auto* valley_cmd = dem_cmd->add_subcommand("valley", "write the synthetic valley (and its dam-break pool) as GeoTIFF");
    double valley_cell = 40.0;
    std::string valley_out = "dem.tif", valley_pool;
    valley_cmd->add_option("--cell", valley_cell, "cell size (m)")->capture_default_str();
    valley_cmd->add_option("--out", valley_out, "DEM file")->capture_default_str();
    valley_cmd->add_option("--pool", valley_pool, "also write the reservoir's initial depth to this file");

    auto* docs_cmd = app.add_subcommand("docs", "print reference documentation");
    auto* docs_case = docs_cmd->add_subcommand("case-file", "every case-file key, as in docs/case-file.md");
    docs_cmd->require_subcommand(1);

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
        } else if (*run_cmd) {
            run.command_line = command_line;
            if (!resume.empty()) run.resume = resume;
            floodtwin::twin::run_case(run);
        } else if (*valley_cmd) {
            floodtwin::twin::write_valley_files(valley_cell, valley_out, valley_pool);
        } else if (*docs_case) {
            std::fputs(floodtwin::twin::case_file_markdown().c_str(), stdout);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "floodtwin: error: %s\n", e.what());
        return 1;
    }
    return 0;
}
