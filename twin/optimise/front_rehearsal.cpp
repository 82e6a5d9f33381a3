#include "twin/optimise/front_rehearsal.hpp"

#include <chrono>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace floodtwin::twin {

namespace {

nlohmann::json read_json(const std::filesystem::path& p) {
    std::ifstream in(p);
    if (!in) throw std::runtime_error("the rehearsal wrote no " + p.string());
    return nlohmann::json::parse(in);
}

}  // namespace

RehearsalSummary rehearse_front(FourPreOptions o, const std::filesystem::path& dir, const std::vector<PlanSection>& plans) {
    const auto t0 = std::chrono::steady_clock::now();
    o.out_dir = dir;
    o.plans = plans;
    o.overwrite = true;  // the folder is this optimise run's own
    o.forecast_only = false;
    const FourPreResult r = run_fourpre(o);
    RehearsalSummary s;
    s.dir = dir;
    s.issue_time = o.issue_time;
    s.chosen = r.chosen_plan;
    const nlohmann::json plan = read_json(dir / "plan.json");
    const nlohmann::json comparison = read_json(dir / "rehearsal" / "comparison.json");
    s.rule = plan.value("ranking_rule", "");
    for (const nlohmann::json& j : plan.at("ranking")) {
        RehearsedPlan p;
        p.rank = j.value("rank", 0);
        p.plan = j.value("plan", "");
        p.admissible = j.value("breaks_no_hard_limit", true);
        for (const auto& [k, v] : j.at("objectives").items()) p.objectives.emplace_back(k, v.get<std::string>());
        for (const nlohmann::json& b : j.at("hard_limit_breaches")) p.breaches.push_back(b.get<std::string>());
        p.why = j.value("why", "");
        for (const nlohmann::json& c : comparison.at("plans"))
            if (c.value("plan", "") == p.plan) {
                p.protected_km2 = c.value("protected_flooded_km2", 0.0);
                p.flooded_km2 = c.value("flooded_land_km2", 0.0);
            }
        s.ranking.push_back(std::move(p));
    }
    s.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return s;
}

}  // namespace floodtwin::twin
