// What `floodtwin run` writes: results.nc (maps every output.map_interval, envelopes at
// the end), the GeoTIFF maps, gauges.csv, mass_balance.csv, summary.json, the network's
// files in a coupled run, and the rendered maps when asked.
#include <omp.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "grids/atomic_file.hpp"
#include "grids/write_error.hpp"
#include "twin/case/series_coverage.hpp"
#include "twin/case/time_text.hpp"
#include "twin/run/gauge_summary.hpp"
#include "twin/run/result_maps.hpp"
#include "twin/run/run_state.hpp"
#include "twin/setup/domain_mask.hpp"

#ifndef FLOODTWIN_VERSION
#define FLOODTWIN_VERSION "unknown"
#endif

namespace floodtwin::twin {

namespace {

namespace fs = std::filesystem;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<grids::NcVariable> result_variables() {
    return {
        {"depth", "flood_water_thickness", "water depth", "m", true, ""},
        {"water_level", "water_surface_height_above_reference_datum", "water surface level (NaN where dry)", "m",
         true, ""},
        {"velocity_x", "eastward_flood_water_velocity", "depth-averaged velocity, east", "m s-1", true, ""},
        {"velocity_y", "northward_flood_water_velocity", "depth-averaged velocity, north", "m s-1", true, ""},
        {"ground_level", "ground_level_altitude", "bed elevation used by the solver", "m", false, ""},
        {"max_depth", "flood_water_thickness", "maximum water depth", "m", false, "time: maximum"},
        {"max_speed", "flood_water_speed", "maximum depth-averaged speed", "m s-1", false, "time: maximum"},
        {"max_water_level", "water_surface_height_above_reference_datum", "maximum water surface level", "m", false,
         "time: maximum"},
        {"time_of_max_depth", "", "time of maximum depth, seconds since the start (NaN: never wet)", "s", false, ""},
        {"arrival_time", "", "first time depth exceeded the arrival depth, seconds since the start (NaN: never)", "s",
         false, ""},
    };
}

}  // namespace

std::vector<grids::NcVariable> map_variables() {
    std::vector<grids::NcVariable> maps;
    for (const grids::NcVariable& v : result_variables())
        if (v.time_dependent) maps.push_back(v);
    return maps;
}

namespace {

// Envelopes with nodata (NaN) on cells outside the domain.
void write_envelopes(grids::NetcdfWriter& nc, const hydro::Simulation& sim, const std::vector<unsigned char>& outside) {
    const auto& d = sim.diagnostics();
    const auto bed = sim.bed();
    std::vector<double> max_level(bed.size());
    for (std::size_t c = 0; c < bed.size(); ++c) max_level[c] = d.max_depth_m[c] > 0.0 ? d.max_depth_m[c] + bed[c] : kNaN;
    nc.write_static("max_depth", nan_outside(d.max_depth_m, outside));
    nc.write_static("max_speed", nan_outside(d.max_speed_m_s, outside));
    nc.write_static("max_water_level", nan_outside(max_level, outside));
    nc.write_static("time_of_max_depth", nan_outside(d.time_of_max_depth_s, outside));
    nc.write_static("arrival_time", nan_outside(d.arrival_time_s, outside));
}

void write_geotiffs(const RunState& run) {
    const auto& d = run.sim().diagnostics();
    const fs::path& out = run.options.out_dir;
    const std::string& name = run.c.name;
    const std::vector<unsigned char>& outside = run.prepared.outside;
    write_geotiff_map(out / "max_depth.tif", nan_outside(d.max_depth_m, outside), run.prepared.dem,
                      {{"floodtwin_quantity", "maximum depth"}, {"floodtwin_units", "m"}, {"floodtwin_case", name}});
    write_geotiff_map(out / "arrival_time.tif", nan_outside(d.arrival_time_s, outside), run.prepared.dem,
                      {{"floodtwin_quantity", "arrival time, seconds since " + run.start_iso},
                       {"floodtwin_units", "s"},
                       {"floodtwin_case", name}});
}

// The maps are made from results.nc once it is complete; a failure to draw them (no
// display could be started, say) costs the maps only, not the results.
void draw_maps(const RunState& run) {
    const RunOptions& opt = run.options;
    if (!opt.draw_maps) {
        std::fprintf(stderr, "floodtwin run: warning: output.maps is set, but this floodtwin was built without "
                             "maps (FLOODTWIN_VIZ=OFF)\n");
        return;
    }
    try {
        RunMapsInput in;
        in.results_nc = opt.out_dir / "results.nc";
        in.out_dir = opt.out_dir;
        in.stations = map_stations(run.prepared.dem, run.gauges, in.results_nc, run.c.hydro.dry_depth_m);
        in.rivers = run.c.output.rivers;
        in.crs_wkt = run.prepared.dem.crs_wkt;
        in.note = run.c.output.map_note;
        for (const auto& s : opt.draw_maps(in)) std::fprintf(stderr, "floodtwin run: warning: %s\n", s.c_str());
    } catch (const grids::WriteError& e) {
        if (e.disk_full()) throw;  // a full disk ends the run; a display that will not start does not
        std::fprintf(stderr, "floodtwin run: warning: maps not drawn: %s\n", e.what());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "floodtwin run: warning: maps not drawn: %s\n", e.what());
    }
}

// When weir link k (a breach, a detention inlet) opened, in the case's zone; none if
// it has not by the solver's present time.
std::optional<std::string> link_opened_at(const RunState& run, std::size_t k) {
    const double opened = run.sim().link_opened_s()[k];
    if (std::isnan(opened) || opened > run.sim().time()) return std::nullopt;
    return format_instant(run.c.start.epoch_s + opened, run.c.start.utc_offset_min);
}

// The breaches and detention areas: when each opened, what passed, and what a
// detention area holds at the end.
nlohmann::json structures_json(const RunState& run) {
    const hydro::Simulation& sim = run.sim();
    const double area = sim.grid().cell_area_m2();
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t k = 0; k < sim.ledger().links.size(); ++k) {
        const hydro::TransferAccount& a = sim.ledger().links[k];
        const std::optional<std::string> opened = link_opened_at(run, k);
        nlohmann::json s = {{"name", a.name},
                            {"kind", run.prepared.link_kinds.at(k)},
                            {"opened_at", opened ? nlohmann::json(*opened) : nlohmann::json(nullptr)},
                            {"volume_through_m3", a.a_to_b_m3},
                            {"volume_back_m3", a.b_to_a_m3},
                            {"peak_discharge_m3_s", a.peak_m3_s}};
        for (const DetentionSite& d : run.prepared.detentions)
            if (d.link == k) {
                double stored = 0.0;
                for (std::size_t c : d.cells) stored += sim.state().h[c];
                s["area_cells"] = d.cells.size();
                s["stored_m3"] = stored * area;
            }
        out.push_back(s);
    }
    return out;
}

nlohmann::json summary(const RunState& run, double wall_s) {
    const hydro::Simulation& sim = run.sim();
    const RunOptions& opt = run.options;
    const auto& ledger = sim.ledger();
    nlohmann::json j;
    j["case"] = run.c.name;
    j["case_file"] = fs::absolute(run.c.file).string();
    j["completed"] = true;
    j["scheme"] = run.c.hydro.scheme;
    j["version"] = FLOODTWIN_VERSION;
    j["command_line"] = opt.command_line;
    j["start"] = run.start_iso;
    j["cells"] = sim.grid().cells();
    j["nx"] = sim.grid().nx;
    j["ny"] = sim.grid().ny;
    j["cell_size_m"] = run.prepared.dem.resolution_x();
    // What the terrain is (real, constructed, schematic), as its builder tagged the file.
    const std::string& provenance = run.prepared.terrain_provenance;
    j["terrain"] = {{"dem", fs::absolute(run.c.grid.dem).string()},
                    {"provenance", provenance.empty() ? nlohmann::json() : nlohmann::json(provenance)}};
    j["outside_cells"] = run.prepared.outside_cells;  // outside the domain: nodata in every map
    j["wet_cells_at_end"] = sim.wet_cells();
    j["steps"] = sim.steps();
    j["simulated_s"] = sim.time();
    j["wall_s"] = wall_s;
    j["cell_updates_per_s"] =
        wall_s > 0.0 ? static_cast<double>(sim.grid().cells()) * static_cast<double>(sim.steps()) / wall_s : 0.0;
    j["threads"] = omp_get_max_threads();
    j["threads_used"] = sim.team_size();
    j["resumed_from"] = opt.resume ? opt.resume->string() : std::string();
    j["hot_start_from"] = opt.hot_start ? opt.hot_start->string() : std::string();
    if (!run.member_draws.is_null()) j["member"] = run.member_draws;
    j["series_extended"] = series_extended_json(run.c);
    j["mass_error"] = ledger.relative_error();
    j["mass_balance"] = {{"initial_storage_m3", ledger.initial_storage_m3}, {"storage_m3", ledger.storage_m3},
                         {"inflow_m3", ledger.inflow_m3()},               {"outflow_m3", ledger.outflow_m3()},
                         {"rain_m3", ledger.rain_m3},                     {"loss_m3", ledger.loss_m3},
                         // What the clamp at zero depth made up: 0 within the CFL condition.
                         {"positivity_added_m3", ledger.positivity_added_m3}};
    nlohmann::json jg = nlohmann::json::array();
    for (std::size_t k = 0; k < run.gauges.sites().size(); ++k) jg.push_back(gauge_summary(run.gauges, k, run.c.start));
    j["gauges"] = jg;
    j["structures"] = structures_json(run);
    if (run.coupling) j["combined_mass_error"] = run.coupling->combined_ledger(ledger).relative_error();
    return j;
}

void print_balance(const RunState& run, double wall_s) {
    const hydro::Simulation& sim = run.sim();
    const auto& ledger = sim.ledger();
    if (run.coupling) {
        const CombinedLedger cl = run.coupling->combined_ledger(ledger);
        std::printf("coupled mass balance (network + 2D): storage %.6e m3 (initial %.6e), in %.6e, out %.6e, "
                    "relative error %.3e\n",
                    cl.storage_m3, cl.initial_storage_m3, cl.inflow_m3, cl.outflow_m3, cl.relative_error());
    }
    std::printf("mass balance: storage %.6e m3 (initial %.6e), in %.6e, out %.6e, relative error %.3e\n",
                ledger.storage_m3, ledger.initial_storage_m3, ledger.inflow_m3(), ledger.outflow_m3(),
                ledger.relative_error());
    for (std::size_t k = 0; k < ledger.links.size(); ++k) {
        const hydro::TransferAccount& a = ledger.links[k];
        const std::optional<std::string> opened = link_opened_at(run, k);
        if (!opened)
            std::printf("%s '%s': did not open\n", run.prepared.link_kinds.at(k).c_str(), a.name.c_str());
        else
            std::printf("%s '%s': opened %s, %.6e m3 through (%.6e back), peak %.1f m3/s\n",
                        run.prepared.link_kinds.at(k).c_str(), a.name.c_str(), opened->c_str(), a.a_to_b_m3,
                        a.b_to_a_m3, a.peak_m3_s);
    }
    std::printf("%zu steps, %.1f s wall on %d threads; outputs in %s\n", sim.steps(), wall_s, omp_get_max_threads(),
                run.options.out_dir.string().c_str());
}

}  // namespace

grids::NcGrid results_grid(const grids::Raster<double>& dem) {
    const grids::Bounds b = dem.bounds();
    return {dem.nx, dem.ny, b.xmin + 0.5 * dem.resolution_x(), b.ymin + 0.5 * dem.resolution_y(),
            dem.resolution_x(), dem.resolution_y(), dem.crs_wkt};
}

void open_results(RunState& run) {
    const std::vector<std::pair<std::string, std::string>> globals = {
        {"title", "floodtwin results: " + run.c.name},
        {"case_name", run.c.name},
        {"case_file", fs::absolute(run.c.file).string()},
        {"scheme", run.c.hydro.scheme},
        {"floodtwin_version", FLOODTWIN_VERSION},
        {"command_line", run.options.command_line},
        {"start_time", run.start_iso}};
    run.nc.emplace(run.options.out_dir / "results.nc", results_grid(run.prepared.dem), run.start_iso,
                   result_variables(), globals);
    // Outside cells' bed is the solver's wall, not ground: nodata.
    run.nc->write_static("ground_level", nan_outside(run.sim().bed(), run.prepared.outside));
}

void write_map_frame(RunState& run) {
    const hydro::Simulation& sim = run.sim();
    const MapFields f = map_fields(sim);
    const std::vector<unsigned char>& outside = run.prepared.outside;
    const std::vector<double> depth = nan_outside(sim.state().h, outside);
    const std::vector<double> u = nan_outside(f.velocity_x, outside), v = nan_outside(f.velocity_y, outside);
    const std::vector<std::pair<std::string, std::span<const double>>> fields = {
        {"depth", depth}, {"water_level", f.water_level}, {"velocity_x", u}, {"velocity_y", v}};
    run.nc->write_time(sim.time(), fields);
    if (run.segments.open) run.segments.open->write_time(sim.time(), fields);
    run.mass_balance.sample(sim.time(), sim.ledger());
    run.schedule.last_map_s = sim.time();
}

void write_stopped_summary(const RunState& run, const std::string& why) noexcept {
    try {
        const hydro::Simulation& sim = run.sim();
        nlohmann::json j;
        j["case"] = run.c.name;
        j["case_file"] = fs::absolute(run.c.file).string();
        j["version"] = FLOODTWIN_VERSION;
        j["command_line"] = run.options.command_line;
        j["start"] = run.start_iso;
        j["completed"] = false;
        j["stopped"] = {{"reason", why},
                        {"simulated_s", sim.time()},
                        {"at", format_instant(run.c.start.epoch_s + sim.time(), run.c.start.utc_offset_min)}};
        j["mass_error"] = sim.ledger().relative_error();
        grids::write_text_atomic(run.options.out_dir / "summary.json", j.dump(2) + "\n");
    } catch (...) {
        // The disk may be full: the error itself is what the caller reports.
    }
}

void write_final_outputs(RunState& run, double wall_s) {
    const hydro::Simulation& sim = run.sim();
    const fs::path& out = run.options.out_dir;
    run.segments.open.reset();  // maps after the last checkpoint: no checkpoint needs them
    write_envelopes(*run.nc, sim, run.prepared.outside);
    run.nc->set_global("mass_error", sim.ledger().relative_error());
    run.nc->close();
    write_geotiffs(run);
    if (run.c.output.maps) draw_maps(run);
    grids::write_text_atomic(out / "gauges.csv", run.gauges.csv());
    grids::write_text_atomic(out / "mass_balance.csv", run.mass_balance.csv());
    if (run.coupling)
        run.coupling->write_outputs(
            out, sim.ledger(),
            {{"case", run.c.name}, {"version", FLOODTWIN_VERSION}, {"start", run.start_iso}, {"mode", "coupled"}});
    grids::write_text_atomic(out / "summary.json", summary(run, wall_s).dump(2) + "\n");
    if (!run.options.quiet) print_balance(run, wall_s);
}

}  // namespace floodtwin::twin
