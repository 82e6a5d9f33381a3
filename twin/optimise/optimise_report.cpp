#include "twin/optimise/optimise_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "grids/text_fields.hpp"
#include "twin/case/optimise_objectives.hpp"
#include "twin/optimise/objective_display.hpp"

namespace floodtwin::twin {

namespace {

using grids::number_text;

std::string fixed(double v, int decimals) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

struct Shown {
    std::vector<ObjectiveDisplay> displays;  // per objective
    std::string label(std::size_t k, const std::vector<std::string>& objectives) const {
        return objectives[k] + " (" + displays[k].unit + ")";
    }
    std::string text(std::size_t k, double v) const { return displays[k].text(v); }
};

Shown shown(const OptimiseRun& run) {
    Shown s;
    for (std::size_t k = 0; k < run.objectives().size(); ++k) {
        double largest = 0.0;
        for (const ParetoPlan& p : run.front) largest = std::max(largest, std::abs(p.judged.values[k]));
        for (const HandWrittenPlan& h : run.hand) largest = std::max(largest, std::abs(h.judged.values[k]));
        s.displays.push_back(objective_display(run.objectives()[k], largest));
    }
    return s;
}

std::string sense_word(const std::string& objective) {
    return find_objective(objective)->sense == ObjectiveSense::minimise ? "less is better" : "more is better";
}

std::string names_of(const OptimiseRun& run, const std::vector<std::size_t>& plans) {
    std::string out;
    for (const std::size_t k : plans) out += (out.empty() ? "" : ", ") + run.front[k].name;
    return out.empty() ? "none" : out;
}

std::vector<ScatterChart> front_charts(const OptimiseRun& run, const Shown& sh) {
    const std::size_t n = run.objectives().size();
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = a + 1; b < n && pairs.size() < 6; ++b) pairs.emplace_back(a, b);
    std::vector<ScatterChart> charts;
    for (const auto& [a, b] : pairs) {
        ScatterChart c;
        c.title = n == 2 ? "The Pareto front and the case's own plans, on the river network"
                         : "The Pareto set seen in " + run.objectives()[a] + " and " + run.objectives()[b];
        c.x_label = sh.label(a, run.objectives()) + ", " + sense_word(run.objectives()[a]);
        c.y_label = sh.label(b, run.objectives()) + ", " + sense_word(run.objectives()[b]);
        ScatterGroup front{"Pareto plans (numbered)", {}, "#1f5fa8", "circle", n == 2};
        for (std::size_t k = 0; k < run.front.size(); ++k)
            front.points.push_back({run.front[k].judged.values[a] * sh.displays[a].factor,
                                    run.front[k].judged.values[b] * sh.displays[b].factor,
                                    run.front.size() <= 30 ? std::to_string(k + 1) : ""});
        ScatterGroup hand{"hand-written plans", {}, "#e09f3e", "square", false};
        ScatterGroup broken{"hand-written, breaking a hard limit", {}, "#d1495b", "cross", false};
        for (const HandWrittenPlan& h : run.hand)
            (h.judged.feasible() ? hand : broken)
                .points.push_back({h.judged.values[a] * sh.displays[a].factor, h.judged.values[b] * sh.displays[b].factor,
                                   h.plan.name});
        c.groups = {front, hand};
        if (!broken.points.empty()) c.groups.push_back(broken);
        charts.push_back(std::move(c));
    }
    return charts;
}

ReportTable pareto_table(const OptimiseRun& run, const Shown& sh) {
    ReportTable t;
    t.caption = "The Pareto plans (plans.toml holds each as a [[plan]] block)";
    t.header = {"plan"};
    for (const OptimiseVariable& v : run.variables.variables()) t.header.push_back(v.name);
    for (std::size_t k = 0; k < run.objectives().size(); ++k) t.header.push_back(sh.label(k, run.objectives()));
    for (const ParetoPlan& p : run.front) {
        std::vector<std::string> row = {p.name};
        for (const double x : p.x) row.push_back(grids::formatted("%.6g", x));
        for (std::size_t k = 0; k < p.judged.values.size(); ++k) row.push_back(sh.text(k, p.judged.values[k]));
        t.rows.push_back(row);
    }
    return t;
}

ReportTable hand_table(const OptimiseRun& run, const Shown& sh) {
    ReportTable t;
    t.caption = "The case's own plans, judged as the search judges plans, and the Pareto plans at least as good as each "
                "on every objective";
    t.header = {"plan", "rank"};
    for (std::size_t k = 0; k < run.objectives().size(); ++k) t.header.push_back(sh.label(k, run.objectives()));
    for (const char* h : {"hard limits", "in the variables", "at least as good", "of which better on one"}) t.header.push_back(h);
    for (const HandWrittenPlan& h : run.hand) {
        std::vector<std::string> row = {h.plan.name, std::to_string(h.rank)};
        std::vector<std::string> cls(2, "");
        for (std::size_t k = 0; k < h.judged.values.size(); ++k) row.push_back(sh.text(k, h.judged.values[k])), cls.push_back("");
        std::string limits = "kept";
        if (!h.judged.feasible()) {
            limits.clear();
            for (const std::string& b : h.judged.breaches) limits += (limits.empty() ? "" : "; ") + b;
        }
        row.push_back(limits);
        cls.push_back(h.judged.feasible() ? "" : "bad");
        row.push_back(h.expressed.x ? (h.seeded ? "yes: in the first population" : "yes") : "no: " + h.expressed.why_not);
        cls.push_back("");
        row.push_back(names_of(run, h.covered_by));
        cls.push_back(h.covered_by.empty() ? "" : "good");
        row.push_back(names_of(run, h.improved_by));
        cls.push_back(h.improved_by.empty() ? "" : "good");
        t.rows.push_back(row);
        t.cell_class.push_back(cls);
    }
    return t;
}

ReportSection rehearsal_section(const RehearsalSummary& r) {
    ReportSection s{"rehearsal", "The rehearsal of the Pareto set (预演)", {}};
    s.blocks.push_back(ReportParagraph{
        "The Pareto plans below ran through the four pre- rehearsal at " + r.issue_time +
        " with the baseline, as floodtwin fourpre runs a case's plans: each from the state at the issue time over the "
        "horizon, the 2D model coupled with the network, then ranked by the case's [fourpre] ranking. It took " +
        number_text(std::round(r.wall_s)) + " s; its own report, with the maps and each plan's orders, is " +
        (r.dir / "report.html").string() + ". First: " + r.chosen + "."});
    s.blocks.push_back(ReportParagraph{"The ranking rule: " + r.rule});
    ReportTable t;
    t.caption = "The rehearsal's ranking";
    t.header = {"rank", "plan", "land flooded (km2)"};
    std::vector<std::string> objectives;
    if (!r.ranking.empty())
        for (const auto& [k, v] : r.ranking.front().objectives) objectives.push_back(k), t.header.push_back(k);
    t.header.push_back("hard limits");
    for (const RehearsedPlan& p : r.ranking) {
        std::vector<std::string> row = {std::to_string(p.rank), p.plan, fixed(p.flooded_km2, 3)};
        std::vector<std::string> cls(row.size(), "");
        for (const std::string& k : objectives) {
            std::string v;
            for (const auto& [name, text] : p.objectives)
                if (name == k) v = text;
            row.push_back(v);
            cls.push_back("");
        }
        std::string limits = "kept";
        if (!p.breaches.empty()) {
            limits.clear();
            for (const std::string& b : p.breaches) limits += (limits.empty() ? "" : "; ") + b;
        }
        row.push_back(limits);
        cls.push_back(p.breaches.empty() ? "" : "bad");
        t.rows.push_back(row);
        t.cell_class.push_back(cls);
    }
    s.blocks.push_back(t);
    ReportTable why;
    why.caption = "Why each plan ranks where it does";
    why.header = {"rank", "plan", "why"};
    for (const RehearsedPlan& p : r.ranking) why.rows.push_back({std::to_string(p.rank), p.plan, p.why});
    s.blocks.push_back(why);
    return s;
}

ReportSection method_section(const OptimiseRun& run) {
    const OptimiseSettings& s = run.c.optimise.settings;
    ReportSection sec{"method", "How the search ran", {}};
    const std::string algo = s.algorithm == "nsga2" ? "NSGA-II (Deb, Pratap, Agarwal and Meyarivan 2002)"
                                                    : "MOEA/D (Zhang and Li 2007), pagmo's MOEA/D-DE";
    sec.blocks.push_back(ReportParagraph{
        algo + " from pagmo2, " + number_text(s.population) + " plans a generation over " + number_text(s.generations) +
        " generations, seed " + number_text(s.seed) + "; " + std::to_string(run.evaluations) + " evaluations, " +
        std::to_string(run.plans_run) + " distinct plans run (points that snap onto the same steps are one plan, run "
        "once), " + number_text(std::round(run.search_wall_s)) + " s on " + std::to_string(run.threads) + " thread(s): " +
        number_text(std::round(run.search_wall_s / std::max<double>(1.0, static_cast<double>(run.plans_run)) * 1000) / 1000) +
        " s a plan. Each plan is the case with the variables as overrides, run on the river network alone (no 2D model) "
        "at a network step of " + number_text(run.network_step_s) + " s over the case's period, and judged by " +
        std::to_string(run.objectives().size()) + " objectives. A plan that breaks a hard limit (max_level = " +
        s.max_level + (s.rate_limits ? ", rate limits" : "") + (s.capacity ? ", outlet capacity" : "") +
        ") scores 1e15 x (1 + how far it breaks them) on every objective, so that any plan keeping the limits beats "
        "it and the less it breaks them the better (Deb 2000); such plans never enter the Pareto set. The Pareto set is "
        "taken from every plan run, not only the last population: " + std::to_string(run.front_found) +
        " plans no other dominates, of which " + std::to_string(run.front.size()) +
        " are kept (the extremes of each objective, a plan at least as good as each hand-written plan where there is "
        "one, then the least crowded). What the network cannot tell (the land flooded in protected areas, warnings) is "
        "judged in the rehearsal (--rehearse)."});
    ReportTable g;
    g.caption = "The search, generation by generation";
    g.header = {"generation", "plans run so far", "plans on the front so far"};
    // At most a dozen rows: the first, the last and evenly between.
    const std::size_t n = run.generations.size(), every = std::max<std::size_t>(1, (n + 10) / 11);
    for (std::size_t k = 0; k < n; ++k) {
        if (k % every != 0 && k + 1 != n) continue;
        const GenerationRecord& r = run.generations[k];
        g.rows.push_back({std::to_string(r.generation), std::to_string(r.plans_run), std::to_string(r.front)});
    }
    sec.blocks.push_back(g);
    return sec;
}

}  // namespace

ReportPage optimise_report(const OptimiseRun& run) {
    const OptimiseSettings& s = run.c.optimise.settings;
    const Shown sh = shown(run);
    ReportPage page;
    page.title = "Optimised plans: " + run.c.name;
    page.subtitle = "floodtwin optimise: the Pareto set of the plan parameters the case names, judged on the river network";
    std::string objectives;
    for (const std::string& o : run.objectives()) objectives += (objectives.empty() ? "" : ", ") + o + " (" + sense_word(o) + ")";
    std::string variables;
    for (const OptimiseVariable& v : run.variables.variables())
        variables += (variables.empty() ? "" : "; ") + v.case_key + " in [" + number_text(v.min) + ", " + number_text(v.max) + "]" +
                     (v.step ? " by " + number_text(*v.step) : "");
    const HandWrittenPlan& best = run.hand[run.best_hand];
    page.facts = {{"case", run.c.name + " (" + run.c.file.string() + ")"},
                  {"algorithm", std::string(s.algorithm == "nsga2" ? "NSGA-II" : "MOEA/D") + ", pagmo2, seed " +
                                    number_text(s.seed)},
                  {"objectives", objectives},
                  {"variables", variables},
                  {"evaluated on", "the river network, step " + number_text(run.network_step_s) + " s"},
                  {"plans run", std::to_string(run.plans_run) + " in " + number_text(std::round(run.search_wall_s)) + " s"},
                  {"Pareto set", std::to_string(run.front.size()) + " plans"},
                  {"best hand-written plan", best.plan.name + ": " +
                                                 (best.covered_by.empty() ? "no Pareto plan is as good on every objective"
                                                                          : "at least as good on every objective: " +
                                                                                names_of(run, best.covered_by))}};
    ReportSection front{"front", "The front", {}};
    front.blocks.push_back(ReportParagraph{
        "Each Pareto plan (numbered as in the table) is one that no other plan run beats on every objective; the case's "
        "own plans (the baseline and its [[plan]]s) are judged the same way and shown beside them. " +
        std::string(run.objectives().size() > 2 ? "With more than two objectives the set is shown pair by pair: a plan "
                                                  "that looks beaten in one pair is better in another." : "")});
    for (ScatterChart& c : front_charts(run, sh)) front.blocks.push_back(std::move(c));
    front.blocks.push_back(pareto_table(run, sh));
    ReportSection hand{"hand-written", "The case's own plans against the front", {}};
    hand.blocks.push_back(ReportParagraph{
        "Ranked as the four pre- ranking ranks plans: those that keep the hard limits first, then by the objectives "
        "in their order, each deciding only between plans equal within its tolerance on those before. A Pareto plan is "
        "at least as good as a hand-written one when it is no worse on any objective by more than that objective's "
        "tolerance (0.1 % of a flow, storage or energy, 1 cm of stage, 15 min)."});
    hand.blocks.push_back(hand_table(run, sh));
    page.sections = {front, hand};
    if (run.rehearsal) page.sections.push_back(rehearsal_section(*run.rehearsal));
    page.sections.push_back(method_section(run));
    page.footer = "floodtwin optimise; " + run.command_line;
    return page;
}

}  // namespace floodtwin::twin
