#include "twin/optimise/pagmo_search.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

#include <pagmo/algorithm.hpp>
#include <pagmo/algorithms/moead.hpp>
#include <pagmo/algorithms/nsga2.hpp>
#include <pagmo/bfe.hpp>
#include <pagmo/population.hpp>
#include <pagmo/problem.hpp>
#include <pagmo/utils/generic.hpp>

#include "twin/optimise/parallel_runs.hpp"

namespace floodtwin::twin {

namespace {

using Scores = std::function<std::vector<double>(const std::vector<double>&)>;

// Scores scaled to [0, 1] over the first population's unpenalised points; penalties as they are.
struct Scaling {
    std::vector<double> lo, span;
    double penalty_from = 1e300;

    Scaling(const std::vector<std::vector<double>>& first, std::size_t objectives, double penalty)
        : lo(objectives, 0.0), span(objectives, 1.0), penalty_from(penalty) {
        std::vector<double> hi(objectives, 0.0);
        bool any = false;
        for (const auto& f : first) {
            if (std::any_of(f.begin(), f.end(), [&](double v) { return v >= penalty_from; })) continue;
            for (std::size_t k = 0; k < objectives; ++k) {
                lo[k] = any ? std::min(lo[k], f[k]) : f[k];
                hi[k] = any ? std::max(hi[k], f[k]) : f[k];
            }
            any = true;
        }
        for (std::size_t k = 0; k < objectives; ++k)
            span[k] = hi[k] > lo[k] ? hi[k] - lo[k] : std::max(1.0, std::abs(lo[k]));
    }
    [[nodiscard]] std::vector<double> operator()(std::vector<double> f) const {
        if (std::any_of(f.begin(), f.end(), [&](double v) { return v >= penalty_from; })) return f;
        for (std::size_t k = 0; k < f.size(); ++k) f[k] = (f[k] - lo[k]) / span[k];
        return f;
    }
};

// The user-defined problem pagmo evolves: a box, minimised scores, no constraints (those
// are in the scores: twin/optimise/pareto_front.hpp). Its fitness may be called from
// several threads at once (PlanArchive takes care of that).
struct PlanProblem {
    std::vector<double> lower, upper;
    std::size_t objectives = 2;
    std::shared_ptr<const Scores> scores;

    [[nodiscard]] pagmo::vector_double fitness(const pagmo::vector_double& x) const { return (*scores)(x); }
    [[nodiscard]] std::pair<pagmo::vector_double, pagmo::vector_double> get_bounds() const { return {lower, upper}; }
    [[nodiscard]] pagmo::vector_double::size_type get_nobj() const { return objectives; }
    [[nodiscard]] std::string get_name() const { return "floodtwin plan on the river network"; }
    [[nodiscard]] pagmo::thread_safety get_thread_safety() const { return pagmo::thread_safety::constant; }
};

// Fitness of many points, `threads` at a time, each result in its point's place.
std::vector<pagmo::vector_double> evaluate_all(const PlanProblem& p, const std::vector<pagmo::vector_double>& xs,
                                               unsigned threads) {
    return parallel_runs<pagmo::vector_double>(xs.size(), threads, [&](std::size_t k) { return p.fitness(xs[k]); });
}

// pagmo's batch fitness evaluator (a user-defined bfe) over evaluate_all.
struct ThreadedBfe {
    unsigned threads = 1;
    pagmo::vector_double operator()(const pagmo::problem& p, const pagmo::vector_double& dvs) const {
        const PlanProblem& udp = *p.extract<PlanProblem>();
        const std::size_t nx = p.get_nx(), n = dvs.size() / nx;
        std::vector<pagmo::vector_double> xs(n);
        for (std::size_t k = 0; k < n; ++k)
            xs[k].assign(dvs.begin() + static_cast<std::ptrdiff_t>(k * nx), dvs.begin() + static_cast<std::ptrdiff_t>((k + 1) * nx));
        pagmo::vector_double out;
        for (const auto& f : evaluate_all(udp, xs, threads)) out.insert(out.end(), f.begin(), f.end());
        return out;
    }
    [[nodiscard]] std::string get_name() const { return "floodtwin threads"; }
};

}  // namespace

SearchOutcome run_search(const SearchProblem& problem, const SearchSettings& s,
                         const std::vector<std::vector<double>>& initial, const std::function<void(unsigned)>& done) {
    const unsigned population_seed = s.seed + 1u;  // wraps at 2^32: any seed has its own
    // The first population: the points given, then random ones, evaluated together.
    const auto raw = std::make_shared<const Scores>(problem.scores);
    const PlanProblem first_udp{problem.lower, problem.upper, problem.objectives, raw};
    std::vector<pagmo::vector_double> xs(initial.begin(),
                                         initial.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(initial.size(), s.population)));
    std::mt19937 rng(population_seed);
    {
        const pagmo::problem box{first_udp};
        while (xs.size() < s.population) xs.push_back(pagmo::random_decision_vector(box, rng));
    }
    std::vector<pagmo::vector_double> fs = evaluate_all(first_udp, xs, s.threads);
    const Scaling scale(fs, problem.objectives, problem.penalty_from);
    for (auto& f : fs) f = scale(f);
    const PlanProblem udp{problem.lower, problem.upper, problem.objectives,
                          std::make_shared<const Scores>([raw, scale](const std::vector<double>& x) { return scale((*raw)(x)); })};
    pagmo::problem prob{udp};
    pagmo::population pop{prob, 0u, population_seed};
    for (std::size_t k = 0; k < xs.size(); ++k) pop.push_back(xs[k], fs[k]);
    if (done) done(0);

    SearchOutcome out;
    const double n = static_cast<double>(problem.lower.size());
    pagmo::algorithm algo;
    if (s.algorithm == "nsga2") {
        // Deb et al. (2002)'s settings: crossover 0.9, distribution indices 20, mutation 1/n.
        pagmo::nsga2 a(1u, 0.9, 20.0, 1.0 / n, 20.0, s.seed);
        a.set_bfe(pagmo::bfe{ThreadedBfe{s.threads}});
        algo = pagmo::algorithm{a};
        out.algorithm = {{"name", "nsga2"}, {"library", "pagmo2 " + std::to_string(PAGMO_VERSION_MAJOR) + "." +
                                                             std::to_string(PAGMO_VERSION_MINOR)},
                         {"crossover_probability", 0.9}, {"crossover_distribution_index", 20.0},
                         {"mutation_probability", 1.0 / n}, {"mutation_distribution_index", 20.0}};
    } else {
        // Weights on a grid for two objectives (any population), else low-discrepancy.
        const std::string weights = problem.objectives == 2 ? "grid" : "low discrepancy";
        const auto neighbours = static_cast<pagmo::population::size_type>(std::clamp(s.population - 1u, 2u, 20u));
        algo = pagmo::algorithm{pagmo::moead(1u, weights, "tchebycheff", neighbours, 1.0, 0.5, 20.0, 0.9, 2u, true, s.seed)};
        out.algorithm = {{"name", "moead"}, {"library", "pagmo2 " + std::to_string(PAGMO_VERSION_MAJOR) + "." +
                                                             std::to_string(PAGMO_VERSION_MINOR)},
                         {"weight_generation", weights}, {"decomposition", "tchebycheff"}, {"neighbours", neighbours},
                         {"de_cr", 1.0}, {"de_f", 0.5}, {"mutation_distribution_index", 20.0},
                         {"neighbourhood_probability", 0.9}, {"limit", 2}, {"preserve_diversity", true}};
    }
    out.algorithm["algorithm_seed"] = s.seed;
    out.algorithm["scores_scaled_from"] = scale.lo;
    out.algorithm["scores_scaled_by"] = scale.span;
    out.algorithm["population_seed"] = population_seed;
    // One generation at a time: the algorithm keeps its random state between calls.
    for (unsigned g = 1; g <= s.generations; ++g) {
        pop = algo.evolve(pop);
        if (done) done(g);
    }
    for (const auto& x : pop.get_x()) out.population.push_back(x);
    return out;
}

}  // namespace floodtwin::twin
