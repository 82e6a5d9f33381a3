#pragma once
// The Pareto front and the comparisons the search and its report make: dominance
// (minimising), the non-dominated set, the crowding distance of Deb et al. (2002) and a
// front thinned by it, what the algorithm is handed for a plan that breaks a hard limit,
// and "at least as good on every objective" within the objectives' stated tolerances.
#include <cstddef>
#include <string>
#include <vector>

#include "twin/optimise/network_objectives.hpp"

namespace floodtwin::twin {

// A plan that breaks a hard limit scores this times (1 + its violation) on every
// objective: worse than any plan that keeps the limits, and the less it breaks them the
// better (the feasibility rules of Deb 2000, written as a penalty, since pagmo's NSGA-II
// and MOEA/D take no constraints). Above any objective's magnitude (1e11 m3 of storage).
inline constexpr double infeasible_score = 1e15;

// The values as minimised: maximised objectives (storage_left, energy) negated.
[[nodiscard]] std::vector<double> minimised(const std::vector<double>& values, const std::vector<std::string>& objectives);
// What the algorithm is handed for a plan.
[[nodiscard]] std::vector<double> search_scores(const NetworkJudgement& plan, const std::vector<std::string>& objectives);

// a is no worse than b on every objective and better on one (both minimised).
[[nodiscard]] bool dominates(const std::vector<double>& a, const std::vector<double>& b);
// The points no other point dominates, in the order given; of points equal on every
// objective, the first.
[[nodiscard]] std::vector<std::size_t> non_dominated(const std::vector<std::vector<double>>& points);
// Each point's crowding distance among `points` (Deb et al. 2002): infinite at the
// extremes of each objective.
[[nodiscard]] std::vector<double> crowding_distance(const std::vector<std::vector<double>>& points);
// At most `n` of `points` (indices, in order): the most crowded removed one at a time,
// never one marked in `keep` nor an extreme while others are left; then, if still too
// many, the extremes that are no objective's best, the bests of the later objectives,
// and last the plans to keep.
[[nodiscard]] std::vector<std::size_t> thinned(const std::vector<std::vector<double>>& points, std::size_t n,
                                               const std::vector<bool>& keep);

// On every objective, plan a's value is at least as good as plan b's, within the
// objective's tolerance (values in their own units and senses, not minimised).
[[nodiscard]] bool at_least_as_good(const std::vector<double>& a, const std::vector<double>& b,
                                    const std::vector<std::string>& objectives);
// a is better than b on at least one objective by more than its tolerance.
[[nodiscard]] bool better_somewhere(const std::vector<double>& a, const std::vector<double>& b,
                                    const std::vector<std::string>& objectives);
// The first objective, in order, on which a and b differ beyond its tolerance: < 0 when a
// is better there, > 0 when b is, 0 when they are equal on all (the four pre- ranking's rule).
[[nodiscard]] int lexicographic(const std::vector<double>& a, const std::vector<double>& b,
                                const std::vector<std::string>& objectives);

}  // namespace floodtwin::twin
