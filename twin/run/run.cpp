// `floodtwin run`: load and prepare the case, start (fresh, resumed or hot), step to
// the end with the outputs and checkpoints on their times, then write the outputs.
#include "twin/run/run.hpp"

#include <omp.h>

#include <csignal>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "grids/atomic_file.hpp"
#include "twin/case/case_file.hpp"
#include "twin/case/member_draws.hpp"
#include "twin/case/time_text.hpp"
#include "grids/write_error.hpp"
#include "twin/run/output_folder.hpp"
#include "twin/setup/blow_up_hint.hpp"
#include "twin/run/progress.hpp"
#include "twin/run/stop_signals.hpp"
#include "twin/run/run_state.hpp"

namespace floodtwin::twin {

namespace fs = std::filesystem;

namespace {

// The case, with an ensemble member's draws applied when the run is one.
Case run_case_of(const RunOptions& opt, nlohmann::json& draws) {
    Case c = load_case(opt.case_file, opt.overrides, opt.plan);
    if (opt.member) {
        if (*opt.member >= c.ensemble.members)
            throw std::invalid_argument("--member " + std::to_string(*opt.member) + ": the ensemble of " +
                                        opt.case_file.string() + " has members 0 to " +
                                        std::to_string(static_cast<int>(c.ensemble.members) - 1) +
                                        " (ensemble.members = " + std::to_string(static_cast<int>(c.ensemble.members)) + ")");
        draws = apply_member_draws(c, *opt.member);
        // How the member was run, for the reduce: it loads the same case.
        draws["case_file"] = std::filesystem::absolute(opt.case_file).string();
        draws["overrides"] = opt.overrides;
        draws["plan"] = opt.plan;
    }
    return c;
}

}  // namespace

RunState::RunState(const RunOptions& opt)
    : options(opt),
      c(run_case_of(opt, member_draws)),
      prepared(prepare_case(c)),
      start_iso(format_instant(c.start.epoch_s, c.start.utc_offset_min)),
      gauges(prepared.gauges, c.start),
      mass_balance(prepared.simulation.ledger(), c.start) {
    identity.case_name = c.name;
    identity.nx = static_cast<int>(prepared.dem.nx);
    identity.ny = static_cast<int>(prepared.dem.ny);
    identity.start_iso = start_iso;
    identity.fingerprints = case_fingerprints(c, prepared.dem);
    if (c.network.present()) coupling.emplace(c);
    if (c.output.checkpoint_interval_s) schedule.next_checkpoint_s = *c.output.checkpoint_interval_s;
}

namespace {

// Output times run on from the start whatever the duration, so a run stopped early
// and resumed with a longer duration writes at the same times as one that was not.
void advance(double& next, double t, double interval) {
    while (next <= t) next += interval;
}

void outputs_due(RunState& run) {
    const hydro::Simulation& sim = run.sim();
    Schedule& s = run.schedule;
    const double t = sim.time();
    const bool at_end = t >= run.c.duration_s;
    // `last_*` != t: a run resumed from its final checkpoint has written these already.
    if ((t >= s.next_gauge_s || at_end) && s.last_gauge_s != t) {
        run.gauges.sample(sim);
        s.last_gauge_s = t;
        advance(s.next_gauge_s, t, run.c.output.gauge_interval_s);
    }
    if ((t >= s.next_map_s || at_end) && s.last_map_s != t) {
        write_map_frame(run);
        advance(s.next_map_s, t, run.c.output.map_interval_s);
    }
    if (!std::isnan(s.next_checkpoint_s) && t >= s.next_checkpoint_s) {
        s.checkpoints_written += 1.0;
        advance(s.next_checkpoint_s, t, *run.c.output.checkpoint_interval_s);
        write_run_checkpoint(run);
    }
}

// "floodtwin run CASE --out DIR --set ... --resume CHECKPOINT": how to go on.
std::string resume_command(const RunState& run, const fs::path& checkpoint) {
    const RunOptions& o = run.options;
    std::string cmd = "floodtwin run " + o.case_file.string() + " --out " +
                      (o.member ? o.out_dir.parent_path().parent_path().string() + " --member " + std::to_string(*o.member)
                                : o.out_dir.string());
    for (const std::string& s : o.overrides) cmd += " --set '" + s + "'";
    return cmd + " --resume " + checkpoint.string();
}

// Writes a checkpoint of this moment (unless one was just written) and stops the run.
[[noreturn]] void stop_on_signal(RunState& run, int signal) {
    const hydro::Simulation& sim = run.sim();
    fs::path checkpoint = checkpoint_path(run, sim.time());
    if (!fs::exists(checkpoint)) {
        if (!run.segments.open) keep_maps_so_far(run);  // no checkpoint interval: the maps once
        write_run_checkpoint(run);
    }
    const std::string name = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : std::to_string(signal);
    const std::string when = format_instant(run.c.start.epoch_s + sim.time(), run.c.start.utc_offset_min);
    char t[64];
    std::snprintf(t, sizeof t, "%.3f", sim.time());
    const std::string message = "stopped at " + when + " (t = " + t + " s) on " + name + "; resume with: " +
                                resume_command(run, checkpoint);
    write_stopped_summary(run, message);
    throw RunStopped(message, signal);
}

// Steps to the end of the case, landing exactly on every output, rain-frame, coupling
// and checkpoint time. Returns the wall time.
double step_loop(RunState& run) {
    hydro::Simulation& sim = run.sim();
    const double t_end = run.c.duration_s;
    // Rain frames switch exactly on their times: each is a step target like the outputs.
    // The frame in force follows from the time alone, so a resumed run sets its own here.
    const RainFrames& rain_frames = run.prepared.rain_frames;
    for (const std::string& w : beyond_record_inputs(run.c, rain_frames))
        std::fprintf(stderr, "floodtwin run: warning: %s\n", w.c_str());
    rain_frames.apply(sim, sim.time());
    double next_rain_s = rain_frames.next_change_s(sim.time());
    double next_coupling_s = std::numeric_limits<double>::infinity();
    if (run.coupling) {
        run.coupling->begin_interval(sim);
        next_coupling_s = run.coupling->time_s() + run.coupling->interval_s();
    }
    Progress progress(sim.time(), t_end, run.options.quiet);
    outputs_due(run);
    while (sim.time() < t_end) {
        const Schedule& s = run.schedule;
        double target = std::min({t_end, s.next_map_s, s.next_gauge_s, next_rain_s, next_coupling_s});
        if (!std::isnan(s.next_checkpoint_s)) target = std::min(target, s.next_checkpoint_s);
        const double remaining = target - sim.time();
        const double dt = sim.step(remaining);
        if (dt >= remaining) sim.set_time(target);  // land on the target time exactly
        if (sim.time() >= next_rain_s) {
            rain_frames.apply(sim, sim.time());
            next_rain_s = rain_frames.next_change_s(sim.time());
        }
        if (!std::isfinite(sim.ledger().storage_m3))
            throw std::runtime_error("the solution became non-finite at t = " + std::to_string(sim.time()) +
                                     " s; " + non_finite_hint(run.c, rain_frames));
        run.gauges.track_peaks(sim);
        if (progress.due()) progress.update(sim.time(), dt, sim.wet_cells());
        const bool exchange = run.coupling && sim.time() >= next_coupling_s;
        if (exchange) run.coupling->end_interval(sim);  // before a checkpoint at this time
        outputs_due(run);
        // A signal stops the run here; a coupled one between two coupling intervals,
        // where the network's state is whole.
        if (StopSignals::received() != 0 && (!run.coupling || exchange) && sim.time() < t_end)
            stop_on_signal(run, StopSignals::received());
        if (exchange && sim.time() < t_end) {
            run.coupling->begin_interval(sim);
            next_coupling_s = run.coupling->time_s() + run.coupling->interval_s();
        }
    }
    return progress.finish();
}

}  // namespace

RunResult run_case(const RunOptions& opt) {
    if (opt.threads > 0) omp_set_num_threads(opt.threads);
    if (opt.resume && opt.hot_start) throw std::invalid_argument("--resume and --hot-start: give one or the other");
    RunState run(opt);
    // The folder for this run alone: locked, another run's results refused (or, with
    // --overwrite, removed). Writing its manifest fails early if nothing can be written.
    OutputFolderClaim claim;
    claim.case_name = run.c.name;
    claim.fingerprints = run.identity.fingerprints;
    claim.resume = opt.resume.has_value();
    claim.overwrite = opt.overwrite;
    claim.input_checkpoint = opt.resume ? opt.resume : opt.hot_start;
    const OutputFolder folder(opt.out_dir, claim);
    const StopSignals signals;  // SIGINT, SIGTERM: a checkpoint, then RunStopped
    try {
        if (opt.resume)
            resume_from(run, *opt.resume);
        else if (opt.hot_start)
            hot_start_from(run, *opt.hot_start);
        else
            start_fresh(run);
    } catch (const std::exception& e) {
        // A resumed run's folder holds that run's summary: it stays.
        if (!opt.resume) write_stopped_summary(run, e.what());
        throw;
    }

    if (!opt.quiet) {
        const auto& dem = run.prepared.dem;
        for (const std::string& note : run.prepared.notes) std::fprintf(stderr, "floodtwin run: %s\n", note.c_str());
        const std::string outside =
            run.prepared.outside_cells > 0 ? " (" + std::to_string(run.prepared.outside_cells) + " outside the domain)"
                                           : std::string();
        std::fprintf(stderr, "floodtwin run: '%s', %zu x %zu cells%s of %.1f m, %s, %s + %.0f s\n", run.c.name.c_str(),
                     dem.nx, dem.ny, outside.c_str(), dem.resolution_x(), run.c.hydro.scheme.c_str(),
                     run.start_iso.c_str(), run.c.duration_s);
    }
    try {
        const double wall = step_loop(run);
        write_final_outputs(run, wall);
    } catch (const RunStopped&) {
        throw;
    } catch (const std::exception& e) {
        // Said in summary.json too, when that can still be written.
        write_stopped_summary(run, e.what());
        throw;
    }
    const hydro::Simulation& sim = run.sim();
    return {sim.ledger().relative_error(), sim.steps(), opt.out_dir / "summary.json"};
}

}  // namespace floodtwin::twin
