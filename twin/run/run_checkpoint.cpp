// A run's checkpoint: the solver's snapshot, and the rest of the state by part (the
// clock, gauges, mass balance, network and dispatch) in a StateArchive; and the
// fingerprints that say which runs may continue from it.
#include <cstdio>

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
        {"boundaries", "the [[boundary]] and [[source]] names, kinds and edges"},
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

void write_run_checkpoint(RunState& run) {
    const hydro::Simulation& sim = run.sim();
    const fs::path dir = run.options.out_dir / "checkpoints";
    fs::create_directories(dir);
    char stem[64];
    std::snprintf(stem, sizeof stem, "checkpoint_%012.0f", sim.time());
    const std::string partial = std::string(stem) + ".results.nc";
    run.nc->sync();
    run.nc->copy_partial_to(dir / partial);

    CheckpointMeta meta = run.identity;
    StateArchive& a = meta.state;
    const Schedule& s = run.schedule;
    a.put("run.next_map_s", s.next_map_s);
    a.put("run.next_gauge_s", s.next_gauge_s);
    a.put("run.next_checkpoint_s", s.next_checkpoint_s);
    a.put("run.checkpoints_written", s.checkpoints_written);
    a.put("run.maps_written", static_cast<double>(run.nc->times_written()));
    a.put("run.start_epoch_s", run.c.start.epoch_s);
    a.put("run.utc_offset_min", static_cast<double>(run.c.start.utc_offset_min));
    a.put_text("run.results_partial", partial);
    run.gauges.save_state(a);
    run.mass_balance.save_state(a);
    if (run.coupling) run.coupling->save_state(a);
    write_checkpoint(dir / (std::string(stem) + ".ckpt"), meta, sim.snapshot());
}

}  // namespace floodtwin::twin
