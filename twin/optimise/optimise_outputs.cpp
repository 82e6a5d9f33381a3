#include "twin/optimise/optimise_outputs.hpp"

#include <filesystem>
#include <sstream>

#include <toml++/toml.h>

#include "grids/text_fields.hpp"
#include "twin/case/optimise_objectives.hpp"

namespace floodtwin::twin {

namespace {

using nlohmann::json;

json objectives_of(const OptimiseRun& run, const std::vector<double>& values) {
    json j = json::object();
    for (std::size_t k = 0; k < values.size(); ++k) j[run.objectives()[k]] = values[k];
    return j;
}

json variables_of(const OptimiseRun& run, const std::vector<double>& x) {
    json j = json::object();
    for (std::size_t k = 0; k < x.size(); ++k) j[run.variables.variables()[k].case_key] = x[k];
    return j;
}

json names(const OptimiseRun& run, const std::vector<std::size_t>& front) {
    json j = json::array();
    for (const std::size_t k : front) j.push_back(run.front[k].name);
    return j;
}

}  // namespace

json pareto_document(const OptimiseRun& run) {
    const OptimiseSettings& s = run.c.optimise.settings;
    json j;
    j["case"] = run.c.name;
    j["case_file"] = std::filesystem::absolute(run.c.file).lexically_normal().string();
    // The overrides the plans were judged with, but optimise.parallel: the results do not
    // depend on the threads, and pareto.json says only what they do depend on.
    json overrides = json::array();
    for (const std::string& o : run.search_overrides)
        if (o.rfind("optimise.parallel", 0) != 0) overrides.push_back(o);
    j["overrides"] = overrides;
    j["evaluated_on"] = "the river network alone (floodtwin route), network step " +
                        grids::number_text(run.network_step_s) + " s, over the case's period";
    j["network_step_s"] = run.network_step_s;
    json objectives = json::array();
    for (const std::string& o : run.objectives()) {
        const ObjectiveInfo& info = *find_objective(o);
        objectives.push_back({{"name", o},
                              {"unit", info.unit},
                              {"sense", info.sense == ObjectiveSense::minimise ? "minimise" : "maximise"},
                              {"tolerance", info.tolerance},
                              {"tolerance_is_relative", info.relative}});
    }
    j["objectives"] = objectives;
    json variables = json::array();
    for (const OptimiseVariable& v : run.variables.variables()) {
        json jv = {{"name", v.name}, {"key", v.case_key}, {"min", v.min}, {"max", v.max}, {"integer", v.integer}};
        if (v.step) jv["step"] = *v.step;
        variables.push_back(jv);
    }
    j["variables"] = variables;
    j["hard_limits"] = {{"max_level", s.max_level}, {"rate_limits", s.rate_limits}, {"capacity", s.capacity},
                        {"penalty", "a plan that breaks one scores 1e15 x (1 + violation) on every objective"}};
    j["algorithm"] = run.algorithm;
    j["algorithm"]["population"] = s.population;
    j["algorithm"]["generations"] = s.generations;
    j["algorithm"]["seed"] = s.seed;
    j["plans_run"] = run.plans_run;
    j["evaluations"] = run.evaluations;
    json generations = json::array();
    for (const GenerationRecord& g : run.generations)
        generations.push_back({{"generation", g.generation}, {"plans_run", g.plans_run}, {"front", g.front}});
    j["generations"] = generations;
    j["front_found"] = run.front_found;
    json plans = json::array();
    for (const ParetoPlan& p : run.front)
        plans.push_back({{"name", p.name},
                         {"variables", variables_of(run, p.x)},
                         {"set", p.set},
                         {"objectives", objectives_of(run, p.judged.values)},
                         {"feasible", p.judged.feasible()},
                         {"reason", p.reason}});
    j["plans"] = plans;
    json hand = json::array();
    for (const HandWrittenPlan& h : run.hand) {
        json jh = {{"name", h.plan.name},
                   {"reason", h.plan.reason},
                   {"set", h.plan.set},
                   {"rank", h.rank},
                   {"objectives", objectives_of(run, h.judged.values)},
                   {"feasible", h.judged.feasible()},
                   {"breaches", h.judged.breaches},
                   {"expressed", h.expressed.x.has_value()},
                   {"seeded", h.seeded},
                   {"at_least_as_good", names(run, h.covered_by)},
                   {"better", names(run, h.improved_by)}};
        if (h.expressed.x) jh["variables"] = variables_of(run, *h.expressed.x);
        else jh["why_not_expressed"] = h.expressed.why_not;
        hand.push_back(jh);
    }
    j["hand_written"] = hand;
    const HandWrittenPlan& best = run.hand[run.best_hand];
    j["best_hand_written"] = {{"name", best.plan.name},
                              {"at_least_as_good", names(run, best.covered_by)},
                              {"better", names(run, best.improved_by)}};
    return j;
}

std::string plans_toml(const OptimiseRun& run) {
    std::ostringstream o;
    o << "# The Pareto plans of '" << run.c.name << "' found by floodtwin optimise (" << run.algorithm.value("name", "")
      << ", seed " << grids::number_text(run.c.optimise.settings.seed) << "), judged on the river network at a step of "
      << grids::number_text(run.network_step_s) << " s by";
    for (const std::string& k : run.objectives()) o << " " << k;
    o << ".\n# Each is a ready [[plan]] block: paste it into the case (rename a plan whose name the case uses),\n"
         "# or rehearse them all with `floodtwin optimise ... --rehearse`.\n";
    for (const ParetoPlan& p : run.front) {
        toml::array set;
        for (const std::string& s : p.set) set.push_back(s);
        toml::table t{{"name", p.name}, {"reason", p.reason}, {"set", std::move(set)}};
        o << "\n[[plan]]\n" << t << "\n";
    }
    return o.str();
}

}  // namespace floodtwin::twin
