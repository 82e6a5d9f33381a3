#include "twin/case/ensemble_tables.hpp"

#include <algorithm>
#include <cmath>

#include "grids/text_fields.hpp"
#include "twin/case/cholesky.hpp"

namespace floodtwin::twin {

namespace {

bool whole(double v) { return std::floor(v) == v; }

// "[0][1]": a cell of the matrix, as messages name it. Appended piece by piece: GCC 12
// warns (-Wrestrict, a false alarm) on "[" + std::to_string(i) inlined here.
std::string cell(std::size_t i, std::size_t j) {
    std::string s(1, '[');
    s.append(std::to_string(i)).append("][").append(std::to_string(j)).append("]");
    return s;
}

void check_correlation(const CaseEntry& e, const CaseErrors& errors, const EnsembleSettings& s, const Case& c) {
    const std::vector<std::string> known = forecast_inflow_names(c);
    for (std::size_t k = 0; k < s.inflows.size(); ++k) {
        const std::string& name = s.inflows[k];
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            std::string list;
            for (const std::string& n : known) list += (list.empty() ? "'" : ", '") + n + "'";
            errors.fail_at("ensemble.inflows", e.node("inflows"),
                           "'" + name + "' is not a forecast inflow of the case (" +
                               (list.empty() ? std::string("it has none") : "they are " + list) + ")");
        }
        if (std::find(s.inflows.begin(), s.inflows.begin() + static_cast<std::ptrdiff_t>(k), name) !=
            s.inflows.begin() + static_cast<std::ptrdiff_t>(k))
            errors.fail_at("ensemble.inflows", e.node("inflows"), "'" + name + "' is named twice");
    }
    const auto& m = s.inflow_correlation;
    if (m.empty()) {
        if (s.inflows.size() > 1)
            errors.fail_at("ensemble.inflows", e.node("inflows"),
                           "names " + std::to_string(s.inflows.size()) + " inflows: give inflow_correlation, their matrix");
        return;
    }
    if (m.size() != s.inflows.size())
        errors.fail_at("ensemble.inflow_correlation", e.node("inflow_correlation"),
                       std::to_string(m.size()) + " rows for " + std::to_string(s.inflows.size()) +
                           " inflows in ensemble.inflows: one row and one column per inflow");
    for (std::size_t i = 0; i < m.size(); ++i) {
        if (m[i].size() != m.size())
            errors.fail_at("ensemble.inflow_correlation", e.node("inflow_correlation"),
                           "row " + std::to_string(i) + " has " + std::to_string(m[i].size()) + " numbers; the matrix is " +
                               std::to_string(m.size()) + " x " + std::to_string(m.size()));
        for (std::size_t j = 0; j < m.size(); ++j) {
            const std::string at = cell(i, j);
            if (i == j && m[i][j] != 1.0)
                errors.fail_at("ensemble.inflow_correlation", e.node("inflow_correlation"),
                               at + " is " + grids::number_text(m[i][j]) + ": a correlation matrix has 1 on its diagonal");
            if (!(std::abs(m[i][j]) <= 1.0) || m[i][j] != m[j][i])
                errors.fail_at("ensemble.inflow_correlation", e.node("inflow_correlation"),
                               at + " is " + grids::number_text(m[i][j]) + ", " + cell(j, i) + " " +
                                   grids::number_text(m[j][i]) +
                                   ": the matrix must be symmetric, values in [-1, 1]");
        }
    }
    if (!cholesky_factor(m))
        errors.fail_at("ensemble.inflow_correlation", e.node("inflow_correlation"),
                       "is not positive definite: no set of errors can have these correlations");
}

void read_settings(const std::vector<CaseEntry>& entries, const CaseErrors& errors, Case& c) {
    using S = EnsembleSettings;
    const CaseEntry& e = entries.front();
    EnsembleSettings& s = c.ensemble;
    read_fields(e, s, Field{"members", &S::members}, Field{"seed", &S::seed}, Field{"inflow_error", &S::inflow_error},
                Field{"inflow_error_max", &S::inflow_error_max},
                Field{"inflow_correlation_time", &S::inflow_correlation_time_s}, Field{"inflows", &S::inflows},
                Field{"inflow_correlation", &S::inflow_correlation}, Field{"rain_error", &S::rain_error},
                Field{"rain_shift", &S::rain_shift_m}, Field{"manning_factor", &S::manning_factor},
                Field{"rule_error", &S::rule_error}, Field{"station_step", &S::station_step_s});
    if (const auto t = e.opt<Instant>("issue_time")) s.issue_epoch_s = t->epoch_s;
    if (!whole(s.members)) errors.fail_at("ensemble.members", e.node("members"), "must be a whole number");
    if (!whole(s.seed)) errors.fail_at("ensemble.seed", e.node("seed"), "must be a whole number");
    const std::vector<double>& f = s.manning_factor;
    if (f.size() != 2 || !(f[0] > 0.0) || !(f[0] <= f[1]) || !std::isfinite(f[1]))
        errors.fail_at("ensemble.manning_factor", e.node("manning_factor"),
                       "expected [lo, hi] with 0 < lo <= hi, such as [0.9, 1.15]");
    check_correlation(e, errors, s, c);
}

}  // namespace

std::vector<std::string> forecast_inflow_names(const Case& c) {
    std::vector<std::string> names;
    for (const NodeSection& n : c.network.nodes)
        if (n.kind == "inflow" && n.inflow_m3_s) names.push_back(n.name);
    for (const ReservoirSection& r : c.network.reservoirs)
        if (r.inflow_m3_s) names.push_back(r.name);
    for (const BoundarySection& b : c.boundaries)
        if (b.kind == "inflow" && !b.series.empty()) names.push_back(b.name);
    for (const SourceSection& s : c.sources)
        if (!s.discharge_m3_s.empty()) names.push_back(s.name);
    return names;
}

bool read_ensemble_table(std::string_view name, const std::vector<CaseEntry>& entries, const CaseErrors& errors,
                         Case& c) {
    if (name != "ensemble") return false;
    read_settings(entries, errors, c);
    return true;
}

}  // namespace floodtwin::twin
