#include "twin/optimise/pareto_front.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "twin/case/optimise_objectives.hpp"

namespace floodtwin::twin {

namespace {

const ObjectiveInfo& info(const std::string& name) {
    const ObjectiveInfo* o = find_objective(name);
    if (!o) throw std::invalid_argument("'" + name + "' is not an objective");
    return *o;
}

// a's advantage over b on objective k, as minimised: > 0 when a is better.
double advantage(const ObjectiveInfo& o, double a, double b) { return o.sense == ObjectiveSense::minimise ? b - a : a - b; }

double tolerance(const ObjectiveInfo& o, double a, double b) {
    return o.tolerance * (o.relative ? std::max(std::abs(a), std::abs(b)) : 1.0);
}

}  // namespace

std::vector<double> minimised(const std::vector<double>& values, const std::vector<std::string>& objectives) {
    std::vector<double> out(values.size());
    for (std::size_t k = 0; k < values.size(); ++k)
        out[k] = info(objectives.at(k)).sense == ObjectiveSense::maximise ? -values[k] : values[k];
    return out;
}

std::vector<double> search_scores(const NetworkJudgement& plan, const std::vector<std::string>& objectives) {
    if (plan.feasible()) return minimised(plan.values, objectives);
    return std::vector<double>(objectives.size(), infeasible_score * (1.0 + plan.violation));
}

bool dominates(const std::vector<double>& a, const std::vector<double>& b) {
    bool better = false;
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (a[k] > b[k]) return false;
        better = better || a[k] < b[k];
    }
    return better;
}

std::vector<std::size_t> non_dominated(const std::vector<std::vector<double>>& points) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < points.size(); ++i) {
        bool kept = true;
        for (std::size_t j = 0; j < points.size() && kept; ++j)
            kept = !(dominates(points[j], points[i]) || (j < i && points[j] == points[i]));
        if (kept) out.push_back(i);
    }
    return out;
}

std::vector<double> crowding_distance(const std::vector<std::vector<double>>& points) {
    const std::size_t n = points.size();
    std::vector<double> d(n, 0.0);
    if (n == 0) return d;
    constexpr double inf = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < points.front().size(); ++k) {
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return points[a][k] < points[b][k]; });
        d[order.front()] = d[order.back()] = inf;
        const double range = points[order.back()][k] - points[order.front()][k];
        if (!(range > 0.0)) continue;
        for (std::size_t i = 1; i + 1 < n; ++i)
            d[order[i]] += (points[order[i + 1]][k] - points[order[i - 1]][k]) / range;
    }
    return d;
}

std::vector<std::size_t> thinned(const std::vector<std::vector<double>>& points, std::size_t n, const std::vector<bool>& keep) {
    std::vector<std::size_t> left(points.size());
    std::iota(left.begin(), left.end(), 0);
    auto drop_at = [&](std::size_t i) { left.erase(left.begin() + static_cast<std::ptrdiff_t>(i)); };
    while (left.size() > n) {
        std::vector<std::vector<double>> now;
        for (const std::size_t i : left) now.push_back(points[i]);
        const std::vector<double> d = crowding_distance(now);
        std::size_t drop = left.size();
        for (std::size_t i = 0; i < left.size(); ++i)
            if (!keep[left[i]] && std::isfinite(d[i]) && (drop == left.size() || d[i] < d[drop])) drop = i;
        if (drop < left.size()) {
            drop_at(drop);
            continue;
        }
        // Only extremes and plans to keep are left: first those that are no objective's
        // best (the worst of one is usually the best of another), then the bests of the
        // later objectives, then the plans to keep, the last first.
        const std::size_t m = points[left.front()].size();
        std::vector<int> best_of(left.size(), -1);  // the first objective each is the best of
        for (std::size_t k = m; k-- > 0;) {
            std::size_t b = 0;
            for (std::size_t i = 1; i < left.size(); ++i)
                if (now[i][k] < now[b][k]) b = i;
            best_of[b] = static_cast<int>(k);
        }
        for (std::size_t i = left.size(); i-- > 0 && drop == left.size();)
            if (!keep[left[i]] && best_of[i] < 0) drop = i;
        for (std::size_t i = 0; i < left.size() && (drop == left.size() || best_of[drop] >= 0); ++i)
            if (!keep[left[i]] && (drop == left.size() || best_of[i] > best_of[drop])) drop = i;
        if (drop == left.size()) drop = left.size() - 1;  // plans to keep alone: the last goes
        drop_at(drop);
    }
    return left;
}

bool at_least_as_good(const std::vector<double>& a, const std::vector<double>& b, const std::vector<std::string>& objectives) {
    for (std::size_t k = 0; k < objectives.size(); ++k) {
        const ObjectiveInfo& o = info(objectives[k]);
        if (advantage(o, a[k], b[k]) < -tolerance(o, a[k], b[k])) return false;
    }
    return true;
}

bool better_somewhere(const std::vector<double>& a, const std::vector<double>& b, const std::vector<std::string>& objectives) {
    for (std::size_t k = 0; k < objectives.size(); ++k) {
        const ObjectiveInfo& o = info(objectives[k]);
        if (advantage(o, a[k], b[k]) > tolerance(o, a[k], b[k])) return true;
    }
    return false;
}

int lexicographic(const std::vector<double>& a, const std::vector<double>& b, const std::vector<std::string>& objectives) {
    for (std::size_t k = 0; k < objectives.size(); ++k) {
        const ObjectiveInfo& o = info(objectives[k]);
        const double adv = advantage(o, a[k], b[k]);
        if (std::abs(adv) > tolerance(o, a[k], b[k])) return adv > 0.0 ? -1 : 1;
    }
    return 0;
}

}  // namespace floodtwin::twin
