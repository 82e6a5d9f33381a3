#include "twin/optimise/optimise_workflow.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <thread>

#include "grids/atomic_file.hpp"
#include "grids/text_fields.hpp"
#include "twin/case/case_file.hpp"
#include "twin/case/optimise_objectives.hpp"
#include "twin/fourpre/report_page.hpp"
#include "twin/optimise/objective_display.hpp"
#include "twin/optimise/optimise_outputs.hpp"
#include "twin/optimise/optimise_report.hpp"
#include "twin/optimise/optimise_run.hpp"
#include "twin/optimise/pagmo_search.hpp"
#include "twin/optimise/parallel_runs.hpp"
#include "twin/optimise/pareto_front.hpp"
#include "twin/optimise/plan_archive.hpp"
#include "twin/run/output_folder.hpp"

namespace floodtwin::twin {

namespace fs = std::filesystem;
using grids::number_text;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The case's own plans, the baseline first, with their values of the variables where
// they have them (before the output folder is claimed: a variable whose key the case does
// not write is refused here).
void express_hand_written(const OptimiseOptions& opt, OptimiseRun& run) {
    std::vector<PlanSection> plans = {{"baseline", "The case as written: the reservoirs' own rules and joint dispatch.", {}, ""}};
    for (const PlanSection& p : run.c.fourpre.plans) plans.push_back(p);
    for (std::size_t k = 0; k < plans.size(); ++k) {
        HandWrittenPlan h;
        h.plan = plans[k];
        h.expressed = express_plan(opt.case_file, opt.overrides, k ? &plans[k] : nullptr, run.variables);
        run.hand.push_back(std::move(h));
    }
}

// ... judged as the search judges plans (the search's network step).
void judge_hand_written(const OptimiseOptions& opt, OptimiseRun& run) {
    const auto judged = parallel_runs<NetworkJudgement>(run.hand.size(), run.threads, [&](std::size_t k) {
        return judge_plan_on_network(opt.case_file, run.search_overrides, k ? run.hand[k].plan.name : std::string());
    });
    for (std::size_t k = 0; k < run.hand.size(); ++k) run.hand[k].judged = judged[k];
}

// Ranks among the hand-written plans: keeping the hard limits first, then the objectives
// in their order, each deciding only between plans equal (within tolerance) on those before.
void rank_hand_written(OptimiseRun& run) {
    std::vector<std::size_t> order(run.hand.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    auto before = [&](std::size_t a, std::size_t b) {
        const HandWrittenPlan &x = run.hand[a], &y = run.hand[b];
        if (x.judged.feasible() != y.judged.feasible()) return x.judged.feasible();
        const int d = lexicographic(x.judged.values, y.judged.values, run.objectives());
        return d != 0 ? d < 0 : a < b;
    };
    // Insertion sort: tolerances make "equal" intransitive, which std::sort may not meet.
    for (std::size_t i = 1; i < order.size(); ++i)
        for (std::size_t j = i; j > 0 && before(order[j], order[j - 1]); --j) std::swap(order[j], order[j - 1]);
    for (std::size_t r = 0; r < order.size(); ++r) run.hand[order[r]].rank = static_cast<int>(r + 1);
    run.best_hand = order.front();
}

// For each hand-written plan, the plans of `points` (values, not minimised) at least as
// good on every objective, and those of them better on one.
void cover(OptimiseRun& run, const std::vector<std::vector<double>>& values) {
    for (HandWrittenPlan& h : run.hand) {
        h.covered_by.clear();
        h.improved_by.clear();
        for (std::size_t i = 0; i < values.size(); ++i)
            if (at_least_as_good(values[i], h.judged.values, run.objectives())) {
                h.covered_by.push_back(i);
                if (better_somewhere(values[i], h.judged.values, run.objectives())) h.improved_by.push_back(i);
            }
    }
}

std::string value_text(const std::string& objective, double v) {
    const ObjectiveDisplay d = objective_display(objective, std::abs(v));
    return objective + " " + d.text(v) + " " + d.unit;
}

// The Pareto set of everything run: the feasible plans no other dominates, thinned to
// optimise.front_size keeping the extremes and, for each hand-written plan, a plan at
// least as good as it where there is one; named in order of the first objective.
void take_front(OptimiseRun& run, const PlanArchive& archive) {
    const auto entries = archive.entries();
    std::vector<std::size_t> feasible;
    std::vector<std::vector<double>> scores, values;
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (entries[i].second.feasible()) {
            feasible.push_back(i);
            scores.push_back(minimised(entries[i].second.values, run.objectives()));
            values.push_back(entries[i].second.values);
        }
    const std::vector<std::size_t> nd = non_dominated(scores);
    run.front_found = nd.size();
    std::vector<std::vector<double>> front_scores, front_values;
    for (const std::size_t i : nd) front_scores.push_back(scores[i]), front_values.push_back(values[i]);
    cover(run, front_values);
    std::vector<bool> keep(nd.size(), false);
    for (const HandWrittenPlan& h : run.hand)
        if (!h.covered_by.empty()) {
            // The one best by the objectives in order, among those at least as good.
            std::size_t best = h.covered_by.front();
            for (const std::size_t i : h.covered_by)
                if (lexicographic(front_values[i], front_values[best], run.objectives()) < 0) best = i;
            keep[best] = true;
        }
    std::vector<std::size_t> kept = thinned(front_scores, static_cast<std::size_t>(run.c.optimise.settings.front_size), keep);
    std::stable_sort(kept.begin(), kept.end(),
                     [&](std::size_t a, std::size_t b) { return front_scores[a] < front_scores[b]; });
    std::vector<std::vector<double>> final_values;
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const auto& [x, judged] = entries[feasible[nd[kept[k]]]];
        ParetoPlan p;
        char name[32];
        std::snprintf(name, sizeof name, "pareto-%02zu", k + 1);
        p.name = name;
        p.x = x;
        p.set = run.variables.overrides(x);
        p.judged = judged;
        run.front.push_back(std::move(p));
        final_values.push_back(judged.values);
    }
    cover(run, final_values);
    const std::string how = std::string(run.algorithm.value("name", "") == "nsga2" ? "NSGA-II" : "MOEA/D") + ", seed " +
                            number_text(run.c.optimise.settings.seed);
    for (std::size_t k = 0; k < run.front.size(); ++k) {
        ParetoPlan& p = run.front[k];
        std::string values;
        for (std::size_t o = 0; o < run.objectives().size(); ++o)
            values += (o ? ", " : "") + value_text(run.objectives()[o], p.judged.values[o]);
        std::string covers;
        for (const HandWrittenPlan& h : run.hand)
            if (std::find(h.covered_by.begin(), h.covered_by.end(), k) != h.covered_by.end())
                covers += (covers.empty() ? "" : ", ") + h.plan.name;
        p.reason = "Pareto plan " + std::to_string(k + 1) + " of " + std::to_string(run.front.size()) +
                   " found by floodtwin optimise (" + how + ") on the river network: " + values +
                   (covers.empty() ? "" : "; at least as good on every objective as " + covers) + ".";
    }
}

void check_options(const OptimiseOptions& opt, const Case& c) {
    if (!c.optimise.present)
        throw std::invalid_argument(opt.case_file.string() +
                                    ": no [optimise] table: say what to search over ([[optimise.variable]]) and what "
                                    "to judge plans by (optimise.objectives); docs/optimise.md");
    if (opt.rehearse && opt.issue_time.empty())
        throw std::invalid_argument("--rehearse: give --issue-time, the time the rehearsal's forecast is issued at");
    if (!opt.rehearse && (!opt.issue_time.empty() || opt.state))
        throw std::invalid_argument(std::string(opt.state ? "--state" : "--issue-time") + ": only with --rehearse");
    if (opt.rehearse && c.grid.dem.empty())
        throw std::invalid_argument("--rehearse: " + opt.case_file.string() +
                                    " has no 2D model ([grid] dem): its plans are judged on the network alone");
}

}  // namespace

OptimiseResult run_optimise(const OptimiseOptions& opt) {
    const auto t0 = std::chrono::steady_clock::now();
    OptimiseRun run;
    run.c = load_case(opt.case_file, opt.overrides);
    check_options(opt, run.c);
    const OptimiseSettings& s = run.c.optimise.settings;
    run.out = opt.out_dir;
    run.command_line = opt.command_line;
    run.variables = PlanVariables(run.c.optimise.variables);
    express_hand_written(opt, run);
    if (fs::exists(run.out / "pareto.json") && !opt.overwrite)
        throw std::runtime_error(run.out.string() +
                                 " holds the products of another optimise: give --overwrite to replace them");
    const OutputFolder folder(run.out, {run.c.name, {}, false, opt.overwrite, std::nullopt});
    for (const char* old : {"pareto.json", "plans.toml", "report.html", "rehearsal"}) fs::remove_all(run.out / old);

    run.search_overrides = opt.overrides;
    run.network_step_s = s.network_step_s ? *s.network_step_s : run.c.network.settings.step_s;
    if (s.network_step_s) run.search_overrides.push_back("network.step=" + number_toml(*s.network_step_s));
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    run.threads = s.parallel > 0 ? static_cast<unsigned>(s.parallel) : cores;
    if (!opt.quiet)
        std::fprintf(stderr, "floodtwin optimise: '%s', %zu variable(s), %zu objectives, %s population %.0f x %.0f generation(s), "
                             "seed %.0f, network step %s s, %u thread(s)\n",
                     run.c.name.c_str(), run.variables.size(), s.objectives.size(), s.algorithm.c_str(), s.population,
                     s.generations, s.seed, number_text(run.network_step_s).c_str(), run.threads);

    // The case's own plans, as the search will judge its plans.
    judge_hand_written(opt, run);
    run.hand_wall_s = seconds_since(t0);
    std::vector<std::vector<double>> seeds;
    for (HandWrittenPlan& h : run.hand)
        if (s.seed_plans && h.expressed.x && std::find(seeds.begin(), seeds.end(), *h.expressed.x) == seeds.end() &&
            seeds.size() < static_cast<std::size_t>(s.population)) {
            seeds.push_back(*h.expressed.x);
            h.seeded = true;
        }
    if (!opt.quiet)
        std::fprintf(stderr, "floodtwin optimise: %zu hand-written plan(s) judged in %.1f s, %zu of them in the first population\n",
                     run.hand.size(), run.hand_wall_s, seeds.size());

    // The search.
    PlanArchive archive([&](const std::vector<double>& x) {
        std::vector<std::string> o = run.search_overrides;
        for (const std::string& v : run.variables.overrides(x)) o.push_back(v);
        return judge_plan_on_network(opt.case_file, o);
    });
    SearchProblem problem{run.variables.lower(), run.variables.upper(), s.objectives.size(),
                          [&](const std::vector<double>& x) {
                              return search_scores(archive.evaluate(run.variables.snapped(x)), run.objectives());
                          },
                          infeasible_score};
    const auto search0 = std::chrono::steady_clock::now();
    auto generation_done = [&](unsigned g) {
        std::vector<std::vector<double>> scores;
        for (const auto& [x, j] : archive.entries())
            if (j.feasible()) scores.push_back(minimised(j.values, run.objectives()));
        run.generations.push_back({g, archive.size(), non_dominated(scores).size()});
        if (!opt.quiet)
            std::fprintf(stderr, "floodtwin optimise: generation %u/%.0f: %zu plans run, %zu on the front (%.0f s)\n", g,
                         s.generations, archive.size(), run.generations.back().front, seconds_since(search0));
    };
    const SearchOutcome outcome =
        run_search(problem,
                   {s.algorithm, static_cast<unsigned>(s.population), static_cast<unsigned>(s.generations),
                    static_cast<unsigned>(s.seed), run.threads},
                   seeds, generation_done);
    run.algorithm = outcome.algorithm;
    run.search_wall_s = seconds_since(search0);
    run.plans_run = archive.size();
    run.evaluations = archive.calls();
    take_front(run, archive);
    rank_hand_written(run);

    OptimiseResult result;
    result.front = run.front.size();
    result.best_hand_written = run.hand[run.best_hand].plan.name;
    result.best_covered = !run.hand[run.best_hand].covered_by.empty();
    result.pareto_json = run.out / "pareto.json";
    result.plans_toml = run.out / "plans.toml";
    grids::write_text_atomic(result.pareto_json, pareto_document(run).dump(2) + "\n");
    grids::write_text_atomic(result.plans_toml, plans_toml(run));

    if (opt.rehearse) {
        // At most optimise.rehearse of the front, as the front was thinned: the extremes and
        // the plan at least as good as the best hand-written one first.
        std::vector<std::vector<double>> scores;
        for (const ParetoPlan& p : run.front) scores.push_back(minimised(p.judged.values, run.objectives()));
        std::vector<bool> keep(run.front.size(), false);
        const HandWrittenPlan& best = run.hand[run.best_hand];
        if (!best.covered_by.empty()) keep[best.covered_by.front()] = true;
        std::vector<PlanSection> plans;
        for (const std::size_t k : thinned(scores, static_cast<std::size_t>(s.rehearse), keep))
            plans.push_back({run.front[k].name, run.front[k].reason, run.front[k].set, ""});
        FourPreOptions f;
        f.case_file = opt.case_file;
        f.overrides = opt.overrides;
        f.quiet = opt.quiet;
        f.command_line = opt.command_line;
        f.issue_time = opt.issue_time;
        f.state = opt.state;
        f.program = opt.program;
        f.cores = opt.cores;
        f.draw_map = opt.draw_map;
        if (!opt.quiet)
            std::fprintf(stderr, "floodtwin optimise: the rehearsal of %zu Pareto plan(s) at %s in %s\n", plans.size(),
                         opt.issue_time.c_str(), (run.out / "rehearsal").string().c_str());
        run.rehearsal = rehearse_front(f, run.out / "rehearsal", plans);
    }
    run.wall_s = seconds_since(t0);
    result.report_html = run.out / "report.html";
    grids::write_text_atomic(result.report_html, report_html(optimise_report(run)));
    if (!opt.quiet) {
        const HandWrittenPlan& best = run.hand[run.best_hand];
        std::fprintf(stderr,
                     "floodtwin optimise: %zu plans run in %.0f s (%.2f s each), %zu on the front (of %zu found); the best "
                     "hand-written plan, '%s', is %s; %s, %s and %s in %s (%.0f s)\n",
                     run.plans_run, run.search_wall_s, run.search_wall_s / std::max<std::size_t>(1, run.plans_run),
                     run.front.size(), run.front_found, best.plan.name.c_str(),
                     best.covered_by.empty()       ? "not matched by a Pareto plan on every objective"
                     : best.improved_by.empty()    ? "matched by a Pareto plan on every objective"
                                                   : "bettered by a Pareto plan, at least as good on every objective",
                     result.pareto_json.filename().c_str(), result.plans_toml.filename().c_str(),
                     result.report_html.filename().c_str(), run.out.string().c_str(), run.wall_s);
    }
    return result;
}

}  // namespace floodtwin::twin
