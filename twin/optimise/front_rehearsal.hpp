#pragma once
// The Pareto plans through the four pre- rehearsal (`floodtwin optimise --rehearse`):
// run_fourpre with those plans in place of the case's (each the baseline with its `set`
// as overrides), the 2D model where the case has one, at an issue time; then its ranking
// read back from plan.json and rehearsal/comparison.json, so the optimise report can
// show the plans judged on what the network cannot tell (protected area flooded,
// warnings).
#include <filesystem>
#include <string>
#include <vector>

#include "twin/case/fourpre_case.hpp"
#include "twin/fourpre/fourpre_workflow.hpp"

namespace floodtwin::twin {

struct RehearsedPlan {
    int rank = 0;
    std::string plan;
    bool admissible = true;
    std::vector<std::pair<std::string, std::string>> objectives;  // the ranking's, as it shows them
    std::vector<std::string> breaches;
    std::string why;
    double protected_km2 = 0.0, flooded_km2 = 0.0;
};

struct RehearsalSummary {
    std::filesystem::path dir;   // the four pre- output folder
    std::string issue_time, chosen, rule;
    std::vector<RehearsedPlan> ranking;
    double wall_s = 0.0;
};

// `base`: the four pre- options (case, overrides, issue time, program, cores, maps);
// its plans and output folder are set here.
[[nodiscard]] RehearsalSummary rehearse_front(FourPreOptions base, const std::filesystem::path& dir,
                                              const std::vector<PlanSection>& plans);

}  // namespace floodtwin::twin
