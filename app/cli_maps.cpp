// `floodtwin render`, `animate` and `export-vtk`: maps, movies and ParaView files from a
// run's results.nc. Only in a build with viz (FLOODTWIN_VIZ=ON).
#include "app/commands.hpp"

#ifdef FLOODTWIN_WITH_VIZ
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "viz/animation.hpp"
#include "viz/headless_display.hpp"
#include "viz/map_renderer.hpp"
#include "viz/results_export.hpp"
#include "viz/results_maps.hpp"
#include "viz/rivers.hpp"
#include "viz/stations.hpp"
#endif

namespace floodtwin::app {

#ifdef FLOODTWIN_WITH_VIZ
namespace {

// The options `render` and `animate` share: what to draw and how.
struct DrawOptions {
    std::string var, size, range, stations, note;
    double min_depth = 0.05;
};

void add_draw_options(CLI::App* cmd, DrawOptions& d, const char* vars) {
    cmd->add_option("--var", d.var, vars)->capture_default_str();
    cmd->add_option("--size", d.size, "WIDTHxHEIGHT in pixels")->capture_default_str();
    cmd->add_option("--range", d.range, "colour scale LOW:HIGH (default: from the run's maxima)");
    cmd->add_option("--min-depth", d.min_depth, "shallower water is drawn as dry (m)")->capture_default_str();
    cmd->add_option("--stations", d.stations, "CSV of stations: name,x,y[,none|blue|yellow|orange|red]");
    cmd->add_option("--note", d.note, "note in the footer, e.g. \"Synthetic terrain\"");
}

viz::MapRequest map_request(const DrawOptions& d) {
    viz::MapRequest request;
    request.quantity = viz::parse_map_quantity(d.var);
    if (!d.range.empty()) request.range = viz::parse_range(d.range);
    request.min_depth_m = d.min_depth;
    request.note = d.note;
    if (!d.stations.empty()) request.stations = viz::read_stations_csv(d.stations);
    return request;
}

void add_render(CLI::App& app, Commands& out) {
    struct State {
        DrawOptions draw{"max_depth", "1600x1200", "", "", "", 0.05};
        std::string results, time = "max", out = "map.png", view = "map", rivers;
        double exaggeration = 0.0;
    };
    auto s = std::make_shared<State>();
    auto* cmd = app.add_subcommand("render", "draw a map (PNG) of a run's results.nc");
    cmd->add_option("results", s->results, "results.nc of a run")->required();
    add_draw_options(cmd, s->draw, "max_depth | depth | water_level | arrival_time | speed");
    cmd->add_option("--time", s->time, "max (whole run), a map index, or an ISO time with zone")->capture_default_str();
    cmd->add_option("--out", s->out, "PNG file")->capture_default_str();
    cmd->add_option("--view", s->view, "map | 3d")->capture_default_str();
    cmd->add_option("--rivers", s->rivers, "river centre lines to draw: GeoJSON LineStrings, lon/lat or with a crs member");
    cmd->add_option("--exaggeration", s->exaggeration, "3d: vertical exaggeration (0: automatic)")->capture_default_str();
    out.push_back({cmd, [s] {
                       viz::MapRequest request = map_request(s->draw);
                       request.time = s->time;
                       if (s->view != "map" && s->view != "3d")
                           throw std::invalid_argument("--view '" + s->view + "' is not map or 3d");
                       const auto size = viz::parse_image_size(s->draw.size);
                       const viz::ResultsMaps maps(s->results);
                       if (!s->rivers.empty())
                           request.rivers = viz::read_rivers(s->rivers, maps.reader().grid().crs_wkt);
                       const viz::MapScene scene = maps.scene(request);
                       const viz::HeadlessDisplay display;  // outlives the renderer below
                       viz::MapRenderer renderer(size[0], size[1]);
                       if (s->view == "3d")
                           renderer.render_3d(scene, s->out, s->exaggeration);
                       else
                           renderer.render_map(scene, s->out);
                       std::printf("%s\n", s->out.c_str());
                   }});
}

void add_animate(CLI::App& app, Commands& out) {
    struct State {
        DrawOptions draw{"depth", "1280x960", "", "", "", 0.05};
        std::string results, out = "flood.mp4";
        double fps = 2.0;
        bool keep = false;
    };
    auto s = std::make_shared<State>();
    auto* cmd = app.add_subcommand("animate", "animate every map of a run's results.nc (MP4 or GIF)");
    cmd->add_option("results", s->results, "results.nc of a run")->required();
    cmd->add_option("--out", s->out, "flood.mp4 or flood.gif")->capture_default_str();
    add_draw_options(cmd, s->draw, "depth | water_level | speed");
    cmd->add_option("--fps", s->fps, "frames per second")->capture_default_str();
    cmd->add_flag("--keep-frames", s->keep, "keep the PNG frames beside the movie");
    out.push_back({cmd, [s] {
                       viz::AnimationOptions options;
                       options.request = map_request(s->draw);
                       const auto size = viz::parse_image_size(s->draw.size);
                       options.width = size[0];
                       options.height = size[1];
                       options.fps = s->fps;
                       options.keep_frames = s->keep;
                       const viz::HeadlessDisplay display;
                       const auto result = viz::render_animation(s->results, s->out, options);
                       std::printf("%s (%zu frames)\n", result.movie.string().c_str(), result.frames);
                   }});
}

void add_export(CLI::App& app, Commands& out) {
    struct State {
        std::string results, out = "vtk";
    };
    auto s = std::make_shared<State>();
    auto* cmd = app.add_subcommand("export-vtk", "write a run's results.nc as ParaView .vti files and a .pvd");
    cmd->add_option("results", s->results, "results.nc of a run")->required();
    cmd->add_option("--out", s->out, "output folder")->capture_default_str();
    out.push_back({cmd, [s] {
                       const auto result = viz::export_vtk(s->results, s->out);
                       std::printf("%s (%zu frames)\n", result.pvd.string().c_str(), result.frames.size());
                       if (!result.maxima.empty()) std::printf("%s\n", result.maxima.string().c_str());
                   }});
}

}  // namespace

void add_map_commands(CLI::App& app, Commands& out) {
    add_render(app, out);
    add_animate(app, out);
    add_export(app, out);
}
#else
void add_map_commands(CLI::App&, Commands&) {}
#endif

}  // namespace floodtwin::app
