// How a run begins: fresh from the case's initial state, resumed from one of its own
// checkpoints (bit for bit), or hot from another run's checkpoint (a forecast cycle
// starting from the state the last one left).
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "grids/text_fields.hpp"
#include "twin/case/time_text.hpp"
#include "twin/run/run_state.hpp"

namespace floodtwin::twin {

namespace {

namespace fs = std::filesystem;

// What a resumed run must share with the run that wrote the checkpoint: everything
// that shaped its state and outputs so far. Durations and output intervals may change.
const std::map<std::string, std::string>& resume_parts() {
    static const std::map<std::string, std::string> parts = [] {
        std::map<std::string, std::string> p;
        for (const char* k : {"grid", "scheme", "boundaries", "gauges", "network", "start"})
            p[k] = fingerprint_parts().at(k);
        return p;
    }();
    return parts;
}

// What a hot start must share with it: the grid the water lies on and the network the
// water flows through. Series, rules, boundaries, gauges, scheme and horizon may differ.
const std::map<std::string, std::string>& hot_start_parts() {
    static const std::map<std::string, std::string> parts = {{"grid", fingerprint_parts().at("grid")},
                                                             {"network", fingerprint_parts().at("network")}};
    return parts;
}

}  // namespace

void start_fresh(RunState& run) {
    open_results(run);
    open_map_segment(run);
    run.gauges.track_peaks(run.sim());
}

void resume_from(RunState& run, const fs::path& path) {
    const Checkpoint ck = read_checkpoint(path);
    check_checkpoint_matches(ck, path, run.identity, resume_parts());
    hydro::Simulation& sim = run.sim();
    sim.restore(ck.snapshot);
    const StateArchive& a = ck.meta.state;
    Schedule& s = run.schedule;
    s.next_map_s = a.get_number("run.next_map_s");
    s.next_gauge_s = a.get_number("run.next_gauge_s");
    s.next_checkpoint_s = a.get_number("run.next_checkpoint_s");
    s.checkpoints_written = a.get_number("run.checkpoints_written");
    s.last_map_s = a.get_number("run.last_map_s");
    s.last_gauge_s = a.get_number("run.last_gauge_s");
    if (run.c.output.checkpoint_interval_s && std::isnan(s.next_checkpoint_s))
        s.next_checkpoint_s = sim.time() + *run.c.output.checkpoint_interval_s;
    run.gauges.restore_state(a);
    run.mass_balance.restore_state(a);
    if (run.coupling) run.coupling->restore_state(a, false, run.c.duration_s);
    // results.nc anew: the maps so far from the checkpoint's segments, then the rest.
    open_results(run);
    restore_map_segments(run, a, path);
    open_map_segment(run);
    if (!run.options.quiet)
        std::fprintf(stderr, "floodtwin run: resumed '%s' at t = %.1f s from %s\n", run.c.name.c_str(), sim.time(),
                     path.string().c_str());
}

void hot_start_from(RunState& run, const fs::path& path) {
    const Checkpoint ck = read_checkpoint(path);
    check_checkpoint_matches(ck, path, run.identity, hot_start_parts());
    const StateArchive& a = ck.meta.state;
    // The state is of one instant; this case must start there.
    const double instant_s = a.get_number("run.start_epoch_s") + ck.snapshot.time_s;
    const int offset_min = static_cast<int>(a.get_number("run.utc_offset_min"));
    if (std::abs(instant_s - run.c.start.epoch_s) > 1e-3)
        throw std::runtime_error("checkpoint " + path.string() + " holds the state at " +
                                 format_instant(instant_s, offset_min) + "; case.start is " + run.start_iso +
                                 ": a hot start begins where the state is");
    hydro::Simulation& sim = run.sim();
    sim.set_state(ck.snapshot.state);  // at t = 0 of this run: its ledger starts from this storage
    if (!run.options.reservoir_levels.empty() && !run.coupling)
        throw std::runtime_error("reservoir levels at the start: case " + run.c.file.string() + " has no river network");
    if (run.coupling) run.coupling->restore_state(a, true, run.c.duration_s, run.options.reservoir_levels);
    open_results(run);
    open_map_segment(run);
    run.nc->set_global("hot_start", fs::absolute(path).string());
    run.gauges.track_peaks(sim);
    if (!run.options.quiet)
        std::fprintf(stderr, "floodtwin run: '%s' starts from the state of %s (%s, case '%s'): %s m3 of water\n",
                     run.c.name.c_str(), path.string().c_str(), run.start_iso.c_str(), ck.meta.case_name.c_str(),
                     grids::number_text(sim.ledger().storage_m3).c_str());
}

}  // namespace floodtwin::twin
