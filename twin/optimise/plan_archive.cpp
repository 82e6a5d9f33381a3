#include "twin/optimise/plan_archive.hpp"

namespace floodtwin::twin {

NetworkJudgement PlanArchive::evaluate(const std::vector<double>& x) {
    {
        const std::lock_guard lock(m_mutex);
        ++m_calls;
        if (const auto it = m_plans.find(x); it != m_plans.end()) return it->second;
    }
    // Run outside the lock: another thread may run the same plan meanwhile; both get the
    // same answer, and the first one kept is as good as the other.
    NetworkJudgement j = m_run(x);
    const std::lock_guard lock(m_mutex);
    return m_plans.emplace(x, std::move(j)).first->second;
}

std::vector<std::pair<std::vector<double>, NetworkJudgement>> PlanArchive::entries() const {
    const std::lock_guard lock(m_mutex);
    return {m_plans.begin(), m_plans.end()};
}

std::size_t PlanArchive::size() const {
    const std::lock_guard lock(m_mutex);
    return m_plans.size();
}

std::size_t PlanArchive::calls() const {
    const std::lock_guard lock(m_mutex);
    return m_calls;
}

}  // namespace floodtwin::twin
