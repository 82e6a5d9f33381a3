// A run's checkpoint: the solver's snapshot, and the rest of the state by part (the
// clock, gauges, mass balance, network and dispatch) in a StateArchive; and the
// fingerprints that say which runs may continue from it.
#include <cstdio>

#include "grids/netcdf_reader.hpp"
#include "grids/text_fields.hpp"
#include "twin/network/network_step.hpp"
#include "twin/run/run_state.hpp"

namespace floodtwin::twin {

namespace {

namespace fs = std::filesystem;

template <class T>
void append_raw(std::string& key, const T& value) {
    key.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void append_numbers(std::string& key, const std::vector<double>& v) {
    key.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
}

void append_table(std::string& key, const std::vector<std::vector<double>>& rows) {
    for (const auto& row : rows) append_numbers(key, row);
    key += ';';
}

// Nodes, reaches with their routing parameters, reservoirs with their tables, and the
// network step: what the network's state is a state of.
std::string network_shape(const Case& c) {
    const NetworkCase& n = c.network;
    std::string key;
    if (!n.present()) return key;
    append_raw(key, c.network.settings.step_s);
    append_raw(key, c.network.settings.coupling_interval_s);
    for (const auto& node : n.nodes) key += "|node:" + node.name + ":" + node.kind + ":" + node.boundary;
    for (const auto& r : n.reaches) {
        key += "|reach:" + r.from + ">" + r.to + ":" + r.method;
        for (double v : {r.length_m, r.slope, r.width_m, r.side_slope, r.manning, r.low_flow_m3_s, r.k_s, r.x,
                         r.lag_s.value_or(-1.0)})
            append_raw(key, v);
    }
    for (const auto& r : n.reservoirs) {
        key += "|reservoir:" + r.name;
        for (const auto* table : {&r.storage, &r.spillway, &r.outlets, &r.turbines}) append_table(key, *table);
    }
    return key;
}

}  // namespace

const std::map<std::string, std::string>& fingerprint_parts() {
    static const std::map<std::string, std::string> parts = {
        {"grid", "the prepared DEM's size, position and heights"},
        {"scheme", "hydro.scheme"},
        {"boundaries", "the [[boundary]] and [[source]] names, kinds and edges, and the [[breach]] and [[detention]] "
                       "names and crest lines"},
        {"gauges", "the [[gauge]] names and positions"},
        {"network", "the river network's nodes, reaches, reservoirs and their tables, and network.step"},
        {"start", "case.start"},
    };
    return parts;
}

std::map<std::string, std::string> case_fingerprints(const Case& c, const grids::Raster<double>& dem) {
    std::string grid = std::to_string(dem.nx) + "x" + std::to_string(dem.ny);
    append_raw(grid, dem.transform);
    append_numbers(grid, dem.values);
    std::string boundaries;
    for (const auto& b : c.boundaries) boundaries += "|" + b.name + ":" + b.kind + ":" + b.edge;
    for (const auto& s : c.sources) boundaries += "|" + s.name;
    // Breaches and detention inlets (nothing for a case without, whose fingerprint stays as it was).
    for (const auto& b : c.breaches) {
        boundaries += "|breach:" + b.name;
        append_raw(boundaries, b.crest);
    }
    for (const auto& d : c.detentions) {
        boundaries += "|detention:" + d.name;
        append_raw(boundaries, d.inlet);
    }
    std::string gauges;
    for (const auto& g : c.gauges) {
        gauges += "|" + g.name;
        append_raw(gauges, g.x);
        append_raw(gauges, g.y);
    }
    return {{"grid", fingerprint(grid)},
            {"scheme", fingerprint(c.hydro.scheme)},
            {"boundaries", fingerprint(boundaries)},
            {"gauges", fingerprint(gauges)},
            {"network", fingerprint(network_shape(c))},
            {"start", fingerprint(std::to_string(c.start.epoch_s) + "@" + std::to_string(c.start.utc_offset_min))}};
}

namespace {

fs::path checkpoint_dir(const RunState& run) { return run.options.out_dir / "checkpoints"; }

// The oldest of this run's checkpoints beyond output.checkpoint_keep are removed (their
// map segments stay: the newer checkpoints list them too).
void prune_checkpoints(RunState& run) {
    auto& kept = run.segments.checkpoints;
    const auto keep = static_cast<std::size_t>(run.c.output.checkpoint_keep);
    while (kept.size() > keep) {
        std::error_code ec;
        fs::remove(checkpoint_dir(run) / kept.front(), ec);
        kept.erase(kept.begin());
    }
}

void close_map_segment(RunState& run, const std::string& name) {
    MapSegments& seg = run.segments;
    seg.open->close();
    seg.open.reset();
    seg.files.push_back(name);
    seg.crc32.push_back(static_cast<double>(file_crc32(checkpoint_dir(run) / name)));
}

std::string segment_name(std::size_t k) {
    char name[32];
    std::snprintf(name, sizeof name, "maps_%06zu.nc", k);
    return name;
}

}  // namespace

fs::path checkpoint_path(const RunState& run, double time_s) {
    // Milliseconds in the name: checkpoints less than a second apart (a stop on a
    // signal just after a scheduled one) keep their own files.
    char name[64];
    std::snprintf(name, sizeof name, "checkpoint_%013.3f.ckpt", time_s);
    return checkpoint_dir(run) / name;
}

void open_map_segment(RunState& run) {
    if (!run.c.output.checkpoint_interval_s) return;
    const fs::path file = checkpoint_dir(run) / segment_name(run.segments.files.size() + 1);
    fs::create_directories(file.parent_path());
    run.segments.open.emplace(file, results_grid(run.prepared.dem), run.start_iso, map_variables(),
                              std::vector<std::pair<std::string, std::string>>{
                                  {"title", "floodtwin maps between two checkpoints: " + run.c.name},
                                  {"case_name", run.c.name}});
}

void keep_maps_so_far(RunState& run) {
    const std::string name = segment_name(run.segments.files.size() + 1);
    fs::create_directories(checkpoint_dir(run));
    run.nc->copy_to(checkpoint_dir(run) / name);
    run.segments.files.push_back(name);
    run.segments.crc32.push_back(static_cast<double>(file_crc32(checkpoint_dir(run) / name)));
}

void write_run_checkpoint(RunState& run) {
    const hydro::Simulation& sim = run.sim();
    fs::create_directories(checkpoint_dir(run));
    if (run.segments.open) close_map_segment(run, segment_name(run.segments.files.size() + 1));
    const fs::path path = checkpoint_path(run, sim.time());
    run.segments.checkpoints.push_back(path.filename().string());

    CheckpointMeta meta = run.identity;
    StateArchive& a = meta.state;
    const Schedule& s = run.schedule;
    a.put("run.next_map_s", s.next_map_s);
    a.put("run.next_gauge_s", s.next_gauge_s);
    a.put("run.next_checkpoint_s", s.next_checkpoint_s);
    a.put("run.checkpoints_written", s.checkpoints_written);
    a.put("run.last_map_s", s.last_map_s);
    a.put("run.last_gauge_s", s.last_gauge_s);
    a.put("run.start_epoch_s", run.c.start.epoch_s);
    a.put("run.utc_offset_min", static_cast<double>(run.c.start.utc_offset_min));
    a.put_texts("run.map_segments", run.segments.files);
    a.put("run.map_segment_crc32", run.segments.crc32);
    a.put_texts("run.checkpoints", run.segments.checkpoints);
    run.gauges.save_state(a);
    run.mass_balance.save_state(a);
    if (run.coupling) run.coupling->save_state(a);
    write_checkpoint(path, meta, sim.snapshot());
    prune_checkpoints(run);
    open_map_segment(run);
}

void restore_map_segments(RunState& run, const StateArchive& a, const fs::path& checkpoint) {
    MapSegments& seg = run.segments;
    seg.files = a.get_texts("run.map_segments");
    seg.crc32 = a.get_array("run.map_segment_crc32", seg.files.size());
    seg.checkpoints = a.get_texts("run.checkpoints");
    const fs::path from = checkpoint.parent_path();
    const bool elsewhere = run.c.output.checkpoint_interval_s &&
                           fs::weakly_canonical(from) != fs::weakly_canonical(checkpoint_dir(run));
    if (elsewhere) {
        fs::create_directories(checkpoint_dir(run));
        seg.checkpoints.clear();  // those stay where they are; this folder starts its own
    }
    for (std::size_t k = 0; k < seg.files.size(); ++k) {
        const fs::path file = from / seg.files[k];
        if (!fs::exists(file))
            throw std::runtime_error("checkpoint " + checkpoint.string() + ": its map segment " + file.string() +
                                     " is missing");
        if (file_crc32(file) != static_cast<std::uint32_t>(seg.crc32[k]))
            throw std::runtime_error("checkpoint " + checkpoint.string() + ": its map segment " + file.string() +
                                     " is damaged (CRC-32 checksum mismatch)");
        const grids::NetcdfReader maps(file);
        for (std::size_t m = 0; m < maps.time_count(); ++m) {
            std::vector<std::vector<double>> values;
            std::vector<std::pair<std::string, std::span<const double>>> fields;
            for (const auto& v : map_variables()) values.push_back(maps.read_time(v.name, m));
            for (std::size_t i = 0; i < values.size(); ++i) fields.emplace_back(map_variables()[i].name, values[i]);
            run.nc->write_time(maps.times_s()[m], fields);
        }
        // A resumed run that writes checkpoints into another folder takes its maps along.
        if (elsewhere) fs::copy_file(file, checkpoint_dir(run) / seg.files[k], fs::copy_options::overwrite_existing);
    }
}

}  // namespace floodtwin::twin
