#include "twin/fourpre/fourpre_workflow.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "grids/atomic_file.hpp"
#include "grids/text_fields.hpp"
#include "twin/case/case_file.hpp"
#include "twin/case/time_text.hpp"
#include "twin/fourpre/fourpre_products.hpp"
#include "twin/fourpre/fourpre_report.hpp"
#include "twin/fourpre/fourpre_run.hpp"
#include "twin/fourpre/plan_orders.hpp"
#include "twin/fourpre/plan_processes.hpp"
#include "twin/fourpre/report_page.hpp"
#include "twin/state/checkpoint.hpp"

namespace floodtwin::twin {

namespace fs = std::filesystem;
using grids::number_text;

namespace {

std::string g17(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// A series as a TOML inline value of instants: what an override of node[i].inflow takes.
std::string series_toml(const hydro::TimeSeries& s, double start_epoch_s, int offset) {
    if (s.constant()) return g17(s.value_at(0.0));
    std::string out = "[";
    for (std::size_t k = 0; k < s.times().size(); ++k)
        out += std::string(k ? ", " : "") + "[\"" + format_instant(start_epoch_s + s.times()[k], offset) + "\", " +
               g17(s.values()[k]) + "]";
    return out + "]";
}

// The checkpoint of a previous cycle: its state.ckpt, or the file given.
fs::path previous_state(const fs::path& given) {
    if (fs::is_directory(given)) {
        const fs::path f = given / "state.ckpt";
        if (!fs::exists(f))
            throw std::runtime_error("--state " + given.string() + ": no state.ckpt there (the folder of an earlier "
                                     "`floodtwin fourpre` holds one)");
        return f;
    }
    if (!fs::exists(given)) throw std::runtime_error("--state " + given.string() + ": not found");
    return given;
}

// The newest checkpoint a run wrote.
fs::path last_checkpoint(const fs::path& run_dir) {
    fs::path best;
    for (const auto& e : fs::directory_iterator(run_dir / "checkpoints"))
        if (e.path().extension() == ".ckpt" && (best.empty() || e.path().filename() > best.filename())) best = e.path();
    if (best.empty()) throw std::runtime_error(run_dir.string() + ": the run wrote no checkpoint");
    return best;
}

struct Runner {
    const FourPreOptions& opt;
    FourPreRun& run;

    std::vector<std::string> base_argv(const fs::path& out, int threads) const {
        std::vector<std::string> a = {opt.program.string(), "run", opt.case_file.string(), "--out", out.string(),
                                      "--overwrite", "--quiet", "--threads", std::to_string(threads)};
        for (const std::string& o : opt.overrides) a.insert(a.end(), {"--set", o});
        return a;
    }

    void check(const std::vector<ChildRun>& runs, const std::vector<ChildResult>& results) const {
        for (std::size_t k = 0; k < runs.size(); ++k)
            if (results[k].exit_status != 0)
                throw std::runtime_error(runs[k].label + " failed (exit status " + std::to_string(results[k].exit_status) +
                                         "), its log " + runs[k].log.string() + " ends:" + log_tail(runs[k].log));
    }
};

// The run up to the issue time: a cold start with the spin-up, or a hot start from the
// previous cycle's state; observed inflows in place of the forecast ones.
fs::path run_analysis(const FourPreOptions& opt, FourPreRun& run, int threads) {
    const Case& c = run.c;
    std::optional<fs::path> state;
    double start_s = run.issue_s - c.fourpre.settings.spin_up_s;
    if (opt.state) {
        state = previous_state(*opt.state);
        const Checkpoint ck = read_checkpoint(*state);
        start_s = ck.meta.state.get_number("run.start_epoch_s") + ck.snapshot.time_s;
        run.start_text = "hot start from " + state->string() + " (the state at " + run.time(start_s) + ")";
    } else {
        run.start_text = "cold start at " + run.time(start_s) + " (fourpre.spin_up " +
                         number_text(c.fourpre.settings.spin_up_s / 3600.0) + " h before the issue time)";
    }
    if (start_s > run.issue_s + 1e-3)
        throw std::runtime_error("the state starts at " + run.time(start_s) + ", after the issue time " +
                                 run.time(run.issue_s));
    const fs::path dir = run.out / "analysis";
    Runner r{opt, run};
    std::vector<std::string> argv = r.base_argv(dir, threads);
    const double duration = run.issue_s - start_s;
    if (duration < 1.0) throw std::runtime_error("the state is at the issue time already: nothing to analyse");
    if (threads > 1) argv.insert(argv.end(), {"--set", "hydro.min_cells_per_thread=1024"});
    argv.insert(argv.end(), {"--set", "case.start=" + format_instant(start_s, run.offset_min), "--set",
                             "case.duration=" + g17(duration), "--set", "output.checkpoint_interval=" + g17(duration),
                             "--set", "output.maps=false"});
    if (state) argv.insert(argv.end(), {"--hot-start", state->string()});
    // Observed inflows replace the forecast inflows up to the issue time.
    for (const ObservedSection& o : c.fourpre.observed) {
        if (o.quantity != "inflow") continue;
        const auto n = std::find_if(c.network.nodes.begin(), c.network.nodes.end(),
                                    [&](const NodeSection& node) { return node.name == o.station; });
        if (n == c.network.nodes.end() || n->kind != "inflow")
            throw std::invalid_argument(o.key + ".station: '" + o.station + "' is not an inflow node");
        argv.insert(argv.end(), {"--set", n->key + ".inflow=" + series_toml(o.series, c.start.epoch_s, run.offset_min)});
    }
    const std::vector<ChildRun> runs = {{"the analysis run (to the issue time)", argv, run.out / "analysis.log", threads}};
    r.check(runs, run_children(runs, threads));
    return last_checkpoint(dir);
}

// Observed pool levels at the issue time, against the model's there.
void reset_levels(FourPreRun& run) {
    for (const ObservedSection& o : run.c.fourpre.observed) {
        if (o.quantity != "level") continue;
        const auto r = std::find_if(run.c.network.reservoirs.begin(), run.c.network.reservoirs.end(),
                                    [&](const ReservoirSection& s) { return s.name == o.station; });
        if (r == run.c.network.reservoirs.end())
            throw std::invalid_argument(o.key + ".station: '" + o.station + "' is not a [[reservoir]]");
        const double rel = run.issue_s - run.c.start.epoch_s;
        const auto& t = o.series.times();
        if (!o.series.constant() && (t.empty() || t.front() > rel + 1e-3 || t.back() < rel - run.c.fourpre.settings.update_step_s))
            throw std::invalid_argument(o.key + ".series: no level observed at the issue time " + run.time(run.issue_s));
        LevelReset l;
        l.reservoir = o.station;
        l.observed_m = o.series.value_at(rel);
        l.model_m = value_at(run.analysis.column(o.station + "_level_m"), run.issue_s);
        run.level_resets.push_back(l);
    }
}

// What the forecast from the state at the issue time adds to `floodtwin run CASE`: the
// start, the horizon, the state, the observed reservoir levels; the plans and the
// ensemble's members run with it.
std::vector<std::string> forecast_options(const FourPreRun& run, const fs::path& state) {
    std::vector<std::string> a = {"--hot-start", state.string(), "--set",
                                  "case.start=" + format_instant(run.issue_s, run.offset_min), "--set",
                                  "case.duration=" + g17(run.c.fourpre.settings.horizon_s), "--set", "output.maps=false",
                                  "--set", "output.map_interval=1h"};
    for (const LevelReset& l : run.level_resets)
        a.insert(a.end(), {"--reservoir-level", l.reservoir + "=" + g17(l.observed_m)});
    return a;
}

// Every plan from the state at the issue time, several at once.
void rehearse(const FourPreOptions& opt, FourPreRun& run, const fs::path& state) {
    Runner r{opt, run};
    std::vector<ChildRun> runs;
    // The plans left over after the full rounds share the cores of the last round.
    const std::size_t n = run.plans.size(), rounds = n / static_cast<std::size_t>(run.at_once) * run.at_once;
    const int last_threads = n > rounds ? run.cores / static_cast<int>(n - rounds) : run.threads;
    for (std::size_t k = 0; k < n; ++k) {
        const PlanSection& p = run.plans[k];
        const int threads = k < rounds ? run.threads : std::max(1, last_threads);
        std::vector<std::string> argv = r.base_argv(run.out / "rehearsal" / p.name, threads);
        // Results are the same for any thread count; let a small grid use them all.
        if (threads > 1) argv.insert(argv.end(), {"--set", "hydro.min_cells_per_thread=1024"});
        if (p.name != "baseline" && !opt.plans) argv.insert(argv.end(), {"--plan", p.name});
        if (p.name != "baseline" && opt.plans)  // a plan handed in: the case file does not hold it
            for (const std::string& o : p.set) argv.insert(argv.end(), {"--set", o});
        const std::vector<std::string> forecast = forecast_options(run, state);
        argv.insert(argv.end(), forecast.begin(), forecast.end());
        runs.push_back({"plan '" + p.name + "'", argv, run.out / "rehearsal" / (p.name + ".log"), threads});
        run.plan_threads.push_back(threads);
    }
    fs::create_directories(run.out / "rehearsal");
    const std::vector<ChildResult> results = run_children(runs, run.cores);
    r.check(runs, results);
    for (const ChildResult& x : results) run.plan_wall_s.push_back(x.wall_s);
}

// The ensemble of the baseline forecast: the same start, state and horizon, each member
// with its own draws; only the maxima are needed of its maps (one map at the end).
void run_forecast_ensemble(const FourPreOptions& opt, FourPreRun& run, const fs::path& state) {
    if (opt.members <= 0) return;
    if (!opt.run_ensemble) throw std::logic_error("fourpre --members: no ensemble runner was handed in");
    EnsembleRequest q;
    q.run_argv = {opt.program.string(), "run", fs::absolute(opt.case_file).string()};
    for (const std::string& o : opt.overrides) q.run_argv.insert(q.run_argv.end(), {"--set", o});
    const std::vector<std::string> forecast = forecast_options(run, fs::absolute(state));
    q.run_argv.insert(q.run_argv.end(), forecast.begin(), forecast.end());
    q.run_argv.insert(q.run_argv.end(), {"--set", "output.map_interval=" + g17(run.c.fourpre.settings.horizon_s), "--set",
                                         "ensemble.members=" + std::to_string(opt.members)});
    q.out_dir = run.out / "ensemble";
    q.members = opt.members;
    q.cores = run.cores;
    q.updates = run.updates;
    q.issue_s = run.issue_s;
    q.quiet = opt.quiet;
    if (!opt.quiet)
        std::fprintf(stderr, "floodtwin fourpre: the ensemble of the forecast, %d members, in %s\n", opt.members,
                     q.out_dir.string().c_str());
    run.ensemble = opt.run_ensemble(q);
}

// The ensemble's chances per station and level, beside the deterministic warnings.
void write_probabilistic_warnings(const FourPreRun& run) {
    if (!run.ensemble) return;
    std::string csv = "station,datum,level,probability,earliest_crossing,members,text\n";
    for (const StationEnsemble& s : run.ensemble->stations.stations)
        for (std::size_t l = 0; l < 4; ++l)
            csv += grids::csv_field(s.name) + "," + grids::csv_field(s.datum) + "," + to_string(ensemble_levels[l]) + "," +
                   g17(s.probability[l]) + "," + (std::isnan(s.earliest[l]) ? "" : run.time(s.earliest[l])) + "," +
                   std::to_string(run.ensemble->present.size()) + "," +
                   grids::csv_field(l == 0 ? probabilistic_warning_text(s, run.issue_s, run.offset_min) : "") + "\n";
    fs::create_directories(run.out / "warning");
    grids::write_text_atomic(run.out / "warning" / "probabilistic_warnings.csv", csv);
}

// A class map of one plan: `kind` depth, hazard or arrival; `warning`: the depth map
// with the stations and areas at their warning levels.
ClassMapRequest map_request(const FourPreRun& run, std::size_t plan, const std::string& kind, bool warning) {
    const PlanOutcome& p = run.outcomes[plan];
    ClassMapRequest m;
    m.kind = kind;
    m.results_nc = p.dir / "results.nc";
    m.classes = kind == "hazard" ? p.flood.hazard_class : kind == "arrival" ? p.flood.arrival_class : p.flood.depth_class;
    m.rivers = run.c.output.rivers;
    m.note = run.c.output.map_note;
    const std::string what = warning           ? "Warning map"
                             : kind == "hazard"  ? "Flood hazard (ARR 2019 classes)"
                             : kind == "arrival" ? "Arrival of the flood on land"
                                                 : "Maximum depth on land";
    m.title = what + ": " + run.c.name + ", plan " + run.plans[plan].name;
    m.subtitle = "Forecast issued " + run.time(run.issue_s) + ", horizon " +
                 number_text(run.c.fourpre.settings.horizon_s / 3600.0) + " h; the normal river shown as river";
    for (const StationOutcome& s : p.stations)
        if (s.station->x && s.station->y)
            m.stations.push_back({s.station->name, *s.station->x, *s.station->y, s.level,
                                  s.updated ? s.updated_peak.value : s.stage_peak.value});
    if (warning || kind == "depth")
        for (std::size_t a = 0; a < p.areas.size(); ++a)
            m.areas.push_back({p.areas[a].name, area_rings(run.c.fourpre.areas[a], p.flood.grid.crs_wkt), p.areas[a].level});
    m.png = run.out / "maps" / ((warning ? std::string("warning") : kind) + "-" + run.plans[plan].name + ".png");
    return m;
}

void draw_maps(const FourPreOptions& opt, FourPreRun& run) {
    if (!opt.draw_map) {
        run.skipped.push_back("maps: this build draws none (no VTK)");
        return;
    }
    fs::create_directories(run.out / "maps");
    std::vector<std::pair<std::string, ClassMapRequest>> todo;
    const std::size_t chosen = run.chosen_index();
    todo.push_back({"warning", map_request(run, 0, "depth", true)});
    todo.push_back({"hazard baseline", map_request(run, 0, "hazard", false)});
    todo.push_back({"arrival baseline", map_request(run, 0, "arrival", false)});
    if (chosen != 0) todo.push_back({"hazard chosen", map_request(run, chosen, "hazard", false)});
    for (std::size_t k = 0; k < run.plans.size(); ++k) todo.push_back({"depth " + run.plans[k].name, map_request(run, k, "depth", false)});
    for (auto& [key, req] : todo) {
        try {
            opt.draw_map(req);
            run.maps[key] = req.png;
        } catch (const std::exception& e) {
            run.skipped.push_back(req.png.filename().string() + ": " + e.what());
        }
    }
}

}  // namespace

std::string FourPreRun::time(double epoch_s) const { return format_instant(epoch_s, offset_min); }

FourPreResult run_fourpre(const FourPreOptions& opt) {
    const auto wall0 = std::chrono::steady_clock::now();
    FourPreRun run;
    run.c = load_case(opt.case_file, opt.overrides);
    run.command_line = opt.command_line;
    const Instant issue = parse_instant(opt.issue_time, "--issue-time");
    run.issue_s = issue.epoch_s;
    run.offset_min = issue.utc_offset_min;
    run.out = opt.out_dir;
    if (run.c.grid.dem.empty()) throw std::invalid_argument(opt.case_file.string() + ": fourpre needs a 2D model ([grid] dem)");
    if (fs::exists(run.out / "plan.json") && !opt.overwrite)
        throw std::runtime_error(run.out.string() + " holds the products of another fourpre: give --overwrite to replace them");
    fs::create_directories(run.out);
    // Products of an earlier fourpre here go: none of them may be mistaken for this one's.
    for (const char* old : {"maps", "warning", "forecast", "plan.json", "report.html", "state.ckpt"}) fs::remove_all(run.out / old);
    // An ensemble of another forecast would be taken for this one's: its members go too.
    fs::remove_all(run.out / "ensemble");

    run.plans.push_back({"baseline", "The case as written: the reservoirs' own rules and joint dispatch.", {}, ""});
    if (!opt.forecast_only)
        for (const PlanSection& p : opt.plans ? *opt.plans : run.c.fourpre.plans) run.plans.push_back(p);
    const int cores = opt.cores > 0 ? opt.cores : std::max(1u, std::thread::hardware_concurrency());
    const int wanted = run.c.fourpre.settings.parallel > 0 ? static_cast<int>(run.c.fourpre.settings.parallel) : cores;
    run.at_once = std::max(1, std::min({wanted, cores, static_cast<int>(run.plans.size())}));
    run.threads = std::max(1, cores / run.at_once);  // plans x threads never above the cores
    run.cores = cores;

    if (!opt.quiet)
        std::fprintf(stderr, "floodtwin fourpre: '%s', issued %s, horizon %s h, %zu plan(s), %d at once on %d core(s)\n",
                     run.c.name.c_str(), run.time(run.issue_s).c_str(),
                     number_text(run.c.fourpre.settings.horizon_s / 3600).c_str(), run.plans.size(), run.at_once, cores);
    // 1. Forecast: the state at the issue time.
    const fs::path state = run_analysis(opt, run, cores);
    fs::copy_file(state, run.out / "state.ckpt", fs::copy_options::overwrite_existing);
    run.analysis = read_run_record(run.out / "analysis");
    reset_levels(run);
    if (!opt.quiet) std::fprintf(stderr, "floodtwin fourpre: %s; the plans run from %s\n", run.start_text.c_str(), run.time(run.issue_s).c_str());
    // 1-3. The baseline forecast and every plan from the same state.
    rehearse(opt, run, state);
    run.stations = forecast_stations(run.c);
    resolve_stage_columns(run.stations, run.analysis);
    run.updates = fit_station_updates(run.c, run.stations, run.analysis, run.issue_s, run.skipped);
    const std::vector<unsigned char> river = normal_river_cells(run.c, run.out / "rehearsal" / "baseline" / "results.nc");
    std::vector<std::vector<unsigned char>> masks;
    for (const PlanSection& p : run.plans) {
        const fs::path dir = run.out / "rehearsal" / p.name;
        run.records.push_back(read_run_record(dir));
        Inundation flood = read_inundation(dir / "results.nc", river);
        if (masks.empty()) masks = area_masks(run.c, flood.grid);
        run.outcomes.push_back(plan_outcome(run.c, run.stations, run.updates, run.records.back(), std::move(flood), masks,
                                            run.issue_s));
        run.outcomes.back().plan = p.name;
        run.outcomes.back().reason = p.reason;
        run.warnings.push_back(forecast_warnings(run.c, run.outcomes.back(), run.issue_s, run.offset_min,
                                                 run.outcomes.back().flood.grid.crs_wkt));
    }
    run.numbered = forecast_numbered_floods(run);
    run_forecast_ensemble(opt, run, state);
    write_probabilistic_warnings(run);
    // 2. Warning: the forecast's (the baseline's).
    run.caps = write_warnings(run.out / "warning", run.c, run.warnings[0], run.issue_s, run.offset_min, "baseline");
    // 4. Plan: the ranking.
    run.ranking = rank_plans(run.outcomes, run.warnings, run.c.fourpre.settings.ranking, run.c.fourpre.settings.control_station);
    write_forecast_products(run);
    write_rehearsal_comparison(run);
    draw_maps(opt, run);
    FourPreResult result;
    result.plan_json = run.out / "plan.json";
    grids::write_text_atomic(result.plan_json, plan_document(run).dump(2) + "\n");
    result.report_html = run.out / "report.html";
    grids::write_text_atomic(result.report_html, report_html(fourpre_report(run)));
    result.state = run.out / "state.ckpt";
    result.chosen_plan = run.plans[run.chosen_index()].name;
    for (const StationOutcome& s : run.outcomes[0].stations)
        if (s.station->name == run.c.fourpre.settings.control_station) {
            const Peak& p = s.updated ? s.updated_peak : s.stage_peak;
            result.control_peak_m = p.value;
            result.control_peak_epoch_s = p.epoch_s;
            for (const LevelCrossing& x : s.crossings)
                if (x.level == WarningLevel::orange) result.orange_lead_s = x.epoch_s - run.issue_s;
        }
    WarningLevel top = WarningLevel::none;
    for (const Warning& w : run.warnings[0]) top = std::max(top, w.level);
    result.highest_warning = to_string(top);
    if (!opt.quiet) {
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
        std::fprintf(stderr, "floodtwin fourpre: %zu warning(s) (%s); plan '%s' ranks first of %zu; %s and %s in %s (%.0f s)\n",
                     run.warnings[0].size(), warning_count_text(run.warnings[0]).c_str(), result.chosen_plan.c_str(),
                     run.plans.size(), result.plan_json.filename().c_str(), result.report_html.filename().c_str(),
                     run.out.string().c_str(), wall);
        for (const std::string& s : run.skipped) std::fprintf(stderr, "  skipped: %s\n", s.c_str());
    }
    return result;
}

}  // namespace floodtwin::twin
