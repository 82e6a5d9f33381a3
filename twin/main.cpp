// floodtwin: the command line. A thin layer over twin::.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>

#include "hydro/config.hpp"
#include "twin/case_file.hpp"
#include "twin/chongqing_terrain.hpp"
#include "twin/dem_prepare_command.hpp"
#include "twin/demo.hpp"
#include "twin/route.hpp"
#include "twin/run.hpp"
#include "twin/synthetic_valley.hpp"
#include "viz/animation.hpp"
#include "viz/headless_display.hpp"
#include "viz/map_renderer.hpp"
#include "viz/rivers.hpp"
#include "viz/results_export.hpp"
#include "viz/results_maps.hpp"
#include "viz/stations.hpp"

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
    bool demo_no_maps = false;
    demo_cmd->add_flag("--no-maps", demo_no_maps, "skip the rendered maps and movie");

    floodtwin::twin::RunOptions run;
    std::string resume;
    auto* run_cmd = app.add_subcommand("run", "run a case file: results.nc, GeoTIFF maps, gauges.csv, summary.json");
    run_cmd->add_option("case", run.case_file, "the case file (TOML)")->required();
    run_cmd->add_option("--out", run.out_dir, "output folder")->capture_default_str();
    run_cmd->add_option("--threads", run.threads, "OpenMP threads (0: all)")->capture_default_str();
    run_cmd->add_option("--set", run.overrides, "override a case key: --set hydro.cfl=0.8 (repeatable)");
    run_cmd->add_option("--resume", resume, "continue from a checkpoint written by an earlier run of this case");
    run_cmd->add_flag("--quiet", run.quiet, "no progress line or summary");

    floodtwin::twin::RouteOptions route;
    auto* route_cmd = app.add_subcommand(
        "route", "run a case's river network alone: hydrographs, reservoirs, dispatch_log.csv, dispatch_summary.json");
    route_cmd->add_option("case", route.case_file, "the case file (TOML)")->required();
    route_cmd->add_option("--out", route.out_dir, "output folder")->capture_default_str();
    route_cmd->add_option("--set", route.overrides, "override a case key: --set network.step=30min (repeatable)");
    route_cmd->add_flag("--quiet", route.quiet, "no summary");

    auto* dem_cmd = app.add_subcommand("dem", "make or prepare DEMs");
    dem_cmd->require_subcommand(1);
    auto* valley_cmd = dem_cmd->add_subcommand("valley", "write the synthetic valley (and its dam-break pool) as GeoTIFF");
    double valley_cell = 40.0;
    std::string valley_out = "dem.tif", valley_pool;
    valley_cmd->add_option("--cell", valley_cell, "cell size (m)")->capture_default_str();
    valley_cmd->add_option("--out", valley_out, "DEM file")->capture_default_str();
    valley_cmd->add_option("--pool", valley_pool, "also write the reservoir's initial depth to this file");
    floodtwin::twin::SchematicTerrainOptions cq;
    std::string cq_out = "chongqing-dem.tif", cq_rivers, cq_loss;
    double cq_drainage = 30.0;
    auto* cq_cmd = dem_cmd->add_subcommand("chongqing", "write the built-in SCHEMATIC terrain of Chongqing as GeoTIFF");
    cq_cmd->add_option("--region", cq.region, "central | yuzhong | hechuan | gully")->capture_default_str();
    cq_cmd->add_option("--cell", cq.cell_m, "cell size (m)")->capture_default_str();
    cq_cmd->add_option("--seed", cq.seed, "seed of the micro-relief")->capture_default_str();
    cq_cmd->add_option("--out", cq_out, "DEM file")->capture_default_str();
    cq_cmd->add_option("--rivers", cq_rivers, "also write the river centre lines (GeoJSON)");
    cq_cmd->add_option("--drainage-loss", cq_loss, "also write a drainage-loss raster (mm/h) of the built-up cells");
    cq_cmd->add_option("--drainage", cq_drainage, "drainage capacity of built-up cells (mm/h)")->capture_default_str();

    floodtwin::twin::DemPrepareCommand prepare;
    std::string prepare_bbox, prepare_resampling = "bilinear";
    auto* prepare_cmd = dem_cmd->add_subcommand(
        "prepare", "mosaic and reproject DEM tiles onto one grid, fill voids, burn channels, raise levees");
    prepare_cmd->add_option("--src", prepare.sources, "a source raster (repeatable; the first listed wins overlaps)")
        ->required();
    prepare_cmd->add_option("--crs", prepare.prepare.target_crs, "target CRS, projected in metres")
        ->capture_default_str();
    prepare_cmd->add_option("--resolution", prepare.prepare.resolution_m, "cell size (m)")->capture_default_str();
    prepare_cmd->add_option("--bbox", prepare_bbox, "xmin,ymin,xmax,ymax in the target CRS (default: all sources)");
    prepare_cmd->add_option("--fill-holes", prepare.prepare.max_fill_hole_cells, "fill voids of up to N output cells")
        ->capture_default_str();
    prepare_cmd->add_option("--resampling", prepare_resampling, "nearest | bilinear | cubic | average")
        ->capture_default_str();
    prepare_cmd->add_option("--channels", prepare.channels, "GeoJSON of channel centre lines to burn in");
    prepare_cmd->add_option("--channel-width", prepare.channel_width_m, "channel top (bank-full) width (m)");
    prepare_cmd->add_option("--channel-bed", prepare.channel_bed, "bed level: \"chainage:level,...\" or one level (m)");
    prepare_cmd->add_option("--bank-slope", prepare.bank_slope, "bank slope, horizontal per vertical")
        ->capture_default_str();
    prepare_cmd->add_option("--bank-height", prepare.bank_height_m, "bed to bank top (m); needed with --bank-slope")
        ->capture_default_str();
    prepare_cmd->add_option("--levees", prepare.levees, "GeoJSON of levee crest lines to raise");
    prepare_cmd->add_option("--levee-crest", prepare.levee_crest, "crest level: one level or \"chainage:level,...\"");
    prepare_cmd->add_option("--levee-width", prepare.levee_width_m, "crest width (m; default one cell)");
    prepare_cmd->add_option("--out", prepare.out, "DEM file (GeoTIFF)")->capture_default_str();

    // Maps, animations and ParaView files from a run's results.nc.
    std::string render_results, render_var = "max_depth", render_time = "max", render_out = "map.png",
                render_size = "1600x1200", render_view = "map", render_range, render_stations, render_note;
    double render_min_depth = 0.05, render_exaggeration = 0.0;
    auto* render_cmd = app.add_subcommand("render", "draw a map (PNG) of a run's results.nc");
    render_cmd->add_option("results", render_results, "results.nc of a run")->required();
    render_cmd->add_option("--var", render_var, "max_depth | depth | water_level | arrival_time | speed")
        ->capture_default_str();
    render_cmd->add_option("--time", render_time, "max (whole run), a map index, or an ISO time with zone")
        ->capture_default_str();
    render_cmd->add_option("--out", render_out, "PNG file")->capture_default_str();
    render_cmd->add_option("--size", render_size, "WIDTHxHEIGHT in pixels")->capture_default_str();
    render_cmd->add_option("--view", render_view, "map | 3d")->capture_default_str();
    render_cmd->add_option("--range", render_range, "colour scale LOW:HIGH (default: from the run's maxima)");
    render_cmd->add_option("--min-depth", render_min_depth, "shallower water is drawn as dry (m)")
        ->capture_default_str();
    render_cmd->add_option("--stations", render_stations, "CSV of stations: name,x,y[,none|blue|yellow|orange|red]");
    render_cmd->add_option("--note", render_note, "note in the footer, e.g. \"Synthetic terrain\"");
    std::string render_rivers;
    render_cmd->add_option("--rivers", render_rivers,
                           "river centre lines to draw: GeoJSON LineStrings, lon/lat or with a crs member");
    render_cmd->add_option("--exaggeration", render_exaggeration, "3d: vertical exaggeration (0: automatic)")
        ->capture_default_str();

    std::string animate_results, animate_var = "depth", animate_out = "flood.mp4", animate_size = "1280x960",
                animate_range, animate_stations, animate_note;
    double animate_fps = 2.0, animate_min_depth = 0.05;
    bool animate_keep = false;
    auto* animate_cmd = app.add_subcommand("animate", "animate every map of a run's results.nc (MP4 or GIF)");
    animate_cmd->add_option("results", animate_results, "results.nc of a run")->required();
    animate_cmd->add_option("--out", animate_out, "flood.mp4 or flood.gif")->capture_default_str();
    animate_cmd->add_option("--var", animate_var, "depth | water_level | speed")->capture_default_str();
    animate_cmd->add_option("--size", animate_size, "WIDTHxHEIGHT in pixels")->capture_default_str();
    animate_cmd->add_option("--fps", animate_fps, "frames per second")->capture_default_str();
    animate_cmd->add_option("--range", animate_range, "colour scale LOW:HIGH (default: from the run's maxima)");
    animate_cmd->add_option("--min-depth", animate_min_depth, "shallower water is drawn as dry (m)")
        ->capture_default_str();
    animate_cmd->add_option("--stations", animate_stations, "CSV of stations: name,x,y[,none|blue|yellow|orange|red]");
    animate_cmd->add_option("--note", animate_note, "note in the footer");
    animate_cmd->add_flag("--keep-frames", animate_keep, "keep the PNG frames beside the movie");

    std::string export_results, export_out = "vtk";
    auto* export_cmd = app.add_subcommand("export-vtk", "write a run's results.nc as ParaView .vti files and a .pvd");
    export_cmd->add_option("results", export_results, "results.nc of a run")->required();
    export_cmd->add_option("--out", export_out, "output folder")->capture_default_str();

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
            demo.maps = !demo_no_maps;
            floodtwin::twin::run_demo(demo);
        } else if (*run_cmd) {
            run.command_line = command_line;
            if (!resume.empty()) run.resume = resume;
            floodtwin::twin::run_case(run);
        } else if (*route_cmd) {
            route.command_line = command_line;
            floodtwin::twin::route_case(route);
        } else if (*cq_cmd) {
            floodtwin::twin::write_schematic_terrain(cq, cq_out, cq_rivers, cq_loss, cq_drainage);
            std::printf("%s (schematic terrain, region %s, %.0f m cells)\n", cq_out.c_str(), cq.region.c_str(), cq.cell_m);
        } else if (*valley_cmd) {
            floodtwin::twin::write_valley_files(valley_cell, valley_out, valley_pool);
        } else if (*prepare_cmd) {
            if (!prepare_bbox.empty()) prepare.prepare.bbox = floodtwin::twin::parse_bbox(prepare_bbox);
            prepare.prepare.resampling = floodtwin::twin::parse_resampling(prepare_resampling);
            prepare.command_line = command_line;
            const auto result = floodtwin::twin::run_dem_prepare(prepare);
            std::fputs(floodtwin::twin::dem_prepare_summary(prepare, result).c_str(), stdout);
        } else if (*render_cmd) {
            floodtwin::viz::MapRequest request;
            request.quantity = floodtwin::viz::parse_map_quantity(render_var);
            request.time = render_time;
            if (!render_range.empty()) request.range = floodtwin::viz::parse_range(render_range);
            request.min_depth_m = render_min_depth;
            request.note = render_note;
            if (!render_stations.empty()) request.stations = floodtwin::viz::read_stations_csv(render_stations);
            if (render_view != "map" && render_view != "3d")
                throw std::invalid_argument("--view '" + render_view + "' is not map or 3d");
            const auto size = floodtwin::viz::parse_image_size(render_size);
            const floodtwin::viz::ResultsMaps maps(render_results);
            if (!render_rivers.empty())
                request.rivers = floodtwin::viz::read_rivers(render_rivers, maps.reader().grid().crs_wkt);
            const floodtwin::viz::MapScene scene = maps.scene(request);
            const floodtwin::viz::HeadlessDisplay display;  // outlives the renderer below
            floodtwin::viz::MapRenderer renderer(size[0], size[1]);
            if (render_view == "3d")
                renderer.render_3d(scene, render_out, render_exaggeration);
            else
                renderer.render_map(scene, render_out);
            std::printf("%s\n", render_out.c_str());
        } else if (*animate_cmd) {
            floodtwin::viz::AnimationOptions options;
            options.request.quantity = floodtwin::viz::parse_map_quantity(animate_var);
            if (!animate_range.empty()) options.request.range = floodtwin::viz::parse_range(animate_range);
            options.request.min_depth_m = animate_min_depth;
            options.request.note = animate_note;
            if (!animate_stations.empty())
                options.request.stations = floodtwin::viz::read_stations_csv(animate_stations);
            const auto size = floodtwin::viz::parse_image_size(animate_size);
            options.width = size[0];
            options.height = size[1];
            options.fps = animate_fps;
            options.keep_frames = animate_keep;
            const floodtwin::viz::HeadlessDisplay display;
            const auto result = floodtwin::viz::render_animation(animate_results, animate_out, options);
            std::printf("%s (%zu frames)\n", result.movie.string().c_str(), result.frames);
        } else if (*export_cmd) {
            const auto result = floodtwin::viz::export_vtk(export_results, export_out);
            std::printf("%s (%zu frames)\n", result.pvd.string().c_str(), result.frames.size());
            if (!result.maxima.empty()) std::printf("%s\n", result.maxima.string().c_str());
        } else if (*docs_case) {
            std::fputs(floodtwin::twin::case_file_markdown().c_str(), stdout);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "floodtwin: error: %s\n", e.what());
        return 1;
    }
    return 0;
}
