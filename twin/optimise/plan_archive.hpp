#pragma once
// Every plan the search has run, by its variables (snapped: points that snap alike are
// one plan, run once), and what each came to on the network. Safe to use from several
// threads; read back in the order of the variables' values, so what is made of it does
// not depend on the order the plans were run in (docs/optimise.md: an external archive,
// from which the Pareto set is taken, not only the last population).
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

#include "twin/optimise/network_objectives.hpp"

namespace floodtwin::twin {

class PlanArchive {
public:
    using Run = std::function<NetworkJudgement(const std::vector<double>&)>;
    explicit PlanArchive(Run run) : m_run(std::move(run)) {}

    // The plan at `x` (already snapped), run unless it has been.
    [[nodiscard]] NetworkJudgement evaluate(const std::vector<double>& x);
    [[nodiscard]] std::vector<std::pair<std::vector<double>, NetworkJudgement>> entries() const;
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] std::size_t calls() const;  // evaluations asked for, run or not

private:
    Run m_run;
    mutable std::mutex m_mutex;
    std::map<std::vector<double>, NetworkJudgement> m_plans;
    std::size_t m_calls = 0;
};

}  // namespace floodtwin::twin
