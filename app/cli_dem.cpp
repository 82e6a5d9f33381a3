// `floodtwin dem valley`, `dem chongqing` and `dem prepare`: terrain for cases.
#include <cstdio>
#include <memory>

#include "app/commands.hpp"
#include "twin/terrain/chongqing_terrain.hpp"
#include "twin/terrain/dem_prepare_command.hpp"
#include "twin/terrain/synthetic_valley.hpp"

namespace floodtwin::app {

namespace {

void add_valley(CLI::App& dem, Commands& out) {
    struct State {
        double cell = 40.0;
        std::string out = "dem.tif", pool;
    };
    auto s = std::make_shared<State>();
    auto* cmd = dem.add_subcommand("valley", "write the synthetic valley (and its dam-break pool) as GeoTIFF");
    cmd->add_option("--cell", s->cell, "cell size (m)")->capture_default_str();
    cmd->add_option("--out", s->out, "DEM file")->capture_default_str();
    cmd->add_option("--pool", s->pool, "also write the reservoir's initial depth to this file");
    out.push_back({cmd, [s] { twin::write_valley_files(s->cell, s->out, s->pool); }});
}

void add_chongqing(CLI::App& dem, Commands& out) {
    struct State {
        twin::ChongqingTerrainOptions terrain;
        twin::ChongqingTerrainFiles files{"chongqing-dem.tif", "", "", "", "", 30.0, ""};
    };
    auto s = std::make_shared<State>();
    twin::ChongqingTerrainOptions& t = s->terrain;
    auto* cmd = dem.add_subcommand(
        "chongqing", "write the Chongqing terrain on real geography (real rivers and relief, constructed channels) as GeoTIFF");
    cmd->add_option("--region", t.region, "central | yuzhong | hechuan | gully")->capture_default_str();
    cmd->add_option("--cell", t.cell_m, "cell size (m)")->capture_default_str();
    cmd->add_option("--seed", t.seed, "seed of the fine relief")->capture_default_str();
    cmd->add_option("--sources", t.sources, "folder of the real layers (rivers, relief)")->capture_default_str();
    cmd->add_option("--min-channel-cells", t.min_channel_cells,
                    "narrower channels are burnt this many cells wide at the same conveyance")
        ->capture_default_str();
    cmd->add_option("--channel-n", t.roughness.channel, "Manning n of the channels")->capture_default_str();
    cmd->add_option("--floodplain-n", t.roughness.floodplain, "Manning n of the floodplains")->capture_default_str();
    cmd->add_option("--hills-n", t.roughness.hills, "Manning n of the hills")->capture_default_str();
    cmd->add_option("--built-up-n", t.roughness.built_up, "Manning n of built-up ground")->capture_default_str();
    cmd->add_option("--out", s->files.dem, "DEM file")->capture_default_str();
    cmd->add_option("--rivers", s->files.rivers, "also write the river centre lines (GeoJSON, EPSG:32648)");
    cmd->add_option("--stations", s->files.stations, "also write the stations snapped to their channels (CSV)");
    cmd->add_option("--manning", s->files.manning, "also write the Manning map (GeoTIFF)");
    cmd->add_option("--channels", s->files.channel_mask,
                    "also write the mask of the river channels (GeoTIFF, 1 in a channel): the normal river");
    cmd->add_option("--drainage-loss", s->files.loss, "also write a drainage-loss raster (mm/h) of the built-up cells");
    cmd->add_option("--drainage", s->files.drainage_mm_h, "drainage capacity of built-up cells (mm/h)")
        ->capture_default_str();
    out.push_back({cmd, [s] { std::fputs(twin::write_chongqing_terrain(s->terrain, s->files).c_str(), stdout); }});
}

void add_prepare(CLI::App& dem, Commands& out, const std::string& command_line) {
    struct State {
        twin::DemPrepareCommand prepare;
        std::string bbox, resampling = "bilinear";
    };
    auto s = std::make_shared<State>();
    twin::DemPrepareCommand& p = s->prepare;
    auto* cmd = dem.add_subcommand(
        "prepare", "mosaic and reproject DEM tiles onto one grid, fill voids, burn channels, raise levees");
    cmd->add_option("--src", p.sources, "a source raster (repeatable; the first listed wins overlaps)")
        ->required()
        ->allow_extra_args(false);
    cmd->add_option("--crs", p.prepare.target_crs, "target CRS, projected in metres")->capture_default_str();
    cmd->add_option("--resolution", p.prepare.resolution_m, "cell size (m)")->capture_default_str();
    cmd->add_option("--bbox", s->bbox, "xmin,ymin,xmax,ymax in the target CRS (default: all sources)");
    cmd->add_option("--fill-holes", p.prepare.max_fill_hole_cells, "fill voids of up to N output cells")
        ->capture_default_str();
    cmd->add_option("--resampling", s->resampling, "nearest | bilinear | cubic | average")->capture_default_str();
    cmd->add_option("--channels", p.channels, "GeoJSON of channel centre lines to burn in");
    cmd->add_option("--channel-width", p.channel_width_m, "channel top (bank-full) width (m)");
    cmd->add_option("--channel-bed", p.channel_bed, "bed level: \"chainage:level,...\" or one level (m)");
    cmd->add_option("--bank-slope", p.bank_slope, "bank slope, horizontal per vertical")->capture_default_str();
    cmd->add_option("--bank-height", p.bank_height_m, "bed to bank top (m); needed with --bank-slope")
        ->capture_default_str();
    cmd->add_option("--levees", p.levees, "GeoJSON of levee crest lines to raise");
    cmd->add_option("--levee-crest", p.levee_crest, "crest level: one level or \"chainage:level,...\"");
    cmd->add_option("--levee-width", p.levee_width_m, "crest width (m; default one cell)");
    cmd->add_option("--out", p.out, "DEM file (GeoTIFF)")->capture_default_str();
    out.push_back({cmd, [s, command_line] {
                       twin::DemPrepareCommand& c = s->prepare;
                       if (!s->bbox.empty()) c.prepare.bbox = twin::parse_bbox(s->bbox);
                       c.prepare.resampling = twin::parse_resampling(s->resampling);
                       c.command_line = command_line;
                       const auto result = twin::run_dem_prepare(c);
                       std::fputs(twin::dem_prepare_summary(c, result).c_str(), stdout);
                   }});
}

}  // namespace

void add_dem_commands(CLI::App& app, Commands& out, const std::string& command_line) {
    auto* dem = app.add_subcommand("dem", "make or prepare DEMs");
    dem->require_subcommand(1);
    add_valley(*dem, out);
    add_chongqing(*dem, out);
    add_prepare(*dem, out, command_line);
}

}  // namespace floodtwin::app
