#include "twin/run/run.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "grids/atomic_file.hpp"
#include "grids/netcdf_writer.hpp"
#include "twin/case/case_file.hpp"
#include "twin/setup/case_setup.hpp"
#include "twin/run/checkpoint.hpp"
#include "twin/run/gauge_summary.hpp"
#include "twin/run/gauges.hpp"
#include "twin/run/map_stations.hpp"
#include "twin/network/network_coupling.hpp"
#include "twin/run/progress.hpp"
#include "twin/run/result_maps.hpp"
#include "twin/setup/solver_grid.hpp"
#include "twin/case/time_text.hpp"

#ifndef FLOODTWIN_VERSION
#define FLOODTWIN_VERSION "unknown"
#endif

namespace floodtwin::twin {

namespace {

namespace fs = std::filesystem;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The run's own clock beyond the solver's: the next time of each output. Kept in
// checkpoints so a resumed run writes exactly what the uninterrupted one would.
struct Schedule {
    double next_map_s = 0.0;
    double next_gauge_s = 0.0;
    double next_checkpoint_s = kNaN;  // NaN: no checkpoints
    double checkpoints_written = 0.0;
};

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

grids::NcGrid nc_grid(const grids::Raster<double>& dem) {
    const grids::Bounds b = dem.bounds();
    return {dem.nx, dem.ny, b.xmin + 0.5 * dem.resolution_x(), b.ymin + 0.5 * dem.resolution_y(),
            dem.resolution_x(), dem.resolution_y(), dem.crs_wkt};
}

void write_map(grids::NetcdfWriter& nc, const hydro::Simulation& sim) {
    const MapFields f = map_fields(sim);
    nc.write_time(sim.time(), {{"depth", sim.state().h},
                               {"water_level", f.water_level},
                               {"velocity_x", f.velocity_x},
                               {"velocity_y", f.velocity_y}});
}

// A name as one CSV header field: commas and quotes would split or break it.
std::string csv_field(std::string name) {
    std::replace(name.begin(), name.end(), ',', ' ');
    std::replace(name.begin(), name.end(), '"', '\'');
    return name;
}

std::string mass_balance_header(const hydro::MassLedger& l) {
    std::string h = "time_iso,time_s,storage_m3,inflow_m3,outflow_m3,rain_m3,loss_m3";
    for (const auto& b : l.boundaries) {
        const std::string name = csv_field(b.name);
        h.append(",").append(name).append("_in_m3,").append(name).append("_out_m3");
    }
    for (const auto& p : l.point_inflows) h.append(",").append(csv_field(p.name)).append("_in_m3");
    return h + ",relative_error\n";
}

std::string mass_balance_row(const hydro::Simulation& sim, const Instant& start) {
    const auto& l = sim.ledger();
    std::ostringstream o;
    o.precision(10);
    o << format_instant(start.epoch_s + sim.time(), start.utc_offset_min) << ',' << sim.time() << ',' << l.storage_m3
      << ',' << l.inflow_m3() << ',' << l.outflow_m3() << ',' << l.rain_m3 << ',' << l.loss_m3;
    for (const auto& b : l.boundaries) o << ',' << b.in_m3 << ',' << b.out_m3;
    for (const auto& p : l.point_inflows) o << ',' << p.in_m3;
    o.precision(3);
    o << ',' << l.relative_error() << '\n';
    return o.str();
}

// What identifies the case for a checkpoint: the grid, the bed, the scheme and the
// boundaries. Durations and output intervals may change between stop and resume.
std::string case_fingerprint(const Case& c, const grids::Raster<double>& dem) {
    std::string key = c.hydro.scheme + "|" + std::to_string(dem.nx) + "x" + std::to_string(dem.ny);
    key.append(reinterpret_cast<const char*>(&dem.transform), sizeof dem.transform);
    key.append(reinterpret_cast<const char*>(dem.values.data()), dem.values.size() * sizeof(double));
    for (const auto& b : c.boundaries) key += "|" + b.name + ":" + b.kind + ":" + b.edge;
    for (const auto& s : c.sources) key += "|" + s.name;
    // The network's shape too: a resumed coupled run replays it from the start.
    for (const auto& n : c.network.nodes) key += "|node:" + n.name + ":" + n.kind;
    for (const auto& r : c.network.reservoirs) key += "|reservoir:" + r.name;
    for (const auto& r : c.network.reaches) key += "|reach:" + r.from + ">" + r.to + ":" + r.method;
    return fingerprint(key);
}

void write_envelopes(grids::NetcdfWriter& nc, const hydro::Simulation& sim) {
    const auto& d = sim.diagnostics();
    const auto bed = sim.bed();
    std::vector<double> max_level(bed.size());
    for (std::size_t c = 0; c < bed.size(); ++c) max_level[c] = d.max_depth_m[c] > 0.0 ? d.max_depth_m[c] + bed[c] : kNaN;
    nc.write_static("max_depth", d.max_depth_m);
    nc.write_static("max_speed", d.max_speed_m_s);
    nc.write_static("max_water_level", max_level);
    nc.write_static("time_of_max_depth", d.time_of_max_depth_s);
    nc.write_static("arrival_time", d.arrival_time_s);
}

// The maps are made from results.nc once it is complete; a failure to draw them (no
// display could be started, say) costs the maps only, not the results.
void draw_maps(const Case& c, const PreparedCase& prepared, const GaugeRecorder& gauges, const RunOptions& opt) {
    if (!opt.draw_maps) {
        std::fprintf(stderr, "floodtwin run: warning: output.maps is set, but this floodtwin was built without "
                             "maps (FLOODTWIN_VIZ=OFF)\n");
        return;
    }
    try {
        RunMapsInput in;
        in.results_nc = opt.out_dir / "results.nc";
        in.out_dir = opt.out_dir;
        in.stations = map_stations(prepared.dem, gauges, in.results_nc, c.hydro.dry_depth_m);
        in.rivers = c.output.rivers;
        in.crs_wkt = prepared.dem.crs_wkt;
        in.note = c.output.map_note;
        for (const auto& s : opt.draw_maps(in)) std::fprintf(stderr, "floodtwin run: warning: %s\n", s.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "floodtwin run: warning: maps not drawn: %s\n", e.what());
    }
}

}  // namespace

RunResult run_case(const RunOptions& opt) {
    if (opt.threads > 0) omp_set_num_threads(opt.threads);
    const Case c = load_case(opt.case_file, opt.overrides);
    fs::create_directories(opt.out_dir);
    {
        // Fail before hours of computing if the results cannot be written.
        const fs::path probe = opt.out_dir / ".floodtwin-write-test";
        grids::write_text_atomic(probe, "");
        fs::remove(probe);
    }

    PreparedCase prepared = prepare_case(c);
    hydro::Simulation& sim = prepared.simulation;
    const grids::Raster<double>& dem = prepared.dem;
    GaugeRecorder gauges(prepared.gauges, c.start);
    const std::string start_iso = format_instant(c.start.epoch_s, c.start.utc_offset_min);
    const std::string fp = case_fingerprint(c, dem);

    // With a river network the run is coupled: the network exchanges water with the 2D
    // model every coupling interval (twin/network/network_coupling.hpp).
    std::optional<NetworkCoupling> coupling;
    if (c.network.present()) coupling.emplace(c);

    Schedule sched;
    if (c.output.checkpoint_interval_s) sched.next_checkpoint_s = *c.output.checkpoint_interval_s;
    std::string mass_csv = mass_balance_header(sim.ledger());

    const std::vector<std::pair<std::string, std::string>> globals = {
        {"title", "floodtwin results: " + c.name},
        {"case_name", c.name},
        {"case_file", fs::absolute(c.file).string()},
        {"scheme", c.hydro.scheme},
        {"floodtwin_version", FLOODTWIN_VERSION},
        {"command_line", opt.command_line},
        {"start_time", start_iso}};
    std::optional<grids::NetcdfWriter> nc;

    if (opt.resume) {
        const Checkpoint ck = read_checkpoint(*opt.resume);
        check_checkpoint_matches(ck, *opt.resume, c.name, fp, static_cast<int>(dem.nx), static_cast<int>(dem.ny));
        sim.restore(ck.snapshot);
        // One lookup for the three maps of the checkpoint's metadata.
        const auto entry = [&](const auto& map, const char* k) {
            const auto it = map.find(k);
            if (it == map.end()) throw std::runtime_error(opt.resume->string() + ": checkpoint lacks '" + k + "'");
            return it->second;
        };
        const auto scalar = [&](const char* k) { return entry(ck.meta.scalars, k); };
        const auto array = [&](const char* k) { return entry(ck.meta.arrays, k); };
        const auto text = [&](const char* k) { return entry(ck.meta.texts, k); };
        sched.next_map_s = scalar("next_map_s");
        sched.next_gauge_s = scalar("next_gauge_s");
        sched.next_checkpoint_s = scalar("next_checkpoint_s");
        sched.checkpoints_written = scalar("checkpoints_written");
        if (c.output.checkpoint_interval_s && std::isnan(sched.next_checkpoint_s))
            sched.next_checkpoint_s = sim.time() + *c.output.checkpoint_interval_s;
        gauges.restore(text("gauges_csv"), array("gauge_peak_level_m"), array("gauge_peak_time_s"),
                       array("gauge_first_level_time_s"));
        mass_csv = text("mass_balance_csv");
        if (coupling) coupling->replay(array("network_outlet_flows_m3_s"));  // the network's past, replayed
        const fs::path partial = opt.resume->parent_path() / text("results_partial");
        nc.emplace(grids::NetcdfWriter::resume(opt.out_dir / "results.nc", partial,
                                               static_cast<std::size_t>(scalar("maps_written")), nc_grid(dem)));
        if (!opt.quiet)
            std::fprintf(stderr, "floodtwin run: resumed '%s' at t = %.1f s from %s\n", c.name.c_str(), sim.time(),
                         opt.resume->string().c_str());
    } else {
        nc.emplace(opt.out_dir / "results.nc", nc_grid(dem), start_iso, result_variables(), globals);
        nc->write_static("ground_level", sim.bed());
    }

    if (!opt.quiet)
        std::fprintf(stderr, "floodtwin run: '%s', %zu x %zu cells of %.1f m, %s, %s + %.0f s\n", c.name.c_str(),
                     dem.nx, dem.ny, dem.resolution_x(), c.hydro.scheme.c_str(), start_iso.c_str(), c.duration_s);

    // Rain frames switch exactly on their times: each is a step target like the outputs.
    // The frame in force follows from the time alone, so a resumed run sets its own here.
    const RainFrames& rain_frames = prepared.rain_frames;
    rain_frames.apply(sim, sim.time());
    double next_rain_s = rain_frames.next_change_s(sim.time());

    const double t_end = c.duration_s;
    Progress progress(sim.time(), t_end, opt.quiet);
    // Output times run on from the start whatever the duration, so a run stopped early
    // and resumed with a longer duration writes at the same times as one that was not.
    auto advance = [](double& next, double t, double interval) {
        while (next <= t) next += interval;
    };
    auto outputs_due = [&] {
        const double t = sim.time();
        const bool at_end = t >= t_end;
        if (t >= sched.next_gauge_s || at_end) {
            gauges.sample(sim);
            advance(sched.next_gauge_s, t, c.output.gauge_interval_s);
        }
        if (t >= sched.next_map_s || at_end) {
            write_map(*nc, sim);
            mass_csv += mass_balance_row(sim, c.start);
            advance(sched.next_map_s, t, c.output.map_interval_s);
        }
        if (!std::isnan(sched.next_checkpoint_s) && t >= sched.next_checkpoint_s) {
            const fs::path dir = opt.out_dir / "checkpoints";
            fs::create_directories(dir);
            char stem[64];
            std::snprintf(stem, sizeof stem, "checkpoint_%012.0f", t);
            const std::string partial = std::string(stem) + ".results.nc";
            nc->sync();
            nc->copy_partial_to(dir / partial);
            sched.checkpoints_written += 1.0;
            advance(sched.next_checkpoint_s, t, *c.output.checkpoint_interval_s);
            CheckpointMeta meta;
            meta.case_name = c.name;
            meta.case_fingerprint = fp;
            meta.nx = static_cast<int>(dem.nx);
            meta.ny = static_cast<int>(dem.ny);
            meta.start_iso = start_iso;
            meta.scalars = {{"next_map_s", sched.next_map_s},
                            {"next_gauge_s", sched.next_gauge_s},
                            {"next_checkpoint_s", sched.next_checkpoint_s},
                            {"checkpoints_written", sched.checkpoints_written},
                            {"maps_written", static_cast<double>(nc->times_written())}};
            meta.arrays = {{"gauge_peak_level_m", gauges.peak_level_m()},
                           {"gauge_peak_time_s", gauges.peak_time_s()},
                           {"gauge_first_level_time_s", gauges.first_level_time_s()}};
            if (coupling) meta.arrays["network_outlet_flows_m3_s"] = coupling->outlet_flows_m3_s();
            meta.texts = {{"gauges_csv", gauges.csv()}, {"mass_balance_csv", mass_csv}, {"results_partial", partial}};
            write_checkpoint(dir / (std::string(stem) + ".ckpt"), meta, sim.snapshot());
        }
    };

    if (!opt.resume) gauges.track_peaks(sim);
    double next_coupling_s = std::numeric_limits<double>::infinity();
    if (coupling) {
        coupling->begin_interval(sim);
        next_coupling_s = coupling->time_s() + coupling->interval_s();
    }
    outputs_due();
    while (sim.time() < t_end) {
        double target = std::min({t_end, sched.next_map_s, sched.next_gauge_s, next_rain_s, next_coupling_s});
        if (!std::isnan(sched.next_checkpoint_s)) target = std::min(target, sched.next_checkpoint_s);
        const double remaining = target - sim.time();
        const double dt = sim.step(remaining);
        if (dt >= remaining) sim.set_time(target);  // land on the target time exactly
        if (sim.time() >= next_rain_s) {
            rain_frames.apply(sim, sim.time());
            next_rain_s = rain_frames.next_change_s(sim.time());
        }
        if (!std::isfinite(sim.ledger().storage_m3))
            throw std::runtime_error("the solution became non-finite at t = " + std::to_string(sim.time()) +
                                     " s; try a smaller hydro.cfl");
        gauges.track_peaks(sim);
        if (progress.due()) progress.update(sim.time(), dt, sim.wet_cells());
        const bool exchange = coupling && sim.time() >= next_coupling_s;
        if (exchange) coupling->end_interval(sim);  // before a checkpoint at this time
        outputs_due();
        if (exchange && sim.time() < t_end) {
            coupling->begin_interval(sim);
            next_coupling_s = coupling->time_s() + coupling->interval_s();
        }
    }
    const double wall = progress.finish();

    const auto& ledger = sim.ledger();
    write_envelopes(*nc, sim);
    nc->set_global("mass_error", ledger.relative_error());
    nc->close();
    const auto& d = sim.diagnostics();
    write_geotiff_map(opt.out_dir / "max_depth.tif", d.max_depth_m, dem,
                      {{"floodtwin_quantity", "maximum depth"}, {"floodtwin_units", "m"}, {"floodtwin_case", c.name}});
    write_geotiff_map(opt.out_dir / "arrival_time.tif", d.arrival_time_s, dem,
                      {{"floodtwin_quantity", "arrival time, seconds since " + start_iso},
                       {"floodtwin_units", "s"},
                       {"floodtwin_case", c.name}});
    if (c.output.maps) draw_maps(c, prepared, gauges, opt);
    grids::write_text_atomic(opt.out_dir / "gauges.csv", gauges.csv());
    grids::write_text_atomic(opt.out_dir / "mass_balance.csv", mass_csv);

    nlohmann::json j;
    j["case"] = c.name;
    j["case_file"] = fs::absolute(c.file).string();
    j["scheme"] = c.hydro.scheme;
    j["version"] = FLOODTWIN_VERSION;
    j["command_line"] = opt.command_line;
    j["start"] = start_iso;
    j["cells"] = sim.grid().cells();
    j["nx"] = sim.grid().nx;
    j["ny"] = sim.grid().ny;
    j["cell_size_m"] = dem.resolution_x();
    j["wet_cells_at_end"] = sim.wet_cells();
    j["steps"] = sim.steps();
    j["simulated_s"] = sim.time();
    j["wall_s"] = wall;
    j["cell_updates_per_s"] = wall > 0.0 ? static_cast<double>(sim.grid().cells()) * static_cast<double>(sim.steps()) / wall : 0.0;
    j["threads"] = omp_get_max_threads();
    j["resumed_from"] = opt.resume ? opt.resume->string() : std::string();
    j["mass_error"] = ledger.relative_error();
    j["mass_balance"] = {{"initial_storage_m3", ledger.initial_storage_m3}, {"storage_m3", ledger.storage_m3},
                         {"inflow_m3", ledger.inflow_m3()},               {"outflow_m3", ledger.outflow_m3()},
                         {"rain_m3", ledger.rain_m3},                     {"loss_m3", ledger.loss_m3}};
    nlohmann::json jg = nlohmann::json::array();
    for (std::size_t k = 0; k < gauges.sites().size(); ++k) jg.push_back(gauge_summary(gauges, k, c.start));
    j["gauges"] = jg;
    if (coupling) {
        const CombinedLedger cl = coupling->combined_ledger(ledger);
        j["combined_mass_error"] = cl.relative_error();
        coupling->write_outputs(opt.out_dir, ledger,
                                {{"case", c.name}, {"version", FLOODTWIN_VERSION}, {"start", start_iso}, {"mode", "coupled"}});
        if (!opt.quiet)
            std::printf("coupled mass balance (network + 2D): storage %.6e m3 (initial %.6e), in %.6e, out %.6e, "
                        "relative error %.3e\n",
                        cl.storage_m3, cl.initial_storage_m3, cl.inflow_m3, cl.outflow_m3, cl.relative_error());
    }
    const fs::path summary = opt.out_dir / "summary.json";
    grids::write_text_atomic(summary, j.dump(2) + "\n");

    if (!opt.quiet) {
        std::printf("mass balance: storage %.6e m3 (initial %.6e), in %.6e, out %.6e, relative error %.3e\n",
                    ledger.storage_m3, ledger.initial_storage_m3, ledger.inflow_m3(), ledger.outflow_m3(),
                    ledger.relative_error());
        std::printf("%zu steps, %.1f s wall on %d threads; outputs in %s\n", sim.steps(), wall, omp_get_max_threads(),
                    opt.out_dir.string().c_str());
    }
    return {ledger.relative_error(), sim.steps(), summary};
}

}  // namespace floodtwin::twin
