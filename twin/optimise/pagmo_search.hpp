#pragma once
// The multi-objective search itself, by pagmo2 (Biscani and Izzo 2020): NSGA-II (Deb et
// al. 2002) or MOEA/D (Zhang and Li 2007, pagmo's MOEA/D-DE variant of Li and Zhang
// 2009) evolving points of a box. The only file with pagmo's headers is its .cpp. The
// first population is the points given (the hand-written plans) and random points drawn
// from `seed`; the algorithm is seeded with `seed` too: the same seed, the same search.
// The algorithm sees each score scaled to the spread of the first population's
// unpenalised points (0 at their best, 1 at their worst): MOEA/D's weights compare
// objectives, and a storage in m3 would otherwise outweigh a flow in m3/s 10^4 to 1 (Zhang
// and Li 2007 normalise by the ideal and nadir points for the same reason); NSGA-II's
// sorting and crowding do not depend on the scale.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace floodtwin::twin {

struct SearchProblem {
    std::vector<double> lower, upper;
    std::size_t objectives = 2;
    // The minimised scores of a point; called from `threads` threads at once.
    std::function<std::vector<double>(const std::vector<double>&)> scores;
    // Scores at or above this are a penalty (a plan that breaks a hard limit), left as
    // they are; the others are scaled from the first population's spread (run_search).
    double penalty_from = 1e300;
};

struct SearchSettings {
    std::string algorithm;  // nsga2 | moead
    unsigned population = 0, generations = 0, seed = 0;
    unsigned threads = 1;   // NSGA-II evaluates a generation's offspring this many at a time
};

struct SearchOutcome {
    nlohmann::json algorithm;  // its name, pagmo's parameters, the seeds
    std::vector<std::vector<double>> population;  // the last one
};

// `initial`: points for the first population (the first `population` of them); the rest
// is random. `generation_done(g)` after each generation, g from 1 (0: the first population).
[[nodiscard]] SearchOutcome run_search(const SearchProblem& problem, const SearchSettings& settings,
                                       const std::vector<std::vector<double>>& initial,
                                       const std::function<void(unsigned)>& generation_done);

}  // namespace floodtwin::twin
